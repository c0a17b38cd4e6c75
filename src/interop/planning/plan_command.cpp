#include "interop/planning/plan_command.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "domain/planning/solver.hpp"
#include "interop/planning/instance_readers.hpp"

namespace nara::interop::planning {

namespace json = boost::json;
using namespace domain::planning;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string stem(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = base.find_last_of('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

json::object objective_json(const ObjectiveBreakdown& o) {
  return {{"travel", o.travel},
          {"total_tardiness", o.total_tardiness},
          {"max_tardiness", o.max_tardiness},
          {"unserved_visits", o.unserved_visits},
          {"unserved_penalty", o.unserved_penalty},
          {"new_caregivers", o.new_caregivers},
          {"overtime", o.overtime}};
}

}  // namespace

Instance read_instance(const std::string& path, InstanceFormat format) {
  const std::string text = slurp(path);
  if (format == InstanceFormat::kAuto) {
    if (ends_with(path, ".json")) {
      format = InstanceFormat::kMankowska;
    } else if (text.find("NODE_COORD_SECTION") != std::string::npos) {
      format = InstanceFormat::kVrplib;
    } else {
      format = InstanceFormat::kSolomon;
    }
  }
  switch (format) {
    case InstanceFormat::kMankowska:
      return read_mankowska_json(text, stem(path));
    case InstanceFormat::kVrplib: {
      Instance inst = read_vrplib_vrptw(text);
      if (inst.name.empty()) inst.name = stem(path);
      return inst;
    }
    case InstanceFormat::kSolomon:
    case InstanceFormat::kAuto:
      break;
  }
  Instance inst = read_solomon_vrptw(text);
  if (inst.name.empty()) inst.name = stem(path);
  return inst;
}

json::value plan_to_json(const Instance& inst, const Plan& plan, const CheckReport& report,
                         bool include_routes) {
  json::object doc;
  doc["instance"] = inst.name;
  doc["feasible"] = report.feasible();
  doc["cost"] = report.cost;
  doc["objective"] = objective_json(report.objective);
  doc["solver_cost"] = plan.cost;
  json::array violations;
  for (const Violation& v : report.violations) {
    violations.push_back(json::object{{"rule", v.rule}, {"detail", v.detail}});
  }
  doc["violations"] = std::move(violations);
  std::size_t used = 0;
  json::array routes;
  for (const Route& route : plan.routes) {
    if (route.visits.empty()) continue;
    ++used;
    if (!include_routes) continue;
    const Caregiver& c = inst.caregivers[route.caregiver];
    json::array visits;
    for (const ScheduledVisit& sv : route.visits) {
      const Visit& v = inst.visits[sv.visit];
      visits.push_back(json::object{{"visit", v.id},
                                    {"person", inst.persons[v.person].id},
                                    {"skill", inst.skills[v.skill]},
                                    {"start", sv.start},
                                    {"end", sv.start + v.duration},
                                    {"tardiness", std::max(0.0, sv.start - v.latest)}});
    }
    json::object r{{"caregiver", c.id},
                   {"departure", route.departure},
                   {"return", route.return_time},
                   {"visits", std::move(visits)}};
    if (route.has_break) {
      r["break"] =
          json::object{{"start", route.break_start}, {"end", route.break_start + c.break_duration}};
    }
    routes.push_back(std::move(r));
  }
  doc["caregivers_used"] = used;
  if (include_routes) doc["routes"] = std::move(routes);
  json::array unserved;
  for (std::size_t v : plan.unserved) unserved.push_back(json::value(inst.visits[v].id));
  doc["unserved"] = std::move(unserved);
  return doc;
}

int run_plan_command(const std::string& path, const PlanOptions& options, std::ostream& out,
                     std::ostream& err) {
  Instance inst;
  try {
    inst = read_instance(path, options.format);
  } catch (const std::exception& e) {
    err << "nara plan: " << path << ": " << e.what() << '\n';
    return 2;
  }
  const auto problems = validate(inst);
  if (!problems.empty()) {
    for (const auto& p : problems) err << "nara plan: " << path << ": " << p << '\n';
    return 2;
  }
  const auto began = std::chrono::steady_clock::now();
  SolverOptions solver;
  solver.seed = options.seed;
  solver.threads = options.threads;
  solver.max_iterations = options.iterations;
  solver.start_temperature = options.start_temperature;
  solver.end_temperature = options.end_temperature;
  solver.max_removed = options.max_removed;
  solver.granular = options.granular;
  solver.time_limit_seconds = options.time_limit_seconds;
  solver.elapsed_seconds = [began] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  if (options.time_limit_seconds <= 0.0) solver.elapsed_seconds = nullptr;
  SolverResult result;
  try {
    result = solve(inst, solver);
  } catch (const std::exception& e) {
    err << "nara plan: " << e.what() << '\n';
    return 2;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const CheckReport report = check_plan(inst, result.plan);
  json::value doc = plan_to_json(inst, result.plan, report, options.include_routes);
  doc.as_object()["solver"] = json::object{{"iterations", result.iterations},
                                           {"seconds", seconds},
                                           {"seed", options.seed},
                                           {"threads", options.threads}};
  out << json::serialize(doc) << '\n';
  return report.feasible() ? 0 : 1;
}

}  // namespace nara::interop::planning
