#pragma once
// Independent validation of a plan. Written apart from the solver and sharing none of its
// evaluation code, so a bug in the solver's bookkeeping cannot hide itself: it only reads the
// plan's own start times and checks them against the instance.
#include <string>
#include <vector>

#include "domain/planning/model.hpp"
#include "domain/planning/plan.hpp"

namespace nara::domain::planning {

struct Violation {
  std::string rule;    // e.g. "window.hard", "skill", "link.gap"
  std::string detail;  // which visit or caregiver, and by how much
};

struct CheckReport {
  std::vector<Violation> violations;
  ObjectiveBreakdown objective;  // recomputed from the plan's times
  double cost = 0.0;             // objective.weighted(instance.weights)
  [[nodiscard]] bool feasible() const noexcept { return violations.empty(); }
};

// `tolerance` absorbs floating-point noise in times (minutes).
[[nodiscard]] CheckReport check_plan(const Instance& instance, const Plan& plan,
                                     double tolerance = 1e-6);

}  // namespace nara::domain::planning
