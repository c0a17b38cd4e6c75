// Issue 20 points 2 and 5 (docs/fhir.md, "Access and audit"): the FHIR façade
// reads under the REST API's rules. A read without a care relation is refused
// and logged as denied (PDL 4:1, 4:3); a search page is one audit entry naming
// every person on it; a citizen sees only themselves (PDL 5:5); the scopes of
// tokens (patient/*.read, user/*.read, system/*.read) never widen what the
// policy allows. On SQLite and PostgreSQL.
#include <algorithm>

#include "core/random.hpp"
#include "fhir_test_support.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;
using fhir::AuditRow;
using fhir::issue_code;

class FhirAccessTest : public EngineTest {
 protected:
  std::string run_ = core::new_uuid().substr(24);
  std::string request_id(const std::string& what) { return "fhir-access-" + run_ + "-" + what; }
  std::vector<AuditRow> audit(const std::string& request) {
    return fhir::audit_rows(server(), request);
  }
  // A person with an inpatient episode and no relation to Hälsocentral
  // Kramfors, and the episode.
  std::pair<std::string, std::string> unrelated_person_and_episode() {
    return server().instance->database().read([&](store::Transaction& tx) {
      const auto rows = tx.query(
          "SELECT e.person_id, e.id FROM inpatient_episodes e JOIN "
          "persons p ON p.id = "
          "e.person_id WHERE p.identifier_kind = 'personnummer' AND "
          "NOT EXISTS (SELECT 1 FROM "
          "care_relations cr WHERE cr.person_id = e.person_id AND "
          "cr.unit_id = ?) ORDER BY e.id "
          "LIMIT 1",
          unit("Hälsocentral Kramfors"));
      return std::make_pair(rows.row(0).text(0), rows.row(0).text(1));
    });
  }
  std::string identifier_of(const std::string& person) {
    return query_one("SELECT identifier FROM persons WHERE id = ?", person);
  }
};

TEST_P(FhirAccessTest, PDL_4_1_FHIR_AReadWithoutACareRelationIsDeniedAndLogged) {
  Client nurse = signed_in("dsk.kramfors");
  const auto [person, episode] = unrelated_person_and_episode();
  struct Attempt {
    std::string what, target;
    int status;
    std::string object_type;
  };
  const std::vector<Attempt> attempts{
      {"read", "/fhir/R4/Patient/" + person, 404, "person"},
      {"vread", "/fhir/R4/Patient/" + person + "/_history/1", 404, "person"},
      {"encounter", "/fhir/R4/Encounter/" + episode, 404, "inpatient_episode"},
      {"search", "/fhir/R4/Patient?identifier=" + identifier_of(person), 200, "person"},
      {"episodes", "/fhir/R4/Encounter?patient=" + person, 200, "person_episodes"},
  };
  for (const auto& a : attempts) {
    const std::string id = request_id(a.what);
    const Reply r = fhir::get(nurse, a.target, id);
    EXPECT_EQ(r.status, a.status) << a.what << ": " << r.body;
    if (a.status == 404) {
      EXPECT_EQ(issue_code(r), "not-found") << a.what;
    } else {
      EXPECT_EQ(r.json().at("total"), 0) << a.what;  // nobody the reader may see
    }
    const auto log = audit(id);
    ASSERT_EQ(log.size(), 1U) << a.what;
    EXPECT_EQ(log[0].action, "denied") << a.what;
    EXPECT_EQ(log[0].object_type, a.object_type) << a.what;
    EXPECT_EQ(log[0].person_id, person) << a.what;
    EXPECT_TRUE(log[0].without_relation) << a.what;
  }
}

TEST_P(FhirAccessTest, PDL_4_3_FHIR_ASearchPageIsOneAuditEntryNamingEveryPersonOnIt) {
  Client nurse = signed_in("dsk.kramfors");
  std::string target = "/fhir/R4/Patient?_count=25";
  for (int page = 0; page < 2; ++page) {
    const std::string id = request_id("page-" + std::to_string(page));
    const Reply r = fhir::get(nurse, target, id);
    ASSERT_EQ(r.status, 200) << r.body;
    auto shown = fhir::ids(fhir::resources(r, "Patient"));
    ASSERT_EQ(shown.size(), 25U);
    std::sort(shown.begin(), shown.end());
    const auto log = audit(id);
    ASSERT_EQ(log.size(), 1U) << "one entry for the page, not one per person";
    EXPECT_EQ(log[0].action, "read");
    EXPECT_EQ(log[0].object_type, "patient_search");
    EXPECT_EQ(log[0].person_id, "");
    EXPECT_EQ(log[0].listed, shown);
    EXPECT_EQ(log[0].outcome, "allowed: PDL 4:1");
    target = fhir::local(fhir::link(r, "next"));
  }
  // A page with nobody on it names nobody.
  const std::string empty = request_id("empty");
  EXPECT_EQ(fhir::total(fhir::get(nurse, "/fhir/R4/Patient?birthdate=lt1800", empty)), 0);
  EXPECT_TRUE(audit(empty).empty());
}

TEST_P(FhirAccessTest, PDL_5_5_FHIR_ACitizenSeesOnlyThemselves) {
  Client citizen = server().client();
  const Reply session = citizen.sign_in("invanare");
  ASSERT_EQ(session.status, 201);
  EXPECT_EQ(session.json().at("scope"), "patient/*.read");
  const std::string own(session.json().at("user").at("personId").as_string());
  const auto [other, episode] = unrelated_person_and_episode();
  ASSERT_NE(other, own);

  const std::string all = request_id("citizen-all");
  const Reply everyone = fhir::get(citizen, "/fhir/R4/Patient", all);
  ASSERT_EQ(everyone.status, 200) << everyone.body;
  EXPECT_EQ(fhir::ids(fhir::resources(everyone)), std::vector<std::string>{own});
  ASSERT_EQ(audit(all).size(), 1U);
  EXPECT_EQ(audit(all)[0].listed, std::vector<std::string>{own});
  EXPECT_EQ(audit(all)[0].outcome, "allowed: PDL 5:5");

  EXPECT_EQ(
      fhir::ids(fhir::resources(citizen.get("/fhir/R4/Patient?identifier=" + identifier_of(own)))),
      std::vector<std::string>{own});
  // Someone else's number: nobody, and nothing about them read or logged.
  const std::string theirs = request_id("citizen-theirs");
  const Reply by_number =
      fhir::get(citizen, "/fhir/R4/Patient?identifier=" + identifier_of(other), theirs);
  EXPECT_EQ(by_number.json().at("total"), 0);
  EXPECT_TRUE(audit(theirs).empty());

  EXPECT_EQ(citizen.get("/fhir/R4/Patient/" + own).status, 200);
  const std::string read_other = request_id("citizen-read-other");
  EXPECT_EQ(fhir::get(citizen, "/fhir/R4/Patient/" + other, read_other).status, 404);
  ASSERT_EQ(audit(read_other).size(), 1U);
  EXPECT_EQ(audit(read_other)[0].action, "denied");

  // Their own episodes without naming themselves (the patient in context);
  // nobody else's.
  const Reply mine = citizen.get("/fhir/R4/Encounter");
  ASSERT_EQ(mine.status, 200) << mine.body;
  for (const auto& e : fhir::resources(mine))
    EXPECT_EQ(fhir::str(e.at("subject").at("reference")), "Patient/" + own);
  EXPECT_EQ(fhir::total(citizen.get("/fhir/R4/Encounter?patient=" + other)), 0);
  EXPECT_EQ(citizen.get("/fhir/R4/Encounter/" + episode).status, 404);

  // patient/*.read covers the Patient compartment only.
  for (const char* type : {"Organization", "Location", "Practitioner", "PractitionerRole"}) {
    const Reply r = citizen.get(std::string("/fhir/R4/") + type);
    EXPECT_EQ(r.status, 403) << type;
    EXPECT_EQ(issue_code(r), "forbidden") << type;
  }
}

TEST_P(FhirAccessTest, FHIR_Scopes_TheIntegrationRoleReadsAsASystemUnderTheSamePolicy) {
  Client system = server().client();
  const Reply session = system.sign_in("hl7.region");
  ASSERT_EQ(session.status, 201);
  EXPECT_EQ(session.json().at("scope"), "system/*.read");
  const auto [person, episode] = unrelated_person_and_episode();
  // system/*.read covers every type, but the policy decides: an integration
  // delivers messages and reads no record (PDL 4:2), as in the REST API, and
  // the attempts are logged as denied.
  const std::string read = request_id("system-read");
  EXPECT_EQ(fhir::get(system, "/fhir/R4/Patient/" + person, read).status, 404);
  ASSERT_EQ(audit(read).size(), 1U);
  EXPECT_EQ(audit(read)[0].action, "denied");
  EXPECT_EQ(audit(read)[0].outcome, "denied: PDL 4:2");
  const std::string search = request_id("system-search");
  const Reply by_number =
      fhir::get(system, "/fhir/R4/Patient?identifier=" + identifier_of(person), search);
  EXPECT_EQ(by_number.status, 403);
  EXPECT_EQ(issue_code(by_number), "forbidden");
  ASSERT_EQ(audit(search).size(), 1U);
  EXPECT_EQ(audit(search)[0].action, "denied");
  EXPECT_EQ(system.get("/fhir/R4/Patient").status, 403);
  EXPECT_EQ(fhir::total(system.get("/fhir/R4/Encounter?patient=" + person)), 0);
  // The directory is not the integration's to read in REST either.
  EXPECT_EQ(system.get("/api/v1/units").status, 403);
  EXPECT_EQ(system.get("/fhir/R4/Organization").status, 403);
  EXPECT_EQ(system.get("/fhir/R4/metadata").status, 200);
}

TEST_P(FhirAccessTest, FHIR_Scopes_ASessionWithoutAChosenAssignmentHasNoScope) {
  Client doctor = server().client();
  const Reply session = doctor.sign_in("avd.lakare");
  ASSERT_EQ(session.status, 201);
  ASSERT_GE(session.json().at("assignments").as_array().size(), 2U);
  EXPECT_TRUE(session.json().at("scope").is_null());
  const Reply refused = doctor.get("/fhir/R4/Organization");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(issue_code(refused), "forbidden");
  const std::string assignment(
      session.json().at("assignments").as_array().at(0).at("id").as_string());
  const Reply chosen = doctor.send("PUT", "/api/v1/session/assignment",
                                   json::serialize(json::object{{"assignmentId", assignment}}),
                                   {{"Content-Type", "application/json"}});
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(chosen.json().at("scope"), "user/*.read");
  EXPECT_EQ(doctor.get("/fhir/R4/Organization").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, FhirAccessTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
