#pragma once
// Greedy re-insertion of removed visits (the "recreate" half of ruin-and-recreate). Insertion
// costs are estimated in near-constant time per position: the travel change plus the push of
// later starts along the route until waiting time absorbs it. Linked visits are inserted as a
// pair. The exact evaluation after each insertion keeps the estimates honest.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "domain/planning/solution.hpp"

namespace nara::domain::planning::detail {

class Repair {
 public:
  Repair(const Prepared& prepared, Evaluator& evaluator);

  // Inserts the pending visits in the given order; each position is skipped with probability
  // `blink` (slack induction by string removals, Christiaens & Vanden Berghe 2020), which
  // diversifies the greedy choice. Visits that fit nowhere stay unserved.
  void insert_all(Solution& s, const std::vector<std::size_t>& pending, std::mt19937_64& rng,
                  double blink);

 private:
  struct Candidate {
    std::size_t route = 0;
    std::size_t position = 0;
    double ready = 0.0;
    double cost = 0.0;
  };
  [[nodiscard]] double ready_at(const Solution& s, std::size_t route, std::size_t position,
                                std::size_t visit) const;
  // Estimated cost change of serving `visit` at `start` in `route` before `position`;
  // infinite when a hard limit would break or the cost reaches `cutoff` (every part of the
  // estimate is non-negative except the travel change, so it can stop early).
  [[nodiscard]] double position_cost(const Solution& s, std::size_t route, std::size_t position,
                                     std::size_t visit, double start,
                                     double cutoff = std::numeric_limits<double>::infinity()) const;
  // The `keep` cheapest positions for `visit`, cheapest first.
  void candidates(const Solution& s, std::size_t visit, std::size_t keep, std::mt19937_64& rng,
                  double blink, std::vector<Candidate>& out) const;
  void insert_single(Solution& s, std::size_t visit, std::mt19937_64& rng, double blink);
  void insert_pair(Solution& s, std::size_t link, std::mt19937_64& rng, double blink);
  void refresh(Solution& s, std::size_t route);

  const Prepared& prepared_;
  Evaluator& evaluator_;
  std::vector<Candidate> first_, second_;
  // Routes worth trying for one visit: those of its near neighbours and one idle caregiver of
  // each kind; all eligible routes while few neighbours are planned yet.
  void candidate_routes(const Solution& s, std::size_t visit) const;
  mutable std::vector<std::size_t> routes_;
  mutable std::vector<std::uint32_t> route_mark_, twin_mark_;
  mutable std::uint32_t stamp_ = 0;
};

}  // namespace nara::domain::planning::detail
