#include "service/planning_service.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "core/problem.hpp"
#include "core/random.hpp"
#include "domain/access/role.hpp"
#include "domain/planning/solver.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/denied_access.hpp"
#include "store/access_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

namespace json = boost::json;
using namespace domain::planning;
using domain::access::Permission;

namespace {

// "HH:MM" of minutes since local midnight, rounded to the minute (a plan is read in minutes).
std::string clock_text(double minutes) {
  const auto whole = std::lround(std::clamp(minutes, 0.0, 99.0 * 60.0));
  const auto two = [](long n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return two(whole / 60) + ":" + two(whole % 60);
}

double rounded(double value) {
  return std::round(value * 10.0) / 10.0;
}

bool listed(const std::vector<std::size_t>& list, std::size_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string optional_name(const std::vector<std::string>& names, std::size_t index) {
  return index < names.size() ? names[index] : std::string{};
}

}  // namespace

SolveOutcome solve_and_check(const PlanningProblem& problem, const SolveSettings& settings,
                             const std::atomic<bool>* cancel) {
  const auto began = std::chrono::steady_clock::now();
  SolverOptions options;
  options.seed = settings.seed;
  options.max_iterations = settings.max_iterations;
  // Always a time limit: a request may never hold a solver thread longer than the cap.
  options.time_limit_seconds = std::clamp(settings.time_limit_seconds, 0.05, kMaxSolveSeconds);
  options.elapsed_seconds = [began, cancel] {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return 1.0e18;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  SolveOutcome outcome;
  SolverResult result = solve(problem.instance, options);
  outcome.iterations = result.iterations;
  outcome.plan = std::move(result.plan);
  outcome.report = check_plan(problem.instance, outcome.plan);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return outcome;
}

json::object plan_document(const PlanningProblem& problem, const SolveOutcome& outcome,
                           const SolveSettings& settings) {
  const Instance& inst = problem.instance;
  const Plan& plan = outcome.plan;
  const auto link_of = link_of_visits(inst);
  std::vector<std::size_t> caregiver_of(inst.visits.size(), kNone);
  for (const Route& route : plan.routes) {
    for (const ScheduledVisit& sv : route.visits) caregiver_of[sv.visit] = route.caregiver;
  }
  const auto partner_of = [&](std::size_t visit) -> std::size_t {
    const std::size_t link = link_of[visit];
    if (link == kNone) return kNone;
    const VisitLink& l = inst.links[link];
    return l.first == visit ? l.second : l.first;
  };

  // Continuity per person: the share of their visits done by a caregiver they know (history) or
  // asked for (preferred), and how many different caregivers come at all.
  struct Continuity {
    std::size_t visits = 0;
    std::size_t known = 0;
    std::set<std::size_t> caregivers;
  };
  std::vector<Continuity> continuity(inst.persons.size());

  json::array caregivers;
  for (const Route& route : plan.routes) {
    const Caregiver& c = inst.caregivers[route.caregiver];
    const auto travel = [&](std::size_t from, std::size_t to) { return inst.travel(from, to); };
    double free_from = route.departure;
    std::size_t at = c.start_location;
    bool break_placed = false;
    double route_travel = 0.0;
    json::array visits;
    for (const ScheduledVisit& sv : route.visits) {
      const Visit& v = inst.visits[sv.visit];
      const double leg = travel(at, v.location);
      double arrival = free_from + leg;
      // The break is taken where the caregiver is, before driving on (as the checker reads it).
      if (route.has_break && !break_placed && route.break_start + 1e-6 >= free_from &&
          route.break_start <= sv.start + 1e-6) {
        break_placed = true;
        arrival = route.break_start + c.break_duration + leg;
      }
      route_travel += leg;
      Person const& person = inst.persons[v.person];
      auto& score = continuity[v.person];
      ++score.visits;
      score.caregivers.insert(route.caregiver);
      if (listed(person.history, route.caregiver) || listed(person.preferred, route.caregiver)) {
        ++score.known;
      }
      json::object item{{"visitId", problem.visit_ids.at(sv.visit)},
                        {"personId", person.id},
                        {"skill", inst.skills[v.skill]},
                        {"principal", inst.principals[v.principal]},
                        {"arrival", clock_text(arrival)},
                        {"start", clock_text(sv.start)},
                        {"end", clock_text(sv.start + v.duration)},
                        {"travelMinutes", rounded(leg)},
                        {"waitMinutes", rounded(std::max(0.0, sv.start - arrival))},
                        {"tardinessMinutes", rounded(std::max(0.0, sv.start - v.latest))},
                        {"window", json::object{{"earliest", clock_text(v.earliest)},
                                                {"latest", clock_text(v.latest)}}}};
      const std::string person_name = optional_name(problem.person_names, v.person);
      if (!person_name.empty()) item["personName"] = person_name;
      const bool together =
          sv.visit < problem.double_staffed.size() && problem.double_staffed[sv.visit];
      item["doubleStaffed"] = together;
      if (const std::size_t partner = partner_of(sv.visit);
          together && partner != kNone && caregiver_of[partner] != kNone) {
        item["withCaregiverId"] = inst.caregivers[caregiver_of[partner]].id;
      }
      visits.push_back(std::move(item));
      free_from = sv.start + v.duration;
      at = v.location;
    }
    json::object entry{{"caregiverId", c.id},
                       {"principal", inst.principals[c.principal]},
                       {"shift", json::object{{"start", clock_text(c.shift_start)},
                                              {"end", clock_text(c.shift_end)}}}};
    const std::string name = optional_name(problem.caregiver_names, route.caregiver);
    if (!name.empty()) entry["name"] = name;
    const std::string unit = optional_name(problem.caregiver_units, route.caregiver);
    if (!unit.empty()) entry["unitId"] = unit;
    if (!route.visits.empty()) {
      route_travel += travel(at, c.end_location);
      entry["departure"] = clock_text(route.departure);
      entry["return"] = clock_text(route.return_time);
    }
    entry["travelMinutes"] = rounded(route_travel);
    entry["visitCount"] = route.visits.size();
    if (route.has_break) {
      entry["break"] = json::object{{"start", clock_text(route.break_start)},
                                    {"end", clock_text(route.break_start + c.break_duration)}};
    }
    entry["visits"] = std::move(visits);
    caregivers.push_back(std::move(entry));
  }

  json::array unserved;
  std::set<std::string> unserved_reported;
  for (const std::size_t v : plan.unserved) {
    const std::string& id = problem.visit_ids.at(v);
    if (!unserved_reported.insert(id).second) continue;  // both halves of a double-staffed visit
    std::size_t eligible = 0;
    for (std::size_t c = 0; c < inst.caregivers.size(); ++c) {
      if (may_serve(inst, c, v)) ++eligible;
    }
    const bool together = v < problem.double_staffed.size() && problem.double_staffed[v];
    const bool nobody = eligible == 0 || (together && eligible < 2);
    json::object item{
        {"visitId", id},
        {"personId", inst.persons[inst.visits[v].person].id},
        {"priority", inst.visits[v].priority},
        {"reason", nobody ? "no_qualified_caregiver" : "no_time"},
        {"reasonText", nobody ? "Ingen personal har rätt kompetens och får enligt avtalet göra "
                                "besöket."
                              : "Ingen behörig personal hann med besöket inom tidsfönstret och "
                                "arbetstiden utan att annat viktigare blev ogjort."}};
    unserved.push_back(std::move(item));
  }

  json::array persons;
  std::size_t all_visits = 0;
  std::size_t all_known = 0;
  for (std::size_t p = 0; p < inst.persons.size(); ++p) {
    const auto& score = continuity[p];
    if (score.visits == 0) continue;
    all_visits += score.visits;
    all_known += score.known;
    std::size_t unknown = 0;
    for (const std::size_t c : score.caregivers) {
      if (!listed(inst.persons[p].history, c) && !listed(inst.persons[p].preferred, c)) ++unknown;
    }
    json::object item{{"personId", inst.persons[p].id},
                      {"visits", score.visits},
                      {"caregivers", score.caregivers.size()},
                      {"newCaregivers", unknown},
                      {"score", rounded(100.0 * static_cast<double>(score.known) /
                                        static_cast<double>(score.visits)) /
                                    100.0}};
    const std::string person_name = optional_name(problem.person_names, p);
    if (!person_name.empty()) item["personName"] = person_name;
    persons.push_back(std::move(item));
  }
  const ObjectiveBreakdown& o = outcome.report.objective;
  json::object doc;
  if (!problem.date.empty()) doc["date"] = problem.date;
  doc["feasible"] = outcome.report.feasible();
  doc["checkedBy"] = "independent checker";
  doc["cost"] = rounded(outcome.report.cost);
  doc["objective"] = json::object{{"travelMinutes", rounded(o.travel)},
                                  {"totalTardinessMinutes", rounded(o.total_tardiness)},
                                  {"maxTardinessMinutes", rounded(o.max_tardiness)},
                                  {"unservedVisits", unserved.size()},
                                  {"unservedPenalty", rounded(o.unserved_penalty)},
                                  {"newCaregivers", o.new_caregivers},
                                  {"overtimeMinutes", rounded(o.overtime)}};
  doc["continuity"] = json::object{
      {"score", all_visits == 0 ? 1.0
                                : rounded(100.0 * static_cast<double>(all_known) /
                                          static_cast<double>(all_visits)) /
                                      100.0},
      {"explanation",
       "Andel besök som görs av personal som personen känner sedan tidigare eller önskar."},
      {"persons", std::move(persons)}};
  doc["caregivers"] = std::move(caregivers);
  doc["unserved"] = std::move(unserved);
  doc["solver"] = json::object{{"seconds", rounded(outcome.seconds)},
                               {"iterations", outcome.iterations},
                               {"seed", settings.seed},
                               {"timeLimitSeconds", settings.time_limit_seconds}};
  return doc;
}

SolverPool::SolverPool(unsigned workers) : workers_(std::max(1U, workers)) {
  for (unsigned i = 0; i < workers_; ++i) threads_.emplace_back([this] { work(); });
}

SolverPool::~SolverPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool SolverPool::try_submit(std::function<void(const std::atomic<bool>&)> task) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || busy_ >= workers_) return false;
    ++busy_;
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

void SolverPool::work() {
  for (;;) {
    std::function<void(const std::atomic<bool>&)> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      // Tasks taken before shutdown still run (cancelled at once) so their requests get answers.
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task(stopping_);
    const std::lock_guard lock(mutex_);
    --busy_;
  }
}

PlanningService::PlanningService(ServiceContext context, unsigned concurrent_solves)
    : ctx_(context), pool_(concurrent_solves) {}

SaveTarget PlanningService::save_check(const domain::access::Actor& actor,
                                       const PlanningProblem& problem) {
  if (!actor.unit_id) forbidden("Välj ett uppdrag vid en enhet.");
  if (problem.date.empty()) {
    core::throw_field_error("date", "required", "Ange dagen planen gäller för att spara den.");
  }
  SaveTarget target{{*actor.unit_id}};
  struct Refusal {
    std::string field;
    std::string detail;
    std::optional<std::string> denied_person;  // exists, but not in the unit's care
  };
  const auto refusal = ctx_.db.read([&](store::Transaction& tx) -> std::optional<Refusal> {
    for (std::size_t i = 0; i < problem.caregiver_units.size(); ++i) {
      const std::string& unit = problem.caregiver_units[i];
      if (unit.empty()) continue;
      if (tx.query("SELECT 1 FROM units WHERE id = ? AND active = ?", unit, std::int64_t{1})
              .empty()) {
        return Refusal{"caregivers/" + std::to_string(i) + "/unitId", "Enheten finns inte i Nära.",
                       std::nullopt};
      }
      if (std::find(target.unit_ids.begin(), target.unit_ids.end(), unit) == target.unit_ids.end())
        target.unit_ids.push_back(unit);
    }
    store::AccessRepository access(tx);
    std::size_t input_visit = 0;
    for (std::size_t v = 0; v < problem.instance.visits.size(); ++v) {
      // A double-staffed visit is two model visits with the caller's one id.
      if (v > 0 && problem.visit_ids[v] != problem.visit_ids[v - 1]) ++input_visit;
      const std::string& person = problem.instance.persons[problem.instance.visits[v].person].id;
      const bool exists = !tx.query("SELECT 1 FROM persons WHERE id = ?", person).empty();
      if (exists && access.has_active_relation(*actor.unit_id, person)) continue;
      // The same answer whether or not the person exists (PDL 4:1, as a 404 elsewhere).
      return Refusal{"visits/" + std::to_string(input_visit) + "/personId",
                     "Personen finns inte i Nära, eller din enhet deltar inte i personens vård "
                     "(PDL 4 kap. 1 §). En plan som sparas får bara gälla personer i enhetens "
                     "vård.",
                     exists ? std::optional<std::string>(person) : std::nullopt};
    }
    return std::nullopt;
  });
  if (refusal) {
    if (refusal->denied_person) {
      ctx_.audit->record(
          {denied_entry(actor, ctx_.clock, "visit_plan", *refusal->denied_person, "PDL 4:1")});
    }
    core::throw_field_error(refusal->field, "reference", refusal->detail);
  }
  return target;
}

std::string PlanningService::save_plan(const domain::access::Actor& actor,
                                       const PlanningProblem& problem, const json::object& document,
                                       const std::string& title, const SaveTarget& target) {
  const std::string now_text = store::to_db_time(ctx_.clock.now());
  return ctx_.db.write([&](store::Transaction& tx) {
    std::string id = insert_plan(
        tx, problem, document, title, target.unit_ids,
        actor.user_id.empty() ? std::nullopt : std::optional<std::string>(actor.user_id), now_text,
        false);
    // Storing the plan documents each person's care: one entry per person, in the same
    // transaction (PDL 4:3). Not a list entry: it is a change to each person's documentation,
    // made by the change's own transaction, and a plan holds a day's few persons.
    std::set<std::string> persons;
    for (const Person& p : problem.instance.persons) persons.insert(p.id);
    std::vector<domain::access::AuditEntry> entries;
    for (const auto& person : persons) {
      auto e = audit_entry(actor, ctx_.clock, domain::access::AuditAction::create, "visit_plan", id,
                           person);
      e.outcome = "allowed: vårdrelation (PDL 4:1), gemensam besöksplan sparad";
      e.purpose = "planning";
      entries.push_back(std::move(e));
    }
    AuditLog::record_in(tx, std::move(entries));
    return id;
  });
}

std::shared_ptr<SolveJob> PlanningService::start_solve(
    const domain::access::Actor& actor, PlanningProblem problem, SolveSettings settings,
    const std::optional<std::string>& save_title) {
  if (!allowed(actor, Permission::plan_visits)) {
    forbidden(
        "Att planera hembesök hör till distriktssköterskor, sjuksköterskor i hemsjukvården "
        "och enhetschefer.");
  }
  if (const auto problems = validate(problem.instance); !problems.empty()) {
    core::throw_field_error("visits", "structure", problems.front());
  }
  std::optional<SaveTarget> target;
  if (save_title) target = save_check(actor, problem);
  auto job = std::make_shared<SolveJob>();
  auto shared_problem = std::make_shared<const PlanningProblem>(std::move(problem));
  const bool started = pool_.try_submit([this, job, shared_problem, settings, actor, target,
                                         title = save_title.value_or("")](const auto& cancel) {
    try {
      const SolveOutcome outcome = solve_and_check(*shared_problem, settings, &cancel);
      if (outcome.report.feasible()) {
        auto document = plan_document(*shared_problem, outcome, settings);
        if (target) {
          try {
            job->plan_id = save_plan(actor, *shared_problem, document, title, *target);
          } catch (...) {
            // Not a plan problem: the server logs it and answers 500 with the request id.
            job->done->finish(std::current_exception());
            return;
          }
          document["id"] = *job->plan_id;
          document["title"] = title;
        }
        job->document = std::move(document);
      } else {
        // Never hand out a plan the checker rejects; the violations name the solver's bug.
        job->failure = outcome.report.violations.front().rule + ": " +
                       outcome.report.violations.front().detail;
      }
    } catch (const std::exception& e) {
      job->failure = e.what();
    }
    job->done->finish(nullptr);
  });
  if (!started) return nullptr;
  return job;
}

std::string PlanningService::insert_plan(store::Transaction& tx, const PlanningProblem& problem,
                                         const json::object& document, const std::string& title,
                                         const std::vector<std::string>& unit_ids,
                                         const std::optional<std::string>& created_by,
                                         const std::string& now_text, bool demo) {
  std::string id = core::new_uuid();
  std::int64_t visits = 0;
  std::int64_t caregivers = 0;
  for (const auto& c : document.at("caregivers").as_array()) {
    const auto count = c.as_object().at("visits").as_array().size();
    if (count > 0) ++caregivers;
    visits += static_cast<std::int64_t>(count);
  }
  tx.query(
      "INSERT INTO visit_plans (id, plan_date, title, feasible, caregivers, visits, content, "
      "created_by, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      id, problem.date, title, std::int64_t{document.at("feasible").as_bool() ? 1 : 0}, caregivers,
      visits, json::serialize(document), store::optional_value(created_by), now_text,
      std::int64_t{demo ? 1 : 0});
  for (const std::string& unit : std::set<std::string>(unit_ids.begin(), unit_ids.end())) {
    tx.query("INSERT INTO visit_plan_units (plan_id, unit_id) VALUES (?, ?)", id, unit);
  }
  std::set<std::string> persons;
  for (const Person& p : problem.instance.persons) persons.insert(p.id);
  for (const std::string& person : persons) {
    tx.query("INSERT INTO visit_plan_persons (plan_id, person_id) VALUES (?, ?)", id, person);
  }
  return id;
}

std::vector<StoredPlanSummary> PlanningService::list(const domain::access::Actor& actor,
                                                     const std::optional<std::string>& date) {
  require(actor, Permission::plan_visits);
  if (!actor.unit_id) forbidden("Välj ett uppdrag vid en enhet.");
  return ctx_.db.read([&](store::Transaction& tx) {
    std::string sql =
        "SELECT p.id, p.plan_date, p.title, p.feasible, p.caregivers, p.visits, p.created_at "
        "FROM visit_plans p WHERE EXISTS (SELECT 1 FROM visit_plan_units u WHERE u.plan_id = p.id "
        "AND u.unit_id = ?)";
    std::vector<store::Value> params{*actor.unit_id};
    if (date) {
      sql += " AND p.plan_date = ?";
      params.emplace_back(*date);
    }
    sql += " ORDER BY p.plan_date DESC, p.created_at DESC, p.id LIMIT 200";
    const auto rows = tx.run(sql, params);
    std::vector<StoredPlanSummary> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto row = rows.row(i);
      StoredPlanSummary s;
      s.id = row.text(0);
      s.date = row.text(1);
      s.title = row.text(2);
      s.feasible = row.int64(3) != 0;
      s.caregivers = row.int64(4);
      s.visits = row.int64(5);
      s.created_at = row.text(6);
      const auto units =
          tx.query("SELECT unit_id FROM visit_plan_units WHERE plan_id = ? ORDER BY unit_id", s.id);
      for (std::size_t u = 0; u < units.size(); ++u) s.unit_ids.push_back(units.row(u).text(0));
      out.push_back(std::move(s));
    }
    return out;
  });
}

json::object PlanningService::read(const domain::access::Actor& actor, const std::string& plan_id) {
  require(actor, Permission::plan_visits);
  if (!actor.unit_id) forbidden("Välj ett uppdrag vid en enhet.");
  struct Stored {
    json::object document;
    std::vector<std::string> units;
    std::vector<std::string> persons;
  };
  Stored stored = ctx_.db.read([&](store::Transaction& tx) {
    // Only staff of a unit taking part may know the plan exists: it lists persons and their care.
    const auto row = tx.query(
        "SELECT p.id, p.plan_date, p.title, p.content, p.created_at FROM visit_plans p WHERE "
        "p.id = ? AND EXISTS (SELECT 1 FROM visit_plan_units u WHERE u.plan_id = p.id AND "
        "u.unit_id = ?)",
        plan_id, *actor.unit_id);
    if (row.empty()) not_found();
    Stored s;
    s.document = json::parse(row.row(0).text(3)).as_object();
    s.document["id"] = row.row(0).text(0);
    s.document["date"] = row.row(0).text(1);
    s.document["title"] = row.row(0).text(2);
    s.document["createdAt"] = row.row(0).text(4);
    const auto units = tx.query(
        "SELECT unit_id FROM visit_plan_units WHERE plan_id = ? ORDER BY unit_id", plan_id);
    for (std::size_t i = 0; i < units.size(); ++i) s.units.push_back(units.row(i).text(0));
    const auto persons = tx.query(
        "SELECT person_id FROM visit_plan_persons WHERE plan_id = ? ORDER BY person_id", plan_id);
    for (std::size_t i = 0; i < persons.size(); ++i) s.persons.push_back(persons.row(i).text(0));
    return s;
  });
  json::array units;
  for (const auto& u : stored.units) units.emplace_back(u);
  stored.document["unitIds"] = std::move(units);
  // Each person in the plan is an access to their data (PDL 4:3): one list entry names them all.
  if (!stored.persons.empty()) {
    ctx_.audit->record(
        {list_read_entry(actor, ctx_.clock, "visit_plan", plan_id, std::move(stored.persons),
                         "allowed: deltagande enhet (gemensam besöksplan)")});
  }
  return std::move(stored.document);
}

}  // namespace nara::service
