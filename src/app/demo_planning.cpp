#include "app/demo_planning.hpp"

#include <date/date.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "core/stockholm_time.hpp"
#include "domain/planning/travel.hpp"
#include "service/planning_service.hpp"
#include "store/time_codec.hpp"

namespace nara::app {

namespace {

using namespace domain::planning;

// Stable per seeded id, so the day's needs do not change between runs on the same database.
std::uint64_t mix(const std::string& text, std::uint64_t salt = 0) {
  std::uint64_t h = 1469598103934665603ULL ^ salt;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

struct DemoUnit {
  std::string id;
  std::string name;
  std::string municipality;
  bool home_health_care = false;
  GeoPoint place;
};

struct DemoCaregiver {
  std::string user_id;
  std::string name;
  std::size_t unit = 0;  // index into the units
  bool district_nurse = false;
};

struct DemoPerson {
  std::string id;
  std::string name;
  std::size_t unit = 0;  // the unit whose patient the person is
  GeoPoint home;
};

struct VisitKind {
  const char* skill;
  double earliest;
  double latest;
  bool hard;
  double duration;
  int priority;
};

constexpr double h(int hours, int minutes = 0) {
  return hours * 60.0 + minutes;
}

// What the home health care does in a day: insulin and other medicines at fixed times (hard
// windows), wound care, catheters, palliative care (some double-staffed).
constexpr VisitKind kMunicipalVisits[] = {
    {"läkemedel", h(7, 30), h(8, 30), true, 15, 0}, {"sårvård", h(9), h(12), false, 30, 1},
    {"kateter", h(10), h(14), false, 30, 1},        {"läkemedel", h(15), h(15, 45), true, 15, 0},
    {"palliativ vård", h(10), h(11), false, 45, 0},
};
// What the district nurses do at home: samples in the morning, wounds, injections, follow-up.
constexpr VisitKind kRegionVisits[] = {
    {"provtagning", h(8), h(10), false, 20, 1},
    {"sårvård", h(9), h(15), false, 30, 1},
    {"läkemedel", h(10), h(14), false, 20, 1},
    {"uppföljning", h(13), h(15, 30), false, 30, 2},
};

std::string principal_of(const DemoUnit& unit) {
  if (!unit.home_health_care) return "Region Västernorrland";
  return unit.municipality == "2282" ? "Kramfors kommun" : "Sollefteå kommun";
}

}  // namespace

std::string seed_demo_planning(store::Database& db, const core::Clock& clock) {
  const auto now = clock.now();
  const std::string today =
      date::format("%F", std::chrono::sys_days(core::stockholm::local_date(now)));
  std::vector<DemoUnit> units;
  std::vector<DemoCaregiver> staff;
  std::vector<DemoPerson> persons;
  const bool present = db.read([&](store::Transaction& tx) {
    if (!tx.query("SELECT 1 FROM visit_plans WHERE demo = 1").empty()) return true;
    const auto unit_rows = tx.query(
        "SELECT id, name, kind, municipality_code, latitude, longitude FROM units WHERE "
        "municipality_code IN ('2282', '2283') AND latitude IS NOT NULL AND ((kind = "
        "'home_health_care' AND name LIKE 'Hemsjukvård %') OR kind = 'health_centre') "
        "ORDER BY kind DESC, name");
    std::map<std::string, std::size_t> unit_index;
    for (std::size_t i = 0; i < unit_rows.size(); ++i) {
      const auto row = unit_rows.row(i);
      DemoUnit u{row.text(0), row.text(1), row.text(3), row.text(2) == "home_health_care",
                 GeoPoint{row.real(4), row.real(5), AreaType::kTown}};
      unit_index.emplace(u.id, units.size());
      units.push_back(std::move(u));
    }
    for (const auto& u : units) {
      const auto rows = tx.query(
          "SELECT u.id, u.display_name, a.role FROM assignments a JOIN users u ON u.id = "
          "a.user_id WHERE a.unit_id = ? AND a.role IN ('district_nurse', "
          "'home_health_care_nurse') ORDER BY u.username",
          u.id);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        staff.push_back({rows.row(i).text(0), rows.row(i).text(1), unit_index.at(u.id),
                         rows.row(i).text(2) == "district_nurse"});
      }
    }
    // Patients: everyone in municipal home health care; of those listed at a health centre, a
    // few of the oldest (born before 1950) who are not, for the district nurses' home visits.
    // Persons with protected identity are left out of a shared day plan.
    const std::string born_before = "1950-01-01";
    std::set<std::string> seen_persons;
    for (const auto& u : units) {
      const std::string select =
          "SELECT p.id, p.given_name || ' ' || p.family_name, p.latitude, p.longitude FROM "
          "persons p JOIN care_relations cr ON cr.person_id = p.id WHERE cr.unit_id = ? AND "
          "cr.ended_at IS NULL AND p.latitude IS NOT NULL AND p.protected_identity = 0";
      const auto rows =
          u.home_health_care
              ? tx.query(select + " ORDER BY p.id LIMIT 14", u.id)
              : tx.query(select +
                             " AND p.birth_date < ? AND NOT EXISTS (SELECT 1 FROM care_relations "
                             "h JOIN units hu ON hu.id = h.unit_id WHERE h.person_id = p.id AND "
                             "hu.kind = 'home_health_care' AND h.ended_at IS NULL) ORDER BY p.id "
                             "LIMIT 4",
                         u.id, born_before);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto row = rows.row(i);
        // A person may have more than one open relation with the unit (the discharge chain
        // adds its own): one patient, one set of needs.
        if (!seen_persons.insert(row.text(0)).second) continue;
        persons.push_back({row.text(0), row.text(1), unit_index.at(u.id),
                           GeoPoint{row.real(2), row.real(3), AreaType::kRural}});
      }
    }
    return false;
  });
  if (present) return "Demo visit plan already present.";
  if (staff.empty() || persons.empty()) return "No demo visit plan: no staff or patients found.";

  service::PlanningProblem problem;
  problem.date = today;
  Instance& inst = problem.instance;
  inst.name = "demo-adalen";
  const auto intern = [](std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
  };
  std::vector<GeoPoint> places;
  std::map<std::size_t, std::vector<std::size_t>> caregivers_of_unit;
  for (std::size_t i = 0; i < staff.size(); ++i) {
    const DemoCaregiver& s = staff[i];
    const DemoUnit& u = units[s.unit];
    Caregiver c;
    c.id = s.user_id;
    c.principal = intern(inst.principals, principal_of(u));
    if (s.district_nurse) {
      for (const char* skill : {"provtagning", "sårvård", "läkemedel", "kateter", "uppföljning"})
        c.skills.push_back(intern(inst.skills, skill));
      // The joint agreement: the region's district nurses may do the municipality's visits in
      // their own municipality (and its nurses the region's), sharing the long drives.
      c.may_serve_principals.push_back(intern(
          inst.principals, u.municipality == "2282" ? "Kramfors kommun" : "Sollefteå kommun"));
      c.shift_start = h(8);
      c.shift_end = h(16, 30);
    } else {
      for (const char* skill : {"läkemedel", "sårvård", "kateter", "palliativ vård"})
        c.skills.push_back(intern(inst.skills, skill));
      c.may_serve_principals.push_back(intern(inst.principals, "Region Västernorrland"));
      c.shift_start = h(7, 15);
      c.shift_end = h(16);
    }
    c.max_overtime = 45;
    c.break_earliest = h(11);
    c.break_latest = h(13);
    c.break_duration = 30;
    places.push_back(u.place);
    c.start_location = c.end_location = places.size() - 1;
    caregivers_of_unit[s.unit].push_back(i);
    inst.caregivers.push_back(std::move(c));
    problem.caregiver_names.push_back(s.name);
    problem.caregiver_units.push_back(u.id);
  }
  inst.weights.travel = 1.0;
  inst.weights.total_tardiness = 2.0;
  inst.weights.continuity = 30.0;
  inst.weights.overtime = 3.0;
  inst.weights.unserved_by_priority = {10000.0, 5000.0, 2500.0};

  std::size_t double_staffed = 0;
  std::set<std::size_t> seen_units;
  for (const DemoPerson& dp : persons) {
    const DemoUnit& unit = units[dp.unit];
    const auto& own = caregivers_of_unit[dp.unit];
    Person person;
    person.id = dp.id;
    const std::uint64_t r = mix(dp.id);
    // Continuity: each patient has met one nurse of the unit before; some asked for another.
    if (!own.empty()) person.history.push_back(own[r % own.size()]);
    if (own.size() > 1 && r % 5 == 0) person.preferred.push_back(own[(r / 5 + 1) % own.size()]);
    std::vector<std::size_t> excluded;
    if (own.size() > 2 && r % 13 == 0) excluded.push_back(own[(r / 13 + 2) % own.size()]);
    const std::size_t person_index = inst.persons.size();
    inst.persons.push_back(person);
    problem.person_names.push_back(dp.name);
    places.push_back(dp.home);
    const std::size_t home = places.size() - 1;
    std::vector<VisitKind> kinds;
    if (unit.home_health_care) {
      const std::size_t first = r % 3;  // a morning medicine, wound care or a catheter
      kinds.push_back(kMunicipalVisits[first]);
      if (first == 0 && r % 2 == 0) kinds.push_back(kMunicipalVisits[3]);  // and the afternoon dose
      // Palliative care with two nurses: the unit's first patient, and a few more.
      const bool first_of_unit = seen_units.insert(dp.unit).second;
      if ((first_of_unit || r % 7 == 0) && double_staffed < 4) kinds.push_back(kMunicipalVisits[4]);
    } else {
      kinds.push_back(kRegionVisits[r % 4]);
    }
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      const VisitKind& kind = kinds[k];
      Visit v;
      const std::string id = "besok-" + std::to_string(inst.visits.size() + 1);
      v.id = id;
      v.person = person_index;
      v.location = home;
      v.earliest = kind.earliest;
      v.latest = kind.latest;
      v.latest_is_hard = kind.hard;
      v.duration = kind.duration;
      v.skill = intern(inst.skills, kind.skill);
      v.principal = intern(inst.principals, principal_of(unit));
      v.priority = kind.priority;
      v.excluded_caregivers = excluded;
      const bool together = std::string(kind.skill) == "palliativ vård";
      inst.visits.push_back(v);
      problem.visit_ids.push_back(id);
      problem.double_staffed.push_back(together);
      if (together) {
        ++double_staffed;
        v.id = id + "#2";
        inst.visits.push_back(v);
        problem.visit_ids.push_back(id);
        problem.double_staffed.push_back(true);
        inst.links.push_back({inst.visits.size() - 2, inst.visits.size() - 1, 0.0, 0.0});
      }
    }
  }
  inst.travel = estimated_travel(places, RoadAssumptions{});
  if (const auto problems = validate(inst); !problems.empty()) {
    return "No demo visit plan: " + problems.front();
  }
  // Short: seeding runs at every demo start. An iteration cap keeps small days quick.
  service::SolveSettings settings;
  settings.time_limit_seconds = 1.5;
  settings.seed = 7;
  settings.max_iterations = 20'000;
  const service::SolveOutcome outcome = service::solve_and_check(problem, settings);
  if (!outcome.report.feasible()) {
    return "No demo visit plan: the checker rejected it (" +
           outcome.report.violations.front().rule + ").";
  }
  const auto document = service::plan_document(problem, outcome, settings);
  std::vector<std::string> unit_ids;
  for (const auto& [unit, members] : caregivers_of_unit) unit_ids.push_back(units[unit].id);
  db.write([&](store::Transaction& tx) {
    service::PlanningService::insert_plan(
        tx, problem, document,
        "Gemensam dag: hemsjukvården i Kramfors och Sollefteå med regionens distriktssköterskor "
        "(demo)",
        unit_ids, std::nullopt, store::to_db_time(now), true);
  });
  return "Planned the joint demo day: " + std::to_string(problem.visit_ids.size()) +
         " caregiver visits for " + std::to_string(inst.persons.size()) + " persons, " +
         std::to_string(inst.caregivers.size()) + " nurses, " +
         std::to_string(document.at("unserved").as_array().size()) + " unserved.";
}

}  // namespace nara::app
