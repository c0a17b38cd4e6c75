#pragma once
// Solver-internal working solution and its exact evaluation. Not used by the checker, which has
// its own, independent reading of a plan.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "domain/planning/model.hpp"
#include "domain/planning/plan.hpp"

namespace nara::domain::planning::detail {

// Facts derived once from an instance that every search step needs.
struct Prepared {
  explicit Prepared(const Instance& instance);
  [[nodiscard]] bool may(std::size_t visit, std::size_t caregiver) const noexcept {
    return may_serve_flag[visit * instance.caregivers.size() + caregiver] != 0;
  }
  const Instance& instance;
  std::vector<std::size_t> partner;                  // linked visit or kNone
  std::vector<std::size_t> link;                     // link index or kNone
  std::vector<std::vector<std::size_t>> eligible;    // caregivers that may serve each visit
  std::vector<std::vector<std::size_t>> neighbours;  // nearby visits, nearest first
  std::vector<std::uint8_t> may_serve_flag;          // visit x caregiver, for O(1) look-ups
  // For each caregiver the first one who is interchangeable with them while idle (same skills,
  // places, hours, break, capacity, agreement, and named by no person): trying one idle twin
  // is enough when opening a new route.
  std::vector<std::size_t> idle_twin;
  std::vector<std::uint8_t> known_caregiver;  // person x caregiver: in history or preferred
  double penalty = 1.0e4;
  bool granular = true;
  // No cost depends on when visits happen (only hard limits do), as in the VRPTW benchmarks.
  bool time_costs_free = false;  // insert only near neighbours' routes (plus idle caregivers)  //
                                 // per unit of hard violation (minutes late, load units...)
  void find_idle_twins();
  [[nodiscard]] bool tracks_continuity() const noexcept {
    return instance.weights.continuity > 0.0;
  }
};

struct RouteStats {
  double travel = 0.0;
  double tardiness = 0.0;
  double max_tardiness = 0.0;
  double overtime = 0.0;
  double violation = 0.0;
  double last_end = 0.0;  // when the last visit ends
  double return_time = 0.0;
  double latest_return = 0.0;  // shift end plus the allowed overtime
  double break_start = 0.0;
  bool has_break = false;
  std::size_t break_before = kNone;  // index of the visit the break precedes (size(): at the end)
  double load = 0.0;
  std::size_t linked_visits = 0;  // routes without links can be re-timed on their own
};

class Solution {
 public:
  explicit Solution(const Prepared& prepared);

  void insert(std::size_t visit, std::size_t route, std::size_t position);
  void remove(std::size_t visit);
  [[nodiscard]] bool served(std::size_t visit) const noexcept { return route_of[visit] != kNone; }

  std::vector<std::vector<std::size_t>> routes;
  std::vector<std::size_t> route_of;
  std::vector<std::size_t> position_of;
  std::vector<double> start;  // valid for served visits after evaluation
  // Latest start of each visit that keeps the rest of its route within hard limits (hard windows,
  // max overtime): with no time-dependent costs an insertion is then checked in O(1).
  std::vector<double> latest_start;
  std::vector<RouteStats> stats;
  std::vector<std::uint32_t> person_caregiver_visits;  // only when continuity is tracked

  ObjectiveBreakdown objective;
  double violation = 0.0;
  bool deadlock = false;
  double cost = 0.0;  // weighted objective plus penalised violations; infinite on deadlock

  [[nodiscard]] bool feasible() const noexcept { return !deadlock && violation <= 1e-6; }

 private:
  const Prepared* prepared_;
  void renumber(std::size_t route);
};

// Exact schedule for fixed routes: every visit starts as early as its window, its route and its
// link allow. Starts only grow with earlier delays, so the earliest schedule is also the cheapest
// for the fixed routes. Linked visits are timed together once both caregivers have reached them;
// if some caregiver can never reach its next visit the routes are deadlocked (a cycle of links).
class Evaluator {
 public:
  explicit Evaluator(const Prepared& prepared);
  void evaluate(Solution& solution);
  // Re-times only `route` when it has no linked visits (routes are then independent).
  void evaluate_route(Solution& solution, std::size_t route);
  // Drops visits (with their partners) from routes that break a hard limit until none does:
  // a caregiver with fewer visits can always keep the rules, so this always ends feasible.
  void make_feasible(Solution& solution);

 private:
  struct Cursor {
    std::size_t position = 0;
    double time = 0.0;
    std::size_t location = 0;
    bool break_taken = false;
    double break_start = 0.0;
    std::size_t break_before = kNone;
  };
  void finish_route(Solution& solution, std::size_t route, Cursor cursor);
  void total(Solution& solution);

  const Prepared& prepared_;
  std::vector<Cursor> cursors_;
  std::vector<double> ready_;
  std::vector<std::uint8_t> waiting_;
  std::vector<std::size_t> worklist_;
  std::vector<std::uint32_t> seen_stamp_;
  std::uint32_t stamp_ = 0;

  double ready_time(std::size_t route, std::size_t visit);
  void advance(std::size_t route, std::size_t visit, double start);
};

// Copies a working solution into the public plan shape.
[[nodiscard]] Plan to_plan(const Prepared& prepared, const Solution& solution);

}  // namespace nara::domain::planning::detail
