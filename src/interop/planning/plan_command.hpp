#pragma once
// `nara plan FILE`: read an instance, plan it, check the plan independently, print it as JSON.
// Kept free of the CLI library so the team's main binary can call it as a subcommand.
#include <boost/json/value.hpp>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "domain/planning/checker.hpp"
#include "domain/planning/model.hpp"
#include "domain/planning/plan.hpp"
#include "domain/planning/solver.hpp"

namespace nara::interop::planning {

enum class InstanceFormat { kAuto, kMankowska, kVrplib, kSolomon };

struct PlanOptions {
  double time_limit_seconds = 10.0;
  std::uint64_t iterations = 0;  // 0: only the time limit stops the search
  std::uint64_t seed = 1;
  unsigned threads = 1;
  InstanceFormat format = InstanceFormat::kAuto;
  // Search tuning; the defaults are the ones the benchmarks use.
  double start_temperature = domain::planning::SolverOptions{}.start_temperature;
  double end_temperature = domain::planning::SolverOptions{}.end_temperature;
  std::size_t max_removed = domain::planning::SolverOptions{}.max_removed;
  bool granular = domain::planning::SolverOptions{}.granular;
  bool include_routes = true;  // false: objective and checker verdict only (benchmarks)
};

// Reads a file in the given format (by extension and content when kAuto).
[[nodiscard]] domain::planning::Instance read_instance(const std::string& path,
                                                       InstanceFormat format);

[[nodiscard]] boost::json::value plan_to_json(const domain::planning::Instance& instance,
                                              const domain::planning::Plan& plan,
                                              const domain::planning::CheckReport& report,
                                              bool include_routes);

// Exit codes: 0 plan written and checker-feasible, 1 plan written but infeasible, 2 bad input.
int run_plan_command(const std::string& path, const PlanOptions& options, std::ostream& out,
                     std::ostream& err);

}  // namespace nara::interop::planning
