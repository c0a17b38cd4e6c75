// Issue 20 point 3 (Import) and its "Bad input", with the shared Synthea bundles: `nara import
// fhir` loads the 50 patients' Patient, Encounter, Condition, Organization and Practitioner
// entries with counts that match the bundles, importing them again changes nothing, and a bundle
// with one bad resource is refused whole, naming it, while the other files are still imported.
#include <set>
#include <sstream>

#include "app/fhir_import_command.hpp"
#include "core/problem.hpp"
#include "fhir_import_support.hpp"
#include "service/fhir_import_service.hpp"

namespace nara::test {
namespace {

using namespace fhir_import;

// What the bundles hold, counted from their JSON.
struct Expected {
  std::size_t resources = 0, patients = 0, encounters = 0, inpatient = 0, contacts = 0,
              conditions = 0;
  std::set<std::string> organisations, practitioners;  // distinct by identifier
};

std::string first_identifier(const json::object& resource) {
  const auto& identifier = resource.at("identifier").as_array().at(0).as_object();
  return std::string(identifier.at("system").as_string()) + "|" +
         std::string(identifier.at("value").as_string());
}

Expected count_bundles() {
  Expected e;
  for (const auto& file : synthea_files()) {
    const auto bundle = read_bundle(file);
    for (const auto& item : bundle.at("entry").as_array()) {
      const auto& resource = item.at("resource").as_object();
      const std::string type(resource.at("resourceType").as_string());
      ++e.resources;
      if (type == "Patient") ++e.patients;
      if (type == "Condition") ++e.conditions;
      if (type == "Organization") e.organisations.insert(first_identifier(resource));
      if (type == "Practitioner") e.practitioners.insert(first_identifier(resource));
      if (type != "Encounter") continue;
      ++e.encounters;
      const std::string cls(resource.at("class").at("code").as_string());
      if (cls == "IMP") ++e.inpatient;
      // A visit at the health centre the person is listed at, with a known practitioner.
      if ((cls == "AMB" || cls == "VR" || cls == "HH") && resource.contains("participant"))
        ++e.contacts;
    }
  }
  return e;
}

class FhirImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  Server& server() { return import_server(GetParam()); }

  int import(const std::vector<std::string>& paths, std::string& out, std::string& err,
             const std::string& municipality = {}) {
    app::FhirImportCommand command;
    command.paths = paths;
    command.municipality_code = municipality;
    command.quiet = true;
    std::ostringstream o, e;
    const int status =
        app::run_fhir_import(server().instance->database(), *server().clock, command, o, e);
    out = o.str();
    err = e.str();
    return status;
  }

  std::int64_t count(const std::string& sql) { return std::stoll(scalar(server(), sql)); }
};

TEST_P(FhirImportTest, FHIR_Import_SyntheaBundlesLoadWithTheBundlesCountsAndAgainChangeNothing) {
  const Expected expected = count_bundles();
  ASSERT_EQ(expected.resources, 19263U);  // SOURCE.md
  ASSERT_EQ(expected.patients, 50U);
  const auto before = snapshot(server());
  const auto audit_before = count("SELECT COUNT(*) FROM audit_log WHERE action = 'create'");
  std::string out, err;
  ASSERT_EQ(import({synthea_files().front().parent_path().string()}, out, err), 0) << err;
  EXPECT_NE(out.find("Imported 50 bundles: 19263 resources read"), std::string::npos) << out;
  const auto after = snapshot(server());
  const auto added = [&](const std::string& table) { return after.at(table) - before.at(table); };
  EXPECT_EQ(added("persons"), 50);
  EXPECT_EQ(added("imported_encounters"), static_cast<std::int64_t>(expected.encounters));
  EXPECT_EQ(added("inpatient_episodes"), static_cast<std::int64_t>(expected.inpatient));
  EXPECT_EQ(added("care_contacts"), static_cast<std::int64_t>(expected.contacts));
  EXPECT_EQ(added("person_conditions"), static_cast<std::int64_t>(expected.conditions));
  EXPECT_EQ(added("external_organisations"),
            static_cast<std::int64_t>(expected.organisations.size()));
  EXPECT_EQ(added("external_practitioners"),
            static_cast<std::int64_t>(expected.practitioners.size()));
  EXPECT_EQ(added("care_relations"), 50);  // each person listed at a health centre
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'create'") - audit_before, 50);

  // None of them has a personnummer: each got a reservnummer of the region's own series, and a
  // municipality of the county with a listing at one of its health centres.
  EXPECT_EQ(count("SELECT COUNT(*) FROM persons p JOIN fhir_import_keys k ON k.target_id = p.id "
                  "AND k.resource_type = 'Patient' AND k.system = "
                  "'https://github.com/synthetichealth/synthea' WHERE p.identifier_kind = "
                  "'local_reservnummer' AND p.identifier_system = 'urn:nara:local-reservnummer' "
                  "AND p.municipality_code IN (SELECT area_code FROM principals) AND EXISTS "
                  "(SELECT 1 FROM care_relations c JOIN units u ON u.id = c.unit_id WHERE "
                  "c.person_id = p.id AND c.origin = 'listing' AND u.kind = 'health_centre' AND "
                  "u.municipality_code = p.municipality_code)"),
            50);
  // The inpatient stays are discharged history on the region's wards, marked as imported.
  EXPECT_EQ(count("SELECT COUNT(*) FROM inpatient_episodes e JOIN units u ON u.id = "
                  "e.ward_unit_id JOIN fhir_import_keys k ON k.target_id = e.person_id AND "
                  "k.system = 'https://github.com/synthetichealth/synthea' WHERE e.origin = "
                  "'fhir_import' AND e.state = 'discharged' AND e.discharged_at >= e.admitted_at "
                  "AND u.kind = 'hospital_ward'"),
            static_cast<std::int64_t>(expected.inpatient));
  // The US address is not kept.
  EXPECT_EQ(count("SELECT COUNT(*) FROM persons WHERE identifier_kind = 'local_reservnummer' AND "
                  "(street_address IS NOT NULL OR postal_code IS NOT NULL)"),
            0);

  // Again: every resource is found by its identifiers; no row and no version changes.
  ASSERT_EQ(import({synthea_files().front().parent_path().string()}, out, err), 0) << err;
  EXPECT_NE(out.find("Persons: 0 created (0 with a reservnummer), 50 found"), std::string::npos)
      << out;
  EXPECT_EQ(snapshot(server()), after);
}

TEST_P(FhirImportTest, FHIR_Import_ABundleWithOneBadResourceIsRefusedWholeAndNamesIt) {
  // The bundle with the most entries, with one Encounter's period.start no date.
  auto bundle = read_bundle(synthea_files().at(3));
  auto& entries = bundle.at("entry").as_array();
  std::size_t bad = 0;
  for (std::size_t i = entries.size(); i-- > 0;) {
    if (entries[i].at("resource").at("resourceType") == "Encounter") {
      bad = i;
      break;
    }
  }
  ASSERT_GT(bad, 0U);
  entries[bad].at("resource").at("period").as_object()["start"] = "2019-02-30T10:00:00Z";
  const auto before = snapshot(server());
  service::FhirImportService importer(
      service::ServiceContext{server().instance->database(), *server().clock});
  try {
    (void)importer.import_from_command_line(json::value(bundle));
    FAIL() << "imported a bundle with a bad date";
  } catch (const core::ProblemError& e) {
    EXPECT_EQ(e.problem().status, 400);
    ASSERT_EQ(e.problem().errors.size(), 1U);
    EXPECT_EQ(e.problem().errors[0].field,
              "Bundle.entry[" + std::to_string(bad) + "].resource.period.start");
  }
  EXPECT_EQ(snapshot(server()), before);

  // A reference to what is neither in the bundle nor imported before: refused when it is
  // resolved, inside the transaction, and nothing of the bundle is stored either.
  bundle = read_bundle(synthea_files().at(3));
  auto& fresh = bundle.at("entry").as_array();
  std::size_t condition = 0;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    if (fresh[i].at("resource").at("resourceType") == "Condition") {
      condition = i;
      break;
    }
  }
  ASSERT_GT(condition, 0U);
  fresh[condition].at("resource").at("subject").as_object()["reference"] =
      "urn:uuid:00000000-0000-4000-8000-000000000000";
  try {
    (void)importer.import_from_command_line(json::value(bundle));
    FAIL() << "imported a bundle with a dangling reference";
  } catch (const core::ProblemError& e) {
    EXPECT_EQ(e.problem().status, 422);
    ASSERT_EQ(e.problem().errors.size(), 1U);
    EXPECT_EQ(e.problem().errors[0].field,
              "Bundle.entry[" + std::to_string(condition) + "].resource.subject.reference");
    EXPECT_EQ(e.problem().errors[0].rule, "import.reference_unresolved");
  }
  EXPECT_EQ(snapshot(server()), before);

  // From the command line: the refused file prints its OperationOutcome and makes the exit
  // status 1; the good file next to it is imported in its own transaction.
  const fs::path dir = fs::temp_directory_path() /
                       ("nara-fhir-import-" + GetParam() + "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "a-bad.json") << json::serialize(bundle);
    const auto good = transaction({entry("urn:uuid:5c9a2f52-1b0e-4b8e-9d5f-0a6c1e7d3b21",
                                         patient("cli-good-" + GetParam(), "1941-03-07"))});
    std::ofstream(dir / "b-good.json") << json::serialize(good);
  }
  std::string out, err;
  EXPECT_EQ(import({dir.string()}, out, err), 1);
  EXPECT_NE(err.find("a-bad.json: refused, nothing stored (422"), std::string::npos) << err;
  EXPECT_NE(err.find("\"resourceType\":\"OperationOutcome\""), std::string::npos) << err;
  EXPECT_NE(err.find("\"expression\":[\"Bundle.entry[" + std::to_string(condition) +
                     "].resource.subject.reference\"]"),
            std::string::npos)
      << err;
  EXPECT_NE(out.find("Imported 1 bundle (1 refused)"), std::string::npos) << out;
  EXPECT_EQ(snapshot(server())["persons"], before.at("persons") + 1);
  fs::remove_all(dir);
}

TEST_P(FhirImportTest, FHIR_Import_BundleOver50MBIsRefused413BeforeItIsRead) {
  const fs::path file = fs::temp_directory_path() / ("nara-fhir-large-" + GetParam() + "-" +
                                                     std::to_string(::getpid()) + ".json");
  {
    // Valid JSON, a bundle of nothing, padded to one byte over 50 MB.
    std::ofstream out(file, std::ios::binary);
    const std::string head = R"({"resourceType":"Bundle","type":"transaction","entry":[]})";
    out << head << std::string(std::size_t{50} * 1024 * 1024 + 1 - head.size(), ' ');
  }
  const auto before = snapshot(server());
  std::string out, err;
  EXPECT_EQ(import({file.string()}, out, err), 1);
  EXPECT_NE(err.find("(413 Bunten är för stor)"), std::string::npos) << err;
  EXPECT_EQ(snapshot(server()), before);
  fs::remove(file);
}

TEST_P(FhirImportTest, FHIR_Import_MunicipalityGivenOnTheCommandLine) {
  const fs::path file = fs::temp_directory_path() / ("nara-fhir-kommun-" + GetParam() + "-" +
                                                     std::to_string(::getpid()) + ".json");
  std::ofstream(file) << json::serialize(transaction({entry(
      "urn:uuid:0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", patient("kramfors-1", "1944-10-02"))}));
  std::string out, err;
  ASSERT_EQ(import({file.string()}, out, err, "2282"), 0) << err;
  const std::string person =
      scalar(server(),
             "SELECT target_id FROM fhir_import_keys WHERE resource_type = 'Patient' AND value = ?",
             "kramfors-1");
  EXPECT_EQ(scalar(server(), "SELECT municipality_code FROM persons WHERE id = ?", person), "2282");
  EXPECT_EQ(scalar(server(),
                   "SELECT u.municipality_code FROM care_relations c JOIN units u ON u.id = "
                   "c.unit_id WHERE c.person_id = ? AND c.origin = 'listing'",
                   person),
            "2282");
  // A kommunkod that is not one of the county's refuses the bundle.
  std::ofstream(file) << json::serialize(transaction({entry(
      "urn:uuid:1f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", patient("stockholm-1", "1944-10-02"))}));
  EXPECT_EQ(import({file.string()}, out, err, "0180"), 1);
  EXPECT_NE(err.find("import.municipality"), std::string::npos) << err;
  fs::remove(file);
}

INSTANTIATE_TEST_SUITE_P(Engines, FhirImportTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
