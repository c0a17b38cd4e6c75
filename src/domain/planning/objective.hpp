#pragma once
// Objective of a plan: a weighted sum of components, each reported on its own so a planner can
// see why one plan is better than another.
#include <vector>

namespace nara::domain::planning {

struct ObjectiveWeights {
  double travel = 1.0;           // per minute of travel
  double total_tardiness = 1.0;  // per minute a visit starts after its window
  double max_tardiness = 0.0;    // per minute of the worst single tardiness (fairness)
  // Per unserved visit, by priority (0 = most important). Priorities beyond the list use its last.
  std::vector<double> unserved_by_priority{10000.0};
  double continuity = 0.0;  // per caregiver a person meets who is neither known nor wished
  double overtime = 1.0;    // per minute of return after the end of the shift
};

struct ObjectiveBreakdown {
  double travel = 0.0;
  double total_tardiness = 0.0;
  double max_tardiness = 0.0;
  double unserved_penalty = 0.0;  // already weighted by priority
  std::size_t unserved_visits = 0;
  double new_caregivers = 0.0;  // continuity: count of unknown caregivers over all persons
  double overtime = 0.0;

  [[nodiscard]] double weighted(const ObjectiveWeights& w) const noexcept {
    return w.travel * travel + w.total_tardiness * total_tardiness +
           w.max_tardiness * max_tardiness + unserved_penalty + w.continuity * new_caregivers +
           w.overtime * overtime;
  }
};

[[nodiscard]] inline double unserved_weight(const ObjectiveWeights& w, int priority) noexcept {
  if (w.unserved_by_priority.empty()) return 0.0;
  const auto index = priority < 0 ? 0U : static_cast<std::size_t>(priority);
  return index < w.unserved_by_priority.size() ? w.unserved_by_priority[index]
                                               : w.unserved_by_priority.back();
}

}  // namespace nara::domain::planning
