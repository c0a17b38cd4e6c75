// Issue 3 point 2: consent, blocks and emergency access between the region's and a
// municipality's care providers, decided by the policy over facts loaded from the database.
#include "harness.hpp"
#include "service/sharing_service.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

using domain::access::Verdict;

class SharingTest : public EngineTest {
 protected:
  void SetUp() override {
    fresh_ = fresh_server(GetParam(), true);
    auto& db = fresh_->instance->database();
    const auto ids = db.read([](store::Transaction& tx) {
      const auto hc =
          tx.query("SELECT id, care_provider_id FROM units WHERE name = 'Hälsocentral Kramfors'");
      const auto ward =
          tx.query("SELECT id FROM units WHERE name LIKE 'Sundsvalls sjukhus, Medicinavdelning 1'");
      const auto person = tx.query(
          "SELECT cr.person_id FROM care_relations cr JOIN units u ON u.id = cr.unit_id WHERE "
          "u.name = "
          "'Hemsjukvård Kramfors' AND EXISTS (SELECT 1 FROM care_relations c2 WHERE c2.person_id = "
          "cr.person_id AND "
          "c2.unit_id = ?) ORDER BY cr.person_id LIMIT 1",
          hc.row(0).text(0));
      return std::vector<std::string>{hc.row(0).text(0), hc.row(0).text(1), ward.row(0).text(0),
                                      person.empty() ? std::string{} : person.row(0).text(0)};
    });
    health_centre_ = ids[0];
    region_provider_ = ids[1];
    ward_ = ids[2];
    person_ = ids[3];
    ASSERT_FALSE(person_.empty())
        << "demo has no person with both home health care and the health centre";
  }

  // The municipal nurse reading what the health centre documented.
  Verdict municipal_reads_health_centre_data() {
    return decide_as("hsl.kramfors", health_centre_).verdict;
  }

  domain::access::Decision decide_as(const std::string& username, const std::string& source_unit) {
    auto& db = fresh_->instance->database();
    service::SharingService sharing({db, *fresh_->clock, {}, nullptr});
    return db.read([&](store::Transaction& tx) {
      const auto rs = tx.query(
          "SELECT us.id, a.id, a.role, a.unit_id, un.care_provider_id FROM users us JOIN "
          "assignments a ON a.user_id = us.id "
          "JOIN units un ON un.id = a.unit_id WHERE us.username = ? ORDER BY a.id LIMIT 1",
          username);
      domain::access::Actor actor;
      actor.user_id = rs.row(0).text(0);
      actor.assignment_id = rs.row(0).text(1);
      actor.role = domain::access::parse_role(rs.row(0).text(2));
      actor.unit_id = rs.row(0).text(3);
      actor.care_provider_id = rs.row(0).text(4);
      const auto provider =
          tx.query("SELECT care_provider_id FROM units WHERE id = ?", source_unit).row(0).text(0);
      return domain::access::decide(sharing.facts_for(tx, actor, person_, {provider, source_unit},
                                                      domain::access::DataCategory::clinical));
    });
  }

  std::unique_ptr<Server> fresh_;
  Client municipal_{0};
  Client region_{0};
  std::string health_centre_, region_provider_, ward_, person_;
};

TEST_P(SharingTest, Law2022_913_ConsentBlockAndEmergencyAcrossRegionAndMunicipality) {
  municipal_ = fresh_->client();
  region_ = fresh_->client();
  ASSERT_EQ(municipal_.sign_in("hsl.kramfors").status, 201);
  ASSERT_EQ(region_.sign_in("dsk.kramfors").status, 201);
  const std::string base = "/api/v1/persons/" + person_;

  // 2:4 — without consent the municipality sees only that the region has data.
  EXPECT_EQ(municipal_reads_health_centre_data(), Verdict::existence_only);

  // 3:1 — the person consents to the municipality taking part of the region's documentation.
  const Reply consent =
      municipal_.post(base + "/consents", boost::json::object{{"scope", "shared_documentation"}});
  ASSERT_EQ(consent.status, 201) << consent.body;
  EXPECT_EQ(municipal_reads_health_centre_data(), Verdict::allow);

  // 2:3 — the person asks the region to block its data; consent cannot open it (3:7).
  const Reply block = region_.post(
      base + "/blocks",
      boost::json::object{{"kind", "across_providers"}, {"reason", "Patientens begäran"}});
  ASSERT_EQ(block.status, 201) << block.body;
  EXPECT_EQ(municipal_reads_health_centre_data(), Verdict::existence_only);
  Reply status = municipal_.get(base + "/sharing");
  ASSERT_EQ(status.status, 200);
  EXPECT_TRUE(status.json().at("blockedDataElsewhere").as_bool());
  EXPECT_TRUE(status.json().at("blockingProviders").as_array().empty());  // who blocked: not
                                                                          // without emergency
  EXPECT_TRUE(status.json().at("consentForMyProvider").as_bool());

  // 3:5 — emergency access: a stated reason, limited in time; shows who blocked; flagged for
  // review.
  const Reply short_reason =
      municipal_.post(base + "/emergency-access", boost::json::object{{"reason", "akut"}});
  EXPECT_EQ(short_reason.problem_rule("reason"), "emergency.reason");
  const Reply too_long = municipal_.post(
      base + "/emergency-access",
      boost::json::object{{"reason", "Medvetslös vid hembesök, oklar orsak"}, {"minutes", 600}});
  EXPECT_EQ(too_long.problem_rule("minutes"), "integer.range");
  const Reply emergency = municipal_.post(
      base + "/emergency-access",
      boost::json::object{{"reason", "Medvetslös vid hembesök, oklar orsak"}, {"minutes", 60}});
  ASSERT_EQ(emergency.status, 201) << emergency.body;
  const auto decision = decide_as("hsl.kramfors", health_centre_);
  EXPECT_EQ(decision.verdict, Verdict::existence_only);
  EXPECT_TRUE(decision.show_blocking_provider);
  EXPECT_TRUE(decision.flag_for_review);
  status = municipal_.get(base + "/sharing");
  ASSERT_EQ(status.json().at("blockingProviders").as_array().size(), 1U);
  EXPECT_EQ(status.json().at("blockingProviders").at(0).as_string(),
            "Region Västernorrland, hälso- och sjukvård");
  const auto flagged = fresh_->instance->database().read([](store::Transaction& tx) {
    return tx
        .query("SELECT COUNT(*) FROM audit_log WHERE action = 'emergency_access' AND flagged = 1")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(flagged, 1);
  Client reviewer = fresh_->client();
  ASSERT_EQ(reviewer.sign_in("logg.kramfors").status, 201);
  bool selected = false;
  const Reply selection = reviewer.get("/api/v1/log-review/selection");
  for (const auto& item : selection.json().at("items").as_array()) {
    for (const auto& r : item.at("reasons").as_array())
      selected = selected || r == "emergency_access";
  }
  EXPECT_TRUE(selected);

  // The emergency access ends by itself.
  fresh_->clock->advance(std::chrono::minutes(61));
  EXPECT_FALSE(decide_as("hsl.kramfors", health_centre_).show_blocking_provider);
  ASSERT_EQ(municipal_.sign_in("hsl.kramfors").status, 201);  // sessions idled out meanwhile
  ASSERT_EQ(region_.sign_in("dsk.kramfors").status, 201);

  // Only the blocking provider lifts the block, at the person's request.
  const std::string block_id(block.json().at("id").as_string());
  EXPECT_EQ(municipal_.send("POST", "/api/v1/blocks/" + block_id + "/lift").status, 404);
  EXPECT_EQ(region_.send("POST", "/api/v1/blocks/" + block_id + "/lift").status, 204);
  EXPECT_EQ(municipal_reads_health_centre_data(), Verdict::allow);

  // Withdrawn consent closes it again.
  const std::string consent_id(consent.json().at("id").as_string());
  EXPECT_EQ(municipal_.send("POST", "/api/v1/consents/" + consent_id + "/withdraw").status, 204);
  EXPECT_EQ(municipal_reads_health_centre_data(), Verdict::existence_only);
}

TEST_P(SharingTest, PDL4_4_ABlockWithinTheRegionKeepsOneUnitsDataFromAnother) {
  municipal_ = fresh_->client();
  region_ = fresh_->client();
  ASSERT_EQ(region_.sign_in("dsk.kramfors").status, 201);
  const std::string identifier = fresh_->instance->database().read([&](store::Transaction& tx) {
    return tx.query("SELECT identifier FROM persons WHERE id = ?", person_).row(0).text(0);
  });
  Client ward = fresh_->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  ASSERT_EQ(ward.post("/api/v1/care-relations",
                      boost::json::object{{"identifier", identifier}, {"reason", "Inlagd akut"}})
                .status,
            201);
  EXPECT_EQ(decide_as("avd.ssk", health_centre_).verdict, Verdict::allow);
  const Reply missing_unit = region_.post("/api/v1/persons/" + person_ + "/blocks",
                                          boost::json::object{{"kind", "within_provider"}});
  EXPECT_EQ(missing_unit.problem_rule("unitId"), "required");
  const Reply block =
      region_.post("/api/v1/persons/" + person_ + "/blocks",
                   boost::json::object{{"kind", "within_provider"}, {"unitId", health_centre_}});
  ASSERT_EQ(block.status, 201) << block.body;
  EXPECT_EQ(decide_as("avd.ssk", health_centre_).verdict, Verdict::existence_only);
  EXPECT_EQ(decide_as("dsk.kramfors", health_centre_).verdict, Verdict::allow);  // own unit's data
}

INSTANTIATE_TEST_SUITE_P(Engines, SharingTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
