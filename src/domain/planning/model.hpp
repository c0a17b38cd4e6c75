#pragma once
// The joint home-visit planning problem: one day's visits for the staff of several principals
// (region and municipalities). Pure value types: no I/O, no clock. Times are minutes since the
// start of the planning day, travel is in minutes as well.
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "domain/planning/objective.hpp"

namespace nara::domain::planning {

inline constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
inline constexpr double kOpenEnd = 1.0e9;  // "no limit" for shift ends and windows

// Square matrix of travel times between locations, row-major.
class TravelMatrix {
 public:
  TravelMatrix() = default;
  explicit TravelMatrix(std::size_t locations)
      : size_(locations), minutes_(locations * locations, 0.0) {}
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] double operator()(std::size_t from, std::size_t to) const noexcept {
    return minutes_[from * size_ + to];
  }
  void set(std::size_t from, std::size_t to, double minutes) noexcept {
    minutes_[from * size_ + to] = minutes;
  }

 private:
  std::size_t size_ = 0;
  std::vector<double> minutes_;
};

struct Visit {
  std::string id;
  std::size_t person = 0;    // index into Instance::persons; continuity is counted per person
  std::size_t location = 0;  // index into the travel matrix
  double earliest = 0.0;     // service may not start before this (caregivers wait)
  double latest = kOpenEnd;  // starting later is tardiness, or forbidden when latest_is_hard
  bool latest_is_hard = false;
  double duration = 0.0;
  std::size_t skill = 0;      // index into Instance::skills
  std::size_t principal = 0;  // whose visit it is (index into Instance::principals)
  int priority = 0;           // 0 = most important; indexes ObjectiveWeights::unserved_by_priority
  double demand = 0.0;        // load on the vehicle (only VRPTW benchmarks use it)
  std::vector<std::size_t> excluded_caregivers;  // hard: the person has said no
};

// Two visits of two different caregivers whose starts are tied: start(second) - start(first) in
// [min_gap, max_gap]. A double-staffed visit is a link with both gaps 0.
struct VisitLink {
  std::size_t first = 0;
  std::size_t second = 0;
  double min_gap = 0.0;
  double max_gap = 0.0;
};

struct Person {
  std::string id;
  std::vector<std::size_t> history;    // caregivers who have visited before: no continuity cost
  std::vector<std::size_t> preferred;  // the person's wish: no continuity cost either
};

struct Caregiver {
  std::string id;
  std::vector<std::size_t> skills;
  std::size_t principal = 0;
  std::vector<std::size_t> may_serve_principals;  // joint agreement; own principal always allowed
  std::size_t start_location = 0;
  std::size_t end_location = 0;
  double shift_start = 0.0;
  double shift_end = kOpenEnd;     // returning later is overtime
  double max_overtime = kOpenEnd;  // returning later than shift_end + this is forbidden
  double break_earliest = 0.0;     // the break must start in [break_earliest, break_latest]
  double break_latest = 0.0;
  double break_duration = 0.0;  // 0: no break
  double capacity = kOpenEnd;
};

struct Instance {
  std::string name;
  std::vector<std::string> skills;
  std::vector<std::string> principals;
  std::vector<Person> persons;
  std::vector<Visit> visits;
  std::vector<VisitLink> links;
  std::vector<Caregiver> caregivers;
  TravelMatrix travel;
  ObjectiveWeights weights;
};

// Whether the caregiver may do the visit at all: skill, the person's exclusions, and the joint
// agreement between principals. Time is not considered here.
[[nodiscard]] bool may_serve(const Instance& instance, std::size_t caregiver, std::size_t visit);

// Structural problems of an instance (bad indices, links to themselves, a visit in two links...),
// one message each. An empty list means the solver and checker may rely on the instance.
[[nodiscard]] std::vector<std::string> validate(const Instance& instance);

// For each visit, the link it belongs to or kNone.
[[nodiscard]] std::vector<std::size_t> link_of_visits(const Instance& instance);

// Whether a caregiver who works at all, on a day ending at `return_time`, owes a break.
[[nodiscard]] bool break_required(const Caregiver& caregiver, double return_time) noexcept;

}  // namespace nara::domain::planning
