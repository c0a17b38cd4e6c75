// /api/v1/planning: a day's joint home visits of region and municipalities solved on request
// (issue 7 point 5), and the stored joint plans of the participating units.
//
// The solve is CPU work of up to 30 s. Handlers run on the HTTP server's few I/O threads, so the
// solve goes to the planning service's own solver threads and the handler returns at once with a
// response that the server completes once the solve has finished (core::ResponseBarrier, the same
// mechanism the audit log's group commit uses): no I/O thread waits for the solver. The solver
// threads are few and have no queue; when all are busy the answer is 503 with Retry-After.
#include <map>
#include <set>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "core/response_barrier.hpp"
#include "domain/planning/travel.hpp"

namespace nara::api {

namespace {

namespace json = boost::json;
using namespace domain::planning;

constexpr std::size_t kMaxVisits = 300;
constexpr std::size_t kMaxCaregivers = 60;
constexpr std::size_t kMaxPersons = 300;

// "HH:MM" to minutes since midnight; 24:00 is the end of the day.
std::optional<double> clock_field(http::ObjectReader& r, const std::string& name, bool required) {
  const auto text =
      required ? std::optional(r.required_string(name, 5)) : r.optional_string(name, 5);
  if (!text || text->empty()) return std::nullopt;
  const std::string& t = *text;
  const auto digit = [&t](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    r.add_error(name, "format", "Ange klockslaget som TT:MM, t.ex. 08:30.");
    return std::nullopt;
  }
  const int hours = (t[0] - '0') * 10 + (t[1] - '0');
  const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    r.add_error(name, "range", "Klockslaget finns inte (00:00–24:00).");
    return std::nullopt;
  }
  return hours * 60.0 + minutes;
}

bool is_date(const std::string& t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  const int month = (t[5] - '0') * 10 + (t[6] - '0');
  const int day = (t[8] - '0') * 10 + (t[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Skills and principals are free names in the request; the model wants indices.
std::size_t intern(std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  names.push_back(name);
  return names.size() - 1;
}

GeoPoint read_place(http::ObjectReader& r) {
  GeoPoint p;
  p.latitude = r.optional_number("latitude", -90.0, 90.0).value_or(0.0);
  p.longitude = r.optional_number("longitude", -180.0, 180.0).value_or(0.0);
  if (!r.has("latitude")) r.add_error("latitude", "required", "Fältet är obligatoriskt.");
  if (!r.has("longitude")) r.add_error("longitude", "required", "Fältet är obligatoriskt.");
  const auto area = r.optional_string("area", 10).value_or("rural");
  if (area == "town") {
    p.area = AreaType::kTown;
  } else if (area == "rural") {
    p.area = AreaType::kRural;
  } else {
    r.add_error("area", "enum", "Ange town (tätort) eller rural (landsbygd).");
  }
  return p;
}

struct ParsedRequest {
  service::PlanningProblem problem;
  service::SolveSettings settings;
  std::optional<std::string> save_title;  // "save": {"title"}: store the plan when checked
};

ParsedRequest read_solve_request(const json::object& body) {
  ParsedRequest out;
  auto& problem = out.problem;
  Instance& inst = problem.instance;
  inst.name = "api";
  http::ObjectReader r(body);
  if (const auto date = r.optional_string("date", 10)) {
    if (!is_date(*date)) r.add_error("date", "format", "Ange dagen som ÅÅÅÅ-MM-DD.");
    problem.date = *date;
  }
  if (const auto* save = r.optional_object("save")) {
    http::ObjectReader s(*save, "save");
    out.save_title = s.required_string("title", 200);
    s.finish();
  }
  out.settings.time_limit_seconds =
      r.optional_number("timeLimitSeconds", 0.1, service::kMaxSolveSeconds).value_or(5.0);
  out.settings.seed =
      static_cast<std::uint64_t>(r.optional_int("seed", 0, std::int64_t{1} << 53).value_or(1));
  out.settings.max_iterations =
      static_cast<std::uint64_t>(r.optional_int("maxIterations", 1, 10'000'000).value_or(0));

  if (const auto* weights = r.optional_object("weights")) {
    http::ObjectReader w(*weights, "weights");
    ObjectiveWeights& ow = inst.weights;
    ow.travel = w.optional_number("travel", 0.0, 1e6).value_or(1.0);
    ow.total_tardiness = w.optional_number("tardiness", 0.0, 1e6).value_or(1.0);
    ow.max_tardiness = w.optional_number("maxTardiness", 0.0, 1e6).value_or(0.0);
    ow.continuity = w.optional_number("continuity", 0.0, 1e6).value_or(30.0);
    ow.overtime = w.optional_number("overtime", 0.0, 1e6).value_or(2.0);
    const double unserved = w.optional_number("unserved", 0.0, 1e9).value_or(10000.0);
    // Each step down in priority halves the penalty of leaving a visit undone.
    ow.unserved_by_priority = {unserved, unserved / 2.0, unserved / 4.0, unserved / 8.0};
    w.finish();
  } else {
    inst.weights.continuity = 30.0;
    inst.weights.overtime = 2.0;
    inst.weights.unserved_by_priority = {10000.0, 5000.0, 2500.0, 1250.0};
  }
  RoadAssumptions roads;
  if (const auto* roads_in = r.optional_object("roads")) {
    http::ObjectReader rr(*roads_in, "roads");
    roads.detour_factor = rr.optional_number("detourFactor", 1.0, 3.0).value_or(1.3);
    roads.town_speed_kmh = rr.optional_number("townSpeedKmh", 5.0, 130.0).value_or(30.0);
    roads.rural_speed_kmh = rr.optional_number("ruralSpeedKmh", 5.0, 130.0).value_or(60.0);
    rr.finish();
  }

  std::vector<GeoPoint> places;
  std::map<std::string, std::size_t> caregiver_index;
  const auto caregivers_in = r.object_array("caregivers", kMaxCaregivers);
  if (!caregivers_in || caregivers_in->empty()) {
    r.add_error("caregivers", "required", "Ange minst en i personalen.");
  } else {
    for (std::size_t i = 0; i < caregivers_in->size(); ++i) {
      const std::string at = "caregivers/" + std::to_string(i);
      http::ObjectReader c(*(*caregivers_in)[i], at);
      Caregiver cg;
      cg.id = c.required_string("id", 64);
      if (!cg.id.empty() && !caregiver_index.emplace(cg.id, i).second) {
        c.add_error("id", "unique", "Samma id förekommer två gånger.");
      }
      problem.caregiver_names.push_back(c.optional_string("name", 200).value_or(""));
      problem.caregiver_units.push_back(c.optional_string("unitId", 64).value_or(""));
      const auto skills = c.string_array("skills", 30);
      if (skills.empty()) c.add_error("skills", "required", "Ange minst en kompetens.");
      for (const auto& s : skills) cg.skills.push_back(intern(inst.skills, s));
      cg.principal = intern(inst.principals, c.required_string("principal", 100));
      for (const auto& p : c.string_array("mayServePrincipals", 20)) {
        cg.may_serve_principals.push_back(intern(inst.principals, p));
      }
      cg.shift_start = clock_field(c, "shiftStart", true).value_or(0.0);
      cg.shift_end = clock_field(c, "shiftEnd", true).value_or(24.0 * 60.0);
      if (cg.shift_end <= cg.shift_start) {
        c.add_error("shiftEnd", "order", "Passet måste sluta efter att det börjat.");
      }
      cg.max_overtime = c.optional_number("maxOvertimeMinutes", 0.0, 600.0).value_or(60.0);
      if (const auto* pause = c.optional_object("break")) {
        http::ObjectReader b(*pause, at + "/break");
        cg.break_earliest = clock_field(b, "earliest", true).value_or(0.0);
        cg.break_latest = clock_field(b, "latest", true).value_or(0.0);
        cg.break_duration = b.optional_number("durationMinutes", 1.0, 120.0).value_or(30.0);
        if (cg.break_latest < cg.break_earliest) {
          b.add_error("latest", "order", "Rasten kan inte börja senast före tidigast.");
        }
        b.finish();
      }
      if (const auto* start = c.optional_object("start")) {
        http::ObjectReader s(*start, at + "/start");
        places.push_back(read_place(s));
        s.finish();
      } else {
        c.add_error("start", "required", "Ange var passet börjar (latitude, longitude).");
        places.push_back({});
      }
      cg.start_location = places.size() - 1;
      cg.end_location = cg.start_location;
      if (const auto* end = c.optional_object("end")) {
        http::ObjectReader e(*end, at + "/end");
        places.push_back(read_place(e));
        e.finish();
        cg.end_location = places.size() - 1;
      }
      c.finish();
      inst.caregivers.push_back(std::move(cg));
    }
  }

  // Caregivers named by persons must exist; checked once all caregivers are known.
  const auto caregiver_list = [&](http::ObjectReader& p, const std::string& field) {
    std::vector<std::size_t> indices;
    for (const auto& id : p.string_array(field, 60)) {
      const auto it = caregiver_index.find(id);
      if (it == caregiver_index.end()) {
        p.add_error(field, "reference", "Okänd i personalen: " + id + ".");
      } else {
        indices.push_back(it->second);
      }
    }
    return indices;
  };
  std::map<std::string, std::size_t> person_index;
  std::vector<std::vector<std::size_t>> person_excludes;
  if (const auto persons_in = r.object_array("persons", kMaxPersons)) {
    for (std::size_t i = 0; i < persons_in->size(); ++i) {
      http::ObjectReader p(*(*persons_in)[i], "persons/" + std::to_string(i));
      Person person;
      person.id = p.required_string("id", 64);
      if (!person.id.empty() && !person_index.emplace(person.id, inst.persons.size()).second) {
        p.add_error("id", "unique", "Samma id förekommer två gånger.");
      }
      problem.person_names.push_back(p.optional_string("name", 200).value_or(""));
      person.history = caregiver_list(p, "history");
      person.preferred = caregiver_list(p, "preferredCaregivers");
      person_excludes.push_back(caregiver_list(p, "excludedCaregivers"));
      p.finish();
      inst.persons.push_back(std::move(person));
    }
  }

  const auto visits_in = r.object_array("visits", kMaxVisits);
  if (!visits_in || visits_in->empty()) {
    r.add_error("visits", "required", "Ange minst ett besök.");
  } else {
    std::set<std::string> visit_ids;
    for (std::size_t i = 0; i < visits_in->size(); ++i) {
      http::ObjectReader v(*(*visits_in)[i], "visits/" + std::to_string(i));
      Visit visit;
      const std::string id = v.required_string("id", 64);
      if (!id.empty() && !visit_ids.insert(id).second) {
        v.add_error("id", "unique", "Samma id förekommer två gånger.");
      }
      const std::string person = v.required_string("personId", 64);
      auto found = person_index.find(person);
      if (found == person_index.end() && !person.empty()) {
        // A person not listed has no history and no wishes.
        found = person_index.emplace(person, inst.persons.size()).first;
        inst.persons.push_back(Person{person, {}, {}});
        problem.person_names.emplace_back();
        person_excludes.emplace_back();
      }
      if (found != person_index.end()) {
        visit.person = found->second;
        visit.excluded_caregivers = person_excludes[found->second];
      }
      places.push_back(read_place(v));
      visit.location = places.size() - 1;
      visit.earliest = clock_field(v, "earliest", true).value_or(0.0);
      visit.latest = clock_field(v, "latest", true).value_or(visit.earliest);
      if (visit.latest < visit.earliest) {
        v.add_error("latest", "order", "Fönstret kan inte sluta före det börjar.");
      }
      visit.latest_is_hard = v.optional_bool("hardWindow").value_or(false);
      const auto duration = v.optional_number("durationMinutes", 1.0, 480.0);
      if (!duration && !v.has("durationMinutes")) {
        v.add_error("durationMinutes", "required", "Fältet är obligatoriskt.");
      }
      visit.duration = duration.value_or(30.0);
      visit.skill = intern(inst.skills, v.required_string("skill", 100));
      visit.principal = intern(inst.principals, v.required_string("principal", 100));
      visit.priority = static_cast<int>(v.optional_int("priority", 0, 3).value_or(1));
      const bool together = v.optional_bool("doubleStaffed").value_or(false);
      v.finish();
      visit.id = together ? id + "#1" : id;
      inst.visits.push_back(visit);
      problem.visit_ids.push_back(id);
      problem.double_staffed.push_back(together);
      if (together) {
        // Two caregivers who start together: two model visits with a zero gap between them.
        visit.id = id + "#2";
        inst.visits.push_back(visit);
        problem.visit_ids.push_back(id);
        problem.double_staffed.push_back(true);
        inst.links.push_back({inst.visits.size() - 2, inst.visits.size() - 1, 0.0, 0.0});
      }
    }
  }
  r.finish();
  inst.travel = estimated_travel(places, roads);
  return out;
}

// The planner's own answers that are not a handler's thrown problem: busy, plan rejected.
void set_problem(http::Response& r, int status, const std::string& type, const std::string& title,
                 const std::string& detail, const std::string& instance = {}) {
  r.status = status;
  r.content_type = "application/problem+json";
  json::object body{{"type", type}, {"title", title}, {"status", status}, {"detail", detail}};
  if (!instance.empty()) body["instance"] = instance;
  r.body = json::serialize(body);
}

http::Response busy_response(const http::Request& request) {
  http::Response r;
  set_problem(r, 503, "https://nara.example/problems/planner-busy", "Planeraren är upptagen",
              "Alla planeringstrådar räknar redan. Försök igen om en stund.", request.path);
  r.set_header("Retry-After", "10");
  return r;
}

void fill_solve_response(const service::SolveJob& job, const std::string& request_id,
                         http::Response& r) {
  if (job.document) {
    r.status = job.plan_id ? 201 : 200;
    r.content_type = "application/json";
    r.body = json::serialize(*job.document);
    if (job.plan_id) r.set_header("Location", "/api/v1/planning/plans/" + *job.plan_id);
    return;
  }
  set_problem(r, 500, "https://nara.example/problems/plan-rejected", "Planen kunde inte tas fram",
              "Planen klarade inte den oberoende kontrollen (" + job.failure +
                  "). Ange begäran-id " + request_id + " vid kontakt.");
}

json::object summary_json(const service::StoredPlanSummary& s) {
  json::array units;
  for (const auto& u : s.unit_ids) units.emplace_back(u);
  return {{"id", s.id},
          {"date", s.date},
          {"title", s.title},
          {"feasible", s.feasible},
          {"caregivers", s.caregivers},
          {"visits", s.visits},
          {"unitIds", std::move(units)},
          {"createdAt", s.created_at}};
}

}  // namespace

void add_planning_routes(http::Router& router, Services& services) {
  auto& planning = services.planning;
  router.add(
      {http::Method::post,
       "/api/v1/planning/solve",
       http::Access::assignment,
       [&planning](http::Context& c) {
         auto request = read_solve_request(body_object(c.request));
         auto job = planning.start_solve(c.who(), std::move(request.problem), request.settings,
                                         request.save_title);
         if (!job) return busy_response(c.request);
         http::Response response;
         const std::string request_id = c.request.request_id;
         if (auto* barrier = core::ResponseBarrier::current()) {
           barrier->add(job->done);
           response.complete = [job, request_id](http::Response& r) {
             fill_solve_response(*job, request_id, r);
           };
           return response;
         }
         job->done->wait();  // no server around (tests calling the handler directly)
         fill_solve_response(*job, request_id, response);
         return response;
       },
       {"Plan one day's home visits for region and municipal staff together: per caregiver the "
        "visits in order with arrival, start and end, unserved visits with the reason, the "
        "objective and a continuity score; every plan is validated by an independent checker. "
        "With save {title} and a date the checked plan is stored (201, Location) for your unit "
        "and the caregivers' units; every person must be in your unit's care (PDL 4:1). "
        "503 with Retry-After when all solver threads are busy",
        "Planning"}});
  router.add({http::Method::get,
              "/api/v1/planning/plans",
              http::Access::assignment,
              [&planning](http::Context& c) {
                const auto date = query_text(c.request, "date", 10);
                if (date && !is_date(*date)) {
                  core::throw_field_error("date", "format", "Ange dagen som ÅÅÅÅ-MM-DD.", 400);
                }
                json::array items;
                for (const auto& s : planning.list(c.who(), date)) items.push_back(summary_json(s));
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"The stored joint visit plans your unit takes part in, newest day first",
               "Planning",
               "",
               "",
               200,
               {"date"}}});
  router.add({http::Method::get,
              "/api/v1/planning/plans/{id}",
              http::Access::assignment,
              [&planning](http::Context& c) {
                return json_response(planning.read(c.who(), c.param("id")));
              },
              {"A stored joint visit plan per caregiver with times and continuity scores; only "
               "for staff of a participating unit, and every read is logged",
               "Planning"}});
}

}  // namespace nara::api
