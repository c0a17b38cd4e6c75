// Issue 3 point 6: loggkontroll with documented outcomes, itself audited (HSLF-FS 2016:40 4:9).
#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class LogReviewTest : public EngineTest {};

TEST_P(LogReviewTest, HSLF_FS_2016_40_4_9_AccessWithoutRelationIsSelectedReviewedAndLogged) {
  auto fresh = fresh_server(GetParam(), true);
  const std::string unrelated = fresh->instance->database().read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM care_relations cr JOIN units "
            "u ON "
            "u.id = cr.unit_id WHERE cr.person_id = p.id AND u.name = 'Hälsocentral Kramfors') "
            "LIMIT 1")
        .row(0)
        .text(0);
  });
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  ASSERT_EQ(nurse.get("/api/v1/persons/" + unrelated).status, 404);
  ASSERT_EQ(nurse.get("/api/v1/persons?limit=30").status, 200);

  Client reviewer = fresh->client();
  ASSERT_EQ(reviewer.sign_in("logg.region").status, 201);
  const Reply selection = reviewer.get("/api/v1/log-review/selection?sample=5");
  ASSERT_EQ(selection.status, 200) << selection.body;
  std::int64_t flagged_seq = 0;
  int sampled = 0;
  for (const auto& item : selection.json().at("items").as_array()) {
    const auto& reasons = item.at("reasons").as_array();
    for (const auto& r : reasons) {
      if (r == "without_relation" && item.at("personId").is_string() &&
          item.at("personId").as_string() == unrelated)
        flagged_seq = item.at("seq").as_int64();
      if (r == "sample") ++sampled;
    }
  }
  ASSERT_NE(flagged_seq, 0) << "the access without a care relation was not selected";
  EXPECT_EQ(sampled, 5);

  const std::string target = "/api/v1/log-review/" + std::to_string(flagged_seq);
  const Reply no_note = reviewer.post(target, boost::json::object{{"outcome", "unjustified"}});
  EXPECT_EQ(no_note.status, 422);
  EXPECT_EQ(no_note.problem_rule("note"), "required");
  const Reply done = reviewer.post(
      target, boost::json::object{{"outcome", "unjustified"}, {"note", "Samtal med chef bokat."}});
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(reviewer.post(target, boost::json::object{{"outcome", "justified"}}).status, 409);
  const auto reviews = fresh->instance->database().read([](store::Transaction& tx) {
    return tx
        .query("SELECT COUNT(*) FROM audit_log WHERE action = 'review' AND outcome = 'unjustified'")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(reviews, 1);

  // The municipality's reviewer sees only the municipality's own log; others may not review at all.
  Client municipal = fresh->client();
  ASSERT_EQ(municipal.sign_in("logg.kramfors").status, 201);
  const Reply theirs = municipal.get("/api/v1/log-review/selection");
  ASSERT_EQ(theirs.status, 200);
  for (const auto& item : theirs.json().at("items").as_array())
    EXPECT_NE(item.at("seq").as_int64(), flagged_seq);
  EXPECT_EQ(municipal.post(target, boost::json::object{{"outcome", "justified"}}).status, 404);
  EXPECT_EQ(nurse.get("/api/v1/log-review/selection").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, LogReviewTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
