// Issue 20 points 1 and 4 (docs/fhir.md): a FHIR client finds a person by
// personnummer, reads them and their inpatient episodes; the Patient and
// Encounter mappings and their searches. The demo county's persons carry
// Skatteverket's test personnummer only. On SQLite and PostgreSQL.
#include <fstream>
#include <set>

#include "fhir_test_support.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;
using fhir::issue_code;

constexpr const char* kPersonnummer = "urn:oid:1.2.752.129.2.1.3.1";

class FhirPatientTest : public EngineTest {
 protected:
  // A person in Hälsocentral Kramfors's care (dsk.kramfors's unit) with
  // inpatient episodes.
  std::string person_with_episodes() {
    return query_one(
        "SELECT p.id FROM persons p WHERE p.identifier_kind = "
        "'personnummer' AND "
        "p.protected_identity = 0 AND EXISTS (SELECT 1 FROM "
        "care_relations cr WHERE cr.person_id "
        "= p.id AND cr.unit_id = ? AND cr.ended_at IS NULL) AND "
        "(SELECT COUNT(*) FROM "
        "inpatient_episodes e WHERE e.person_id = p.id AND "
        "e.state <> 'cancelled') >= 1 ORDER BY "
        "p.id LIMIT 1",
        unit("Hälsocentral Kramfors"));
  }
  std::string identifier_of(const std::string& person) {
    return query_one("SELECT identifier FROM persons WHERE id = ?", person);
  }
};

bool in_skatteverkets_test_list(const std::string& personnummer) {
  std::ifstream in(std::string(NARA_SHARED_DIR) +
                   "/data/personnummer/skatteverket-testpersonnummer.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line == personnummer) return true;
  }
  return false;
}

TEST_P(FhirPatientTest, FHIR_Patient_FoundByPersonnummerAndReadWithTheirEpisodes) {
  Client nurse = signed_in("dsk.kramfors");
  const std::string person = person_with_episodes();
  ASSERT_FALSE(person.empty());
  const std::string pnr = identifier_of(person);
  ASSERT_TRUE(in_skatteverkets_test_list(pnr)) << pnr;

  const Reply found =
      nurse.get("/fhir/R4/Patient?identifier=" + std::string(kPersonnummer) + "%7C" + pnr);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json().at("total"), 1);
  const auto patients = fhir::resources(found, "Patient");
  ASSERT_EQ(patients.size(), 1U);
  EXPECT_EQ(fhir::str(patients[0].at("id")), person);
  const auto& identifier = patients[0].at("identifier").as_array().at(0);
  EXPECT_EQ(fhir::str(identifier.at("system")), kPersonnummer);
  EXPECT_EQ(fhir::str(identifier.at("value")), pnr);
  // HL7 Sweden's URI for the system, the bar unescaped, a written form without
  // system, and a POST _search that keeps the number out of the URL find the
  // same person.
  const std::string written = pnr.substr(0, 8) + "-" + pnr.substr(8);
  for (const std::string& target :
       {"/fhir/R4/Patient?identifier=http://electronichealth.se/identifier/"
        "personnummer|" +
            pnr,
        "/fhir/R4/Patient?identifier=" + written}) {
    const Reply again = nurse.get(target);
    EXPECT_EQ(again.status, 200) << target << ": " << again.body;
    EXPECT_EQ(fhir::ids(fhir::resources(again)), std::vector<std::string>{person}) << target;
  }
  const Reply posted = nurse.send("POST", "/fhir/R4/Patient/_search",
                                  "identifier=urn%3Aoid%3A1.2.752.129.2.1.3.1%7C" + pnr,
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(fhir::ids(fhir::resources(posted)), std::vector<std::string>{person});

  const Reply read = nurse.get("/fhir/R4/Patient/" + person);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("identifier"), patients[0].at("identifier"));
  EXPECT_EQ(fhir::str(read.json().at("birthDate")),
            pnr.substr(0, 4) + "-" + pnr.substr(4, 2) + "-" + pnr.substr(6, 2));

  // Their episodes, with the person included once.
  const Reply episodes =
      nurse.get("/fhir/R4/Encounter?patient=Patient/" + person + "&_include=Encounter:patient");
  ASSERT_EQ(episodes.status, 200) << episodes.body;
  const auto encounters = fhir::resources(episodes, "Encounter");
  ASSERT_GE(encounters.size(), 1U);
  EXPECT_EQ(episodes.json().at("total").as_int64(), static_cast<std::int64_t>(encounters.size()));
  EXPECT_EQ(fhir::ids(fhir::resources(episodes, "Patient")), std::vector<std::string>{person});
  int with_content = 0;
  for (const auto& e : encounters) {
    EXPECT_EQ(fhir::str(e.at("subject").at("reference")), "Patient/" + person);
    EXPECT_EQ(e.at("class").at("code"), "IMP");
    const std::string id(e.at("id").as_string());
    if (e.at("status") == "unknown") continue;  // shown as existing only
    ++with_content;
    const auto& state = e.at("extension").as_array().at(0);
    EXPECT_EQ(state.at("url"),
              "https://nara.example/fhir/StructureDefinition/discharge-chain-state");
    EXPECT_EQ(fhir::str(state.at("valueCoding").at("code")),
              query_one("SELECT state FROM inpatient_episodes WHERE id = ?", id));
    const Reply one = nurse.get("/fhir/R4/Encounter/" + id);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(fhir::str(one.json().at("meta").at("versionId")),
              query_one("SELECT version FROM inpatient_episodes WHERE id = ?", id));
    EXPECT_EQ(one.header("etag"),
              "W/\"" + std::string(one.json().at("meta").at("versionId").as_string()) + "\"");
    if (one.json().at("status") == "finished") {
      EXPECT_EQ(one.json().at("statusHistory").as_array().at(0).at("status"), "in-progress");
    }
  }
  EXPECT_GE(with_content, 1);
  const Reply by_subject = nurse.get("/fhir/R4/Encounter?subject:Patient=" + person);
  EXPECT_EQ(by_subject.json().at("total"), episodes.json().at("total"));
}

TEST_P(FhirPatientTest, FHIR_Patient_NameBirthdateAndGenderNarrowTheSearch) {
  Client nurse = signed_in("dsk.kramfors");
  const Reply forties = nurse.get(
      "/fhir/R4/"
      "Patient?birthdate=ge1940-01-01&birthdate=le1949-12-31&_count=1000");
  ASSERT_EQ(forties.status, 200) << forties.body;
  const auto born = fhir::resources(forties);
  ASSERT_FALSE(born.empty());
  for (const auto& p : born) {
    const std::string date(p.at("birthDate").as_string());
    EXPECT_TRUE(date >= "1940-01-01" && date <= "1949-12-31") << date;
  }
  const std::string year = std::string(born.front().at("birthDate").as_string()).substr(0, 4);
  const Reply that_year = nurse.get("/fhir/R4/Patient?birthdate=" + year + "&_count=1000");
  for (const auto& p : fhir::resources(that_year))
    EXPECT_TRUE(std::string(p.at("birthDate").as_string()).starts_with(year));
  EXPECT_LE(that_year.json().at("total").as_int64(), forties.json().at("total").as_int64());
  const Reply after = nurse.get("/fhir/R4/Patient?birthdate=gt" + year + "&_count=1000");
  for (const auto& p : fhir::resources(after))
    EXPECT_GT(std::string(p.at("birthDate").as_string()).substr(0, 4), year);

  const std::string family(born.front().at("name").as_array().at(0).at("family").as_string());
  const Reply named = nurse.get("/fhir/R4/Patient?name=" + family.substr(0, 3) + "&_count=1000");
  ASSERT_EQ(named.status, 200) << named.body;
  const auto named_ids = fhir::ids(fhir::resources(named));
  EXPECT_NE(std::find(named_ids.begin(), named_ids.end(), born.front().at("id").as_string()),
            named_ids.end());
  const Reply women = nurse.get("/fhir/R4/Patient?gender=female&_count=1000");
  for (const auto& p : fhir::resources(women)) EXPECT_EQ(p.at("gender"), "female");

  // A personnummer that is not one is a 400 naming the parameter; a system
  // nobody's number comes from matches nobody.
  const Reply bad =
      nurse.get("/fhir/R4/Patient?identifier=" + std::string(kPersonnummer) + "%7C191212121213");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(fhir::expressions(bad), std::vector<std::string>{"identifier"});
  const Reply other = nurse.get("/fhir/R4/Patient?identifier=urn:oid:1.2.3.4%7C191212121212");
  EXPECT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.json().at("total"), 0);
}

TEST_P(FhirPatientTest, FHIR_Encounter_StatusAndDateNarrowAPersonsEpisodes) {
  Client nurse = signed_in("dsk.kramfors");
  const std::string person = person_with_episodes();
  const Reply all = nurse.get("/fhir/R4/Encounter?patient=" + person);
  ASSERT_EQ(all.status, 200) << all.body;
  std::int64_t visible = 0;
  for (const auto& e : fhir::resources(all)) visible += e.at("status") == "unknown" ? 0 : 1;
  std::int64_t by_status = 0;
  for (const char* status : {"in-progress", "finished"}) {
    const Reply some = nurse.get("/fhir/R4/Encounter?patient=" + person + "&status=" + status);
    for (const auto& e : fhir::resources(some)) EXPECT_EQ(fhir::str(e.at("status")), status);
    by_status += some.json().at("total").as_int64();
  }
  EXPECT_EQ(by_status, visible);
  EXPECT_EQ(fhir::total(
                nurse.get("/fhir/R4/Encounter?patient=" + person + "&status=in-progress,finished")),
            visible);
  EXPECT_EQ(fhir::total(nurse.get("/fhir/R4/Encounter?patient=" + person + "&date=lt1990")), 0);
  EXPECT_EQ(fhir::total(nurse.get("/fhir/R4/Encounter?patient=" + person + "&date=ge1990-01-01")),
            visible);
  const Reply bad = nurse.get("/fhir/R4/Encounter?patient=" + person + "&date=sa2020");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(fhir::expressions(bad), std::vector<std::string>{"date"});
}

TEST_P(FhirPatientTest, OSL_22_1_FHIR_AProtectedAddressIsLeftOutAndTheRecordLabelled) {
  Client nurse = signed_in("dsk.kramfors");
  const std::string person = query_one(
      "SELECT p.id FROM persons p JOIN care_relations cr ON "
      "cr.person_id = p.id AND cr.ended_at "
      "IS NULL WHERE cr.unit_id = ? AND p.protected_identity = 1 "
      "ORDER BY p.id LIMIT 1",
      unit("Hälsocentral Kramfors"));
  ASSERT_FALSE(person.empty()) << "the demo county has a protected person in the unit's care";
  const Reply r = nurse.get("/fhir/R4/Patient/" + person);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().as_object().contains("address"));
  EXPECT_EQ(r.json().at("meta").at("security").as_array().at(0).at("code"), "sekretessmarkering");
}

INSTANTIATE_TEST_SUITE_P(Engines, FhirPatientTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
