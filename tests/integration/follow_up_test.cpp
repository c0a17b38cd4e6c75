// Issue 19: follow-up against målbild 2030 and the proactive list, through the API on SQLite and
// PostgreSQL: who may read, bad input that changes nothing, a stay entered by hand counted by the
// indicators, small cells suppressed outside the unit, the drill-down, and the proactive list with
// an action that the indicators then count.
#include <date/date.h>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "harness.hpp"
#include "store/database.hpp"
#include "store/time_codec.hpp"

namespace nara::test {
namespace {

class FollowUpTest : public EngineTest {};

std::string month_text(std::chrono::year_month month) {
  return date::format("%Y-%m", std::chrono::sys_days(month / 1));
}

std::string at(std::chrono::year_month month, unsigned day, int hour) {
  return store::to_db_time(core::stockholm::start_of_day(month / std::chrono::day{day}) +
                           std::chrono::hours(hour));
}

// The month `months` after the clock's (a month no demo data reaches).
std::chrono::year_month month_after(const Server& s, int months) {
  const auto today = core::stockholm::local_date(s.clock->now());
  return today.year() / today.month() + std::chrono::months(months);
}

std::string one(Server& s, const std::string& sql, const std::string& arg = {}) {
  return s.instance->database().read([&](store::Transaction& tx) {
    const auto rs = arg.empty() ? tx.query(sql) : tx.query(sql, arg);
    return rs.empty() || rs.row(0).is_null(0) ? std::string() : rs.row(0).text(0);
  });
}

struct Stay {
  std::string id;
};

// A discharged stay on `ward` written straight to the store (the discharge chain's own tests cover
// how it gets there): admitted, ready on `ready_day` at 10:00, discharged on `discharge_day`.
std::string insert_stay(Server& s, const std::string& person, const std::string& ward,
                        std::chrono::year_month month, unsigned admitted_day, unsigned ready_day,
                        unsigned discharge_day, const std::string& kind,
                        const std::vector<std::string>& diagnoses) {
  const std::string id = core::new_uuid();
  s.instance->database().write([&](store::Transaction& tx) {
    const std::string admitted = at(month, admitted_day, 8);
    tx.query(
        "INSERT INTO inpatient_episodes (id, person_id, ward_unit_id, state, admitted_at, "
        "needs_assessed_at, needs_social_services, needs_municipal_health_care, "
        "needs_region_outpatient, admission_notice_sent_at, discharged_at, admission_kind, "
        "version, created_at, updated_at) VALUES (?, ?, ?, 'discharged', ?, ?, 0, 1, 1, ?, ?, ?, "
        "1, ?, ?)",
        id, person, ward, admitted, at(month, admitted_day, 9), at(month, admitted_day, 12),
        at(month, discharge_day, 14), kind, admitted, admitted);
    tx.query("INSERT INTO episode_ready_periods (episode_id, seq, sent_at) VALUES (?, 1, ?)", id,
             at(month, ready_day, 10));
    std::int64_t rank = 1;
    for (const auto& code : diagnoses)
      tx.query("INSERT INTO episode_diagnoses (episode_id, rank, icd10_code) VALUES (?, ?, ?)", id,
               rank++, code);
  });
  return id;
}

// A series' cell for `month` in a follow-up answer, or null.
const boost::json::object* cell(const Reply& r, const std::string& indicator,
                                const std::string& level, const std::string& key,
                                const std::string& month) {
  for (const auto& s : r.json().at("series").as_array()) {
    const auto& o = s.as_object();
    if (o.at("indicator").as_string() != indicator || o.at("level").as_string() != level ||
        o.at("key").as_string() != key)
      continue;
    for (const auto& m : o.at("months").as_array())
      if (m.at("month").as_string() == month) return &m.as_object();
  }
  return nullptr;
}

std::int64_t audit_count(Server& s, const std::string& object_type) {
  return std::stoll(one(s, "SELECT COUNT(*) FROM audit_log WHERE object_type = ?", object_type));
}

TEST_P(FollowUpTest, Issue19_CatalogueListsEveryIndicatorWithItsDefinitionForManagers) {
  Client admin = signed_in("admin");
  const Reply r = admin.get("/api/v1/indicators");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& indicators = r.json().at("indicators").as_array();
  EXPECT_GE(indicators.size(), 19U);
  std::set<std::string> ids;
  for (const auto& i : indicators) {
    ids.insert(std::string(i.at("id").as_string()));
    EXPECT_FALSE(i.at("name").at("sv").as_string().empty());
    EXPECT_FALSE(i.at("name").at("en").as_string().empty());
    EXPECT_FALSE(i.at("source").as_string().empty());
  }
  for (const char* id : {"ready_days_per_1000_65", "readmission_30d_65", "continuity_coc",
                         "continuity_upc", "requests_answered_in_time_share", "named_contact_share",
                         "proactive_actions", "liability_amount"})
    EXPECT_TRUE(ids.count(id)) << id;
  EXPECT_EQ(r.json().at("municipalities").as_array().size(), 7U);
  EXPECT_FALSE(r.json().at("catalogueVersion").as_string().empty());
}

TEST_P(FollowUpTest, Issue19_OnlyManagersReadIndicatorsAndARefusalIsLoggedAsDenied) {
  Client nurse = signed_in("dsk.kramfors");
  const auto denied_before =
      std::stoll(one(server(),
                     "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND object_type = "
                     "'indicator'"));
  const Reply r = nurse.get("/api/v1/follow-up");
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(r.is_problem());
  const auto denied_after =
      std::stoll(one(server(),
                     "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND object_type = "
                     "'indicator'"));
  EXPECT_EQ(denied_after, denied_before + 1);
}

TEST_P(FollowUpTest, Issue19_BadInputIsRefusedNamingTheField) {
  Client admin = signed_in("admin");
  Reply r = admin.get("/api/v1/indicators/no_such_indicator");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.problem_fields(), std::vector<std::string>{"id"});
  r = admin.get("/api/v1/follow-up?municipality=9999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.problem_fields(), std::vector<std::string>{"municipality"});
  r = admin.get("/api/v1/follow-up?unit=" + core::new_uuid());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.problem_fields(), std::vector<std::string>{"unit"});
  r = admin.get("/api/v1/follow-up?from=2026-05&to=2026-01");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.problem_fields(), std::vector<std::string>{"from"});
  r = admin.get("/api/v1/follow-up?from=2010-01&to=2026-01");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.problem_fields(), std::vector<std::string>{"to"});
  for (const char* bad : {"2026-13", "2026-1", "26-01", "2026/01", "abcd-ef"}) {
    r = admin.get(std::string("/api/v1/follow-up?from=") + bad + "&to=2026-12");
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.problem_fields(), std::vector<std::string>{"from"}) << bad;
  }
}

TEST_P(FollowUpTest, Issue19_AStayIsCountedInReadyDaysAndReadmissionAndShownAsSmallCell) {
  auto fresh = fresh_server(GetParam(), true);
  const auto month = month_after(*fresh, 3);
  const std::string m = month_text(month);
  const std::string ward =
      one(*fresh, "SELECT id FROM units WHERE name = 'Sundsvalls sjukhus, Medicinavdelning 1'");
  // A Kramfors resident aged 65+ (folkbokförd in 2282): two stays, the second 10 days after the
  // first discharge, so the first is readmitted within 30 days (domain-rules §4.3).
  const std::string person = one(*fresh,
                                 "SELECT id FROM persons WHERE municipality_code = '2282' AND "
                                 "birth_date < '1955-01-01' AND deceased_on IS NULL ORDER BY id "
                                 "LIMIT 1");
  ASSERT_FALSE(person.empty());
  // Ready on the 5th at 10:00, discharged on the 9th: 4 ready days.
  insert_stay(*fresh, person, ward, month, 2, 5, 9, "acute", {"I50"});
  insert_stay(*fresh, person, ward, month, 19, 20, 22, "acute", {"J44"});
  fresh->clock->set(core::stockholm::start_of_day((month + std::chrono::months(2)) / 1));

  Client admin = fresh->client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const Reply r = admin.get("/api/v1/follow-up?from=" + m + "&to=" + m + "&municipality=2282");
  ASSERT_EQ(r.status, 200) << r.body;
  // Two episodes in a month otherwise empty: below 5, so the county administrator sees "<5".
  const auto* mean = cell(r, "ready_days_mean", "municipality", "2282", m);
  ASSERT_NE(mean, nullptr);
  EXPECT_TRUE(mean->at("suppressed").as_bool());
  EXPECT_TRUE(mean->at("value").is_null());
  EXPECT_TRUE(mean->at("count").is_null());
  // The ward is in Sundsvall: asked for by itself, its series is there, and small too.
  const Reply by_unit = admin.get("/api/v1/follow-up?from=" + m + "&to=" + m + "&unit=" + ward);
  ASSERT_EQ(by_unit.status, 200) << by_unit.body;
  const auto* unit_cell = cell(by_unit, "ready_days_mean", "unit", ward, m);
  ASSERT_NE(unit_cell, nullptr);
  EXPECT_TRUE(unit_cell->at("suppressed").as_bool());
  EXPECT_NE(cell(by_unit, "ready_days_mean", "municipality", "2281", m), nullptr);
  EXPECT_EQ(cell(by_unit, "ready_days_mean", "municipality", "2282", m), nullptr);

  // The ward's own manager sees the ward's small counts.
  const std::string manager = one(*fresh,
                                  "SELECT us.username FROM users us JOIN assignments a ON "
                                  "a.user_id = us.id WHERE a.unit_id = ? AND a.role = "
                                  "'unit_manager' ORDER BY us.username LIMIT 1",
                                  ward);
  ASSERT_FALSE(manager.empty());
  Client chef = fresh->client();
  ASSERT_EQ(chef.sign_in(manager).status, 201);
  const Reply own = chef.get("/api/v1/follow-up?from=" + m + "&to=" + m + "&unit=" + ward);
  ASSERT_EQ(own.status, 200) << own.body;
  const auto* ward_mean = cell(own, "ready_days_mean", "unit", ward, m);
  ASSERT_NE(ward_mean, nullptr);
  EXPECT_FALSE(ward_mean->at("suppressed").as_bool());
  EXPECT_EQ(ward_mean->at("count").as_int64(), 2);
  // (4 + 2) ready days over 2 episodes.
  EXPECT_DOUBLE_EQ(ward_mean->at("value").as_double(), 3.0);
  const auto* readmitted = cell(own, "readmission_30d_65", "unit", ward, m);
  ASSERT_NE(readmitted, nullptr);
  EXPECT_FALSE(readmitted->at("suppressed").as_bool());
  EXPECT_DOUBLE_EQ(readmitted->at("numerator").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(readmitted->at("denominator").as_double(), 2.0);

  // CSV of one indicator, "<5" where the reader may not see the count.
  const Reply csv = admin.send(
      "GET", "/api/v1/indicators/ready_days_mean?from=" + m + "&to=" + m + "&municipality=2282", {},
      {{"Accept", "text/csv"}});
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')),
            "indikator;nivå;nyckel;namn;månad;värde;täljare;nämnare;antal");
  EXPECT_NE(csv.body.find("ready_days_mean;municipality;2282;Kramfors kommun;" + m + ";<5"),
            std::string::npos)
      << csv.body;

  // Drill-down: the ward's manager sees both stays and the person; one audit entry for the list.
  const auto before = audit_count(*fresh, "indicator_facts");
  const Reply facts =
      chef.get("/api/v1/indicators/ready_days_mean/facts?level=unit&key=" + ward + "&month=" + m);
  ASSERT_EQ(facts.status, 200) << facts.body;
  EXPECT_EQ(facts.json().at("items").as_array().size(), 2U);
  EXPECT_EQ(facts.json().at("hidden").as_int64(), 0);
  EXPECT_EQ(facts.json().at("items").at(0).at("personId").as_string(), person);
  EXPECT_EQ(audit_count(*fresh, "indicator_facts"), before + 1);
  // The county administrator follows up aggregates only.
  const Reply refused =
      admin.get("/api/v1/indicators/ready_days_mean/facts?level=unit&key=" + ward + "&month=" + m);
  EXPECT_EQ(refused.status, 403);
}

TEST_P(FollowUpTest, Issue19_ProactiveListRanksAFrailPersonWithReasonsAndCountsTheAction) {
  auto fresh = fresh_server(GetParam(), true);
  const std::string centre =
      one(*fresh, "SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'");
  const std::string ward =
      one(*fresh, "SELECT id FROM units WHERE name = 'Sundsvalls sjukhus, Medicinavdelning 1'");
  // A person 65+ listed at the health centre, with three acute stays in the last 12 months
  // (mest sjuka äldre, domain-rules §4.1: ≥ 3 inskrivningar) and heart failure and COPD.
  const std::string person = one(*fresh,
                                 "SELECT c.person_id FROM care_relations c JOIN persons p ON "
                                 "p.id = c.person_id WHERE c.unit_id = ? AND c.ended_at IS NULL "
                                 "AND p.birth_date < '1950-01-01' AND p.deceased_on IS NULL "
                                 "ORDER BY c.person_id LIMIT 1",
                                 centre);
  ASSERT_FALSE(person.empty());
  const auto month = month_after(*fresh, 1);
  insert_stay(*fresh, person, ward, month, 2, 6, 8, "acute", {"I50", "J44"});
  insert_stay(*fresh, person, ward, month, 12, 15, 16, "acute", {"J18", "I50"});
  insert_stay(*fresh, person, ward, month, 20, 25, 27, "acute", {"N39", "E11"});
  fresh->clock->set(core::stockholm::start_of_day((month + std::chrono::months(1)) / 3));

  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  const auto logged_before = audit_count(*fresh, "proactive_list");
  const Reply list = nurse.get("/api/v1/proactive-list");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().at("unit").at("id").as_string(), centre);
  const boost::json::object* row = nullptr;
  for (const auto& r : list.json().at("rows").as_array())
    if (r.at("person").at("id").as_string() == person) row = &r.as_object();
  ASSERT_NE(row, nullptr) << list.body;
  EXPECT_TRUE(row->at("frailty").at("mostIll").as_bool());
  EXPECT_EQ(row->at("risk").at("factors").as_array().size(), 4U);
  EXPECT_FALSE(row->at("reasons").as_array().empty());
  EXPECT_FALSE(row->at("reviewPending").as_bool());
  // One entry for the list, however many persons are on it.
  EXPECT_EQ(audit_count(*fresh, "proactive_list"), logged_before + 1);
  EXPECT_GE(list.json().at("totalActive").as_int64(), 1);
  // A limit sends (and logs) only the highest-ranked; the total still counts everyone.
  const Reply first = nurse.get("/api/v1/proactive-list?limit=1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_LE(first.json().at("rows").as_array().size(), 2U);  // one of each section at most
  EXPECT_EQ(first.json().at("totalActive"), list.json().at("totalActive"));
  for (const char* bad : {"0", "1001", "ten", "-1"}) {
    const Reply refused = nurse.get(std::string("/api/v1/proactive-list?limit=") + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.problem_fields(), std::vector<std::string>{"limit"}) << bad;
  }

  // An action without its review date changes nothing.
  const auto actions_before = fresh->count("proactive_actions");
  Reply bad = nurse.post("/api/v1/proactive-list/actions",
                         boost::json::object{{"personId", person}, {"kind", "assessed_no_action"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.problem_fields(), std::vector<std::string>{"nextReviewOn"});
  bad = nurse.post("/api/v1/proactive-list/actions",
                   boost::json::object{{"personId", person}, {"kind", "call_them"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(fresh->count("proactive_actions"), actions_before);

  const auto review =
      core::stockholm::add_calendar_days(core::stockholm::local_date(fresh->clock->now()), 90);
  const Reply recorded = nurse.post(
      "/api/v1/proactive-list/actions",
      boost::json::object{{"personId", person},
                          {"kind", "assessed_no_action"},
                          {"note", "Bedömd vid hembesök, stabil."},
                          {"nextReviewOn", date::format("%F", std::chrono::sys_days(review))}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(recorded.json().at("kind").as_string(), "assessed_no_action");
  EXPECT_FALSE(recorded.json().at("riskScore").is_null());

  const Reply again = nurse.get("/api/v1/proactive-list");
  ASSERT_EQ(again.status, 200);
  for (const auto& r : again.json().at("rows").as_array()) {
    if (r.at("person").at("id").as_string() != person) continue;
    EXPECT_TRUE(r.at("reviewPending").as_bool());
    EXPECT_EQ(r.at("lastAction").at("kind").as_string(), "assessed_no_action");
  }

  // The indicators count the action for the health centre in this month.
  const auto now_month = core::stockholm::local_date(fresh->clock->now());
  const std::string nm = month_text(now_month.year() / now_month.month());
  const std::string manager = one(*fresh,
                                  "SELECT us.username FROM users us JOIN assignments a ON "
                                  "a.user_id = us.id WHERE a.unit_id = ? AND a.role = "
                                  "'unit_manager' ORDER BY us.username LIMIT 1",
                                  centre);
  Client chef = fresh->client();
  ASSERT_EQ(chef.sign_in(manager).status, 201);
  const Reply counted =
      chef.get("/api/v1/indicators/proactive_actions?from=" + nm + "&to=" + nm + "&unit=" + centre);
  ASSERT_EQ(counted.status, 200) << counted.body;
  const auto* c = cell(counted, "proactive_actions", "unit", centre, nm);
  ASSERT_NE(c, nullptr) << counted.body;
  EXPECT_DOUBLE_EQ(c->at("value").as_double(), 1.0);

  // A ward nurse has no proactive list; a person outside the unit's care is not found.
  Client ward_nurse = fresh->client();
  ASSERT_EQ(ward_nurse.sign_in("avd.ssk").status, 201);
  EXPECT_EQ(ward_nurse.get("/api/v1/proactive-list").status, 403);
  const std::string stranger = one(*fresh,
                                   "SELECT p.id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM "
                                   "care_relations c WHERE c.person_id = p.id AND c.unit_id = ?) "
                                   "ORDER BY p.id LIMIT 1",
                                   centre);
  const Reply outside =
      nurse.post("/api/v1/proactive-list/actions",
                 boost::json::object{{"personId", stranger}, {"kind", "offer_sip"}});
  EXPECT_EQ(outside.status, 404);
}

// Contacts written straight to the store, as the home care systems' reports would arrive.
void insert_contacts(Server& s, const std::string& person, const std::string& unit,
                     std::chrono::year_month month, const std::vector<std::string>& caregivers) {
  s.instance->database().write([&](store::Transaction& tx) {
    unsigned day = 2;
    for (const auto& caregiver : caregivers) {
      tx.query(
          "INSERT INTO care_contacts (id, person_id, unit_id, caregiver_key, profession, kind, at, "
          "source, recorded_at) VALUES (?, ?, ?, ?, 'home_care', 'home_visit', ?, 'import', ?)",
          core::new_uuid(), person, unit, caregiver, at(month, day, 9),
          store::to_db_time(s.clock->now()));
      day += 2;
    }
  });
}

TEST_P(FollowUpTest, Issue19_ContinuityIsReadFromItsRollupAndTheRollupFollowsNewContacts) {
  auto fresh = fresh_server(GetParam(), true);
  const auto month = month_after(*fresh, 2);
  const std::string m = month_text(month);
  const std::string unit =
      one(*fresh, "SELECT id FROM units WHERE name = 'Hemtjänst Kramfors centrum'");
  ASSERT_FALSE(unit.empty());
  const std::string manager = one(*fresh,
                                  "SELECT us.username FROM users us JOIN assignments a ON "
                                  "a.user_id = us.id WHERE a.unit_id = ? AND a.role = "
                                  "'unit_manager' ORDER BY us.username LIMIT 1",
                                  unit);
  ASSERT_FALSE(manager.empty());
  const std::string person = one(*fresh,
                                 "SELECT c.person_id FROM care_relations c WHERE c.unit_id = ? "
                                 "ORDER BY c.person_id LIMIT 1",
                                 unit);
  // Four home visits by one caregiver: COC 1 (domain-rules §4.3).
  insert_contacts(*fresh, person, unit, month, {"cg-a", "cg-a", "cg-a", "cg-a"});
  fresh->clock->set(core::stockholm::start_of_day((month + std::chrono::months(1)) / 1));
  Client chef = fresh->client();
  ASSERT_EQ(chef.sign_in(manager).status, 201);
  const std::string path =
      "/api/v1/indicators/continuity_coc?from=" + m + "&to=" + m + "&unit=" + unit;
  Reply r = chef.get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto* first = cell(r, "continuity_coc", "unit", unit, m);
  ASSERT_NE(first, nullptr) << r.body;
  EXPECT_DOUBLE_EQ(first->at("value").as_double(), 1.0);
  EXPECT_EQ(fresh->count("continuity_unit_months"), 12);  // the month and the 11 after it
  // Four more by another caregiver: 4 + 4 of 8, COC (16 + 16 − 8) / (8 · 7) = 3/7.
  insert_contacts(*fresh, person, unit, month, {"cg-b", "cg-b", "cg-b", "cg-b"});
  r = chef.get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto* second = cell(r, "continuity_coc", "unit", unit, m);
  ASSERT_NE(second, nullptr);
  EXPECT_NEAR(second->at("value").as_double(), 3.0 / 7.0, 1e-12);
}

// Whether `person` is on the nurse's list, and the reply.
bool on_list(Client& nurse, const std::string& person) {
  const Reply list = nurse.get("/api/v1/proactive-list?limit=1000");
  EXPECT_EQ(list.status, 200) << list.body;
  for (const auto& r : list.json().at("rows").as_array())
    if (r.at("person").at("id").as_string() == person) return true;
  return false;
}

// The list's facts are kept per unit (migration 0021) and must follow every change made after the
// list was first opened, however it was written (§4.1; PDL 4:1 for the relation, 4:4 for blocks).
TEST_P(FollowUpTest, Issue19_ProactiveListKeptFactsFollowStaysRelationsBlocksAndTheDate) {
  auto fresh = fresh_server(GetParam(), true);
  const std::string centre =
      one(*fresh, "SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'");
  const std::string ward =
      one(*fresh, "SELECT id FROM units WHERE name = 'Sundsvalls sjukhus, Medicinavdelning 1'");
  // Listed at the centre, 65+, and nothing that could put them on the list yet.
  const std::string person = one(
      *fresh,
      "SELECT c.person_id FROM care_relations c JOIN persons p ON p.id = c.person_id WHERE "
      "c.unit_id = ? AND c.ended_at IS NULL AND p.birth_date < '1950-01-01' AND p.deceased_on IS "
      "NULL AND NOT EXISTS (SELECT 1 FROM inpatient_episodes e WHERE e.person_id = p.id) AND NOT "
      "EXISTS (SELECT 1 FROM home_care_hours h WHERE h.person_id = p.id) AND NOT EXISTS (SELECT 1 "
      "FROM care_relations s JOIN units su ON su.id = s.unit_id WHERE s.person_id = p.id AND "
      "su.kind = 'residential_care') ORDER BY c.person_id LIMIT 1",
      centre);
  ASSERT_FALSE(person.empty());
  const auto month = month_after(*fresh, 1);
  fresh->clock->set(core::stockholm::start_of_day((month + std::chrono::months(1)) / 3));
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  EXPECT_FALSE(on_list(nurse, person));
  const auto kept = [&] {
    return one(*fresh, "SELECT COUNT(*) FROM proactive_members WHERE unit_id = ?", centre);
  };
  EXPECT_NE(kept(), "0");  // the centre's facts are kept from the first read
  EXPECT_EQ(
      one(*fresh, "SELECT as_of_date FROM proactive_unit_states WHERE unit_id = ?", centre),
      date::format("%F", std::chrono::sys_days(core::stockholm::local_date(fresh->clock->now()))));

  // Three acute stays written after the list was opened: the triggers note the person, and the
  // next read makes their facts anew.
  insert_stay(*fresh, person, ward, month, 2, 6, 8, "acute", {"I50", "J44"});
  insert_stay(*fresh, person, ward, month, 12, 15, 16, "acute", {"J18"});
  insert_stay(*fresh, person, ward, month, 20, 25, 27, "acute", {"N39", "E11"});
  EXPECT_NE(one(*fresh, "SELECT COUNT(*) FROM proactive_changes WHERE unit_id = ?", centre), "0");
  EXPECT_TRUE(on_list(nurse, person));
  EXPECT_EQ(one(*fresh, "SELECT COUNT(*) FROM proactive_changes WHERE unit_id = ?", centre), "0");

  // A block of the ward's data within the region hides the stays from the centre: off the list.
  const std::string provider =
      one(*fresh, "SELECT care_provider_id FROM units WHERE id = ?", centre);
  ASSERT_EQ(provider, one(*fresh, "SELECT care_provider_id FROM units WHERE id = ?", ward));
  const std::string block = core::new_uuid();
  fresh->instance->database().write([&](store::Transaction& tx) {
    tx.query(
        "INSERT INTO blocks (id, person_id, care_provider_id, unit_id, kind, created_at) VALUES "
        "(?, ?, ?, ?, 'within_provider', ?)",
        block, person, provider, ward, store::to_db_time(fresh->clock->now()));
  });
  EXPECT_FALSE(on_list(nurse, person));
  fresh->instance->database().write([&](store::Transaction& tx) {
    tx.query("UPDATE blocks SET lifted_at = ? WHERE id = ?", store::to_db_time(fresh->clock->now()),
             block);
  });
  EXPECT_TRUE(on_list(nurse, person));

  // The care relation ends: the person leaves the list at once.
  fresh->instance->database().write([&](store::Transaction& tx) {
    tx.query("UPDATE care_relations SET ended_at = ? WHERE person_id = ? AND unit_id = ?",
             store::to_db_time(fresh->clock->now() - std::chrono::minutes(1)), person, centre);
  });
  EXPECT_FALSE(on_list(nurse, person));
  fresh->instance->database().write([&](store::Transaction& tx) {
    tx.query("UPDATE care_relations SET ended_at = NULL WHERE person_id = ? AND unit_id = ?",
             person, centre);
  });
  EXPECT_TRUE(on_list(nurse, person));

  // Thirteen months on, the stays are outside the 12 months: the facts are made for the new date.
  fresh->clock->set(core::stockholm::start_of_day((month + std::chrono::months(14)) / 3));
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  EXPECT_FALSE(on_list(nurse, person));
  EXPECT_EQ(
      one(*fresh, "SELECT as_of_date FROM proactive_unit_states WHERE unit_id = ?", centre),
      date::format("%F", std::chrono::sys_days(core::stockholm::local_date(fresh->clock->now()))));
}

// Every table the facts come from notes a change for the units of the person that keep a list,
// and only for those (migration 0021's triggers, on both engines).
TEST_P(FollowUpTest, Issue19_EveryWriteToTheListsSourcesIsNotedForTheUnitsThatKeepAList) {
  auto fresh = fresh_server(GetParam(), true);
  const std::string centre =
      one(*fresh, "SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'");
  const std::string ward =
      one(*fresh, "SELECT id FROM units WHERE name = 'Sundsvalls sjukhus, Medicinavdelning 1'");
  const std::string person = one(*fresh,
                                 "SELECT c.person_id FROM care_relations c WHERE c.unit_id = ? "
                                 "AND c.ended_at IS NULL ORDER BY c.person_id LIMIT 1",
                                 centre);
  ASSERT_FALSE(person.empty());
  const auto changes = [&] {
    return std::stoll(
        one(*fresh, "SELECT COUNT(*) FROM proactive_changes WHERE person_id = ?", person));
  };
  const auto month = month_after(*fresh, 1);
  // No unit keeps a list yet: nothing is noted.
  insert_stay(*fresh, person, ward, month, 2, 6, 8, "acute", {"I50"});
  EXPECT_EQ(changes(), 0);
  fresh->instance->database().write([&](store::Transaction& tx) {
    tx.query("INSERT INTO proactive_unit_states (unit_id, as_of_date, made_at) VALUES (?, '', ?)",
             centre, store::to_db_time(fresh->clock->now()));
  });
  std::int64_t before = changes();
  const auto write = [&](const std::string& what, const std::string& sql,
                         const std::vector<store::Value>& params) {
    fresh->instance->database().write([&](store::Transaction& tx) { tx.run(sql, params); });
    EXPECT_GT(changes(), before) << what;
    before = changes();
  };
  const std::string stay = insert_stay(*fresh, person, ward, month, 12, 15, 16, "acute", {"J18"});
  EXPECT_GT(changes(), before) << "stay";
  before = changes();
  write("episode update", "UPDATE inpatient_episodes SET admission_kind = 'planned' WHERE id = ?",
        {stay});
  write("diagnosis",
        "INSERT INTO episode_diagnoses (episode_id, rank, icd10_code) VALUES (?, 9, ?)",
        {stay, std::string("E11")});
  write("diagnosis removed", "DELETE FROM episode_diagnoses WHERE episode_id = ? AND rank = 9",
        {stay});
  write("hours",
        "INSERT INTO home_care_hours (person_id, month, unit_id, hours) VALUES (?, ?, ?, 30)",
        {person, month_text(month), centre});
  write("hours changed", "UPDATE home_care_hours SET hours = 31 WHERE person_id = ?", {person});
  write("death", "UPDATE persons SET deceased_on = '2020-01-01' WHERE id = ?", {person});
  write("relation", "UPDATE care_relations SET ended_at = ? WHERE person_id = ? AND unit_id = ?",
        {store::to_db_time(fresh->clock->now()), person, centre});
  // An unrelated column of a stay is not a change of the list's facts.
  fresh->instance->database().write([&](store::Transaction& tx) {
    tx.query("UPDATE inpatient_episodes SET version = version + 1 WHERE id = ?", stay);
  });
  EXPECT_EQ(changes(), before);
  // Only the centre keeps a list: the ward's relations noted nothing for the ward.
  EXPECT_EQ(one(*fresh, "SELECT COUNT(*) FROM proactive_changes WHERE unit_id <> ?", centre), "0");
}

INSTANTIATE_TEST_SUITE_P(Engines, FollowUpTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
