#include "http/metrics.hpp"

#include <fmt/format.h>

namespace nara::http {

Metrics::Metrics(std::vector<std::string> labels) : labels_(std::move(labels)) {
  labels_.emplace_back("unmatched");
  series_ = std::make_unique<Series[]>(labels_.size());
}

void Metrics::observe(std::size_t route_index, int status, double seconds) {
  if (route_index >= labels_.size()) route_index = unmatched_index();
  Series& s = series_[route_index];
  const int status_class = status / 100;
  if (status_class >= 1 && status_class <= 5) {
    s.by_status_class[static_cast<std::size_t>(status_class - 1)].fetch_add(
        1, std::memory_order_relaxed);
  }
  for (std::size_t b = 0; b < kBuckets.size(); ++b) {
    if (seconds <= kBuckets[b]) {
      s.buckets[b].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_microseconds.fetch_add(static_cast<std::uint64_t>(seconds * 1e6),
                               std::memory_order_relaxed);
}

namespace {
std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}
}  // namespace

std::string Metrics::render() const {
  std::string out;
  out += "# HELP nara_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE nara_http_requests_total counter\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    for (std::size_t c = 0; c < 5; ++c) {
      const auto n = series_[i].by_status_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("nara_http_requests_total{{route=\"{}\",status=\"{}xx\"}} {}\n",
                         escape_label(labels_[i]), c + 1, n);
    }
  }
  out += "# HELP nara_http_request_duration_seconds Request latency by route.\n";
  out += "# TYPE nara_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const Series& s = series_[i];
    const auto count = s.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string label = escape_label(labels_[i]);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      out += fmt::format("nara_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         label, kBuckets[b], cumulative);
    }
    out += fmt::format("nara_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                       label, count);
    out +=
        fmt::format("nara_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", label,
                    static_cast<double>(s.sum_microseconds.load(std::memory_order_relaxed)) / 1e6);
    out +=
        fmt::format("nara_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, count);
  }
  return out;
}

}  // namespace nara::http
