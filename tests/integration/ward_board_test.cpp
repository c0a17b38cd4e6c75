// Issue 6 point 2: the ward's discharge board (GET /api/v1/episodes?ward=), on SQLite and
// PostgreSQL: the ward's own active episodes and those discharged within 48 hours, by name, with
// the clocks' summary; nobody else's board, and every person shown is logged.
#include <set>

#include "core/clock.hpp"
#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class WardBoardTest : public EngineTest {
 protected:
  // The board's reads in the person's log extract (list entries naming them).
  std::int64_t board_reads(const std::string& person_id) {
    return server().instance->database().read([&](store::Transaction& tx) {
      const std::int64_t indexed = store::indexed_audit_seq(tx);
      return tx
          .query(
              "SELECT COUNT(*) FROM audit_log WHERE object_type = 'ward_board' AND action = "
              "'read' AND seq IN " +
                  store::person_seqs_sql(tx.engine()),
              person_id, indexed, person_id, indexed, person_id)
          .row(0)
          .int64(0);
    });
  }
  // Entries the board's reads wrote, whoever they name.
  std::int64_t board_entries() {
    return server().instance->database().read([](store::Transaction& tx) {
      return tx.query("SELECT COUNT(*) FROM audit_log WHERE object_type = 'ward_board'")
          .row(0)
          .int64(0);
    });
  }
  std::string ward_of(const std::string& episode_id) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx.query("SELECT ward_unit_id FROM inpatient_episodes WHERE id = ?", episode_id)
          .row(0)
          .text(0);
    });
  }
};

TEST_P(WardBoardTest, LUS_WardSeesItsActiveAndRecentlyDischargedEpisodesWithClocks) {
  Client ward = server().client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  const Reply r = ward.get("/api/v1/episodes");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string ward_id(r.json().at("wardUnitId").as_string());
  EXPECT_FALSE(r.json().at("wardName").as_string().empty());
  const auto& episodes = r.json().at("episodes").as_array();
  ASSERT_FALSE(episodes.empty());
  std::set<std::string> states;
  std::set<std::string> persons;
  bool some_overdue = false;
  const auto now = server().clock->now();
  for (const auto& e : episodes) {
    const std::string id(e.at("id").as_string());
    EXPECT_EQ(ward_of(id), ward_id);  // only the ward's own
    EXPECT_FALSE(e.at("personName").as_string().empty());
    states.insert(std::string(e.at("state").as_string()));
    persons.insert(std::string(e.at("personId").as_string()));
    if (e.at("state") == "discharged") {
      const auto at = core::parse_iso8601(e.at("dischargedAt").as_string(), "dischargedAt");
      EXPECT_GE(at, now - std::chrono::hours(48));
    }
    const auto& summary = e.at("clockSummary").as_object();
    EXPECT_LE(summary.at("overdue").as_int64(), summary.at("open").as_int64());
    std::int64_t open = 0;
    for (const auto& c : e.at("clocks").as_array())
      if (c.at("metAt").is_null()) ++open;
    EXPECT_EQ(summary.at("open").as_int64(), open);
    if (summary.at("overdue").as_int64() > 0) {
      some_overdue = true;
      EXPECT_LT(summary.at("secondsLeft").as_int64(), 0);
    }
  }
  // The demo puts an episode in every state on this ward; cancelled and deceased leave the board.
  EXPECT_TRUE(states.count("admitted"));
  EXPECT_TRUE(states.count("ready"));
  EXPECT_TRUE(states.count("discharged"));
  EXPECT_FALSE(states.count("cancelled"));
  EXPECT_FALSE(states.count("deceased"));
  EXPECT_TRUE(some_overdue);

  // Filter by state; the same answer with the ward named explicitly.
  const Reply ready = ward.get("/api/v1/episodes?state=ready&ward=" + ward_id);
  ASSERT_EQ(ready.status, 200) << ready.body;
  ASSERT_FALSE(ready.json().at("episodes").as_array().empty());
  for (const auto& e : ready.json().at("episodes").as_array()) EXPECT_EQ(e.at("state"), "ready");
  const Reply bad = ward.get("/api/v1/episodes?state=flying");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.problem_fields(), std::vector<std::string>{"state"});

  // Each view of the board is one list entry naming every person on it (PDL 4:3), and each
  // person's log extract shows it.
  const std::string someone = *persons.begin();
  const std::string last = *persons.rbegin();
  const auto before = board_reads(someone);
  const auto before_last = board_reads(last);
  const auto entries_before = board_entries();
  ASSERT_EQ(ward.get("/api/v1/episodes").status, 200);
  EXPECT_EQ(board_entries(), entries_before + 1);
  EXPECT_EQ(board_reads(someone), before + 1);
  EXPECT_EQ(board_reads(last), before_last + 1);
  const auto newest = server().instance->database().read([](store::Transaction& tx) {
    const auto seq =
        tx.query("SELECT MAX(seq) FROM audit_log WHERE object_type = 'ward_board'").row(0).int64(0);
    return store::AuditRepository(tx).range(seq - 1, 1);
  });
  ASSERT_EQ(newest.size(), 1U);
  EXPECT_EQ(newest[0].listed_person_ids, std::vector<std::string>(persons.begin(), persons.end()));
  EXPECT_EQ(newest[0].object_id, ward_id);
}

TEST_P(WardBoardTest, PDL4_1_OnlyTheWardsOwnStaffSeeItsBoard) {
  Client ward = server().client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  const Reply mine = ward.get("/api/v1/episodes");
  ASSERT_EQ(mine.status, 200);
  const std::string ward_id(mine.json().at("wardUnitId").as_string());
  const std::string other = server().instance->database().read([&](store::Transaction& tx) {
    return tx
        .query("SELECT id FROM units WHERE kind = 'hospital_ward' AND id <> ? ORDER BY id LIMIT 1",
               ward_id)
        .row(0)
        .text(0);
  });
  const Reply foreign = ward.get("/api/v1/episodes?ward=" + other);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_TRUE(foreign.is_problem());
  // The health centre and the manager have worklists and reports, not the ward's board.
  Client centre = server().client();
  ASSERT_EQ(centre.sign_in("dsk.kramfors").status, 201);
  EXPECT_EQ(centre.get("/api/v1/episodes").status, 403);
  EXPECT_EQ(centre.get("/api/v1/episodes?ward=" + ward_id).status, 403);
  Client manager = server().client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  EXPECT_EQ(manager.get("/api/v1/episodes").status, 403);
  Client anonymous = server().client();
  EXPECT_EQ(anonymous.get("/api/v1/episodes").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, WardBoardTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
