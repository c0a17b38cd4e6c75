// Issue 6: the managers' deadline-compliance report, a person's episodes and the citizen's own
// consents, through the API on SQLite and PostgreSQL.
#include <date/date.h>

#include "core/stockholm_time.hpp"
#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class ReportsTest : public EngineTest {};

Reply event(Client& c, const std::string& episode, const std::string& etag,
            boost::json::object body) {
  return c.send("POST", "/api/v1/episodes/" + episode + "/events", boost::json::serialize(body),
                {{"Content-Type", "application/json"}, {"If-Match", etag}});
}

struct Ids {
  std::string health_centre, home_health_care, person;
};

// A Kramfors person with the health centre and home health care in their care — not home care,
// not the demo citizen — never admitted.
Ids kramfors_person(Server& server) {
  return server.instance->database().read([](store::Transaction& tx) {
    const auto hc =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    const auto hsl =
        tx.query("SELECT id FROM units WHERE name = 'Hemsjukvård Kramfors'").row(0).text(0);
    const auto person = tx.query(
        "SELECT cr.person_id FROM care_relations cr WHERE cr.unit_id = ? AND EXISTS (SELECT 1 FROM "
        "care_relations c2 WHERE c2.person_id = cr.person_id AND c2.unit_id = ?) AND NOT EXISTS "
        "(SELECT 1 FROM inpatient_episodes e WHERE e.person_id = cr.person_id) AND NOT EXISTS "
        "(SELECT 1 FROM care_relations c3 JOIN units u3 ON u3.id = c3.unit_id WHERE c3.person_id "
        "= cr.person_id AND u3.kind = 'home_care') AND NOT EXISTS (SELECT 1 FROM users us WHERE "
        "us.person_id = cr.person_id) ORDER BY cr.person_id LIMIT 1",
        hsl, hc);
    return Ids{hc, hsl, person.row(0).text(0)};
  });
}

// "2026-11-04T10:00:00" in Stockholm time as UTC ISO 8601, for day `day` of `month`.
std::string local(std::chrono::year_month month, unsigned day, int hour) {
  const auto instant =
      core::stockholm::start_of_day(month / std::chrono::day{day}) + std::chrono::hours(hour);
  return core::format_iso8601(instant);
}

// The counts of one line, or zeros.
std::array<std::int64_t, 4> counts(const Reply& r, const std::string& kind,
                                   const std::string& unit) {
  for (const auto& l : r.json().at("lines").as_array()) {
    if (l.at("kind").as_string() == kind && !l.at("unitId").is_null() &&
        l.at("unitId").as_string() == unit) {
      return {l.at("metInTime").as_int64(), l.at("metLate").as_int64(),
              l.at("openOverdue").as_int64(), l.at("openNotDue").as_int64()};
    }
  }
  return {0, 0, 0, 0};
}

std::array<std::int64_t, 4> delta(const std::array<std::int64_t, 4>& after,
                                  const std::array<std::int64_t, 4>& before) {
  return {after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]};
}

TEST_P(ReportsTest, LUS2_1_2_5_4_3_DeadlineComplianceCountsEachClockOncePerUnitAndMonth) {
  auto fresh = fresh_server(GetParam(), true);
  const Ids ids = kramfors_person(*fresh);
  // A month a year after the demo's episodes, on its 10th at noon.
  const auto later = core::stockholm::local_date(fresh->clock->now() + std::chrono::days(400));
  const auto month = later.year() / later.month();
  fresh->clock->set(core::parse_iso8601(local(month, 10, 12), "test"));
  const std::string month_text = date::format("%Y-%m", std::chrono::sys_days(month / 1));

  Client admin = fresh->client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const std::string path = "/api/v1/reports/deadline-compliance?month=" + month_text;
  const Reply before = admin.get(path);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json().at("month").as_string(), month_text);

  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  Client centre = fresh->client();
  ASSERT_EQ(centre.sign_in("dsk.kramfors").status, 201);
  const Reply admitted =
      ward.post("/api/v1/episodes",
                boost::json::object{{"personId", ids.person}, {"admittedAt", local(month, 2, 8)}});
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const std::string id(admitted.json().at("id").as_string());
  const std::string ward_unit(admitted.json().at("wardUnitId").as_string());
  Reply r = event(
      ward, id, admitted.header("etag"),
      {{"kind", "assess_needs"},
       {"at", local(month, 2, 9)},
       {"needs",
        {{"socialServices", false}, {"municipalHealthCare", true}, {"regionOutpatient", true}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  // 2 kap. 1 §: sent two days after the assessment — late.
  r = event(ward, id, r.header("etag"),
            {{"kind", "send_admission_notice"},
             {"at", local(month, 4, 10)},
             {"recipientUnitIds", {ids.health_centre, ids.home_health_care}},
             {"plannedDischarge", local(month, 20, 10)}});
  ASSERT_EQ(r.status, 200) << r.body;
  // 2 kap. 5 §: the named contact before the planned discharge — in time.
  r = event(centre, id, r.header("etag"),
            {{"kind", "appoint_named_contact"}, {"at", local(month, 5, 9)}});
  ASSERT_EQ(r.status, 200) << r.body;
  // 4 kap. 3 §: ready on the 6th, no invitation by the end of the 9th — overdue on the 10th.
  r = event(ward, id, r.header("etag"), {{"kind", "mark_ready"}, {"at", local(month, 6, 10)}});
  ASSERT_EQ(r.status, 200) << r.body;

  Reply after = admin.get(path);
  ASSERT_EQ(after.status, 200) << after.body;
  using Counts = std::array<std::int64_t, 4>;  // in time, late, overdue, not yet due
  EXPECT_EQ(delta(counts(after, "admission_notice", ward_unit),
                  counts(before, "admission_notice", ward_unit)),
            (Counts{0, 1, 0, 0}));
  EXPECT_EQ(delta(counts(after, "named_contact", ids.health_centre),
                  counts(before, "named_contact", ids.health_centre)),
            (Counts{1, 0, 0, 0}));
  EXPECT_EQ(delta(counts(after, "sip_invitation", ids.health_centre),
                  counts(before, "sip_invitation", ids.health_centre)),
            (Counts{0, 0, 1, 0}));
  for (const auto& l : after.json().at("lines").as_array()) {
    EXPECT_FALSE(l.at("rule").as_string().empty());
    const auto due = l.at("due").as_int64();
    if (due == 0) {
      EXPECT_TRUE(l.at("shareInTime").is_null());
    } else {
      EXPECT_NEAR(l.at("shareInTime").as_double(),
                  static_cast<double>(l.at("metInTime").as_int64()) / static_cast<double>(due),
                  1e-9);
    }
  }
  // Counts only: no person and no episode in the report.
  EXPECT_EQ(after.body.find(ids.person), std::string::npos);
  EXPECT_EQ(after.body.find(id), std::string::npos);

  // Invited on the 11th: the SIP clock moves from overdue to met late.
  fresh->clock->set(core::parse_iso8601(local(month, 12, 12), "test"));
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  ASSERT_EQ(centre.sign_in("dsk.kramfors").status, 201);
  r = event(centre, id, r.header("etag"), {{"kind", "invite_sip"}, {"at", local(month, 11, 9)}});
  ASSERT_EQ(r.status, 200) << r.body;
  after = admin.get(path);
  EXPECT_EQ(delta(counts(after, "sip_invitation", ids.health_centre),
                  counts(before, "sip_invitation", ids.health_centre)),
            (Counts{0, 1, 0, 0}));

  // One responsible unit only.
  const Reply unit = admin.get(path + "&unit=" + ids.health_centre);
  ASSERT_EQ(unit.status, 200);
  ASSERT_FALSE(unit.json().at("lines").as_array().empty());
  for (const auto& l : unit.json().at("lines").as_array())
    EXPECT_EQ(l.at("unitId").as_string(), ids.health_centre);

  // CSV for a spreadsheet, one line per clock kind and unit.
  const Reply csv = admin.get(path + "&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("frist;regel;ansvarig enhet;i tid;sent;", 0), 0U);
  EXPECT_NE(csv.header("content-disposition").find("tidsfrister-" + month_text), std::string::npos);
  EXPECT_NE(csv.body.find("sip_invitation;2017:612 4 kap. 3 §;Hälsocentral Kramfors;"),
            std::string::npos);

  // Kramfors' manager sees the episodes of Kramfors' residents; a nurse is refused.
  Client manager = fresh->client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  const Reply own = manager.get(path);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(delta(counts(own, "sip_invitation", ids.health_centre),
                  counts(before, "sip_invitation", ids.health_centre))[1],
            1);
  EXPECT_EQ(centre.get(path).status, 403);

  // A bad month is a problem naming the field.
  for (const std::string bad : {"2026-13", "26-11", "2026-1", "2026-00"}) {
    const Reply b = admin.get("/api/v1/reports/deadline-compliance?month=" + bad);
    EXPECT_EQ(b.status, 422) << bad;
    EXPECT_TRUE(b.is_problem());
    EXPECT_EQ(b.problem_fields(), std::vector<std::string>{"month"});
  }
  EXPECT_EQ(admin.get("/api/v1/reports/deadline-compliance").status, 422);
  // The read is logged, without a person.
  const auto logged = fresh->instance->database().read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT COUNT(*) FROM audit_log WHERE object_type = 'deadline_compliance_report' "
            "AND person_id IS NULL")
        .row(0)
        .int64(0);
  });
  EXPECT_GE(logged, 4);
}

TEST_P(ReportsTest, PDL4_1_PersonsEpisodesForTheCareTeamOnlyAndLogged) {
  auto fresh = fresh_server(GetParam(), true);
  const Ids ids = kramfors_person(*fresh);
  Client ward = fresh->client();
  ASSERT_EQ(ward.sign_in("avd.ssk").status, 201);
  const std::string path = "/api/v1/persons/" + ids.person + "/episodes";
  EXPECT_EQ(ward.get(path).status, 404);  // no care relation yet
  const Reply admitted =
      ward.post("/api/v1/episodes", boost::json::object{{"personId", ids.person}});
  ASSERT_EQ(admitted.status, 201) << admitted.body;
  const std::string id(admitted.json().at("id").as_string());
  const Reply own = ward.get(path);
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.json().at("items").as_array().size(), 1U);
  const auto& item = own.json().at("items").at(0);
  EXPECT_EQ(item.at("id").as_string(), id);
  EXPECT_FALSE(item.at("contentHidden").as_bool());
  EXPECT_EQ(item.at("state"), "admitted");
  EXPECT_EQ(item.at("wardName"), "Sundsvalls sjukhus, Medicinavdelning 1");

  // 2022:913 2:4: the municipality (another provider, no consent) sees that it exists only.
  Client home = fresh->client();
  ASSERT_EQ(home.sign_in("hsl.kramfors").status, 201);
  const Reply other = home.get(path);
  ASSERT_EQ(other.status, 200) << other.body;
  ASSERT_EQ(other.json().at("items").as_array().size(), 1U);
  EXPECT_TRUE(other.json().at("items").at(0).at("contentHidden").as_bool());
  EXPECT_FALSE(other.json().at("items").at(0).as_object().contains("wardName"));

  // Someone without a relation: 404, as for a person who does not exist; both logged.
  Client stranger = fresh->client();
  ASSERT_EQ(stranger.sign_in("hemtjanst.kramfors").status, 201);
  EXPECT_EQ(stranger.get(path).status, 404);
  EXPECT_EQ(ward.get("/api/v1/persons/no-such-person/episodes").status, 404);
  const auto entries = fresh->instance->database().read([&](store::Transaction& tx) {
    return tx
        .query(
            "SELECT action, COUNT(*) FROM audit_log WHERE object_type = 'person_episodes' AND "
            "person_id = ? GROUP BY action ORDER BY action",
            ids.person)
        .size();
  });
  EXPECT_EQ(entries, 2U);  // read and denied
}

TEST_P(ReportsTest, Law2022_913_3_1_CitizenListsOwnConsentsWithProviderAndWithdrawal) {
  auto fresh = fresh_server(GetParam(), true);
  const Ids ids = kramfors_person(*fresh);
  auto& db = fresh->instance->database();
  // The demo citizen: their own consents only.
  const auto citizen = db.read([](store::Transaction& tx) {
    const auto rs = tx.query(
        "SELECT p.id, p.identifier FROM users u JOIN persons p ON p.id = u.person_id WHERE "
        "u.username = 'invanare'");
    return std::pair<std::string, std::string>{rs.row(0).text(0), rs.row(0).text(1)};
  });
  const std::string& citizen_person = citizen.first;
  Client me = fresh->client();
  ASSERT_EQ(me.sign_in("invanare").status, 201);
  const Reply none = me.get("/api/v1/me/consents");
  ASSERT_EQ(none.status, 200) << none.body;
  const auto before = none.json().at("items").as_array().size();

  // The municipality records the citizen's consent (needs a care relation), then it is withdrawn.
  Client home = fresh->client();
  ASSERT_EQ(home.sign_in("hsl.kramfors").status, 201);
  const auto relation = home.post(
      "/api/v1/care-relations",
      boost::json::object{{"identifier", citizen.second}, {"reason", "Hembesök, planerad insats"}});
  ASSERT_EQ(relation.status, 201) << relation.body;
  const Reply consent = home.post("/api/v1/persons/" + citizen_person + "/consents",
                                  boost::json::object{{"scope", "shared_documentation"}});
  ASSERT_EQ(consent.status, 201) << consent.body;
  const std::string consent_id(consent.json().at("id").as_string());
  EXPECT_EQ(home.send("POST", "/api/v1/consents/" + consent_id + "/withdraw").status, 204);
  // Another person's consent is not the citizen's.
  ASSERT_EQ(home.post("/api/v1/persons/" + ids.person + "/consents",
                      boost::json::object{{"scope", "sip"}})
                .status,
            201);

  const Reply mine = me.get("/api/v1/me/consents");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto& items = mine.json().at("items").as_array();
  ASSERT_EQ(items.size(), before + 1);
  bool found = false;
  for (const auto& c : items) {
    if (c.at("id").as_string() != consent_id) continue;
    found = true;
    EXPECT_EQ(c.at("scope"), "shared_documentation");
    EXPECT_EQ(c.at("givenBy"), "person");
    EXPECT_FALSE(c.at("careProviderName").as_string().empty());
    EXPECT_FALSE(c.at("givenAt").as_string().empty());
    EXPECT_FALSE(c.at("withdrawnAt").is_null());
  }
  EXPECT_TRUE(found);
  // Staff have no "me" consents; the citizen's read is logged like the access log.
  EXPECT_EQ(home.get("/api/v1/me/consents").status, 404);
  const auto logged = db.read([&](store::Transaction& tx) {
    return tx
        .query("SELECT COUNT(*) FROM audit_log WHERE object_type = 'consents' AND person_id = ?",
               citizen_person)
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(logged, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportsTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
