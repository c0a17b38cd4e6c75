#pragma once
// Prometheus text metrics: request counts by route and status class, latency histograms by route.
// Lock-free on the hot path: the route table is fixed at start, so every counter is preallocated.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nara::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  // `labels[i]` is "METHOD pattern" of route i; one extra slot counts unmatched requests.
  explicit Metrics(std::vector<std::string> labels);

  void observe(std::size_t route_index, int status, double seconds);
  [[nodiscard]] std::size_t unmatched_index() const { return labels_.size() - 1; }
  [[nodiscard]] std::string render() const;

 private:
  struct Series {
    std::array<std::atomic<std::uint64_t>, 5> by_status_class{};  // 1xx..5xx
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_microseconds{0};
  };
  std::vector<std::string> labels_;
  std::unique_ptr<Series[]> series_;
};

}  // namespace nara::http
