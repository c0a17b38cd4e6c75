#pragma once
// Joint home-visit planning in the product (issue 7 point 5): solves one day for the staff of
// region and municipalities on a small pool of its own threads, validates every plan with the
// independent checker before anyone sees it, renders it per caregiver with times and a
// continuity score, and stores and shows joint plans to the staff of the participating units.
#include <atomic>
#include <boost/json.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/response_barrier.hpp"
#include "domain/access/actor.hpp"
#include "domain/planning/checker.hpp"
#include "domain/planning/model.hpp"
#include "domain/planning/plan.hpp"
#include "service/context.hpp"
#include "store/database.hpp"

namespace nara::service {

// A day's instance as Nära's staff describe it, resolved to the planner's model, plus what the
// model does not need but a reader of the plan does. Times are minutes since local midnight.
struct PlanningProblem {
  domain::planning::Instance instance;
  std::string date;                          // YYYY-MM-DD, may be empty
  std::vector<std::string> caregiver_names;  // per model caregiver; "" when not given
  std::vector<std::string> caregiver_units;  // per model caregiver; unit id or ""
  std::vector<std::string> person_names;     // per model person; "" when not given
  // Per model visit, the visit as the caller named it: a double-staffed visit is two model
  // visits (one per caregiver, linked to start together) with the same caller id.
  std::vector<std::string> visit_ids;
  std::vector<bool> double_staffed;  // per model visit
};

struct SolveSettings {
  double time_limit_seconds = 5.0;
  std::uint64_t seed = 1;
  std::uint64_t max_iterations = 0;  // 0: only the time limit stops the search
};

inline constexpr double kMaxSolveSeconds = 30.0;

struct SolveOutcome {
  domain::planning::Plan plan;
  domain::planning::CheckReport report;  // the independent checker's verdict
  std::uint64_t iterations = 0;
  double seconds = 0.0;
};

// Solves on the calling thread and checks the result. `cancel`, when set, stops the search early
// (the server is shutting down).
SolveOutcome solve_and_check(const PlanningProblem& problem, const SolveSettings& settings,
                             const std::atomic<bool>* cancel = nullptr);

// The plan per caregiver (ordered visits with arrival, start, end and travel), unserved visits
// with a reason, the objective's parts and the continuity score per person and overall.
boost::json::object plan_document(const PlanningProblem& problem, const SolveOutcome& outcome,
                                  const SolveSettings& settings);

// One solve handed to the pool; `done` finishes once `document` or `failure` is set, or with the
// error when a checked plan could not be saved.
struct SolveJob {
  std::shared_ptr<core::Completion> done = std::make_shared<core::Completion>();
  std::optional<boost::json::object> document;
  std::optional<std::string> plan_id;  // set when the plan was saved
  std::string failure;  // why no plan could be returned (checker violations, solver error)
};

// A fixed number of solver threads and no queue: a solve either starts at once or is refused,
// so a burst of requests cannot pile up minutes of CPU work behind each other.
class SolverPool {
 public:
  explicit SolverPool(unsigned workers);
  ~SolverPool();
  SolverPool(const SolverPool&) = delete;
  SolverPool& operator=(const SolverPool&) = delete;

  // False when every worker is busy. The task gets a flag that turns true on shutdown.
  bool try_submit(std::function<void(const std::atomic<bool>& cancel)> task);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void(const std::atomic<bool>&)>> tasks_;
  unsigned busy_ = 0;  // queued or running
  unsigned workers_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
};

struct StoredPlanSummary {
  std::string id;
  std::string date;
  std::string title;
  bool feasible = false;
  std::int64_t caregivers = 0;
  std::int64_t visits = 0;
  std::vector<std::string> unit_ids;
  std::string created_at;
};

// Where a plan to be saved may go: every person a Nära person in the care of the actor's unit
// (PDL 4:1: storing the plan documents their care), every caregiver's unit an existing unit.
// Returns the participating units (the actor's first); 422 naming the offending field, and a
// `denied` entry when a person exists but is not in the unit's care.
struct SaveTarget {
  std::vector<std::string> unit_ids;
};

class PlanningService {
 public:
  PlanningService(ServiceContext context, unsigned concurrent_solves);

  // 403 unless the actor may plan visits; 422 for a structurally broken instance; nullptr when
  // every solver thread is busy (the caller answers 503). With `save_title` the checked plan is
  // stored for the actor's unit and the caregivers' units (see save_check), each person in it
  // logged as a `create` of the plan (PDL 4:3).
  std::shared_ptr<SolveJob> start_solve(
      const domain::access::Actor& actor, PlanningProblem problem, SolveSettings settings,
      const std::optional<std::string>& save_title = std::nullopt);

  // Plans in which the actor's unit takes part, newest first; `date` narrows to one day.
  std::vector<StoredPlanSummary> list(const domain::access::Actor& actor,
                                      const std::optional<std::string>& date);
  // The stored plan, for staff of a participating unit only (404 otherwise); every person in it
  // is an access to their data and is audited (PDL 4:3).
  boost::json::object read(const domain::access::Actor& actor, const std::string& plan_id);

  // Stores a checked plan with the units taking part; returns its id.
  static std::string insert_plan(store::Transaction& tx, const PlanningProblem& problem,
                                 const boost::json::object& document, const std::string& title,
                                 const std::vector<std::string>& unit_ids,
                                 const std::optional<std::string>& created_by,
                                 const std::string& now_text, bool demo);

 private:
  SaveTarget save_check(const domain::access::Actor& actor, const PlanningProblem& problem);
  std::string save_plan(const domain::access::Actor& actor, const PlanningProblem& problem,
                        const boost::json::object& document, const std::string& title,
                        const SaveTarget& target);

  ServiceContext ctx_;
  SolverPool pool_;
};

}  // namespace nara::service
