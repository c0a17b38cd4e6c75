// Issue 4 points 3, 5 and 7: the demo county's living episodes, each unit's worklist and the
// municipalities' payment liability per month, on SQLite and PostgreSQL.
#include <date/date.h>

#include <set>

#include "core/stockholm_time.hpp"
#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class WorklistTest : public EngineTest {};

TEST_P(WorklistTest, LUS_DemoHasEpisodesInEveryState) {
  const auto states = server().instance->database().read([](store::Transaction& tx) {
    const auto rs = tx.query(
        "SELECT DISTINCT state FROM inpatient_episodes WHERE external_visit_id LIKE 'DEMO-%'");
    std::set<std::string> out;
    for (std::size_t i = 0; i < rs.size(); ++i) out.insert(rs.row(i).text(0));
    return out;
  });
  EXPECT_EQ(states,
            (std::set<std::string>{"admitted", "needs_assessed", "notice_sent", "planning", "ready",
                                   "sip_invited", "discharged", "cancelled", "deceased"}));
}

TEST_P(WorklistTest, LUS2_1_WardWorklistSortedByDueWithOverdueAdmissionNotice) {
  Client ward = server().client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  const Reply r = ward.get("/api/v1/worklist");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("party"), "ward");
  const auto& items = r.json().at("items").as_array();
  ASSERT_FALSE(items.empty());
  std::set<std::string> kinds;
  bool overdue_notice = false;
  std::string previous;
  for (const auto& item : items) {
    const std::string due(item.at("due").as_string());
    EXPECT_LE(previous, due);  // ISO 8601 UTC sorts as time
    previous = due;
    kinds.insert(std::string(item.at("kind").as_string()));
    if (item.at("kind") == "admission_notice" && item.at("overdue").as_bool()) {
      overdue_notice = true;
      EXPECT_LT(item.at("secondsLeft").as_int64(), 0);
      EXPECT_EQ(item.at("rule").as_string().subview().substr(0, 15), "2017:612 2 kap.");
    }
  }
  EXPECT_TRUE(overdue_notice);
  EXPECT_TRUE(kinds.count("information_transfer"));
  EXPECT_FALSE(kinds.count("named_contact"));  // the health centre's, not the ward's (2 kap. 5 §)

  const Reply overdue = ward.get("/api/v1/worklist?overdue=true");
  ASSERT_EQ(overdue.status, 200);
  for (const auto& item : overdue.json().at("items").as_array())
    EXPECT_TRUE(item.at("overdue").as_bool());
  EXPECT_EQ(overdue.json().at("items").as_array().size(),
            static_cast<std::size_t>(overdue.json().at("overdue").as_int64()));
  const Reply admitted = ward.get("/api/v1/worklist?state=needs_assessed");
  ASSERT_EQ(admitted.status, 200);
  ASSERT_FALSE(admitted.json().at("items").as_array().empty());
  for (const auto& item : admitted.json().at("items").as_array())
    EXPECT_EQ(item.at("episodeState"), "needs_assessed");
  const Reply bad = ward.get("/api/v1/worklist?state=flying");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.problem_fields(), std::vector<std::string>{"state"});
}

TEST_P(WorklistTest, LUS2_5_And_4_3_HealthCentreSeesNamedContactAndSipInvitation) {
  Client centre = server().client();
  ASSERT_EQ(centre.sign_in("dsk.kramfors").status, 201);
  const Reply r = centre.get("/api/v1/worklist");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("party"), "health_centre");
  std::set<std::string> kinds;
  for (const auto& item : r.json().at("items").as_array()) {
    kinds.insert(std::string(item.at("kind").as_string()));
    EXPECT_EQ(item.at("municipalityCode"), "2282");
  }
  EXPECT_TRUE(kinds.count("named_contact"));
  EXPECT_TRUE(kinds.count("sip_invitation"));
  EXPECT_TRUE(kinds.count("acknowledge_notice"));
  EXPECT_FALSE(kinds.count("admission_notice"));
}

TEST_P(WorklistTest, LUS5_4_MunicipalityWorklistShowsLiabilityStartAndNoticesToAcknowledge) {
  Client home = server().client();
  ASSERT_EQ(home.sign_in("hsl.kramfors").status, 201);
  const Reply r = home.get("/api/v1/worklist");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("party"), "municipality");
  std::set<std::string> kinds;
  for (const auto& item : r.json().at("items").as_array())
    kinds.insert(std::string(item.at("kind").as_string()));
  EXPECT_TRUE(kinds.count("payment_liability_start"));
  EXPECT_TRUE(kinds.count("acknowledge_notice"));
  // A manager reads figures, not the worklist of persons.
  Client manager = server().client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  EXPECT_EQ(manager.get("/api/v1/worklist").status, 403);
}

std::string month_of(core::Instant at) {
  return date::format("%Y-%m", std::chrono::sys_days(core::stockholm::local_date(at)));
}

TEST_P(WorklistTest, LUS5_MonthlyLiabilityReportPerMunicipalityWithEveryDaysReason) {
  Client admin = server().client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  // The demo's paying episode became liable within the last eight days: this month or the last.
  const auto now = server().clock->now();
  std::set<std::string> months{month_of(now), month_of(now - std::chrono::hours(24 * 8))};
  std::int64_t liable_days = 0;
  for (const auto& month : months) {
    const Reply r = admin.get("/api/v1/reports/payment-liability?month=" + month);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const auto& m : r.json().at("municipalities").as_array()) {
      std::int64_t days_in_episodes = 0;
      for (const auto& e : m.at("episodes").as_array()) {
        for (const auto& d : e.at("days").as_array()) {
          EXPECT_FALSE(d.at("reason").as_string().empty());
          if (d.at("liable").as_bool()) {
            ++days_in_episodes;
            // 5:6: a year without an agreed amount is reported as a problem, never priced at 0.
            if (d.at("amount").as_int64() == 0) {
              EXPECT_FALSE(m.at("problems").as_array().empty());
            }
          }
        }
      }
      EXPECT_EQ(days_in_episodes, m.at("liableDays").as_int64());
      liable_days += days_in_episodes;
    }
  }
  EXPECT_GT(liable_days, 0);
  const Reply csv =
      admin.get("/api/v1/reports/payment-liability?format=csv&month=" + month_of(now));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("kommunkod;kommun;vårdtillfälle;avdelning;vård;datum;", 0), 0U);
  // Each line says which rules started liability: somatic or psychiatric care (5 kap. 4 §).
  for (std::size_t at = csv.body.find('\n'); at + 1 < csv.body.size();
       at = csv.body.find('\n', at + 1)) {
    const auto line = csv.body.substr(at + 1, csv.body.find('\n', at + 1) - at - 1);
    std::vector<std::string> fields;
    for (std::size_t from = 0;;) {
      const auto semi = line.find(';', from);
      fields.push_back(line.substr(from, semi == std::string::npos ? semi : semi - from));
      if (semi == std::string::npos) break;
      from = semi + 1;
    }
    ASSERT_GE(fields.size(), 5U) << line;
    EXPECT_TRUE(fields[4] == "somatisk" || fields[4] == "psykiatrisk") << line;
  }

  // A municipality's manager sees their own municipality only; a nurse not at all.
  Client manager = server().client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  for (const auto& month : months) {
    const Reply r = manager.get("/api/v1/reports/payment-liability?month=" + month);
    ASSERT_EQ(r.status, 200);
    for (const auto& m : r.json().at("municipalities").as_array())
      EXPECT_EQ(m.at("municipalityCode"), "2282");
  }
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  EXPECT_EQ(nurse.get("/api/v1/reports/payment-liability?month=" + month_of(now)).status, 403);
  const Reply bad = admin.get("/api/v1/reports/payment-liability?month=2026-13");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.problem_fields(), std::vector<std::string>{"month"});
}

TEST_P(WorklistTest, PDL4_3_AWorklistViewIsOneListEntryInEachListedPersonsLog) {
  Client ward = server().client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  auto& db = server().instance->database();
  const auto worklist_entries = [&] {
    return db.read([](store::Transaction& tx) {
      return tx.query("SELECT COUNT(*) FROM audit_log WHERE object_type = 'worklist'")
          .row(0)
          .int64(0);
    });
  };
  const auto before = worklist_entries();
  const Reply r = ward.get("/api/v1/worklist");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> persons;
  for (const auto& item : r.json().at("items").as_array())
    persons.insert(std::string(item.at("personId").as_string()));
  ASSERT_GE(persons.size(), 2U);
  // One entry for the view, however many persons and rows it showed.
  EXPECT_EQ(worklist_entries(), before + 1);
  const auto newest = db.read([](store::Transaction& tx) {
    const auto seq =
        tx.query("SELECT MAX(seq) FROM audit_log WHERE object_type = 'worklist'").row(0).int64(0);
    return store::AuditRepository(tx).range(seq - 1, 1);
  });
  ASSERT_EQ(newest.size(), 1U);
  EXPECT_EQ(newest[0].listed_person_ids, std::vector<std::string>(persons.begin(), persons.end()));
  EXPECT_EQ(newest[0].outcome, "allowed: 2017:612 (arbetslista)");
  // Each person's log extract shows the view as an access to them.
  for (const auto& person : persons) {
    const auto extract = db.read([&](store::Transaction& tx) {
      store::PageRequest page;
      page.limit = 5;
      return store::AuditRepository(tx).for_person(person, page);
    });
    ASSERT_FALSE(extract.empty()) << person;
    EXPECT_EQ(extract[0].seq, newest[0].seq) << person;
    EXPECT_EQ(extract[0].person_id, person);
    EXPECT_EQ(extract[0].object_type, "worklist");
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, WorklistTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
