// Issue 4 point 3: payment liability as data through the API, on SQLite and PostgreSQL — local
// agreements (4 kap. 5 §) managed by the county administrator, the monthly-average model, the
// 5:5 exception and the placing municipality (5:2), each changing the monthly report.
#include <algorithm>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class LiabilityAgreementTest : public EngineTest {};

Reply event(Client& c, const std::string& episode, const std::string& etag,
            boost::json::object body) {
  return c.send("POST", "/api/v1/episodes/" + episode + "/events", boost::json::serialize(body),
                {{"Content-Type", "application/json"}, {"If-Match", etag}});
}

struct Ids {
  std::string health_centre;
  std::string home_health_care;
  std::string person;  // a Kramfors resident (2282) in the care of both
};

Ids kramfors_ids(Server& s) {
  return s.instance->database().read([](store::Transaction& tx) {
    const auto hc =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    const auto hsl =
        tx.query("SELECT id FROM units WHERE name = 'Hemsjukvård Kramfors'").row(0).text(0);
    const auto person = tx.query(
        "SELECT cr.person_id FROM care_relations cr JOIN persons p ON p.id = cr.person_id WHERE "
        "cr.unit_id = ? AND p.municipality_code = '2282' AND EXISTS (SELECT 1 FROM "
        "care_relations c2 WHERE c2.person_id = cr.person_id AND c2.unit_id = ?) AND NOT EXISTS "
        "(SELECT 1 FROM inpatient_episodes e WHERE e.person_id = cr.person_id) ORDER BY "
        "cr.person_id LIMIT 1",
        hsl, hc);
    return Ids{hc, hsl, person.row(0).text(0)};
  });
}

// Admitted, notified to home health care in time (2 kap. 1 §), ready at `ready`; discharged at
// `discharge` unless empty. Returns the episode id.
std::string ready_episode(Client& ward, const Ids& ids, const std::string& admitted,
                          const std::string& ready, const std::string& discharge,
                          const std::string& planned) {
  const Reply a = ward.post(
      "/api/v1/episodes", boost::json::object{{"personId", ids.person}, {"admittedAt", admitted}});
  EXPECT_EQ(a.status, 201) << a.body;
  const std::string id(a.json().at("id").as_string());
  Reply r = event(
      ward, id, a.header("etag"),
      {{"kind", "assess_needs"}, {"at", admitted}, {"needs", {{"municipalHealthCare", true}}}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = event(ward, id, r.header("etag"),
            {{"kind", "send_admission_notice"},
             {"at", admitted},
             {"recipientUnitIds", {ids.home_health_care}},
             {"plannedDischarge", planned}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = event(ward, id, r.header("etag"), {{"kind", "mark_ready"}, {"at", ready}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (!discharge.empty()) {
    r = event(ward, id, r.header("etag"), {{"kind", "discharge"}, {"at", discharge}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  return id;
}

const boost::json::object* municipality(const Reply& report, const std::string& code) {
  for (const auto& m : report.json().at("municipalities").as_array()) {
    if (m.at("municipalityCode").as_string() == code) return &m.as_object();
  }
  return nullptr;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST_P(LiabilityAgreementTest, LUS4_5_AgreementsAsDataChangeTheReportAndOnlyAdministratorsManage) {
  auto fresh = fresh_server(GetParam(), true);
  const Ids ids = kramfors_ids(*fresh);
  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  Client admin = fresh->client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  Client manager = fresh->client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("hsl.kramfors").status, 201);

  // The statutory amounts are data, with their sources (5 kap. 6 §, domain-rules §1.4).
  const Reply listed = admin.get("/api/v1/liability-agreements");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto& amounts = listed.json().at("statutoryAmounts").as_array();
  ASSERT_EQ(amounts.size(), 4U);
  EXPECT_EQ(amounts[0].at("year").as_int64(), 2019);
  EXPECT_EQ(amounts[0].at("amountPerDay").as_int64(), 7800);
  EXPECT_FALSE(amounts[3].at("source").as_string().empty());
  EXPECT_EQ(manager.get("/api/v1/liability-agreements").status, 200);
  EXPECT_EQ(nurse.get("/api/v1/liability-agreements").status, 403);

  // Ready Thursday 2 March 2023 at 10:00, discharged Friday the 10th: under the statute liable
  // 5–9 March (5 kap. 4 §), 5 × 10 500 kr.
  ready_episode(ward, ids, "2023-03-01T08:00:00+01:00", "2023-03-02T10:00:00+01:00",
                "2023-03-10T14:00:00+01:00", "2023-03-10T10:00:00+01:00");
  Reply report = admin.get("/api/v1/reports/payment-liability?month=2023-03");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto* kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr) << report.body;
  EXPECT_EQ(kramfors->at("model"), "per_episode");
  EXPECT_TRUE(kramfors->at("agreementId").is_null());
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 5);
  EXPECT_EQ(kramfors->at("amount").as_int64(), 52'500);

  // Strict validation names each field.
  const Reply bad = admin.post("/api/v1/liability-agreements",
                               boost::json::object{{"name", "Fel"},
                                                   {"validFrom", "2023-02-30"},
                                                   {"model", "weekly"},
                                                   {"offsetDays", 99},
                                                   {"amountPerDayByYear", {{"23", 100}}},
                                                   {"colour", "blue"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(bad.is_problem());
  EXPECT_EQ(sorted(bad.problem_fields()),
            sorted({"validFrom", "model", "offsetDays", "amountPerDayByYear/23", "colour"}));
  const Reply no_threshold =
      admin.post("/api/v1/liability-agreements",
                 boost::json::object{
                     {"name", "Snitt"}, {"validFrom", "2023-01-01"}, {"model", "monthly_average"}});
  EXPECT_EQ(no_threshold.status, 422);
  EXPECT_EQ(no_threshold.problem_fields(), std::vector<std::string>{"averageThresholdDays"});
  const Reply unknown =
      admin.post("/api/v1/liability-agreements", boost::json::object{{"name", "Okänd kommun"},
                                                                     {"municipalityCode", "9999"},
                                                                     {"validFrom", "2023-01-01"},
                                                                     {"model", "per_episode"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.problem_rule("municipalityCode"), "reference");

  // Only the county administrator manages agreements.
  const boost::json::object local{{"name", "Kramfors lokal överenskommelse 2023"},
                                  {"municipalityCode", "2282"},
                                  {"validFrom", "2023-01-01"},
                                  {"validTo", "2023-12-31"},
                                  {"offsetDays", 1},
                                  {"noonRule", false},
                                  {"model", "per_episode"},
                                  {"amountPerDayByYear", {{"2023", 12'000}}},
                                  {"source", "Beslut i samverkansnämnden 2022-12-01"}};
  EXPECT_EQ(manager.post("/api/v1/liability-agreements", local).status, 403);
  const auto audit_before = fresh->count("audit_log");
  const Reply created = admin.post("/api/v1/liability-agreements", local);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string agreement(created.json().at("id").as_string());
  EXPECT_EQ(created.header("location"), "/api/v1/liability-agreements/" + agreement);
  EXPECT_TRUE(created.json().at("countDay0").is_null());  // left to the statute
  EXPECT_GT(fresh->count("audit_log"), audit_before);

  // Liable from the day after the notice: 3–9 March, 7 × 12 000 kr.
  report = admin.get("/api/v1/reports/payment-liability?month=2023-03");
  kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr);
  EXPECT_EQ(std::string(kramfors->at("agreementId").as_string()), agreement);
  EXPECT_EQ(kramfors->at("agreement"), "Kramfors lokal överenskommelse 2023");
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 7);
  EXPECT_EQ(kramfors->at("amount").as_int64(), 84'000);

  // Versioned, never rewritten: no overlap, and months already passed keep the agreement.
  boost::json::object overlapping = local;
  overlapping["validFrom"] = "2023-06-01";
  const Reply overlap = admin.post("/api/v1/liability-agreements", overlapping);
  EXPECT_EQ(overlap.status, 409);
  EXPECT_EQ(overlap.problem_rule("validFrom"), "agreement.overlap");
  boost::json::object replacement = local;
  replacement["validFrom"] = "2023-03-01";
  replacement["replacesId"] = agreement;
  const Reply rewrite = admin.post("/api/v1/liability-agreements", replacement);
  EXPECT_EQ(rewrite.status, 422);
  EXPECT_EQ(rewrite.problem_rule("validFrom"), "not_in_past");
  const Reply end_in_past = admin.post("/api/v1/liability-agreements/" + agreement + "/end",
                                       boost::json::object{{"validTo", "2023-06-30"}});
  EXPECT_EQ(end_in_past.status, 422);
  EXPECT_EQ(end_in_past.problem_rule("validTo"), "not_in_past");
  EXPECT_EQ(manager
                .post("/api/v1/liability-agreements/" + agreement + "/end",
                      boost::json::object{{"validTo", "2023-12-31"}})
                .status,
            403);

  // An agreement that has not begun may be replaced; the replaced one ends the day before.
  const Reply future =
      admin.post("/api/v1/liability-agreements", boost::json::object{{"name", "Region 2099"},
                                                                     {"validFrom", "2099-01-01"},
                                                                     {"model", "per_episode"}});
  ASSERT_EQ(future.status, 201) << future.body;
  const Reply replaced = admin.post("/api/v1/liability-agreements",
                                    boost::json::object{{"name", "Region 2099 (reviderad)"},
                                                        {"validFrom", "2099-07-01"},
                                                        {"model", "per_episode"},
                                                        {"offsetDays", 2},
                                                        {"replacesId", future.json().at("id")}});
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  const Reply old =
      admin.get("/api/v1/liability-agreements/" + std::string(future.json().at("id").as_string()));
  EXPECT_EQ(old.json().at("validTo"), "2099-06-30");
  const Reply ended = admin.post(
      "/api/v1/liability-agreements/" + std::string(replaced.json().at("id").as_string()) + "/end",
      boost::json::object{{"validTo", "2099-12-31"}});
  EXPECT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json().at("validTo"), "2099-12-31");

  // A statutory amount for a year not yet known may be added, never changed.
  EXPECT_EQ(admin
                .post("/api/v1/liability-amounts",
                      boost::json::object{{"year", 2023}, {"amountPerDay", 1}, {"source", "x"}})
                .status,
            409);
  const Reply added =
      admin.post("/api/v1/liability-amounts", boost::json::object{{"year", 2030},
                                                                  {"amountPerDay", 15'000},
                                                                  {"source", "HSLF-FS (test)"},
                                                                  {"confidence", "S"}});
  EXPECT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(manager
                .post("/api/v1/liability-amounts",
                      boost::json::object{{"year", 2031}, {"amountPerDay", 1}, {"source", "x"}})
                .status,
            403);
}

const boost::json::object* only_episode(const boost::json::object& municipality) {
  const auto& episodes = municipality.at("episodes").as_array();
  return episodes.size() == 1 ? &episodes[0].as_object() : nullptr;
}

TEST_P(LiabilityAgreementTest,
       LUS5_4_And_Prop2017_18_12_APsychiatricWardCountsByTheRulesForPsychiatricCare) {
  auto fresh = fresh_server(GetParam(), true);
  const Ids ids = kramfors_ids(*fresh);
  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  Client admin = fresh->client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const auto [ward_id, hospital_id] = fresh->instance->database().read([](store::Transaction& tx) {
    return std::make_pair(
        tx.query("SELECT a.unit_id FROM assignments a JOIN users u ON u.id = a.user_id WHERE "
                 "u.username = 'avd.ssk'")
            .row(0)
            .text(0),
        tx.query("SELECT id FROM units WHERE kind = 'hospital' ORDER BY id LIMIT 1")
            .row(0)
            .text(0));
  });

  // The region's agreement for Kramfors in 2023: psychiatric heldygnsvård after 5 days [S].
  const Reply created = admin.post("/api/v1/liability-agreements",
                                   boost::json::object{{"name", "Kramfors 2023"},
                                                       {"municipalityCode", "2282"},
                                                       {"validFrom", "2023-01-01"},
                                                       {"validTo", "2023-12-31"},
                                                       {"psychiatricOffsetDays", 5},
                                                       {"model", "per_episode"},
                                                       {"amountPerDayByYear", {{"2023", 12'000}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("psychiatricOffsetDays").as_int64(), 5);
  const Reply averaged =
      admin.post("/api/v1/liability-agreements", boost::json::object{{"name", "Snitt"},
                                                                     {"validFrom", "2030-01-01"},
                                                                     {"model", "monthly_average"},
                                                                     {"averageThresholdDays", 3},
                                                                     {"psychiatricOffsetDays", 5}});
  EXPECT_EQ(averaged.status, 422);
  EXPECT_EQ(averaged.problem_fields(), std::vector<std::string>{"psychiatricOffsetDays"});

  // Ready Thursday 2 March 2023 at 10:00, discharged Friday the 10th. On a somatic ward the
  // statute's days apply: liable 5–9 March, 5 × 12 000 kr.
  ready_episode(ward, ids, "2023-03-01T08:00:00+01:00", "2023-03-02T10:00:00+01:00",
                "2023-03-10T14:00:00+01:00", "2023-03-10T10:00:00+01:00");
  Reply report = admin.get("/api/v1/reports/payment-liability?month=2023-03");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto* kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr) << report.body;
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 5);
  ASSERT_NE(only_episode(*kramfors), nullptr);
  EXPECT_EQ(only_episode(*kramfors)->at("careSetting"), "somatic");

  // Only a ward can give psychiatric inpatient care; the administrator marks the ward.
  const Reply hospital = admin.get("/api/v1/units/" + hospital_id);
  const Reply not_a_ward =
      admin.patch("/api/v1/units/" + hospital_id, boost::json::object{{"psychiatricCare", true}},
                  hospital.header("etag"));
  EXPECT_EQ(not_a_ward.status, 422) << not_a_ward.body;
  EXPECT_EQ(not_a_ward.problem_fields(), std::vector<std::string>{"psychiatricCare"});
  const Reply hospital_after = admin.get("/api/v1/units/" + hospital_id);
  EXPECT_FALSE(hospital_after.json().at("psychiatricCare").as_bool());
  const Reply before = admin.get("/api/v1/units/" + ward_id);
  EXPECT_FALSE(before.json().at("psychiatricCare").as_bool());
  const Reply marked =
      admin.patch("/api/v1/units/" + ward_id, boost::json::object{{"psychiatricCare", true}},
                  before.header("etag"));
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_TRUE(marked.json().at("psychiatricCare").as_bool());

  // Now the agreement's psychiatric days count: liable 7–9 March, 3 × 12 000 kr.
  report = admin.get("/api/v1/reports/payment-liability?month=2023-03");
  kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr);
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 3);
  EXPECT_EQ(kramfors->at("amount").as_int64(), 36'000);
  ASSERT_NE(only_episode(*kramfors), nullptr);
  EXPECT_EQ(only_episode(*kramfors)->at("careSetting"), "psychiatric");
  // In 2018 no agreement is in force for Kramfors: the transitional rule's 30 days. Ready
  // Thursday 1 March 2018 after noon, discharged 3 April: liable 31 March, 1 and 2 April.
  ready_episode(ward, ids, "2018-02-28T08:00:00+01:00", "2018-03-01T15:00:00+01:00",
                "2018-04-03T10:00:00+02:00", "2018-04-03T10:00:00+02:00");
  report = admin.get("/api/v1/reports/payment-liability?month=2018-03");
  ASSERT_EQ(report.status, 200) << report.body;
  kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr) << report.body;
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 1);
  report = admin.get("/api/v1/reports/payment-liability?month=2018-04");
  kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr) << report.body;
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 2);

  // The ward sees the count on the episode while the patient is there: ready Thursday 1 June
  // 2023 at 10:00, liable from the 6th under the agreement's psychiatric days.
  const std::string current =
      ready_episode(ward, ids, "2023-05-30T08:00:00+02:00", "2023-06-01T10:00:00+02:00", "",
                    "2023-06-01T10:00:00+02:00");
  const Reply shown = ward.get("/api/v1/episodes/" + current);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const auto& liability = shown.json().at("liability");
  EXPECT_EQ(liability.at("careSetting"), "psychiatric");
  const auto& days = liability.at("days").as_array();
  ASSERT_GT(days.size(), 5U);
  EXPECT_EQ(days[4].at("date"), "2023-06-05");
  EXPECT_FALSE(days[4].at("liable").as_bool());
  EXPECT_EQ(days[5].at("date"), "2023-06-06");
  EXPECT_TRUE(days[5].at("liable").as_bool()) << days[5];
  const std::string waiting(days[1].at("reason").as_string());
  EXPECT_NE(waiting.find("2023-06-06 (lokal överenskommelse för sluten psykiatrisk vård)"),
            std::string::npos)
      << waiting;
}

TEST_P(LiabilityAgreementTest, LUS5_5_And_5_2_MonthlyAverageWithExceptionAndPlacingMunicipality) {
  auto fresh = fresh_server(GetParam(), true);
  const Ids ids = kramfors_ids(*fresh);
  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  Client admin = fresh->client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  Client centre = fresh->client();
  ASSERT_EQ(centre.sign_in("dsk.kramfors").status, 201);
  Client home = fresh->client();
  ASSERT_EQ(home.sign_in("hsl.kramfors").status, 201);

  // A region-wide averaging agreement for 2022 [S]: on average 3 days, day 0 counted; the amount
  // is left to Socialstyrelsen's (9 300 kr in 2022).
  const Reply created =
      admin.post("/api/v1/liability-agreements", boost::json::object{{"name", "Snittmodell 2022"},
                                                                     {"validFrom", "2022-01-01"},
                                                                     {"validTo", "2022-12-31"},
                                                                     {"model", "monthly_average"},
                                                                     {"averageThresholdDays", 3}});
  ASSERT_EQ(created.status, 201) << created.body;

  // Ready Tuesday 3 May 2022, still in hospital: the ward records the 5:5 exception.
  const std::string id =
      ready_episode(ward, ids, "2022-05-02T08:00:00+02:00", "2022-05-03T10:00:00+02:00", "",
                    "2022-05-10T10:00:00+02:00");
  const boost::json::object exception{
      {"from", "2022-05-05"}, {"to", "2022-05-06"}, {"reason", "Hemsjukvårdens läkarstöd saknas"}};
  // Home health care is the municipality's, not the region's outpatient care.
  EXPECT_EQ(home.post("/api/v1/episodes/" + id + "/region-not-ready", exception).status, 403);
  const Reply backwards =
      ward.post("/api/v1/episodes/" + id + "/region-not-ready",
                boost::json::object{
                    {"from", "2022-05-06"}, {"to", "2022-05-05"}, {"reason", "x"}, {"extra", 1}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_EQ(sorted(backwards.problem_fields()), sorted({"to", "extra"}));
  const auto audit_before = fresh->count("audit_log");
  const Reply recorded = ward.post("/api/v1/episodes/" + id + "/region-not-ready", exception);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_GT(fresh->count("audit_log"), audit_before);
  Reply view = ward.get("/api/v1/episodes/" + id);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.json().at("liability").at("regionNotReady").as_array().size(), 1U);
  EXPECT_EQ(view.json().at("liability").at("agreement").at("model"), "monthly_average");
  Reply r = event(ward, id, view.header("etag"),
                  {{"kind", "discharge"}, {"at", "2022-05-10T14:00:00+02:00"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // After the discharge the health centre, still in the person's care, may add to it.
  EXPECT_EQ(centre
                .post("/api/v1/episodes/" + id + "/region-not-ready",
                      boost::json::object{{"from", "2022-05-09"},
                                          {"to", "2022-05-09"},
                                          {"reason", "Oklart om hälsocentralen kunde ta emot"}})
                .status,
            201);
  EXPECT_EQ(centre
                .post("/api/v1/episodes/" + id + "/region-not-ready",
                      boost::json::object{{"from", "2022-05-09"},
                                          {"to", "2022-05-12"},
                                          {"reason", "Efter utskrivningen"}})
                .status,
            422);

  // Ready days 3–9 May (day 0 counted, the discharge day not) less 5, 6 and 9 May: 4; the
  // average allows 3: 1 liable day at 9 300 kr.
  Reply report = admin.get("/api/v1/reports/payment-liability?month=2022-05");
  ASSERT_EQ(report.status, 200) << report.body;
  const auto* kramfors = municipality(report, "2282");
  ASSERT_NE(kramfors, nullptr) << report.body;
  EXPECT_EQ(kramfors->at("model"), "monthly_average");
  EXPECT_EQ(kramfors->at("agreement"), "Snittmodell 2022");
  EXPECT_EQ(kramfors->at("average").at("thresholdDays").as_int64(), 3);
  EXPECT_EQ(kramfors->at("average").at("episodesCounted").as_int64(), 1);
  EXPECT_EQ(kramfors->at("average").at("readyDays").as_int64(), 4);
  EXPECT_EQ(kramfors->at("liableDays").as_int64(), 1);
  EXPECT_EQ(kramfors->at("amount").as_int64(), 9'300);
  const auto& episode = kramfors->at("episodes").as_array().at(0);
  EXPECT_EQ(episode.at("readyDays").as_int64(), 4);
  EXPECT_TRUE(episode.at("countedInAverage").as_bool());
  EXPECT_FALSE(episode.at("placingMunicipality").as_bool());

  // 5:2: Sollefteå placed the person in särskilt boende in Kramfors, so Sollefteå pays.
  const Reply short_code =
      home.send("PUT", "/api/v1/episodes/" + id + "/placing-municipality",
                R"({"municipalityCode":"22"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(short_code.status, 422);
  EXPECT_EQ(short_code.problem_rule("municipalityCode"), "format");
  const Reply no_such =
      home.send("PUT", "/api/v1/episodes/" + id + "/placing-municipality",
                R"({"municipalityCode":"9999"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(no_such.status, 422);
  EXPECT_EQ(no_such.problem_rule("municipalityCode"), "reference");
  const Reply placed =
      home.send("PUT", "/api/v1/episodes/" + id + "/placing-municipality",
                R"({"municipalityCode":"2283","decisionReference":"SoL 2022-123"})",
                {{"Content-Type", "application/json"}});
  ASSERT_EQ(placed.status, 200) << placed.body;
  report = admin.get("/api/v1/reports/payment-liability?month=2022-05");
  EXPECT_EQ(municipality(report, "2282"), nullptr) << report.body;
  const auto* solleftea = municipality(report, "2283");
  ASSERT_NE(solleftea, nullptr) << report.body;
  EXPECT_EQ(solleftea->at("liableDays").as_int64(), 1);
  EXPECT_TRUE(solleftea->at("episodes").as_array().at(0).at("placingMunicipality").as_bool());
  // Removed again: the folkbokföring municipality pays.
  EXPECT_EQ(home.send("DELETE", "/api/v1/episodes/" + id + "/placing-municipality").status, 204);
  report = admin.get("/api/v1/reports/payment-liability?month=2022-05");
  EXPECT_NE(municipality(report, "2282"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Engines, LiabilityAgreementTest, ::testing::ValuesIn(engines()),
                         engine_name);

}  // namespace
}  // namespace nara::test
