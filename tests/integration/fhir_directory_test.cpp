// Issue 20 point 4, the directory through the FHIR façade (docs/fhir.md): principals, care
// providers and units as Organization (HSA-id urn:oid:1.2.752.29.4.19, organisationsnummer
// urn:oid:2.5.4.97), units as Location, staff as Practitioner and their assignments as
// PractitionerRole — never account data, never a citizen's or a system account. On SQLite and
// PostgreSQL.
#include <set>

#include "fhir_test_support.hpp"

namespace nara::test {
namespace {

constexpr const char* kHsa = "urn:oid:1.2.752.29.4.19";

class FhirDirectoryTest : public EngineTest {};

TEST_P(FhirDirectoryTest, FHIR_Organization_PrincipalsProvidersAndUnitsByTheirIdentifiers) {
  Client nurse = signed_in("dsk.kramfors");
  const Reply regions = nurse.get("/fhir/R4/Organization?type=region");
  ASSERT_EQ(regions.status, 200) << regions.body;
  const auto region = fhir::resources(regions);
  ASSERT_EQ(region.size(), 1U);
  EXPECT_EQ(region[0].at("name"), "Region Västernorrland");
  EXPECT_EQ(region[0].at("identifier").as_array().at(0).at("system"), "urn:oid:2.5.4.97");
  EXPECT_EQ(fhir::total(nurse.get("/fhir/R4/Organization?type=municipality")), 7);

  // A unit by its HSA-id, as Organization and as Location with the same id.
  const std::string unit_id = unit("Hälsocentral Kramfors");
  const std::string hsa = query_one("SELECT hsa_id FROM units WHERE id = ?", unit_id);
  const Reply by_hsa =
      nurse.get("/fhir/R4/Organization?identifier=" + std::string(kHsa) + "|" + hsa);
  ASSERT_EQ(by_hsa.status, 200) << by_hsa.body;
  EXPECT_EQ(fhir::ids(fhir::resources(by_hsa)), std::vector<std::string>{unit_id});
  const auto organization = fhir::resources(by_hsa).at(0);
  const std::string provider =
      query_one("SELECT care_provider_id FROM units WHERE id = ?", unit_id);
  EXPECT_EQ(fhir::str(organization.at("partOf").at("reference")), "Organization/" + provider);
  const Reply location = nurse.get("/fhir/R4/Location/" + unit_id);
  ASSERT_EQ(location.status, 200) << location.body;
  EXPECT_EQ(fhir::str(location.json().at("managingOrganization").at("reference")),
            "Organization/" + unit_id);
  EXPECT_EQ(fhir::str(location.json().at("identifier").as_array().at(0).at("value")), hsa);
  EXPECT_EQ(fhir::ids(fhir::resources(
                nurse.get("/fhir/R4/Location?identifier=" + std::string(kHsa) + "|" + hsa))),
            std::vector<std::string>{unit_id});

  // The provider's units are part of it; a name matches from the start of any word.
  const Reply parts =
      nurse.get("/fhir/R4/Organization?partof=Organization/" + provider + "&_count=1000");
  const auto part_ids = fhir::ids(fhir::resources(parts));
  EXPECT_NE(std::find(part_ids.begin(), part_ids.end(), unit_id), part_ids.end());
  const Reply named = nurse.get("/fhir/R4/Organization?name=kramf&_count=1000");
  const auto named_ids = fhir::ids(fhir::resources(named));
  EXPECT_NE(std::find(named_ids.begin(), named_ids.end(), unit_id), named_ids.end());
  for (const auto& o : fhir::resources(named)) {
    EXPECT_NE(fhir::str(o.at("name")).find("Kramfors"), std::string::npos) << o.at("name");
  }
  const Reply wards = nurse.get("/fhir/R4/Location?type=hospital_ward&_count=1000");
  EXPECT_EQ(fhir::total(wards),
            std::stoll(query_one("SELECT COUNT(*) FROM units WHERE kind = 'hospital_ward'")));
}

TEST_P(FhirDirectoryTest, FHIR_Practitioner_StaffWithTheirRolesAndNoAccountData) {
  Client nurse = signed_in("dsk.kramfors");
  const std::string user = query_one("SELECT id FROM users WHERE username = 'dsk.kramfors'");
  const std::string hsa = query_one("SELECT hsa_id FROM users WHERE id = ?", user);
  const Reply found =
      nurse.get("/fhir/R4/Practitioner?identifier=" + std::string(kHsa) + "|" + hsa);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(fhir::ids(fhir::resources(found)), std::vector<std::string>{user});
  const Reply read = nurse.get("/fhir/R4/Practitioner/" + user);
  ASSERT_EQ(read.status, 200) << read.body;
  for (const char* secret : {"dsk.kramfors", "password", "argon2", "token"}) {
    EXPECT_EQ(read.body.find(secret), std::string::npos) << secret;
  }
  // The assignment: role and unit, with the practitioner included on request.
  const Reply roles = nurse.get("/fhir/R4/PractitionerRole?practitioner=Practitioner/" + user +
                                "&_include=PractitionerRole:practitioner");
  ASSERT_EQ(roles.status, 200) << roles.body;
  const auto role = fhir::resources(roles, "PractitionerRole");
  ASSERT_EQ(role.size(), 1U);
  EXPECT_EQ(role[0].at("code").as_array().at(0).at("coding").as_array().at(0).at("code"),
            "district_nurse");
  EXPECT_EQ(fhir::str(role[0].at("organization").at("reference")),
            "Organization/" + unit("Hälsocentral Kramfors"));
  EXPECT_EQ(fhir::ids(fhir::resources(roles, "Practitioner")), std::vector<std::string>{user});
  const Reply at_unit =
      nurse.get("/fhir/R4/PractitionerRole?organization=" + unit("Hälsocentral Kramfors") +
                "&role=district_nurse&_count=1000");
  for (const auto& r : fhir::resources(at_unit)) {
    EXPECT_EQ(r.at("code").as_array().at(0).at("coding").as_array().at(0).at("code"),
              "district_nurse");
  }
  EXPECT_GE(fhir::total(at_unit), 1);

  // A citizen's account and a system account are no practitioners, nor their assignments roles.
  for (const char* username : {"invanare", "hl7.region"}) {
    const std::string id = query_one("SELECT id FROM users WHERE username = ?", username);
    EXPECT_EQ(nurse.get("/fhir/R4/Practitioner/" + id).status, 404) << username;
    const std::string assignment = query_one("SELECT id FROM assignments WHERE user_id = ?", id);
    EXPECT_EQ(nurse.get("/fhir/R4/PractitionerRole/" + assignment).status, 404) << username;
    EXPECT_EQ(fhir::total(nurse.get("/fhir/R4/PractitionerRole?practitioner=" + id)), 0);
  }
  const Reply everyone = nurse.get("/fhir/R4/Practitioner?_count=1000");
  const auto ids = fhir::ids(fhir::resources(everyone));
  const std::set<std::string> listed(ids.begin(), ids.end());
  EXPECT_FALSE(listed.contains(query_one("SELECT id FROM users WHERE username = 'invanare'")));
  EXPECT_FALSE(listed.contains(query_one("SELECT id FROM users WHERE username = 'hl7.region'")));
  EXPECT_TRUE(listed.contains(user));
}

INSTANTIATE_TEST_SUITE_P(Engines, FhirDirectoryTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
