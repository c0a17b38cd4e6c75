// Issue 5: SIP, meetings, the responsibility catalogue, requests between units, named contacts
// and the citizen's view, through the API on SQLite and PostgreSQL.
#include <algorithm>
#include <set>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;

class SipApiTest : public EngineTest {
 protected:
  // A Kramfors resident listed at Hälsocentral Kramfors with no relation to home health care or
  // to any hospital ward (the demo's episodes pick new patients every day) and no plan yet;
  // `skip` moves along the list so tests get different people.
  std::string kramfors_resident(int skip) {
    const auto hc = unit("Hälsocentral Kramfors");
    const auto hsl = unit("Hemsjukvård Kramfors");
    return server().instance->database().read([&](store::Transaction& tx) {
      const auto rs = tx.query(
          "SELECT p.id FROM persons p WHERE p.protected_identity = 0 AND EXISTS (SELECT 1 FROM "
          "care_relations cr WHERE cr.person_id = p.id AND cr.unit_id = ? AND cr.ended_at IS "
          "NULL) AND NOT EXISTS (SELECT 1 FROM care_relations cr WHERE cr.person_id = p.id AND "
          "cr.unit_id = ?) AND NOT EXISTS (SELECT 1 FROM care_relations cr JOIN units u ON u.id = "
          "cr.unit_id WHERE cr.person_id = p.id AND u.kind = 'hospital_ward') AND NOT EXISTS "
          "(SELECT 1 FROM coordinated_plans cp WHERE cp.person_id = p.id) AND p.birth_date < "
          "'2000-01-01' ORDER BY p.id DESC LIMIT 1 OFFSET ?",
          hc, hsl, std::int64_t{skip});
      return rs.row(0).text(0);
    });
  }
};

Reply send_with_etag(const Client& c, const std::string& method, const std::string& target,
                     const json::object& body, const std::string& etag) {
  return c.send(method, target, json::serialize(body),
                {{"Content-Type", "application/json"}, {"If-Match", etag}});
}

std::set<std::string> rules_of(const Reply& r) {
  std::set<std::string> out;
  for (const auto& e : r.json().at("errors").as_array())
    out.insert(std::string(e.at("rule").as_string()));
  return out;
}

json::object complete_content(const std::string& hc, const std::string& hsl) {
  return {{"needs", json::array{json::object{{"id", "n1"}, {"description", "Bensår"}}}},
          {"interventions", json::array{json::object{{"description", "Såromläggning"},
                                                     {"responsible", "municipality"},
                                                     {"unitId", hsl},
                                                     {"needId", "n1"},
                                                     {"serviceType", "home_health_wound_care"}},
                                        json::object{{"description", "Läkarbedömning"},
                                                     {"responsible", "region"},
                                                     {"unitId", hc},
                                                     {"needId", "n1"}}}},
          {"noOtherMeasures", true},
          {"overallResponsible", "municipality"},
          {"goals", json::array{json::object{{"id", "g1"},
                                             {"ownWords", "Kunna gå ut med hunden"},
                                             {"measurableTarget", "Såret läkt inom 8 veckor"}}}},
          {"followUps", json::array{json::object{{"id", "f1"}, {"dueDate", "2099-01-15"}}}}};
}

TEST_P(SipApiTest, HSL_16_4_CoordinatorDrawsUpActivatesFollowsUpAndClosesAPlan) {
  const auto hc = unit("Hälsocentral Kramfors");
  const auto hsl = unit("Hemsjukvård Kramfors");
  const auto person = kramfors_resident(0);
  const auto identifier = query_one("SELECT identifier FROM persons WHERE id = ?", person);
  Client coordinator = signed_in("sip.kramfors");
  Client home = signed_in("hsl.kramfors");

  // The coordinator joins the person's care with a stated reason (PDL 4:1), then starts the SIP.
  const Reply related = coordinator.post(
      "/api/v1/care-relations", json::object{{"identifier", identifier},
                                             {"reason", "SIP-samordning på begäran av personen"}});
  ASSERT_EQ(related.status, 201) << related.body;

  // HSL 16:4: no plan is drawn up without the person's consent; the refusal changes nothing.
  const auto plans_before = server().count("coordinated_plans");
  const Reply no_consent = coordinator.post("/api/v1/sips", json::object{{"personId", person}});
  EXPECT_EQ(no_consent.status, 422);
  EXPECT_EQ(no_consent.problem_rule("consent"), "sip.consent_required");
  const Reply empty_scope = coordinator.post(
      "/api/v1/sips", json::object{{"personId", person}, {"consent", {{"scope", " "}}}});
  EXPECT_EQ(empty_scope.status, 422);
  EXPECT_EQ(empty_scope.problem_rule("consent/scope"), "sip.consent_required");
  EXPECT_EQ(server().count("coordinated_plans"), plans_before);

  // Before the plan the home health care unit cannot see the person.
  EXPECT_EQ(home.get("/api/v1/persons/" + person).status, 404);
  const Reply created = coordinator.post(
      "/api/v1/sips",
      json::object{
          {"personId", person},
          {"consent", {{"givenBy", "person"}, {"scope", "Hälsocentral och hemsjukvård"}}},
          {"participants",
           json::array{json::object{{"id", "me"}, {"kind", "person"}, {"name", "Personen"}},
                       json::object{{"id", "hc"}, {"kind", "unit"}, {"unitId", hc}},
                       json::object{{"id", "hsl"}, {"kind", "unit"}, {"unitId", hsl}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(created.json().at("id").as_string());
  EXPECT_EQ(created.json().at("state"), "draft");
  EXPECT_EQ(created.json().at("initiatedBy"), "municipality");
  EXPECT_TRUE(created.json().at("consent").at("inForce").as_bool());
  EXPECT_EQ(created.json().at("catalogueVersion").as_int64(), 1);
  // Taking part in the SIP makes the units part of the person's care (origin SIP participation).
  EXPECT_EQ(home.get("/api/v1/persons/" + person).status, 200);
  EXPECT_EQ(home.get("/api/v1/sips/" + id).status, 200);
  const Reply team = home.get("/api/v1/persons/" + person + "/care-team");
  bool sip_origin = false;
  for (const auto& r : team.json().at("items").as_array())
    sip_origin = sip_origin || r.at("origin") == "sip_participation";
  EXPECT_TRUE(sip_origin);

  // The catalogue suggests who is responsible, from the plan's version.
  const Reply suggestion =
      coordinator.get("/api/v1/sips/" + id +
                      "/suggestions?serviceType=home_health_wound_care&canVisitHealthCentre=false");
  ASSERT_EQ(suggestion.status, 200) << suggestion.body;
  EXPECT_EQ(suggestion.json().at("suggestion").at("responsible"), "municipality");
  EXPECT_EQ(suggestion.json().at("suggestion").at("unitKind"), "home_health_care");
  bool hsl_candidate = false;
  for (const auto& u : suggestion.json().at("suggestion").at("candidateUnits").as_array())
    hsl_candidate = hsl_candidate || u.at("id").as_string() == hsl;
  EXPECT_TRUE(hsl_candidate);

  // HSL 16:4 p. 1, 3, 4: activation names every missing item and changes nothing.
  const Reply incomplete = send_with_etag(coordinator, "POST", "/api/v1/sips/" + id + "/events",
                                          {{"kind", "activate"}}, created.header("etag"));
  EXPECT_EQ(incomplete.status, 422) << incomplete.body;
  EXPECT_EQ(rules_of(incomplete),
            (std::set<std::string>{"sip.item1_interventions", "sip.item3_other_measures",
                                   "sip.item4_overall_responsibility"}));
  const Reply still = coordinator.get("/api/v1/sips/" + id);
  EXPECT_EQ(still.json().at("state"), "draft");
  EXPECT_EQ(still.header("etag"), created.header("etag"));

  // The meeting: invitation, replies, and the outcome recorded as the plan's next version.
  const Reply meeting = coordinator.post("/api/v1/sips/" + id + "/meetings",
                                         json::object{{"startsAt", "2099-01-02T10:00:00+01:00"},
                                                      {"videoLink", "https://video.example/sip"}});
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  const std::string meeting_id(meeting.json().at("id").as_string());
  const Reply nowhere = coordinator.post("/api/v1/sips/" + id + "/meetings",
                                         json::object{{"startsAt", "2099-01-02T10:00:00+01:00"}});
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_EQ(nowhere.problem_rule("place"), "sip.meeting_place");
  const Reply reply = home.post("/api/v1/sip-meetings/" + meeting_id + "/replies",
                                json::object{{"participantId", "hsl"}, {"reply", "accepted"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json().at("replies").as_array().size(), 1U);
  const Reply for_other = home.post("/api/v1/sip-meetings/" + meeting_id + "/replies",
                                    json::object{{"participantId", "hc"}, {"reply", "declined"}});
  EXPECT_EQ(for_other.status, 422);
  EXPECT_EQ(for_other.problem_rule("participantId"), "sip.unit_reply");

  // p. 2: an intervention's unit must belong to the principal named as responsible.
  json::object wrong = complete_content(hc, hsl);
  wrong["interventions"].as_array()[0].as_object()["unitId"] = hc;
  const Reply mismatch = send_with_etag(
      coordinator, "POST", "/api/v1/sip-meetings/" + meeting_id + "/outcome",
      {{"outcome", "x"}, {"changes", wrong}, {"activate", true}}, created.header("etag"));
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_EQ(mismatch.problem_rule("interventions/0/unitId"), "sip.unit_principal");

  const Reply held =
      send_with_etag(coordinator, "POST", "/api/v1/sip-meetings/" + meeting_id + "/outcome",
                     {{"outcome", "Insatser och mål överenskomna."},
                      {"changes", complete_content(hc, hsl)},
                      {"activate", true}},
                     created.header("etag"));
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(held.json().at("state"), "active");
  EXPECT_EQ(held.json().at("meetings").as_array()[0].at("state"), "held");
  EXPECT_EQ(held.json().at("legalReference"), "HSL 16 kap. 4 §, SoL (2025:400) 10 kap. 8 §");

  // A plan in force keeps its four items (p. 4 here); a stale version is refused.
  const Reply drop_owner = send_with_etag(coordinator, "PATCH", "/api/v1/sips/" + id,
                                          {{"overallResponsible", nullptr}}, held.header("etag"));
  EXPECT_EQ(drop_owner.status, 422);
  EXPECT_EQ(drop_owner.problem_rule("overallResponsible"), "sip.item4_overall_responsibility");
  EXPECT_EQ(send_with_etag(coordinator, "PATCH", "/api/v1/sips/" + id,
                           {{"overallResponsible", "region"}}, created.header("etag"))
                .status,
            412);
  const Reply region_leads =
      send_with_etag(coordinator, "PATCH", "/api/v1/sips/" + id, {{"overallResponsible", "region"}},
                     held.header("etag"));
  ASSERT_EQ(region_leads.status, 200) << region_leads.body;

  // Follow-up: the outcome is recorded and the next date planned; then the plan is closed.
  Reply r = send_with_etag(home, "POST", "/api/v1/sips/" + id + "/events",
                           {{"kind", "start_follow_up"}}, region_leads.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "under_follow_up");
  const Reply no_outcome = send_with_etag(home, "POST", "/api/v1/sips/" + id + "/events",
                                          {{"kind", "complete_follow_up"}}, r.header("etag"));
  EXPECT_EQ(no_outcome.status, 422);
  EXPECT_EQ(no_outcome.problem_rule("outcome"), "required");
  r = send_with_etag(
      home, "POST", "/api/v1/sips/" + id + "/events",
      {{"kind", "complete_follow_up"}, {"outcome", "Såret läker."}, {"nextFollowUp", "2099-03-01"}},
      r.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "active");
  EXPECT_EQ(r.json().at("followUps").as_array().size(), 2U);
  EXPECT_EQ(r.json().at("followUps").as_array()[0].at("outcome"), "Såret läker.");
  r = send_with_etag(coordinator, "POST", "/api/v1/sips/" + id + "/events",
                     {{"kind", "close"}, {"reason", "Målen uppnådda."}}, r.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "closed");
  const Reply after_close = send_with_etag(coordinator, "POST", "/api/v1/sips/" + id + "/events",
                                           {{"kind", "activate"}}, r.header("etag"));
  EXPECT_EQ(after_close.status, 409);
  EXPECT_EQ(after_close.problem_rule("kind"), "sip.closed");
  // The relations the plan gave end with it.
  EXPECT_EQ(home.get("/api/v1/persons/" + person).status, 404);

  // History: every version, who changed what, when.
  const Reply history = coordinator.get("/api/v1/sips/" + id + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  std::vector<std::string> changes;
  for (const auto& h : history.json().at("items").as_array())
    changes.emplace_back(h.at("change").as_string());
  EXPECT_EQ(changes, (std::vector<std::string>{"create", "meeting_outcome", "edit",
                                               "start_follow_up", "complete_follow_up", "close"}));
  const auto& items = history.json().at("items").as_array();
  EXPECT_EQ(items[0].at("content").at("state"), "draft");
  EXPECT_EQ(items[2].at("changedFields"), json::array{"overallResponsible"});
  EXPECT_EQ(items[3].at("changedBy").as_string(),
            query_one("SELECT id FROM users WHERE username = 'hsl.kramfors'"));
  for (std::size_t i = 0; i < items.size(); ++i)
    EXPECT_EQ(items[i].at("version").as_int64(), static_cast<std::int64_t>(i + 1));
}

TEST_P(SipApiTest, HSL_16_4_CitizenSeesOwnPlanCommentsOnGoalsAndWithdrawsConsent) {
  Client citizen = signed_in("invanare");
  const Reply mine = citizen.get("/api/v1/me/sips");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_FALSE(mine.json().at("items").as_array().empty());
  const auto& plan = mine.json().at("items").as_array()[0];
  const std::string id(plan.at("id").as_string());
  EXPECT_EQ(plan.at("state"), "active");
  EXPECT_GE(plan.at("participants").as_array().size(), 3U);
  std::set<std::string> kinds;
  for (const auto& c : plan.at("namedContacts").as_array())
    kinds.insert(std::string(c.at("kind").as_string()));
  EXPECT_EQ(kinds, (std::set<std::string>{"fast_omsorgskontakt", "fast_vardkontakt"}));
  const Reply contacts = citizen.get("/api/v1/me/named-contacts");
  ASSERT_EQ(contacts.status, 200);
  EXPECT_EQ(contacts.json().at("items").as_array().size(), 2U);

  const std::string goal(plan.at("goals").as_array()[0].at("id").as_string());
  const Reply commented = citizen.post("/api/v1/sips/" + id + "/goals/" + goal + "/comments",
                                       json::object{{"text", "Jag går till brevlådan nu."}});
  ASSERT_EQ(commented.status, 201) << commented.body;
  const auto& comments = commented.json().at("goals").as_array()[0].at("comments").as_array();
  ASSERT_EQ(comments.size(), 1U);
  EXPECT_TRUE(comments[0].at("byPerson").as_bool());
  // The person does not change the units' plan, only their consent.
  EXPECT_EQ(send_with_etag(citizen, "POST", "/api/v1/sips/" + id + "/events", {{"kind", "close"}},
                           commented.header("etag"))
                .status,
            403);
  const Reply withdrawn = send_with_etag(citizen, "POST", "/api/v1/sips/" + id + "/events",
                                         {{"kind", "withdraw_consent"}}, commented.header("etag"));
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_FALSE(withdrawn.json().at("consent").at("inForce").as_bool());
  // HSL 16:4: without consent the units cannot work on the plan.
  Client coordinator = signed_in("sip.kramfors");
  const Reply blocked = send_with_etag(coordinator, "PATCH", "/api/v1/sips/" + id,
                                       {{"noOtherMeasures", false}}, withdrawn.header("etag"));
  EXPECT_EQ(blocked.status, 409) << blocked.body;
  EXPECT_EQ(blocked.problem_rule("kind"), "sip.consent_required");
  const Reply given =
      send_with_etag(citizen, "POST", "/api/v1/sips/" + id + "/events",
                     {{"kind", "give_consent"}, {"consent", {{"scope", "Samma som förut"}}}},
                     withdrawn.header("etag"));
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_TRUE(given.json().at("consent").at("inForce").as_bool());
  // Staff outside the person's care see nothing, not even that the plan exists.
  Client outsider = signed_in("avd.ssk");
  EXPECT_EQ(outsider.get("/api/v1/sips/" + id).status, 404);
  // Every read by staff is in the person's access log (PDL 8:5).
  ASSERT_EQ(coordinator.get("/api/v1/sips/" + id).status, 200);
  const Reply log = citizen.get("/api/v1/me/access-log?limit=200");
  ASSERT_EQ(log.status, 200);
  bool logged = false;
  for (const auto& l : log.json().at("items").as_array())
    logged = logged || l.at("unitName") == "Socialförvaltningen Kramfors";
  EXPECT_TRUE(logged) << log.body;
}

TEST_P(SipApiTest, RequestsFlowBetweenHealthCentreAndHomeHealthCare) {
  const auto hsl = unit("Hemsjukvård Kramfors");
  const auto person = kramfors_resident(1);
  Client centre = signed_in("dsk.kramfors");
  Client home = signed_in("hsl.kramfors");
  EXPECT_EQ(home.get("/api/v1/persons/" + person).status, 404);

  const Reply bad =
      centre.post("/api/v1/requests", json::object{{"personId", person},
                                                   {"type", "massage"},
                                                   {"toUnitId", hsl},
                                                   {"description", "x"},
                                                   {"dueAt", "2000-01-01T00:00:00Z"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(rules_of(bad), (std::set<std::string>{"enum", "datetime.future"}));
  const Reply sent = centre.post("/api/v1/requests",
                                 json::object{{"personId", person},
                                              {"type", "home_health_care_intervention"},
                                              {"toUnitId", hsl},
                                              {"description", "Såromläggning tre dagar i veckan"},
                                              {"dueAt", "2099-01-01T12:00:00+01:00"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string id(sent.json().at("id").as_string());
  EXPECT_EQ(sent.json().at("state"), "sent");

  const Reply inbox = home.get("/api/v1/requests?box=inbox&state=sent");
  ASSERT_EQ(inbox.status, 200);
  bool listed = false;
  for (const auto& r : inbox.json().at("items").as_array())
    listed = listed || r.at("id").as_string() == id;
  EXPECT_TRUE(listed);
  Reply r = home.get("/api/v1/requests/" + id);
  ASSERT_EQ(r.status, 200);
  // The recipient learns whom the request is about from the request itself.
  EXPECT_EQ(r.json().at("personName").as_string(),
            query_one("SELECT given_name || ' ' || family_name FROM persons WHERE id = ?", person));
  r = send_with_etag(home, "POST", "/api/v1/requests/" + id + "/events", {{"kind", "receive"}},
                     r.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "received");
  EXPECT_FALSE(r.json().at("receivedAt").is_null());
  // Only the recipient answers; a decline needs its reason; the sender cannot accept.
  EXPECT_EQ(send_with_etag(centre, "POST", "/api/v1/requests/" + id + "/events",
                           {{"kind", "accept"}}, r.header("etag"))
                .status,
            403);
  const Reply curt = send_with_etag(home, "POST", "/api/v1/requests/" + id + "/events",
                                    {{"kind", "decline"}, {"reason", "Nej"}}, r.header("etag"));
  EXPECT_EQ(curt.status, 422);
  EXPECT_EQ(curt.problem_rule("reason"), "request.decline_reason");
  r = send_with_etag(home, "POST", "/api/v1/requests/" + id + "/events", {{"kind", "accept"}},
                     r.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state"), "accepted");
  // The worklist asks for what still waits on the unit: sent, received or accepted.
  const auto in_open_inbox = [&] {
    const Reply open = home.get("/api/v1/requests?box=inbox&state=open");
    EXPECT_EQ(open.status, 200);
    bool found = false;
    for (const auto& x : open.json().at("items").as_array()) {
      found = found || x.at("id").as_string() == id;
      EXPECT_TRUE(x.at("state") == "sent" || x.at("state") == "received" ||
                  x.at("state") == "accepted")
          << x.at("state");
    }
    return found;
  };
  EXPECT_TRUE(in_open_inbox());
  EXPECT_EQ(home.get("/api/v1/requests?box=inbox&state=waiting").status, 400);
  // Accepting made home health care part of the person's care (origin accepted request).
  EXPECT_EQ(home.get("/api/v1/persons/" + person).status, 200);
  const auto origin =
      query_one("SELECT origin FROM care_relations WHERE source_id = ? AND ended_at IS NULL", id);
  EXPECT_EQ(origin, "accepted_request");
  const Reply withdraw = send_with_etag(centre, "POST", "/api/v1/requests/" + id + "/events",
                                        {{"kind", "cancel"}}, r.header("etag"));
  EXPECT_EQ(withdraw.status, 409);
  EXPECT_EQ(withdraw.problem_rule("kind"), "request.answered");
  r = send_with_etag(home, "POST", "/api/v1/requests/" + id + "/events", {{"kind", "complete"}},
                     r.header("etag"));
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> steps;
  for (const auto& e : r.json().at("events").as_array())
    steps.emplace_back(e.at("kind").as_string());
  EXPECT_EQ(steps, (std::vector<std::string>{"send", "receive", "accept", "complete"}));
  EXPECT_FALSE(in_open_inbox());
  // The sender sees it in its outbox; a third unit never sees it.
  const Reply outbox = centre.get("/api/v1/requests?box=outbox&state=done");
  listed = false;
  for (const auto& x : outbox.json().at("items").as_array())
    listed = listed || x.at("id").as_string() == id;
  EXPECT_TRUE(listed);
  Client other = signed_in("hemtjanst.kramfors");
  EXPECT_EQ(other.get("/api/v1/requests/" + id).status, 404);

  // A declined request keeps its reason.
  const Reply second = centre.post("/api/v1/requests", json::object{{"personId", person},
                                                                    {"type", "assistive_device"},
                                                                    {"toUnitId", hsl},
                                                                    {"description", "Rollator"}});
  ASSERT_EQ(second.status, 201);
  const Reply declined = send_with_etag(
      home, "POST",
      "/api/v1/requests/" + std::string(second.json().at("id").as_string()) + "/events",
      {{"kind", "decline"}, {"reason", "Förskrivs av arbetsterapeut på hälsocentralen."}},
      second.header("etag"));
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.json().at("state"), "declined");
  EXPECT_EQ(declined.json().at("declineReason"), "Förskrivs av arbetsterapeut på hälsocentralen.");
}

TEST_P(SipApiTest, CatalogueIsVersionedAndDecidesByThePersonsSituation) {
  Client admin = signed_in("admin");
  Client nurse = signed_in("dsk.kramfors");
  const Reply current = nurse.get("/api/v1/responsibility-catalogue");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_TRUE(current.json().at("demo").as_bool());
  EXPECT_GE(current.json().at("serviceTypes").as_array().size(), 8U);
  for (const auto& s : current.json().at("serviceTypes").as_array())
    EXPECT_TRUE(s.at("demo").as_bool()) << s.at("code");

  struct Case {
    std::string query;
    std::string responsible;
    std::string unit_kind;
  };
  for (const auto& c : std::vector<Case>{
           {"serviceType=home_health_wound_care", "region", "health_centre"},
           {"serviceType=home_health_wound_care&canVisitHealthCentre=false", "municipality",
            "home_health_care"},
           {"serviceType=home_health_wound_care&residence=residential_care", "municipality",
            "home_health_care"},
           {"serviceType=home_health_wound_care&canVisitHealthCentre=false&under18=true", "region",
            "health_centre"},
           {"serviceType=physician_home_visit&residence=residential_care", "region",
            "health_centre"},
           {"serviceType=home_care_personal_care&lss=true", "municipality", "administration"},
           {"serviceType=child_adolescent_psychiatry&under18=true", "region", "hospital"}}) {
    const Reply s = nurse.get("/api/v1/responsibility-catalogue/suggestion?" + c.query);
    ASSERT_EQ(s.status, 200) << c.query << s.body;
    EXPECT_EQ(s.json().at("suggestion").at("responsible").as_string(), c.responsible) << c.query;
    EXPECT_EQ(s.json().at("suggestion").at("unitKind").as_string(), c.unit_kind) << c.query;
  }
  // A new request asks by its type.
  const Reply for_request = nurse.get(
      "/api/v1/responsibility-catalogue/suggestion?requestType=home_health_care_intervention"
      "&canVisitHealthCentre=false");
  ASSERT_EQ(for_request.status, 200) << for_request.body;
  EXPECT_EQ(for_request.json().at("suggestion").at("unitKind"), "home_health_care");
  const Reply sip_request =
      nurse.get("/api/v1/responsibility-catalogue/suggestion?requestType=sip_request");
  EXPECT_EQ(sip_request.status, 400);
  EXPECT_EQ(sip_request.problem_rule("requestType"), "catalogue.not_applicable");
  const Reply none =
      nurse.get("/api/v1/responsibility-catalogue/suggestion?serviceType=school_health");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.json().at("suggestion").is_null());
  EXPECT_EQ(none.json().at("noDecision").at("rule"), "catalogue.no_rule");

  const json::object next{
      {"title", "Ansvarsfördelning 2099 (test)"},
      {"validFrom", "2099-01-01"},
      {"source", "Test"},
      {"serviceTypes",
       json::array{
           json::object{{"code", "physician_home_visit"},
                        {"name", "Läkarbesök i hemmet"},
                        {"rules", json::array{json::object{{"principal", "municipality"},
                                                           {"unitKind", "home_health_care"}}}}}}}};
  EXPECT_EQ(nurse.post("/api/v1/responsibility-catalogue/versions", next).status, 403);
  json::object overlapping = next;
  overlapping["validFrom"] = "2024-06-01";
  const Reply overlap = admin.post("/api/v1/responsibility-catalogue/versions", overlapping);
  EXPECT_EQ(overlap.status, 422);
  EXPECT_EQ(overlap.problem_rule("validFrom"), "catalogue.period");
  json::object broken = next;
  broken["serviceTypes"].as_array()[0].as_object()["rules"] = json::array{};
  const Reply no_rules = admin.post("/api/v1/responsibility-catalogue/versions", broken);
  EXPECT_EQ(no_rules.status, 422);
  EXPECT_EQ(no_rules.problem_rule("serviceTypes/0/rules"), "required");
  const Reply published = admin.post("/api/v1/responsibility-catalogue/versions", next);
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(published.json().at("version").as_int64(), 2);

  const Reply versions = nurse.get("/api/v1/responsibility-catalogue/versions");
  const auto& items = versions.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].at("validTo"), "2098-12-31");  // the old version ends the day before
  // Today the old version holds; from 2099 the new one decides.
  const Reply today = nurse.get("/api/v1/responsibility-catalogue");
  EXPECT_EQ(today.json().at("version").as_int64(), 1);
  const Reply later = nurse.get(
      "/api/v1/responsibility-catalogue/suggestion?serviceType=physician_home_visit&at=2099-02-01");
  EXPECT_EQ(later.json().at("catalogueVersion").as_int64(), 2);
  EXPECT_EQ(later.json().at("suggestion").at("responsible"), "municipality");
}

TEST_P(SipApiTest, LUS_4_3_SipAtDischargeIsTheEpisodesInvitationAndNamedContactIsKept) {
  const auto hc = unit("Hälsocentral Kramfors");
  const auto hsl = unit("Hemsjukvård Kramfors");
  const auto person = kramfors_resident(2);
  Client ward = signed_in("avd.ssk");
  Client home = signed_in("hsl.kramfors");
  Client centre = signed_in("dsk.kramfors");
  const Reply admitted = ward.post("/api/v1/episodes", json::object{{"personId", person}});
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const std::string episode(admitted.json().at("id").as_string());
  auto event = [&](Client& c, const std::string& etag, const json::object& body) {
    return send_with_etag(c, "POST", "/api/v1/episodes/" + episode + "/events", body, etag);
  };
  Reply r = event(ward, admitted.header("etag"),
                  {{"kind", "assess_needs"},
                   {"needs", {{"municipalHealthCare", true}, {"regionOutpatient", true}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = event(ward, r.header("etag"),
            {{"kind", "send_admission_notice"},
             {"recipientUnitIds", {hc, hsl}},
             {"plannedDischarge", "2099-01-01T10:00:00Z"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // 2 kap. 5 §: the named contact the health centre appoints becomes the person's fast
  // vårdkontakt, shown with every plan.
  r = event(centre, r.header("etag"), {{"kind", "appoint_named_contact"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const Reply contacts = centre.get("/api/v1/persons/" + person + "/named-contacts");
  ASSERT_EQ(contacts.status, 200) << contacts.body;
  ASSERT_EQ(contacts.json().at("items").as_array().size(), 1U);
  EXPECT_EQ(contacts.json().at("items").as_array()[0].at("kind"), "fast_vardkontakt");
  EXPECT_EQ(contacts.json().at("items").as_array()[0].at("source"), "episode");
  r = event(ward, r.header("etag"), {{"kind", "mark_ready"}});
  ASSERT_EQ(r.status, 200) << r.body;

  const Reply wrong_episode = centre.post(
      "/api/v1/sips", json::object{{"personId", person},
                                   {"episodeId", "00000000-0000-0000-0000-000000000000"},
                                   {"consent", {{"scope", "SIP efter utskrivning"}}}});
  EXPECT_EQ(wrong_episode.status, 422);
  EXPECT_EQ(wrong_episode.problem_rule("episodeId"), "reference");
  const Reply plan = centre.post(
      "/api/v1/sips",
      json::object{{"personId", person},
                   {"episodeId", episode},
                   {"consent", {{"scope", "SIP efter utskrivning"}}},
                   {"participants", json::array{json::object{{"kind", "unit"}, {"unitId", hsl}}}}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  EXPECT_EQ(plan.json().at("initiatedBy"), "region");
  EXPECT_EQ(plan.json().at("episodeId").as_string(), episode);
  EXPECT_EQ(plan.json().at("namedContacts").as_array().size(), 1U);
  const Reply meeting = centre.post(
      "/api/v1/sips/" + std::string(plan.json().at("id").as_string()) + "/meetings",
      json::object{{"startsAt", "2099-01-01T13:00:00+01:00"}, {"place", "Hemma hos personen"}});
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  const Reply after = ward.get("/api/v1/episodes/" + episode);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json().at("state"), "sip_invited");
  bool met = false;
  for (const auto& c : after.json().at("clocks").as_array()) {
    if (c.at("kind") == "sip_invitation")
      met = !c.at("metAt").is_null() && !c.at("breached").as_bool();
  }
  EXPECT_TRUE(met);
  // Home health care got the kallelse in its inbox.
  const Reply inbox = home.get("/api/v1/notices");
  bool invited = false;
  for (const auto& n : inbox.json().at("items").as_array())
    invited =
        invited || (n.at("episodeId").as_string() == episode && n.at("kind") == "sip_invitation");
  EXPECT_TRUE(invited);
}

TEST_P(SipApiTest, NamedContactsFollowThePrincipal) {
  const auto person = kramfors_resident(3);
  const auto home_care_user =
      query_one("SELECT id FROM users WHERE username = 'hemtjanst.kramfors'");
  const auto home_care = unit("Hemtjänst Kramfors centrum");
  const auto nurse_user = query_one("SELECT id FROM users WHERE username = 'hsl.kramfors'");
  Client centre = signed_in("dsk.kramfors");
  Client home = signed_in("hsl.kramfors");
  const auto identifier = query_one("SELECT identifier FROM persons WHERE id = ?", person);
  ASSERT_EQ(home.post("/api/v1/care-relations",
                      json::object{{"identifier", identifier}, {"reason", "Planerad hemsjukvård"}})
                .status,
            201);
  // A municipal unit cannot hold the region's fast vårdkontakt.
  const Reply wrong = home.post("/api/v1/persons/" + person + "/named-contacts",
                                json::object{{"kind", "fast_vardkontakt"}, {"userId", nurse_user}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.problem_rule("kind"), "named_contact.principal");
  const Reply first =
      home.post("/api/v1/persons/" + person + "/named-contacts",
                json::object{{"kind", "fast_omsorgskontakt"}, {"userId", nurse_user}});
  ASSERT_EQ(first.status, 201) << first.body;
  const Reply second = home.post(
      "/api/v1/persons/" + person + "/named-contacts",
      json::object{
          {"kind", "fast_omsorgskontakt"}, {"userId", home_care_user}, {"unitId", home_care}});
  ASSERT_EQ(second.status, 201) << second.body;
  const Reply current = centre.get("/api/v1/persons/" + person + "/named-contacts");
  ASSERT_EQ(current.status, 200);
  ASSERT_EQ(current.json().at("items").as_array().size(), 1U);  // the first one ended
  EXPECT_EQ(current.json().at("items").as_array()[0].at("userId").as_string(), home_care_user);
  const Reply all = centre.get("/api/v1/persons/" + person + "/named-contacts?all=true");
  EXPECT_EQ(all.json().at("items").as_array().size(), 2U);
  const Reply not_there =
      home.post("/api/v1/persons/" + person + "/named-contacts",
                json::object{{"kind", "fast_omsorgskontakt"}, {"userId", home_care_user}});
  EXPECT_EQ(not_there.status, 422);
  EXPECT_EQ(not_there.problem_rule("userId"), "reference");  // no assignment at home health care
  Client outsider = signed_in("avd.ssk");
  EXPECT_EQ(outsider.get("/api/v1/persons/" + person + "/named-contacts").status, 404);
}

TEST_P(SipApiTest, BadPlanInputNamesTheFieldAndChangesNothing) {
  const auto person = kramfors_resident(0);
  Client centre = signed_in("dsk.kramfors");
  const auto before = server().count("coordinated_plans");
  const Reply unknown = centre.post(
      "/api/v1/sips",
      json::object{{"personId", person}, {"consent", {{"scope", "x"}}}, {"colour", "red"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.problem_rule("colour"), "unknown_field");
  const Reply no_principal = centre.post(
      "/api/v1/sips",
      json::object{
          {"personId", person},
          {"consent", {{"scope", "x"}}},
          {"interventions", json::array{json::object{{"description", "Dusch"}, {"unitId", "u"}}}}});
  EXPECT_EQ(no_principal.status, 422);
  EXPECT_EQ(no_principal.problem_rule("interventions/0/responsible"), "required");
  const Reply objected = centre.post(
      "/api/v1/sips",
      json::object{
          {"personId", person},
          {"consent", {{"scope", "x"}}},
          {"personObjectsToRelatives", true},
          {"participants", json::array{json::object{{"kind", "relative"}, {"name", "Bo"}}}}});
  EXPECT_EQ(objected.status, 422);
  EXPECT_EQ(objected.problem_rule("participants/0/kind"), "sip.relative_objected")  // SoL 10:9
      << objected.body;
  EXPECT_EQ(server().count("coordinated_plans"), before);
  const Reply doc = centre.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  for (const char* path :
       {"/api/v1/sips", "/api/v1/sips/{id}/events", "/api/v1/requests",
        "/api/v1/responsibility-catalogue/versions", "/api/v1/persons/{id}/named-contacts"}) {
    EXPECT_TRUE(doc.json().at("paths").as_object().contains(path)) << path;
  }
}

TEST_P(SipApiTest, PDL4_3_AskingForAPersonsPlansIsLoggedEvenWhenNoneIsShown) {
  // A person with no plan, listed at Kramfors health centre, and one with no relation to it.
  const auto [related, unrelated] = server().instance->database().read([](store::Transaction& tx) {
    const auto unit =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    const auto with_relation = tx.query(
        "SELECT person_id FROM care_relations cr WHERE unit_id = ? AND ended_at IS NULL AND NOT "
        "EXISTS (SELECT 1 FROM coordinated_plans sp WHERE sp.person_id = cr.person_id) ORDER BY "
        "person_id LIMIT 1",
        unit);
    const auto without = tx.query(
        "SELECT id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM care_relations cr WHERE "
        "cr.person_id = p.id AND cr.unit_id = ?) ORDER BY id LIMIT 1",
        unit);
    return std::make_pair(with_relation.row(0).text(0), without.row(0).text(0));
  });
  const auto logged = [&](const std::string& request_id) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx.query(
          "SELECT action, object_type, without_relation FROM audit_log WHERE request_id = ?",
          request_id);
    });
  };
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  const Reply none = nurse.send("GET", "/api/v1/persons/" + related + "/sips", "",
                                {{"X-Request-Id", "sips-of-related"}});
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(none.json().at("items").as_array().empty());
  const auto read = logged("sips-of-related");
  ASSERT_EQ(read.size(), 1U);
  EXPECT_EQ(read.row(0).text(0), "read");
  EXPECT_EQ(read.row(0).text(1), "person_sips");
  EXPECT_FALSE(read.row(0).boolean(2));

  const Reply refused = nurse.send("GET", "/api/v1/persons/" + unrelated + "/sips", "",
                                   {{"X-Request-Id", "sips-of-unrelated"}});
  EXPECT_EQ(refused.status, 404);
  const auto denied = logged("sips-of-unrelated");
  ASSERT_EQ(denied.size(), 1U);
  EXPECT_EQ(denied.row(0).text(0), "denied");
  EXPECT_TRUE(denied.row(0).boolean(2));
}

INSTANTIATE_TEST_SUITE_P(Engines, SipApiTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
