// The classic demo county's three years of history (issue 19's "done when": a manager sees every
// indicator with trends and dsk.kramfors a proactive list with people on it in the demo county
// that `nara serve --demo` seeds). The classic residents are read back as the synthetic county's
// generator sees its own (demo_synthetic.hpp), and the same writers (demo_stays.cpp,
// demo_care.cpp) give them stays, SIPs, requests, contacts and hours at the same rates; the
// window is settled, so nothing of it is open or due today.
#include <algorithm>
#include <map>
#include <set>

#include "app/demo_care.hpp"
#include "app/demo_history.hpp"
#include "app/demo_stays.hpp"
#include "app/demo_synthetic.hpp"
#include "store/time_codec.hpp"

namespace nara::app {

namespace {

using namespace synthetic;
using std::chrono::days;
using std::chrono::hours;

// The living demo's episodes are admitted up to 300 hours before they are seeded
// (demo_episodes.cpp): the history of anyone they may take ends two weeks before today.
constexpr auto kLivingDemoMargin = days(14);
// A discharged stay stays on the worklists and the ward board for 48 hours (worklist_service.cpp):
// everyone else's history ends three days before today, so the lists stay as they were.
constexpr auto kWorklistMargin = days(3);
// The mest sjuka äldre listed at Hälsocentral Kramfors outside the living demo, as in the
// synthetic county: the demo login dsk.kramfors opens a proactive list with people on it.
constexpr int kKramforsMostIll = 8;

// Persons the living demo holds records of: the citizen, today's episodes, the demo's SIPs,
// requests, named contacts, visit plans, consents and blocks. They do not die in the history.
std::set<std::string> living_demo_persons(store::Transaction& tx) {
  const auto rows = tx.query(
      "SELECT person_id FROM users WHERE person_id IS NOT NULL UNION SELECT person_id FROM "
      "inpatient_episodes UNION SELECT person_id FROM coordinated_plans UNION SELECT person_id "
      "FROM care_requests UNION SELECT person_id FROM named_contacts UNION SELECT person_id FROM "
      "visit_plan_persons UNION SELECT person_id FROM consents UNION SELECT person_id FROM blocks "
      "UNION SELECT person_id FROM care_relations WHERE origin NOT IN ('listing', "
      "'home_care_decision', 'home_health_care_decision')");
  std::set<std::string> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert(rows.row(i).text(0));
  return out;
}

// Whom the daily batch of episodes may take (demo_episodes.cpp: Kramfors and Sollefteå residents
// born 1955 or earlier, listed at the demo logins' health centres), a little wider.
bool daily_batch_may_take(std::string_view municipality_code, std::string_view birth_date) {
  return (municipality_code == "2282" || municipality_code == "2283") && birth_date <= "1955-01-01";
}

std::chrono::sys_days parse_date(const std::string& text) {
  const int y = std::stoi(text.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

int index_of(const std::vector<const CountyUnit*>& units, const CountyUnit* unit) {
  const auto it = std::find(units.begin(), units.end(), unit);
  return it == units.end() ? -1 : static_cast<int>(it - units.begin());
}

// A classic care relation (listing or municipal decision), dated back once its start is drawn.
struct ClassicRelation {
  std::string id;
  std::string origin;
  const CountyUnit* unit = nullptr;
};

struct ClassicResidents {
  std::vector<Resident> residents;
  std::vector<std::vector<ClassicRelation>> relations;  // by resident
};

// The classic residents in identifier order (the classic seeding's own order is fixed by its
// population day; ids are random), each with the listing and decisions seed_demo_county gave them
// and what the history needs besides: when these began, frailty, the mest sjuka äldre, deaths.
ClassicResidents classic_residents(store::Transaction& tx, const County& county,
                                   const Window& window, std::uint64_t seed) {
  std::map<std::string, int> municipality_of_code;
  for (std::size_t m = 0; m < county.municipalities.size(); ++m)
    municipality_of_code[county.municipalities[m].code] = static_cast<int>(m);
  std::map<std::string, const CountyUnit*> unit_of_id;
  for (const auto& u : county.units) unit_of_id[u.id] = &u;
  const auto living = living_demo_persons(tx);
  std::map<std::string, core::Instant> first_admission;  // of the living demo's episodes
  const auto admissions =
      tx.query("SELECT person_id, MIN(admitted_at) FROM inpatient_episodes GROUP BY person_id");
  for (std::size_t i = 0; i < admissions.size(); ++i)
    first_admission[admissions.row(i).text(0)] = store::from_db_time(admissions.row(i).text(1));
  std::set<std::string> citizens;
  const auto accounts = tx.query("SELECT person_id FROM users WHERE person_id IS NOT NULL");
  for (std::size_t i = 0; i < accounts.size(); ++i) citizens.insert(accounts.row(i).text(0));

  std::map<std::string, std::vector<ClassicRelation>> relations_of;
  const auto relation_rows = tx.query(
      "SELECT id, person_id, unit_id, origin FROM care_relations WHERE ended_at IS NULL AND "
      "origin IN ('listing', 'home_care_decision', 'home_health_care_decision') ORDER BY "
      "person_id, origin, started_at, id");
  for (std::size_t i = 0; i < relation_rows.size(); ++i) {
    const auto row = relation_rows.row(i);
    if (const auto it = unit_of_id.find(row.text(2)); it != unit_of_id.end())
      relations_of[row.text(1)].push_back({row.text(0), row.text(3), it->second});
  }

  const int first_day = static_cast<int>(window.first_day.time_since_epoch().count());
  const int last_day = static_cast<int>(window.reference_day.time_since_epoch().count()) - 1;
  const auto window_length = window.end - window.start;
  ClassicResidents out;
  const auto persons = tx.query(
      "SELECT id, birth_date, legal_sex, municipality_code, protected_identity FROM persons WHERE "
      "deceased_on IS NULL AND birth_date IS NOT NULL ORDER BY identifier, id");
  for (std::size_t i = 0; i < persons.size(); ++i) {
    const auto row = persons.row(i);
    const auto municipality = municipality_of_code.find(row.optional_text(3).value_or(""));
    if (municipality == municipality_of_code.end()) continue;
    Random random(seed, kClassicResident, out.residents.size());
    Resident r;
    r.id = row.text(0);
    r.municipality = municipality->second;
    r.birth = parse_date(row.text(1));
    r.age = age_on(std::chrono::year_month_day{r.birth}, kDemoPopulationDay);
    r.female = row.text(2) == "female";
    r.protected_identity = row.int64(4) != 0;
    r.citizen = citizens.contains(r.id);
    const auto& m = county.municipalities[static_cast<std::size_t>(r.municipality)];
    auto relations = std::move(relations_of[r.id]);
    bool home_care = false;
    bool home_health_care = false;
    bool residential_care = false;
    for (const auto& relation : relations) {
      if (relation.origin == "listing" && r.health_centre < 0)
        r.health_centre = index_of(m.health_centres, relation.unit);
      if (relation.origin == "home_care_decision" && relation.unit->kind == "home_care") {
        r.home_care_group = index_of(m.home_care, relation.unit);
        home_care = r.home_care_group >= 0;
      }
      if (relation.origin == "home_care_decision" && relation.unit->kind == "residential_care")
        residential_care = true;
      if (relation.origin == "home_health_care_decision" && relation.unit == m.home_health_care)
        home_health_care = true;
    }

    // What the synthetic county draws for its residents (demo_population.cpp), at its rates.
    const int birth_day = static_cast<int>(r.birth.time_since_epoch().count());
    if (r.health_centre >= 0)
      r.listed_from = std::max(birth_day, first_day - random.between(0, 3650));
    draw_frailty(r, random);
    // A quarter of the decisions in force began during the three years, the rest before.
    const auto decision_day = [&] {
      return random.chance(0.25) ? random.between(first_day, last_day - 30)
                                 : first_day - random.between(30, 1500);
    };
    if (home_care) r.home_care_from = decision_day();
    if (residential_care) r.residential_care_from = decision_day();
    if (home_health_care) {
      r.home_health_care_from =
          residential_care ? r.residential_care_from : decision_day();  // SÄBO's care is HSL
    }
    const bool in_living_demo = r.citizen || living.contains(r.id);
    const double dying =
        annual_mortality(r.age) * (r.most_ill ? 2.5 : std::clamp(0.6 + 0.4 * r.frailty, 0.6, 2.0));
    if (random.chance(1.0 - std::pow(1.0 - std::min(dying, 0.6), 3.0)) && !in_living_demo)
      r.died_at = window.start + scaled(window_length, random.uniform());
    r.history_end = in_living_demo || daily_batch_may_take(m.code, row.text(1))
                        ? window.end - kLivingDemoMargin
                        : window.end - kWorklistMargin;
    // A demo database seeded before its history has older living episodes, still open.
    if (const auto first = first_admission.find(r.id); first != first_admission.end())
      r.history_end = std::min(*r.history_end, first->second - days(1));
    out.residents.push_back(std::move(r));
    out.relations.push_back(std::move(relations));
  }

  // The mest sjuka äldre of Hälsocentral Kramfors: the oldest residents listed there, those in
  // municipal home health care first (hsl.kramfors's list), made so when chance gave too few.
  // Counted outside the living demo: an open episode of today's batch, without diagnoses or
  // admission kind, would be their LACE index stay instead of the history's.
  const auto kramfors =
      static_cast<int>(std::find_if(county.municipalities.begin(), county.municipalities.end(),
                                    [](const auto& m) { return m.code == "2282"; }) -
                       county.municipalities.begin());
  std::vector<Resident*> candidates;
  int most_ill = 0;
  for (auto& r : out.residents) {
    if (r.municipality != kramfors || r.citizen || r.health_centre != 0 || r.age < 75 ||
        r.protected_identity || living.contains(r.id))
      continue;
    if (r.most_ill && !r.died_at)
      ++most_ill;
    else
      candidates.push_back(&r);
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Resident* a, const Resident* b) {
    const bool a_home = a->home_health_care_from != kNever;
    const bool b_home = b->home_health_care_from != kNever;
    return a_home != b_home ? a_home : a->birth < b->birth;
  });
  for (auto* r : candidates) {
    if (most_ill >= kKramforsMostIll) break;
    r->most_ill = true;
    r->frailty = std::max(r->frailty, 5.0);
    r->died_at.reset();
    ++most_ill;
  }

  // Nobody's listing or decision begins after their death.
  for (auto& r : out.residents) {
    if (!r.died_at) continue;
    const int death_day = day_number(*r.died_at);
    const int birth_day = static_cast<int>(r.birth.time_since_epoch().count());
    for (int* from :
         {&r.listed_from, &r.home_care_from, &r.home_health_care_from, &r.residential_care_from}) {
      if (*from != kNever && *from >= death_day) *from = std::max(birth_day, death_day - 60);
    }
  }
  return out;
}

// Dates the classic relations back to when each began, ends them at death, and records deaths.
std::size_t date_classic_relations(store::Transaction& tx, const ClassicResidents& classic,
                                   const std::string& now_text) {
  std::size_t deaths = 0;
  for (std::size_t i = 0; i < classic.residents.size(); ++i) {
    const auto& r = classic.residents[i];
    if (r.citizen) continue;  // `invanare` stays exactly as the classic county made them
    const store::Value ended =
        r.died_at ? store::Value{db_time(*r.died_at)} : store::Value{nullptr};
    for (const auto& relation : classic.relations[i]) {
      const int from_day = relation.origin == "listing" ? r.listed_from
                           : relation.origin == "home_health_care_decision"
                               ? r.home_health_care_from
                           : relation.unit->kind == "residential_care" ? r.residential_care_from
                                                                       : r.home_care_from;
      if (from_day == kNever) continue;
      auto started = instant_of_day(from_day) + hours(9);
      if (r.died_at && started >= *r.died_at) started = *r.died_at - hours(1);
      const std::vector<store::Value> values{db_time(started), ended, relation.id};
      tx.run("UPDATE care_relations SET started_at = ?, ended_at = ? WHERE id = ?", values);
    }
    if (r.died_at) {
      tx.query("UPDATE persons SET deceased_on = ?, updated_at = ? WHERE id = ?",
               db_date(std::chrono::floor<days>(*r.died_at)), now_text, r.id);
      ++deaths;
    }
  }
  return deaths;
}

}  // namespace

std::string seed_classic_history(store::Database& db, const core::Clock& clock,
                                 std::uint64_t seed) {
  Window window = history_window(clock);
  window.settled = true;
  const std::string now_text = db_time(clock.now());
  return db.write([&](store::Transaction& tx) -> std::string {
    if (!tx.query("SELECT 1 FROM inpatient_episodes WHERE external_visit_id LIKE 'HIST-%' LIMIT 1")
             .empty())
      return "The demo county's history is already there; nothing changed.";
    if (tx.query("SELECT 1 FROM units WHERE kind = 'hospital_ward' LIMIT 1").empty())
      return "No demo county to give a history.";
    const County county = load_county(tx, seed);
    const ClassicResidents classic = classic_residents(tx, county, window, seed);
    const std::size_t deaths = date_classic_relations(tx, classic, now_text);
    IdSource ids(seed);
    RowCounts counts;
    StayWriter stays(tx, county, window, seed, ids);
    CareWriter care(tx, county, window, seed, ids, stays.episodes());
    for (std::size_t i = 0; i < classic.residents.size(); ++i) {
      const auto& resident = classic.residents[i];
      care.write(resident, i, stays.write(resident, i));
    }
    stays.finish(counts);
    care.finish(counts);
    const bool amounts = write_demo_liability_agreement(tx, now_text);
    return "History of the classic demo county, seed " + std::to_string(seed) + ": " +
           std::to_string(classic.residents.size()) + " residents from " +
           db_date(window.first_day) + " to " + db_date(window.reference_day) + ", " +
           std::to_string(deaths) + " of them died (rows: " + table_counts(counts) + ")." +
           (amounts ? " Made-up liability amounts 2024–2026 for the demo." : "");
  });
}

}  // namespace nara::app
