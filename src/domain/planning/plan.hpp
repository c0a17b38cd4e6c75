#pragma once
// A plan as the solver returns it and the checker reads it: per caregiver the visits in order
// with their start times, the break, and the return time.
#include <cstddef>
#include <vector>

#include "domain/planning/objective.hpp"

namespace nara::domain::planning {

struct ScheduledVisit {
  std::size_t visit = 0;
  double start = 0.0;
};

struct Route {
  std::size_t caregiver = 0;
  double departure = 0.0;  // leaves the start location
  std::vector<ScheduledVisit> visits;
  bool has_break = false;
  double break_start = 0.0;  // taken where the caregiver is at that moment
  double return_time = 0.0;  // arrives at the end location
};

struct Plan {
  std::vector<Route> routes;  // one per caregiver, in caregiver order
  std::vector<std::size_t> unserved;
  ObjectiveBreakdown objective;  // as the solver computed it
  double cost = 0.0;             // objective.weighted(weights)
};

}  // namespace nara::domain::planning
