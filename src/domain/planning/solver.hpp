#pragma once
// Plans one day: ruin-and-recreate (adaptive large neighbourhood search with string removals and
// greedy insertion with blinks) under simulated-annealing acceptance. The domain has no clock:
// the caller passes how much time has passed as a callable, or an iteration budget.
#include <cstdint>
#include <functional>

#include "domain/planning/model.hpp"
#include "domain/planning/plan.hpp"

namespace nara::domain::planning {

struct SolverOptions {
  std::uint64_t seed = 1;
  // Stop after this many seconds according to `elapsed_seconds` (ignored when that is empty).
  double time_limit_seconds = 0.0;
  std::function<double()> elapsed_seconds;  // must be thread-safe when threads > 1
  // Stop after this many iterations per thread; 0 = no iteration limit. With an iteration budget
  // and no time limit the result depends only on the instance, the options and the seed.
  std::uint64_t max_iterations = 0;
  unsigned threads = 1;  // independent searches with derived seeds; the best plan wins
  // Annealing temperature relative to the average cost per visit of the first plan.
  double start_temperature = 5.0;
  double end_temperature = 0.01;
  std::size_t max_removed = 40;  // visits removed per iteration at most
  // Try re-inserting a visit only into the routes of its 40 nearest visits (and one idle
  // caregiver of each kind) once enough of them are planned: much faster on large days.
  bool granular = true;
};

struct SolverResult {
  Plan plan;
  bool feasible = false;         // no hard limit broken according to the solver's own evaluation
  std::uint64_t iterations = 0;  // summed over threads
};

[[nodiscard]] SolverResult solve(const Instance& instance, const SolverOptions& options);

}  // namespace nara::domain::planning
