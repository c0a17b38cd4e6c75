// The FHIR R4 mappings of Nära's own data (src/interop/fhir, docs/fhir.md), pure: identifier
// systems, the protected address, the Encounter's status, history and discharge-chain extensions,
// the directory's references, and OperationOutcome.
#include <gtest/gtest.h>

#include "interop/fhir/common.hpp"
#include "interop/fhir/encounter.hpp"
#include "interop/fhir/organization.hpp"
#include "interop/fhir/patient.hpp"
#include "interop/fhir/practitioner.hpp"
#include "store/time_codec.hpp"

namespace nara::interop::fhir {
namespace {

namespace json = boost::json;
using domain::discharge::EpisodeState;

const domain::registry::Stamp kStamp{1, "2026-11-01T08:00:00.000000Z",
                                     "2026-11-01T08:00:00.000000Z"};

domain::registry::Person person() {
  domain::registry::Person p;
  p.id = "p1";
  p.identifier = "191212121212";
  p.identifier_kind = "personnummer";
  p.identifier_system = "1.2.752.129.2.1.3.1";
  p.given_name = "Tolvan";
  p.family_name = "Tolvansson";
  p.birth_date = "1912-12-12";
  p.legal_sex = "male";
  p.municipality_code = "2282";
  p.address.street = "Storgatan 1";
  p.address.locality = "Kramfors";
  p.stamp = {3, "2026-11-01T08:00:00.000000Z", "2026-11-02T09:30:00.000000Z"};
  return p;
}

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "at");
}

store::EpisodeRecord episode(EpisodeState state) {
  store::EpisodeRecord r;
  r.id = "e1";
  r.person_id = "p1";
  r.version = 7;
  r.external_visit_id = "V123";
  r.episode.state = state;
  r.episode.ward_unit_id = "ward";
  r.episode.admitted_at = at("2026-11-20T10:00:00Z");
  r.episode.ready_periods.push_back({at("2026-11-22T09:00:00Z"), at("2026-11-22T15:00:00Z")});
  r.episode.ready_periods.push_back({at("2026-11-23T09:00:00Z"), std::nullopt});
  if (state == EpisodeState::discharged) r.episode.discharged_at = at("2026-11-24T12:00:00Z");
  if (state == EpisodeState::deceased) r.episode.ended_at = at("2026-11-24T03:00:00Z");
  return r;
}

TEST(FhirMapping, FHIR_Patient_PersonnummerByItsOidAndTheMetaOfTheRow) {
  const json::object p = patient(person(), true);
  EXPECT_EQ(p.at("resourceType"), "Patient");
  const auto& id = p.at("identifier").as_array().at(0);
  EXPECT_EQ(id.at("system"), "urn:oid:1.2.752.129.2.1.3.1");
  EXPECT_EQ(id.at("value"), "191212121212");
  EXPECT_EQ(p.at("meta").at("versionId"), "3");
  EXPECT_EQ(p.at("meta").at("lastUpdated"), "2026-11-02T09:30:00Z");
  EXPECT_EQ(p.at("gender"), "male");
  EXPECT_EQ(p.at("birthDate"), "1912-12-12");
  EXPECT_EQ(p.at("address").as_array().at(0).at("city"), "Kramfors");
  EXPECT_EQ(p.at("extension").as_array().at(0).at("valueString"), "2282");
  auto synthetic = person();
  synthetic.identifier_system = "urn:nara:synthetic-county:reservnummer";
  EXPECT_EQ(person_identifier_system(synthetic), "urn:nara:synthetic-county:reservnummer");
}

TEST(FhirMapping, OSL_22_1_FHIR_AProtectedAddressIsLeftOutAndLabelled) {
  auto p = person();
  p.protected_identity = true;
  const json::object hidden = patient(p, false);
  EXPECT_FALSE(hidden.contains("address"));
  EXPECT_EQ(hidden.at("meta").at("security").as_array().at(0).at("code"), "sekretessmarkering");
  EXPECT_TRUE(patient(p, true).contains("address"));  // the person, or a special authorisation
}

TEST(FhirMapping, FHIR_Encounter_StatusFollowsTheDischargeChain) {
  EXPECT_EQ(encounter_status(EpisodeState::admitted), "in-progress");
  EXPECT_EQ(encounter_status(EpisodeState::sip_invited), "in-progress");
  EXPECT_EQ(encounter_status(EpisodeState::discharged), "finished");
  EXPECT_EQ(encounter_status(EpisodeState::deceased), "finished");
  EXPECT_EQ(encounter_status(EpisodeState::cancelled), "entered-in-error");

  const json::object open =
      encounter(episode(EpisodeState::ready), "2026-11-23T09:00:00.000000Z", false);
  EXPECT_EQ(open.at("status"), "in-progress");
  EXPECT_FALSE(open.contains("statusHistory"));
  EXPECT_FALSE(open.at("period").as_object().contains("end"));
  const auto& state = open.at("extension").as_array().at(0);
  EXPECT_EQ(state.at("url").as_string(), kDischargeChainStateExtension);
  EXPECT_EQ(state.at("valueCoding").at("code"), "ready");
  const auto& steps = open.at("extension").as_array().at(1).at("extension").as_array();
  int ready = 0;
  for (const auto& s : steps) {
    if (s.at("url") != "readyForDischarge") continue;
    ++ready;
    EXPECT_EQ(s.at("valuePeriod").as_object().contains("end"), ready == 1);  // withdrawn once
  }
  EXPECT_EQ(ready, 2);
  EXPECT_EQ(open.at("identifier").as_array().at(0).at("value"), "V123");
  EXPECT_EQ(open.at("location").as_array().at(0).at("location").at("reference"), "Location/ward");
  EXPECT_EQ(open.at("meta").at("versionId"), "7");

  const json::object done =
      encounter(episode(EpisodeState::discharged), "2026-11-24T12:00:00.000000Z", false);
  EXPECT_EQ(done.at("status"), "finished");
  EXPECT_EQ(done.at("period").at("end"), "2026-11-24T12:00:00Z");
  EXPECT_EQ(done.at("statusHistory").as_array().at(0).at("status"), "in-progress");
  const json::object died =
      encounter(episode(EpisodeState::deceased), "2026-11-24T03:00:00.000000Z", false);
  EXPECT_EQ(died.at("hospitalization")
                .at("dischargeDisposition")
                .at("coding")
                .as_array()
                .at(0)
                .at("code"),
            "exp");
}

TEST(FhirMapping, PDL_4_4_FHIR_AnEpisodeShownAsExistingOnlyHoldsNothingOfItsContent) {
  const json::object e =
      encounter(episode(EpisodeState::ready), "2026-11-23T09:00:00.000000Z", true);
  EXPECT_EQ(e.at("status"), "unknown");
  EXPECT_EQ(e.at("meta").at("security").as_array().at(0).at("code"), "REDACTED");
  for (const char* hidden : {"extension", "identifier", "period", "location", "serviceProvider"})
    EXPECT_FALSE(e.contains(hidden)) << hidden;
  EXPECT_EQ(e.at("subject").at("reference"), "Patient/p1");
}

TEST(FhirMapping, FHIR_Directory_UnitsAreOrganizationAndLocationWithOneId) {
  domain::registry::Unit u;
  u.id = "u1";
  u.care_provider_id = "cp";
  u.hsa_id = "SE2321000206-1234";
  u.name = "Hälsocentral Kramfors";
  u.kind = domain::registry::UnitKind::health_centre;
  u.latitude = 62.93;
  u.stamp = kStamp;
  const json::object org = organization(u);
  EXPECT_EQ(org.at("identifier").as_array().at(0).at("system").as_string(), kHsaIdSystem);
  EXPECT_EQ(org.at("partOf").at("reference"), "Organization/cp");
  u.parent_unit_id = "parent";
  EXPECT_EQ(organization(u).at("partOf").at("reference"), "Organization/parent");
  const json::object loc = location(u);
  EXPECT_EQ(loc.at("id"), "u1");
  EXPECT_EQ(loc.at("managingOrganization").at("reference"), "Organization/u1");
  EXPECT_EQ(loc.at("partOf").at("reference"), "Location/parent");
  EXPECT_FALSE(loc.contains("position"));  // a latitude without a longitude is no position

  domain::registry::Principal kommun{"k1",
                                     domain::registry::PrincipalKind::municipality,
                                     "Kramfors kommun",
                                     "212000-2460",
                                     "2282",
                                     kStamp};
  EXPECT_EQ(organization(kommun).at("identifier").as_array().at(0).at("value"), "2120002460");
}

TEST(FhirMapping, FHIR_Practitioner_NoAccountDataLeaves) {
  domain::registry::User user;
  user.id = "u1";
  user.username = "dsk.kramfors";
  user.display_name = "Dina Distriktssköterska";
  user.hsa_id = "SE2321000206-P1";
  user.stamp = kStamp;
  const std::string text = json::serialize(practitioner(user));
  EXPECT_EQ(text.find("dsk.kramfors"), std::string::npos);
  EXPECT_NE(text.find("SE2321000206-P1"), std::string::npos);
  domain::registry::Assignment a;
  a.id = "a1";
  a.user_id = "u1";
  a.unit_id = "unit";
  a.role = domain::access::Role::district_nurse;
  a.stamp = kStamp;
  const json::object role = practitioner_role(a);
  EXPECT_EQ(role.at("practitioner").at("reference"), "Practitioner/u1");
  EXPECT_EQ(role.at("code").as_array().at(0).at("coding").as_array().at(0).at("code"),
            "district_nurse");
}

TEST(FhirMapping, FHIR_Errors_AProblemBecomesAnOperationOutcomeNamingItsFields) {
  core::Problem p =
      core::validation_problem({core::FieldError{"birthdate", "date.format", "Fel."}});
  p.status = 400;
  const json::object outcome = operation_outcome(p);
  EXPECT_EQ(outcome.at("resourceType"), "OperationOutcome");
  const auto& issue = outcome.at("issue").as_array().at(0);
  EXPECT_EQ(issue.at("code"), "invalid");
  EXPECT_EQ(issue.at("expression").as_array().at(0), "birthdate");
  EXPECT_EQ(issue_code(401), "login");
  EXPECT_EQ(issue_code(403), "forbidden");
  EXPECT_EQ(issue_code(404), "not-found");
  EXPECT_EQ(issue_code(406), "not-supported");
  EXPECT_EQ(issue_code(410), "deleted");
  EXPECT_EQ(issue_code(500), "exception");
  core::Problem crash;
  crash.status = 500;
  crash.title = "Internt fel";
  EXPECT_EQ(operation_outcome(crash).at("issue").as_array().at(0).at("severity"), "fatal");
}

}  // namespace
}  // namespace nara::interop::fhir
