// Issue 4: an episode driven through the API from admission to discharge, with notices between
// the ward, the health centre and municipal home health care (Lag 2017:612).
#include <map>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class DischargeApiTest : public EngineTest {};

Reply event(Client& c, const std::string& episode, const std::string& etag,
            boost::json::object body) {
  return c.send("POST", "/api/v1/episodes/" + episode + "/events", boost::json::serialize(body),
                {{"Content-Type", "application/json"}, {"If-Match", etag}});
}

TEST_P(DischargeApiTest, LUS_AdmissionToDischargeThroughTheApi) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  const auto ids = db.read([](store::Transaction& tx) {
    const auto hc =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    const auto hsl =
        tx.query("SELECT id FROM units WHERE name = 'Hemsjukvård Kramfors'").row(0).text(0);
    const auto person = tx.query(
        "SELECT cr.person_id FROM care_relations cr WHERE cr.unit_id = ? AND EXISTS (SELECT 1 FROM "
        "care_relations c2 "
        "WHERE c2.person_id = cr.person_id AND c2.unit_id = ?) AND NOT EXISTS (SELECT 1 FROM "
        "inpatient_episodes e WHERE e.person_id = cr.person_id) AND NOT EXISTS (SELECT 1 FROM "
        "care_relations c3 JOIN units u3 ON u3.id = c3.unit_id WHERE c3.person_id = cr.person_id "
        "AND u3.kind = 'home_care') ORDER BY cr.person_id LIMIT 1",
        hsl, hc);
    return std::vector<std::string>{hc, hsl, person.row(0).text(0)};
  });
  const std::string hc = ids[0], hsl = ids[1], person = ids[2];
  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  Client home = fresh->client();
  ASSERT_EQ(home.sign_in("hsl.kramfors").status, 201);
  Client centre = fresh->client();
  ASSERT_EQ(centre.sign_in("dsk.kramfors").status, 201);

  // The ward cannot see the person before the admission makes it part of their care.
  EXPECT_EQ(ward.get("/api/v1/persons/" + person).status, 404);
  const Reply admitted = ward.post("/api/v1/episodes", boost::json::object{{"personId", person}});
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const std::string id(admitted.json().at("id").as_string());
  EXPECT_EQ(admitted.json().at("state"), "admitted");
  EXPECT_EQ(ward.get("/api/v1/persons/" + person).status, 200);

  Reply r = event(
      ward, id, admitted.header("etag"),
      {{"kind", "assess_needs"},
       {"needs",
        {{"socialServices", false}, {"municipalHealthCare", true}, {"regionOutpatient", true}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("needs").at("sipRequired").as_bool());
  // 2 kap. 2 §: the notice must carry the planned discharge; the refusal changes nothing.
  const Reply incomplete =
      event(ward, id, r.header("etag"),
            {{"kind", "send_admission_notice"}, {"recipientUnitIds", {hc, hsl}}});
  EXPECT_EQ(incomplete.status, 409);
  EXPECT_EQ(incomplete.problem_rule("kind"), "episode.planned_discharge_required");
  r = event(ward, id, r.header("etag"),
            {{"kind", "send_admission_notice"},
             {"recipientUnitIds", {hc, hsl}},
             {"plannedDischarge", "2030-01-01T10:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "notice_sent");
  const std::string after_notice = r.header("etag");
  EXPECT_EQ(event(ward, id, "\"1\"", {{"kind", "mark_ready"}}).status, 412);  // stale version
  const Reply too_early =
      event(ward, id, after_notice, {{"kind", "discharge"}, {"at", "2000-01-01T00:00:00Z"}});
  EXPECT_EQ(too_early.status, 409);
  EXPECT_EQ(too_early.problem_rule("kind"), "episode.before_admission");

  // Home health care receives the notice, can now see the episode, and acknowledges (2 kap. 6 §).
  const Reply inbox = home.get("/api/v1/notices?unacknowledged=true");
  ASSERT_EQ(inbox.status, 200);
  std::string notice;
  for (const auto& n : inbox.json().at("items").as_array()) {
    if (n.at("episodeId").as_string() == id && n.at("kind") == "admission_notice")
      notice = std::string(n.at("id").as_string());
  }
  ASSERT_FALSE(notice.empty());
  // The inbox counts unread and unacknowledged notices; opening one marks it read for the unit.
  const auto unread_before = inbox.json().at("unread").as_int64();
  EXPECT_GE(unread_before, 1);
  const Reply opened = home.get("/api/v1/notices/" + notice);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_FALSE(opened.json().at("readAt").is_null());
  EXPECT_TRUE(opened.json().at("acknowledgedAt").is_null());
  const Reply after = home.get("/api/v1/notices?unacknowledged=true");
  EXPECT_EQ(after.json().at("unread").as_int64(), unread_before - 1);
  EXPECT_EQ(after.json().at("unacknowledged").as_int64(),
            inbox.json().at("unacknowledged").as_int64());
  EXPECT_EQ(ward.get("/api/v1/notices/" + notice).status, 404);  // not the ward's
  EXPECT_EQ(home.get("/api/v1/episodes/" + id).status, 200);
  EXPECT_EQ(home.send("POST", "/api/v1/notices/" + notice + "/acknowledge").status, 204);
  EXPECT_EQ(home.send("POST", "/api/v1/notices/" + notice + "/acknowledge").status, 409);
  EXPECT_EQ(ward.send("POST", "/api/v1/notices/" + notice + "/acknowledge").status,
            404);  // not the ward's
  Reply now = ward.get("/api/v1/episodes/" + id);
  EXPECT_EQ(now.json().at("state"), "planning");

  // The health centre appoints the named contact (2 kap. 5 §); the ward may not.
  EXPECT_EQ(event(ward, id, now.header("etag"), {{"kind", "appoint_named_contact"}}).status, 403);
  r = event(centre, id, now.header("etag"), {{"kind", "appoint_named_contact"}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = event(ward, id, r.header("etag"), {{"kind", "mark_ready"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "ready");
  r = event(centre, id, r.header("etag"), {{"kind", "invite_sip"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "sip_invited");
  r = event(ward, id, r.header("etag"), {{"kind", "transfer_information"}});
  ASSERT_EQ(r.status, 200);
  r = event(ward, id, r.header("etag"), {{"kind", "discharge"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "discharged");
  for (const auto& c : r.json().at("clocks").as_array()) {
    EXPECT_FALSE(c.at("breached").as_bool()) << boost::json::serialize(c);
    EXPECT_FALSE(c.at("metAt").is_null()) << boost::json::serialize(c);
  }
  EXPECT_EQ(r.json().at("liability").at("liableDays").as_int64(), 0);  // discharged the same day

  // Every notice went to the receiving units and is an outbox row written with its change.
  const auto kinds = db.read([&](store::Transaction& tx) {
    return tx.query(
        "SELECT kind, COUNT(*) FROM notices WHERE episode_id = ? GROUP BY kind ORDER BY kind", id);
  });
  std::map<std::string, std::int64_t> counts;
  for (std::size_t i = 0; i < kinds.size(); ++i)
    counts[kinds.row(i).text(0)] = kinds.row(i).int64(1);
  EXPECT_EQ(counts["admission_notice"], 2);
  EXPECT_EQ(counts["ready_for_discharge"], 2);
  EXPECT_EQ(counts["sip_invitation"], 1);  // from the health centre to home health care
  EXPECT_EQ(counts["discharged"], 2);
  EXPECT_EQ(fresh->count("outbox"), 1 + 2 + 2 + 1 + 2);
  // The admission's care relation ended with the discharge.
  EXPECT_EQ(ward.get("/api/v1/episodes/" + id).status, 404);
  // Someone outside the care never sees it.
  Client other = fresh->client();
  ASSERT_EQ(other.sign_in("hemtjanst.kramfors").status, 201);
  EXPECT_EQ(other.get("/api/v1/episodes/" + id).status, 404);
}

TEST_P(DischargeApiTest, LUS4_1_OutpatientCompulsoryCareFromAPsychiatricWardReplacesSip) {
  auto fresh = fresh_server(GetParam(), true);
  const auto [ward_id, person] = fresh->instance->database().read([](store::Transaction& tx) {
    const auto hc =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    return std::make_pair(
        tx.query("SELECT a.unit_id FROM assignments a JOIN users u ON u.id = a.user_id WHERE "
                 "u.username = 'avd.ssk'")
            .row(0)
            .text(0),
        tx.query("SELECT cr.person_id FROM care_relations cr WHERE cr.unit_id = ? AND NOT EXISTS "
                 "(SELECT 1 FROM inpatient_episodes e WHERE e.person_id = cr.person_id) ORDER BY "
                 "cr.person_id LIMIT 1",
                 hc)
            .row(0)
            .text(0));
  });
  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  Client admin = fresh->client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const Reply admitted = ward.post(
      "/api/v1/episodes",
      boost::json::object{{"personId", person}, {"admittedAt", "2026-11-02T08:00:00+01:00"}});
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const std::string id(admitted.json().at("id").as_string());
  const auto assess = [&](const std::string& etag, boost::json::value care) {
    return event(ward, id, etag,
                 {{"kind", "assess_needs"},
                  {"at", "2026-11-02T09:00:00+01:00"},
                  {"needs",
                   {{"socialServices", true},
                    {"municipalHealthCare", true},
                    {"regionOutpatient", true},
                    {"outpatientCompulsoryCare", care}}}});
  };

  // On a somatic ward there is no LPT or LRV care to continue; a wrong value is named.
  Reply r = assess(admitted.header("etag"), "lpt");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("needs/outpatientCompulsoryCare"), "psychiatric_ward_only");
  r = assess(admitted.header("etag"), "öpt");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.problem_rule("needs/outpatientCompulsoryCare"), "enum");

  const Reply unit = admin.get("/api/v1/units/" + ward_id);
  ASSERT_EQ(admin
                .patch("/api/v1/units/" + ward_id, boost::json::object{{"psychiatricCare", true}},
                       unit.header("etag"))
                .status,
            200);
  r = assess(admitted.header("etag"), "lpt");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("needs").at("outpatientCompulsoryCare"), "lpt");
  EXPECT_FALSE(r.json().at("needs").at("sipRequired").as_bool());
  r = event(ward, id, r.header("etag"),
            {{"kind", "mark_ready"}, {"at", "2026-11-05T10:00:00+01:00"}});
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& clock : r.json().at("clocks").as_array())
    EXPECT_NE(clock.at("kind"), "sip_invitation") << clock;
  // The health centre, which invites to SIP (4 kap. 3 §), is told the plan is another one.
  Client health_centre = fresh->client();
  ASSERT_EQ(health_centre.sign_in("dsk.kramfors").status, 201);
  const Reply invite = event(health_centre, id, r.header("etag"),
                             {{"kind", "invite_sip"}, {"at", "2026-11-05T11:00:00+01:00"}});
  EXPECT_EQ(invite.status, 409) << invite.body;
  EXPECT_NE(invite.body.find("LPT 7 a"), std::string::npos) << invite.body;
  // Reassessed without compulsory care, SIP is required again.
  r = assess(r.header("etag"), nullptr);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("needs").at("outpatientCompulsoryCare").is_null());
  EXPECT_TRUE(r.json().at("needs").at("sipRequired").as_bool());
}

INSTANTIATE_TEST_SUITE_P(Engines, DischargeApiTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
