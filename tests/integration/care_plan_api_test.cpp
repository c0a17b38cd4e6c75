// The samordnad vårdplan at discharge to öppen psykiatrisk tvångsvård (LPT 7 a §), which replaces
// the SIP there (2017:612 4 kap. 1 §; domain-rules §1.2), through the API on both engines: the
// ward's physician draws it up without consent, the responsible units read it under OSL 25:12 /
// 26:9 and approve (justerar) it, and the last approval establishes it.
#include <string>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;

class CarePlanApiTest : public EngineTest {
 protected:
  std::string username(const std::string& unit_id, const std::string& role) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx
          .query(
              "SELECT u.username FROM users u JOIN assignments a ON a.user_id = u.id WHERE "
              "a.unit_id = ? AND a.role = ? ORDER BY u.username LIMIT 1",
              unit_id, role)
          .row(0)
          .text(0);
    });
  }
};

// The ward's worklist items of kind `kind` for one episode.
int work_items(Client& c, const std::string& episode, const std::string& kind) {
  const Reply r = c.get("/api/v1/worklist");
  EXPECT_EQ(r.status, 200) << r.body;
  int n = 0;
  for (const auto& item : r.json().at("items").as_array())
    n += item.at("episodeId") == episode.c_str() && item.at("kind") == kind.c_str() ? 1 : 0;
  return n;
}

Reply post_with_etag(Client& c, const std::string& target, const std::string& etag,
                     const json::object& body) {
  return c.send("POST", target, json::serialize(body),
                {{"Content-Type", "application/json"}, {"If-Match", etag}});
}

TEST_P(CarePlanApiTest, LPT_7a_DrawnUpByTheWardsPhysicianAndEstablishedByTheUnitsApprovals) {
  const auto ward = unit("Sundsvalls sjukhus, Psykiatrisk avdelning 1");
  const auto health_centre = unit("Hälsocentral Sundsvall");
  const auto social = unit("Socialförvaltningen Sundsvall");
  ASSERT_FALSE(ward.empty());
  ASSERT_FALSE(health_centre.empty());
  ASSERT_FALSE(social.empty());
  // A Sundsvall resident listed at the health centre, never admitted, with no plan.
  const auto person = query_one(
      "SELECT p.id FROM persons p WHERE p.protected_identity = 0 AND EXISTS (SELECT 1 FROM "
      "care_relations cr WHERE cr.person_id = p.id AND cr.unit_id = ? AND cr.ended_at IS NULL) "
      "AND NOT EXISTS (SELECT 1 FROM inpatient_episodes e WHERE e.person_id = p.id) AND NOT "
      "EXISTS (SELECT 1 FROM coordinated_plans cp WHERE cp.person_id = p.id) ORDER BY p.id LIMIT "
      "1",
      health_centre);
  ASSERT_FALSE(person.empty());

  Client nurse = signed_in(username(ward, "ward_nurse"));
  Client physician = signed_in(username(ward, "physician"));
  Client municipality = signed_in(username(social, "sip_coordinator"));
  Client district_nurse = signed_in(username(health_centre, "district_nurse"));

  const Reply admitted = nurse.post("/api/v1/episodes", json::object{{"personId", person}});
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const std::string episode(admitted.json().at("id").as_string());
  const auto plan_body = [&](const std::string& kind) {
    return json::object{
        {"kind", kind},
        {"personId", person},
        {"episodeId", episode},
        {"needs", json::array{json::object{{"id", "n1"},
                                           {"description", "Medicinering med depåinjektion"},
                                           {"assessedBy", "region"}},
                              json::object{{"id", "n2"},
                                           {"description", "Stöd i boendet"},
                                           {"assessedBy", "municipality"}}}},
        {"interventions",
         json::array{json::object{{"description", "Depåinjektion var fjärde vecka"},
                                  {"responsible", "region"},
                                  {"unitId", health_centre},
                                  {"needId", "n1"}},
                     json::object{{"description", "Boendestöd två gånger i veckan"},
                                  {"responsible", "municipality"},
                                  {"unitId", social},
                                  {"needId", "n2"}}}},
        {"noOtherMeasures", true}};
  };

  // Before the stay is assessed to end in ÖPT there is no such plan to draw up.
  Reply r = physician.post("/api/v1/sips", plan_body("lpt"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("kind"), "care_plan.episode");
  r = post_with_etag(nurse, "/api/v1/episodes/" + episode + "/events", admitted.header("etag"),
                     {{"kind", "assess_needs"},
                      {"needs",
                       {{"socialServices", true},
                        {"municipalHealthCare", false},
                        {"regionOutpatient", true},
                        {"outpatientCompulsoryCare", "lpt"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  // Until the plan is established the ward has it on its worklist.
  EXPECT_EQ(work_items(nurse, episode, "coordinated_care_plan"), 1);

  // It belongs to the episode, rests on the law and not on consent, and the physician draws it up.
  json::object without_episode = plan_body("lpt");
  without_episode.erase("episodeId");
  r = physician.post("/api/v1/sips", without_episode);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("episodeId"), "required");
  json::object with_consent = plan_body("lpt");
  with_consent["consent"] = json::object{{"scope", "allt"}};
  r = physician.post("/api/v1/sips", with_consent);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("consent"), "care_plan.no_consent");
  r = physician.post("/api/v1/sips", plan_body("lrv"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("kind"), "care_plan.episode");
  r = physician.post("/api/v1/sips", plan_body("öpt"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("kind"), "enum");
  r = nurse.post("/api/v1/sips", plan_body("lpt"));
  EXPECT_EQ(r.status, 403) << r.body;
  const auto plans_before = server().count("coordinated_plans");
  const Reply created = physician.post("/api/v1/sips", plan_body("lpt"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(server().count("coordinated_plans"), plans_before + 1);
  const std::string id(created.json().at("id").as_string());
  const std::string target = "/api/v1/sips/" + id;
  EXPECT_EQ(created.json().at("kind"), "lpt");
  EXPECT_EQ(created.json().at("kindName"), "Samordnad vårdplan (LPT)");
  EXPECT_EQ(created.json().at("legalReference"), "LPT 7 a §");
  EXPECT_TRUE(created.json().at("consent").is_null());
  EXPECT_EQ(created.json().at("missingApprovals").as_array().size(), 2U);
  // The responsible units take part: they approve the plan.
  int unit_participants = 0;
  for (const auto& p : created.json().at("participants").as_array())
    unit_participants += p.at("kind") == "unit" ? 1 : 0;
  EXPECT_EQ(unit_participants, 3);
  // One plan per stay.
  r = physician.post("/api/v1/sips", plan_body("lpt"));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(server().count("coordinated_plans"), plans_before + 1);

  // The municipality reads it without the patient's consent (OSL 26:9) and cannot approve an
  // incomplete plan; the refusal names what is missing.
  r = municipality.get(target);
  ASSERT_EQ(r.status, 200) << r.body;
  r = post_with_etag(municipality, target + "/events", r.header("etag"), {{"kind", "approve"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("interventions/0/decision"), "care_plan.item2_decision");
  EXPECT_EQ(r.problem_rule("patientView"), "care_plan.item2_patient_view");
  EXPECT_EQ(r.problem_rule("consultedPatient"), "care_plan.consult_patient");
  EXPECT_EQ(r.problem_rule("consultedRelatives"), "care_plan.consult_relatives");

  json::array decided = created.json().at("interventions").as_array();
  decided[0].as_object()["decision"] = "Beslutad av chefsöverläkaren";
  decided[1].as_object()["decision"] = "Biståndsbeslut om boendestöd";
  r = physician.send("PATCH", target,
                     json::serialize(json::object{
                         {"interventions", decided},
                         {"patientView", "Vill ha boendestödet på förmiddagar."},
                         {"consultedPatient", true},
                         {"relativesNotConsultedReason", "Patienten har inga närstående."}}),
                     {{"Content-Type", "application/json"}, {"If-Match", created.header("etag")}});
  ASSERT_EQ(r.status, 200) << r.body;

  // A unit that answers for no insats does not approve.
  Reply refused =
      post_with_etag(physician, target + "/events", r.header("etag"), {{"kind", "approve"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  // Activation and consent belong to a SIP.
  refused = post_with_etag(physician, target + "/events", r.header("etag"), {{"kind", "activate"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("care_plan.established_by_approval"), std::string::npos);

  r = post_with_etag(municipality, target + "/events", r.header("etag"), {{"kind", "approve"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "draft");
  ASSERT_EQ(r.json().at("missingApprovals").as_array().size(), 1U);
  EXPECT_EQ(r.json().at("missingApprovals").at(0).as_string(), health_centre);
  r = post_with_etag(district_nurse, target + "/events", r.header("etag"), {{"kind", "approve"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "active");
  EXPECT_FALSE(r.json().at("activatedAt").is_null());
  EXPECT_EQ(r.json().at("approvals").as_array().size(), 2U);
  EXPECT_EQ(work_items(nurse, episode, "coordinated_care_plan"), 0);

  // Changed, it must be approved again.
  r = physician.send(
      "PATCH", target,
      json::serialize(json::object{{"patientView", "Vill ha boendestöd på kvällar."}}),
      {{"Content-Type", "application/json"}, {"If-Match", r.header("etag")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "draft");
  EXPECT_TRUE(r.json().at("approvals").as_array().empty());
  EXPECT_EQ(r.json().at("missingApprovals").as_array().size(), 2U);
  EXPECT_EQ(work_items(nurse, episode, "coordinated_care_plan"), 1);

  // Every approval is in the plan's history and the audit log.
  r = physician.get(target + "/history");
  ASSERT_EQ(r.status, 200) << r.body;
  int approvals = 0;
  for (const auto& v : r.json().at("items").as_array())
    approvals += v.at("change") == "approve" ? 1 : 0;
  EXPECT_EQ(approvals, 2);
  EXPECT_EQ(query_one("SELECT COUNT(*) FROM audit_log WHERE object_id = ? AND outcome = "
                      "'allowed: approve'",
                      id),
            "2");
}

TEST_P(CarePlanApiTest, LPT_7a_TheDemoCountyHasAStayEndingInOptWithAHalfApprovedPlan) {
  const auto episode = query_one(
      "SELECT id FROM inpatient_episodes WHERE external_visit_id LIKE 'DEMO-%-psykiatri' ORDER BY "
      "created_at DESC");
  ASSERT_FALSE(episode.empty());
  const auto person = query_one("SELECT person_id FROM inpatient_episodes WHERE id = ?", episode);
  const auto ward = unit("Sundsvalls sjukhus, Psykiatrisk avdelning 1");
  const auto social = unit("Socialförvaltningen Sundsvall");

  Client nurse = signed_in(username(ward, "ward_nurse"));
  Reply r = nurse.get("/api/v1/episodes/" + episode);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("needs").at("outpatientCompulsoryCare"), "lpt");
  EXPECT_EQ(r.json().at("state"), "ready");
  EXPECT_EQ(work_items(nurse, episode, "coordinated_care_plan"), 1);

  // The municipality reads the plan and is the one approval missing.
  Client municipality = signed_in(username(social, "sip_coordinator"));
  r = municipality.get("/api/v1/persons/" + person + "/sips");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& plans = r.json().at("items").as_array();
  ASSERT_EQ(plans.size(), 1U);
  EXPECT_EQ(plans[0].at("kind"), "lpt");
  EXPECT_EQ(plans[0].at("state"), "draft");
  EXPECT_EQ(plans[0].at("approvals").as_array().size(), 1U);
  ASSERT_EQ(plans[0].at("missingApprovals").as_array().size(), 1U);
  EXPECT_EQ(plans[0].at("missingApprovals").at(0).as_string(), social);
}

INSTANTIATE_TEST_SUITE_P(Engines, CarePlanApiTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
