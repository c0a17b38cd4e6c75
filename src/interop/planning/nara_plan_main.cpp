// Stand-alone `nara-plan FILE` until the team's `nara` binary wires in `plan`.
#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "interop/planning/plan_command.hpp"

int main(int argc, char** argv) {
  using nara::interop::planning::InstanceFormat;
  CLI::App app{"Plan one day of home visits from an instance file; prints the plan as JSON"};
  std::string path;
  nara::interop::planning::PlanOptions options;
  bool summary = false;
  app.add_option("file", path, "Mankowska JSON, VRPLIB .vrp or Solomon .txt instance")->required();
  app.add_option("-t,--time-limit", options.time_limit_seconds, "seconds to search (0: none)");
  app.add_option("-i,--iterations", options.iterations, "iteration budget (0: none)");
  app.add_option("-s,--seed", options.seed, "random seed");
  app.add_option("-j,--threads", options.threads, "independent searches in parallel");
  const std::map<std::string, InstanceFormat> formats{{"auto", InstanceFormat::kAuto},
                                                      {"mankowska", InstanceFormat::kMankowska},
                                                      {"vrplib", InstanceFormat::kVrplib},
                                                      {"solomon", InstanceFormat::kSolomon}};
  app.add_option("-f,--format", options.format, "instance format")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  app.add_option("--start-temperature", options.start_temperature,
                 "annealing start, relative to the first plan's cost per visit");
  app.add_option("--end-temperature", options.end_temperature, "annealing end, likewise");
  app.add_option("--max-removed", options.max_removed, "visits removed per iteration at most");
  bool full_scan = false;
  app.add_flag("--full-scan", full_scan, "try every route for every insertion (no granularity)");
  app.add_flag("--summary", summary, "objective and verdict only, no routes");
  CLI11_PARSE(app, argc, argv);
  options.include_routes = !summary;
  options.granular = !full_scan;
  return nara::interop::planning::run_plan_command(path, options, std::cout, std::cerr);
}
