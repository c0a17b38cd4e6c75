// Issue 19's "done when" for the demo county itself: `nara serve --demo` and `nara demo` give the
// classic county three years of history (app::seed_classic_history, what main.cpp calls after
// seed_demo_county) — for its own residents, at the synthetic county's rates, in every month and
// municipality — without changing the accounts, the citizen or any worklist, idempotent and the
// same for a seed; dsk.kramfors's proactive list has people on it, and liability is priced with the
// demo's made-up amounts. On SQLite and PostgreSQL.
#include <chrono>
#include <map>
#include <set>

#include "app/demo_county.hpp"
#include "app/demo_history.hpp"
#include "core/stockholm_time.hpp"
#include "harness.hpp"
#include "store/database.hpp"
#include "store/time_codec.hpp"

namespace nara::test {
namespace {

using namespace std::chrono_literals;

// Seeded at a fixed instant, so the window (2023-12-04 to 2026-12-04) and the liability amounts
// of its months are the same whenever the test runs.
core::Instant seeding_instant() {
  return core::Instant{std::chrono::sys_days{2026y / 12 / 4} + 10h};
}

store::ResultSet query(Server& server, const std::string& sql) {
  return server.instance->database().read([&](store::Transaction& tx) { return tx.query(sql); });
}

std::vector<std::string> lines(Server& server, const std::string& sql) {
  const auto rs = query(server, sql);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    std::string line;
    for (const auto& cell : rs.rows[i]) line += (cell ? *cell : std::string("∅")) + "|";
    out.push_back(std::move(line));
  }
  return out;
}

std::int64_t number(Server& server, const std::string& sql) {
  return query(server, sql).row(0).int64(0);
}

// The classic county with seed_demo_county alone, then (seeded_with_history) its history.
std::unique_ptr<Server> classic_county(const std::string& engine) {
  auto server = fresh_server(engine, false);
  server->clock->set(seeding_instant());
  app::seed_demo_county(server->instance->database(), *server->clock, NARA_SHARED_DIR);
  return server;
}

// Who the classic county's accounts are, and the citizen `invanare` with everything of theirs.
std::vector<std::string> accounts_and_citizen(Server& server) {
  std::vector<std::string> out;
  for (const auto& sql : {
           "SELECT u.username, u.display_name, COALESCE(u.hsa_id, ''), COALESCE(u.person_id, ''), "
           "a.role, COALESCE(a.unit_id, ''), a.title FROM users u LEFT JOIN assignments a ON "
           "a.user_id = u.id ORDER BY u.username, a.role, a.unit_id",
           "SELECT p.* FROM persons p JOIN users u ON u.person_id = p.id",
           "SELECT c.id, c.unit_id, c.origin, c.started_at, COALESCE(c.ended_at, '') FROM "
           "care_relations c JOIN users u ON u.person_id = c.person_id ORDER BY c.id",
           "SELECT c.id, c.state, c.updated_at FROM coordinated_plans c JOIN users u ON "
           "u.person_id = c.person_id ORDER BY c.id",
           "SELECT n.id, n.kind, COALESCE(n.valid_to, '') FROM named_contacts n JOIN users u ON "
           "u.person_id = n.person_id ORDER BY n.id",
           "SELECT COUNT(*) FROM inpatient_episodes e JOIN users u ON u.person_id = e.person_id",
       }) {
    const auto part = lines(server, sql);
    out.insert(out.end(), part.begin(), part.end());
    out.emplace_back("--");
  }
  return out;
}

// Everyone whose list shows work: a nurse of every ward (worklist and discharge board), the
// receiving units of the living chain (worklists and open requests).
struct Lists {
  std::vector<std::pair<std::string, Client>> readers;  // path, signed-in client
  std::vector<std::string> read() const {
    std::vector<std::string> out;
    for (const auto& [path, client] : readers) {
      const Reply r = client.get(path);
      out.push_back(path + " " + std::to_string(r.status) + " " + r.body);
    }
    return out;
  }
};

Lists every_list(Server& server) {
  Lists lists;
  const auto wards = query(server,
                           "SELECT a.unit_id, MIN(u.username) FROM assignments a JOIN users u ON "
                           "u.id = a.user_id WHERE a.role = 'ward_nurse' GROUP BY a.unit_id ORDER "
                           "BY 2");
  for (std::size_t i = 0; i < wards.size(); ++i) {
    Client nurse = server.client();
    EXPECT_EQ(nurse.sign_in(wards.row(i).text(1)).status, 201);
    lists.readers.emplace_back("/api/v1/worklist", nurse);
    lists.readers.emplace_back("/api/v1/episodes?ward=" + wards.row(i).text(0), nurse);
  }
  for (const char* login :
       {"dsk.kramfors", "hsl.kramfors", "dsk.halsocentralsolleftea", "sip.kramfors"}) {
    Client reader = server.client();
    EXPECT_EQ(reader.sign_in(login).status, 201) << login;
    lists.readers.emplace_back("/api/v1/worklist", reader);
    lists.readers.emplace_back("/api/v1/requests?box=inbox&state=open", reader);
    lists.readers.emplace_back("/api/v1/requests?box=outbox&state=open", reader);
  }
  return lists;
}

// The county of each engine, seeded once for the tests that read it, with what held before its
// history was written.
struct Seeded {
  std::unique_ptr<Server> server;
  std::vector<std::string> accounts_before;
  std::vector<std::string> lists_before;
  Lists lists;
  std::string summary;
};

Seeded& seeded(const std::string& engine) {
  static std::map<std::string, Seeded> counties;
  auto& s = counties[engine];
  if (!s.server) {
    s.server = classic_county(engine);
    s.accounts_before = accounts_and_citizen(*s.server);
    s.lists = every_list(*s.server);
    s.lists_before = s.lists.read();
    s.summary = app::seed_classic_history(s.server->instance->database(), *s.server->clock);
  }
  return s;
}

// The text around the first difference of two long lists, to read in a failure.
std::string where_they_differ(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const std::size_t from = i < 300 ? 0 : i - 300;
  return "differ at " + std::to_string(i) + ":\n" + a.substr(from, 600) + "\n" +
         b.substr(from, 600);
}

constexpr const char* kHistory = "e.external_visit_id LIKE 'HIST-%'";

class DemoHistoryClassicTest : public ::testing::TestWithParam<std::string> {
 protected:
  Seeded& county() { return seeded(GetParam()); }
  Server& server() { return *county().server; }
};

// What is drawn does not depend on the engine: a second county is seeded on SQLite only.
class DemoHistoryClassicSqliteTest : public DemoHistoryClassicTest {};

TEST_P(DemoHistoryClassicTest, Issue19_TheAccountsTheCitizenAndEveryWorklistAreUnchanged) {
  EXPECT_NE(county().summary.find("History of the classic demo county"), std::string::npos)
      << county().summary;
  EXPECT_EQ(accounts_and_citizen(server()), county().accounts_before);
  EXPECT_EQ(server().count("persons"), static_cast<std::int64_t>(app::kClassicDemoResidents));
  // Nothing of the history is open or due: the same lists, item for item, as without it. The one
  // change is the demo's agreement (4 kap. 5 §) cited where the statute's timing (5 kap. 4 §) was:
  // its terms are the statute's, so every due time is the same.
  auto after = county().lists.read();
  const std::string by_agreement =
      "Lag (2017:612) 4 kap. 5 § (Demo: belopp per vårddygn 2024–2026 (påhittade för demon))";
  for (auto& list : after) {
    for (auto at = list.find(by_agreement); at != std::string::npos; at = list.find(by_agreement))
      list.replace(at, by_agreement.size(), "Lag (2017:612) 5 kap. 4 §");
  }
  ASSERT_EQ(after.size(), county().lists_before.size());
  for (std::size_t i = 0; i < after.size(); ++i)
    EXPECT_EQ(after[i], county().lists_before[i])
        << where_they_differ(after[i], county().lists_before[i]);
  const std::string two_days_ago = store::to_db_time(seeding_instant() - 48h);
  EXPECT_EQ(
      number(server(), std::string("SELECT COUNT(*) FROM inpatient_episodes e WHERE ") + kHistory +
                           " AND ((e.discharged_at IS NULL AND e.ended_at IS "
                           "NULL) OR COALESCE(e.discharged_at, e.ended_at) >= '" +
                           two_days_ago + "')"),
      0);
  // The demo's three requests are the only ones open, its draft the only plan still to be held.
  EXPECT_EQ(number(server(),
                   "SELECT COUNT(*) FROM care_requests WHERE state IN ('sent', 'received', "
                   "'accepted')"),
            3);
  EXPECT_EQ(number(server(), "SELECT COUNT(*) FROM sip_meetings WHERE state = 'invited'"), 1);
  // The living demo's persons are alive; some others died during the three years.
  EXPECT_EQ(number(server(),
                   "SELECT COUNT(*) FROM persons p WHERE p.deceased_on IS NOT NULL AND "
                   "(EXISTS (SELECT 1 FROM inpatient_episodes e WHERE e.person_id = p.id AND "
                   "e.external_visit_id LIKE 'DEMO-%') OR EXISTS (SELECT 1 FROM users u WHERE "
                   "u.person_id = p.id))"),
            0);
  EXPECT_GT(number(server(), "SELECT COUNT(*) FROM persons WHERE deceased_on IS NOT NULL"), 20);
  EXPECT_EQ(number(server(),
                   "SELECT COUNT(*) FROM care_relations c JOIN persons p ON p.id = c.person_id "
                   "WHERE p.deceased_on IS NOT NULL AND c.ended_at IS NULL"),
            0);
}

TEST_P(DemoHistoryClassicTest, Issue19_ThirtySixMonthsOfStaysSipsAndContactsInEveryMunicipality) {
  // Stays in every month of the window (its first month from the 4th, this one not yet).
  std::set<std::string> months;
  for (const auto& line : lines(server(), std::string("SELECT DISTINCT SUBSTR(e.admitted_at, 1, "
                                                      "7) FROM inpatient_episodes e WHERE ") +
                                              kHistory))
    months.insert(line.substr(0, 7));
  auto month = 2023y / std::chrono::December;
  for (int k = 0; k < 36; ++k, month += std::chrono::months(1)) {
    char text[32];  // room for any int year, as -Wformat-truncation wants
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                  static_cast<unsigned>(month.month()));
    EXPECT_TRUE(months.contains(text)) << "no stays in " << text;
  }
  // Every municipality has stays in each of the three years, Ånge's 2 % of the county too.
  const auto by_year = query(server(), std::string("SELECT p.municipality_code, CASE WHEN "
                                                   "e.admitted_at < '2024-12-04' THEN 1 WHEN "
                                                   "e.admitted_at < '2025-12-04' THEN 2 ELSE 3 "
                                                   "END, COUNT(*) FROM inpatient_episodes e JOIN "
                                                   "persons p ON p.id = e.person_id WHERE ") +
                                           kHistory + " GROUP BY 1, 2");
  std::map<std::string, int> years;
  for (std::size_t i = 0; i < by_year.size(); ++i) ++years[by_year.row(i).text(0)];
  EXPECT_EQ(years.size(), 7U);
  for (const auto& [code, n] : years) EXPECT_EQ(n, 3) << code;
  // About 15 stays per 100 inhabitants and year, every end state and both admission kinds.
  const auto stays = number(server(), std::string("SELECT COUNT(*) FROM inpatient_episodes e "
                                                  "WHERE ") +
                                          kHistory);
  EXPECT_NEAR(100.0 * static_cast<double>(stays) / 2400.0 / 3.0, 15.0, 3.0);
  EXPECT_EQ(lines(server(), std::string("SELECT DISTINCT e.state FROM inpatient_episodes e "
                                        "WHERE ") +
                                kHistory + " ORDER BY 1"),
            (std::vector<std::string>{"cancelled|", "deceased|", "discharged|"}));
  EXPECT_GT(server().count("episode_diagnoses"), stays);
  EXPECT_GT(server().count("episode_ready_periods"), stays / 5);
  // SIPs held and closed over the years, contacts, named contacts, hours, proactive actions.
  EXPECT_GE(number(server(),
                   "SELECT COUNT(*) FROM coordinated_plans WHERE kind = 'sip' AND state = "
                   "'closed'"),
            5);
  EXPECT_GE(number(server(),
                   "SELECT COUNT(*) FROM coordinated_plans WHERE kind = 'sip' AND created_at < "
                   "'2026-01-01'"),
            10);
  EXPECT_GT(server().count("care_contacts"), 10000);
  EXPECT_GT(server().count("named_contacts"), 100);
  EXPECT_GT(server().count("home_care_hours"), 500);
  EXPECT_GT(server().count("care_requests"), 200);
  EXPECT_GT(server().count("proactive_actions"), 0);
  // Listings and decisions began when they did, not on the day the county was seeded.
  EXPECT_GT(number(server(),
                   "SELECT COUNT(*) FROM care_relations WHERE origin = 'listing' AND started_at "
                   "< '2023-12-04'"),
            2000);
}

TEST_P(DemoHistoryClassicTest, Issue19_TheDistrictNursesProactiveListHasPeopleWithReasons) {
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  const Reply list = nurse.get("/api/v1/proactive-list");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().at("unit").at("name").as_string(), "Hälsocentral Kramfors");
  const auto& rows = list.json().at("rows").as_array();
  // The eight mest sjuka äldre made so outside the living demo, and whom chance made so besides.
  EXPECT_GE(rows.size(), 8U) << list.body;
  int most_ill = 0;
  int high_risk = 0;
  for (const auto& row : rows) {
    EXPECT_FALSE(row.at("reasons").as_array().empty()) << row;
    if (row.at("frailty").at("mostIll").as_bool()) ++most_ill;
    if (row.at("risk").at("total").as_int64() >= 10) ++high_risk;
  }
  EXPECT_GE(most_ill, 8) << list.body;
  EXPECT_GE(high_risk, 2) << list.body;
}

TEST_P(DemoHistoryClassicTest, Issue19_LiabilityIsPricedWithTheDemosMadeUpAmounts) {
  const auto agreement = lines(server(),
                               "SELECT a.name, COALESCE(a.municipality_code, ''), a.valid_from, "
                               "a.valid_to, a.model, m.year, m.amount_per_day FROM "
                               "liability_agreements a JOIN liability_agreement_amounts m ON "
                               "m.agreement_id = a.id ORDER BY m.year");
  ASSERT_EQ(agreement.size(), 3U);
  EXPECT_EQ(agreement[0],
            "Demo: belopp per vårddygn 2024–2026 (påhittade för demon)||2024-01-01|2026-12-31|"
            "per_episode|2024|11000|");
  EXPECT_NE(agreement[2].find("|2026|12000|"), std::string::npos);
  Client admin = server().client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  // A year of months: liability runs from the third day after the ready notice (5 kap. 4 §), which
  // only the longer waits reach, so a small county's single month may have none.
  std::int64_t days = 0;
  for (const auto& [month, amount] :
       std::vector<std::pair<std::string, std::int64_t>>{{"2025-11", 11'500},
                                                         {"2025-12", 11'500},
                                                         {"2026-01", 12'000},
                                                         {"2026-02", 12'000},
                                                         {"2026-03", 12'000},
                                                         {"2026-04", 12'000},
                                                         {"2026-05", 12'000},
                                                         {"2026-06", 12'000},
                                                         {"2026-07", 12'000},
                                                         {"2026-08", 12'000},
                                                         {"2026-09", 12'000},
                                                         {"2026-10", 12'000}}) {
    const Reply report = admin.get("/api/v1/reports/payment-liability?month=" + month);
    ASSERT_EQ(report.status, 200) << report.body;
    for (const auto& m : report.json().at("municipalities").as_array()) {
      days += m.at("liableDays").as_int64();
      EXPECT_EQ(m.at("amount").as_int64(), amount * m.at("liableDays").as_int64()) << m;
      EXPECT_TRUE(m.at("problems").as_array().empty()) << m;
    }
  }
  EXPECT_GT(days, 10);
}

TEST_P(DemoHistoryClassicTest, Issue19_SeedingAgainChangesNothing) {
  const auto episodes = server().count("inpatient_episodes");
  const auto contacts = server().count("care_contacts");
  const std::string again =
      app::seed_classic_history(server().instance->database(), *server().clock);
  EXPECT_NE(again.find("already there"), std::string::npos) << again;
  EXPECT_EQ(server().count("inpatient_episodes"), episodes);
  EXPECT_EQ(server().count("care_contacts"), contacts);
}

TEST_P(DemoHistoryClassicSqliteTest, Issue19_ASeedGivesTheSameHistory) {
  // Person ids are random in the classic county, identifiers are not: compared by those.
  const auto history_of = [](Server& s) {
    std::vector<std::string> out;
    for (const auto& sql :
         {"SELECT p.identifier, COUNT(*), MIN(e.admitted_at), MAX(e.updated_at), "
          "SUM(e.needs_social_services) FROM inpatient_episodes e JOIN persons p ON p.id = "
          "e.person_id WHERE e.external_visit_id LIKE 'HIST-%' GROUP BY p.identifier ORDER BY 1",
          "SELECT p.identifier, COUNT(*), MAX(c.at) FROM care_contacts c JOIN persons p ON p.id "
          "= c.person_id GROUP BY p.identifier ORDER BY 1",
          "SELECT p.identifier, c.state, c.updated_at FROM coordinated_plans c JOIN persons p ON "
          "p.id = c.person_id WHERE c.created_at < '2026-12-01' ORDER BY 1, 3",
          "SELECT p.identifier, COALESCE(p.deceased_on, '') FROM persons p ORDER BY 1"}) {
      const auto part = lines(s, sql);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  };
  auto other = classic_county(GetParam());
  app::seed_classic_history(other->instance->database(), *other->clock);
  EXPECT_EQ(history_of(*other), history_of(server()));
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoHistoryClassicTest, ::testing::ValuesIn(engines()),
                         engine_name);
INSTANTIATE_TEST_SUITE_P(Sqlite, DemoHistoryClassicSqliteTest,
                         ::testing::Values(std::string("sqlite")), engine_name);

}  // namespace
}  // namespace nara::test
