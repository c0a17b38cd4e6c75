// Issue 20 point 3 and "Bad input": reading FHIR R4 transaction Bundles for the import — what
// each of the five kept types becomes, the other types counted, and every fault named by its
// FHIRPath so the whole bundle can be refused with an OperationOutcome that points at it.
#include "interop/fhir/import_bundle.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace nara::interop::fhir::import {
namespace {

namespace json = boost::json;
using namespace std::chrono;

constexpr year_month_day kToday{year{2026}, November, day{23}};

json::object entry(const std::string& full_url, json::object resource) {
  const std::string type(resource.at("resourceType").as_string());
  return {{"fullUrl", full_url},
          {"resource", std::move(resource)},
          {"request", {{"method", "POST"}, {"url", type}}}};
}

json::object transaction(json::array entries) {
  return {{"resourceType", "Bundle"}, {"type", "transaction"}, {"entry", std::move(entries)}};
}

json::object patient() {
  return {{"resourceType", "Patient"},
          {"id", "p1"},
          {"identifier",
           json::array{{{"system", "https://github.com/synthetichealth/synthea"}, {"value", "abc"}},
                       {{"system", "http://hl7.org/fhir/sid/us-ssn"}, {"value", "999-30-7608"}}}},
          {"name", json::array{{{"use", "nickname"}, {"family", "Smeknamn"}, {"given", {"X"}}},
                               {{"use", "official"},
                                {"family", "Hartmann"},
                                {"given", {"Adalberto", "Jr"}},
                                {"prefix", {"Mr."}}}}},
          {"gender", "male"},
          {"birthDate", "1938-04-12"},
          {"deceasedDateTime", "2019-05-12T22:30:00+00:00"},
          {"address", json::array{{{"city", "Pittsfield"}, {"country", "US"}}}}};
}

Bundle read(const json::object& bundle) {
  return read_bundle(json::value(bundle), kToday);
}

std::vector<std::string> expressions(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& e : b.errors) out.push_back(e.field);
  return out;
}

TEST(FhirImportBundle, FHIR_Import_ReadsTheFiveTypesAndCountsTheOthers) {
  const json::object organization{
      {"resourceType", "Organization"},
      {"identifier",
       json::array{{{"system", "https://github.com/synthetichealth/synthea"}, {"value", "o1"}}}},
      {"name", "UMASS MEMORIAL MEDICAL CENTER INC"},
      {"type", json::array{{{"coding", json::array{{{"system", "http://x"}, {"code", "prov"}}}}}}}};
  const json::object practitioner{
      {"resourceType", "Practitioner"},
      {"identifier", json::array{{{"system", "http://hl7.org/fhir/sid/us-npi"}, {"value", "510"}}}},
      {"name", json::array{{{"family", "Brakus"}, {"given", {"Elroy"}}, {"prefix", {"Dr."}}}}}};
  const json::object encounter{
      {"resourceType", "Encounter"},
      {"status", "finished"},
      {"class", {{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"}, {"code", "IMP"}}},
      {"type", json::array{{{"coding", json::array{{{"system", "http://snomed.info/sct"},
                                                    {"code", "50849002"},
                                                    {"display", "Emergency Room Admission"}}}}}}},
      {"subject", {{"reference", "urn:uuid:p"}}},
      {"participant", json::array{{{"individual", {{"reference", "urn:uuid:dr"}}}}}},
      {"period", {{"start", "1951-12-02T02:43:19+00:00"}, {"end", "1951-12-05T10:00:00+01:00"}}},
      {"serviceProvider", {{"reference", "urn:uuid:org"}}}};
  const json::object condition{
      {"resourceType", "Condition"},
      {"clinicalStatus",
       {{"coding",
         json::array{{{"system", "http://terminology.hl7.org/CodeSystem/condition-clinical"},
                      {"code", "resolved"}}}}}},
      {"code",
       {{"coding",
         json::array{{{"system", "http://snomed.info/sct"}, {"code", "47693006"}},
                     {{"system", "http://hl7.org/fhir/sid/icd-10"}, {"code", "k35.2"}}}}}},
      {"subject", {{"reference", "urn:uuid:p"}}},
      {"encounter", {{"reference", "urn:uuid:enc"}}},
      {"onsetDateTime", "1951-12"},
      {"abatementPeriod", {{"start", "1951-12-20"}}}};
  const json::object observation{{"resourceType", "Observation"}, {"status", "final"}};
  const auto b =
      read(transaction({entry("urn:uuid:p", patient()), entry("urn:uuid:org", organization),
                        entry("urn:uuid:dr", practitioner), entry("urn:uuid:enc", encounter),
                        entry("urn:uuid:c", condition), entry("urn:uuid:o1", observation),
                        entry("urn:uuid:o2", observation)}));
  ASSERT_TRUE(b.errors.empty()) << b.errors.front().field << ": " << b.errors.front().detail;
  EXPECT_EQ(b.entries.size(), 7U);
  ASSERT_EQ(b.patients.size(), 1U);
  const Patient& p = b.patients.front();
  EXPECT_EQ(p.family_name, "Hartmann");  // the official name, not the first one
  EXPECT_EQ(p.given_name, "Adalberto Jr");
  EXPECT_EQ(p.legal_sex, "male");
  EXPECT_EQ(p.birth_date, (year_month_day{year{1938}, April, day{12}}));
  EXPECT_EQ(p.deceased_on, (year_month_day{year{2019}, May, day{13}}));  // 00:30 in Stockholm
  EXPECT_FALSE(p.swedish);
  ASSERT_EQ(p.keys.size(), 3U);  // both identifiers and the fullUrl
  EXPECT_EQ(p.keys[0].system, "https://github.com/synthetichealth/synthea");
  EXPECT_EQ(p.keys[2].system, kUriSystem);
  EXPECT_EQ(p.keys[2].value, "urn:uuid:p");
  ASSERT_EQ(b.organizations.size(), 1U);
  EXPECT_EQ(b.organizations.front().type_code, "prov");
  ASSERT_EQ(b.practitioners.size(), 1U);
  EXPECT_EQ(b.practitioners.front().profession, "physician");
  ASSERT_EQ(b.encounters.size(), 1U);
  const Encounter& e = b.encounters.front();
  EXPECT_EQ(e.class_code, "IMP");
  EXPECT_EQ(e.subject.target, "urn:uuid:p");
  EXPECT_EQ(e.subject.expression, "Bundle.entry[3].resource.subject");
  EXPECT_EQ(e.practitioner->target, "urn:uuid:dr");
  EXPECT_EQ(e.service_provider->target, "urn:uuid:org");
  EXPECT_EQ(core::format_iso8601(e.start), "1951-12-02T02:43:19Z");
  EXPECT_EQ(core::format_iso8601(*e.end), "1951-12-05T09:00:00Z");
  ASSERT_EQ(b.conditions.size(), 1U);
  const Condition& c = b.conditions.front();
  EXPECT_EQ(c.code.code, "47693006");
  EXPECT_EQ(c.icd10_code, "K352");
  EXPECT_EQ(c.clinical_status, "resolved");
  EXPECT_EQ(c.onset->partial, "1951-12");
  EXPECT_EQ(c.abatement->partial, "1951-12-20");
  EXPECT_EQ(c.encounter->target, "urn:uuid:enc");
  EXPECT_EQ(b.not_imported.at("Observation"), 2U);
  EXPECT_EQ(find_in_bundle(b, "urn:uuid:enc"), 3U);
  EXPECT_EQ(find_in_bundle(b, "Patient/p1"), 0U);
  EXPECT_FALSE(find_in_bundle(b, "urn:uuid:elsewhere"));
}

TEST(FhirImportBundle, FHIR_Import_PersonnummerKeptWhenValid) {
  json::object p = patient();
  p["identifier"].as_array().push_back(
      json::object{{"system", kPersonnummerSystem}, {"value", "189001019802"}});
  auto b = read(transaction({entry("urn:uuid:p", p)}));
  ASSERT_TRUE(b.errors.empty());
  ASSERT_TRUE(b.patients.front().swedish);
  EXPECT_EQ(b.patients.front().swedish->canonical(), "189001019802");
  EXPECT_EQ(b.patients.front().swedish->kind(), core::PersonIdentifierKind::personnummer);

  // A wrong check digit is no personnummer: a warning, and the person will get a reservnummer.
  p["identifier"].as_array().back().as_object()["value"] = "189001019803";
  b = read(transaction({entry("urn:uuid:p", p)}));
  EXPECT_TRUE(b.errors.empty());
  EXPECT_FALSE(b.patients.front().swedish);
  ASSERT_EQ(b.warnings.size(), 1U);
  EXPECT_EQ(b.warnings.front().field, "Bundle.entry[0].resource.identifier[2].value");
}

TEST(FhirImportBundle, FHIR_Import_BadDateNamedByItsPath) {
  json::object p = patient();
  p["birthDate"] = "1938-02-30";
  const auto b = read(transaction(
      {entry("urn:uuid:o", {{"resourceType", "Observation"}}), entry("urn:uuid:p", p)}));
  EXPECT_EQ(b.status, 400);
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.entry[1].resource.birthDate"});
  EXPECT_EQ(b.errors.front().rule, "fhir.date");
}

TEST(FhirImportBundle, FHIR_Import_WrongTypesAndMissingRequiredElementsAreInvalid) {
  json::object p = patient();
  p["gender"] = 5;
  p["name"] = json::object{{"family", "Inte en lista"}};
  const json::object encounter{{"resourceType", "Encounter"},
                               {"class", {{"code", "AMB"}}},
                               {"subject", {{"reference", "urn:uuid:p"}}},
                               {"period", {{"start", "2019-05-12T10:00:00"}}}};
  const json::object condition{
      {"resourceType", "Condition"},
      {"code", {{"coding", json::array{{{"system", "s"}, {"code", "c"}}}}}}};
  const auto b = read(transaction(
      {entry("urn:uuid:p", p), entry("urn:uuid:e", encounter), entry("urn:uuid:c", condition)}));
  EXPECT_EQ(b.status, 400);
  const auto found = expressions(b);
  for (const std::string expected :
       {"Bundle.entry[0].resource.gender", "Bundle.entry[0].resource.name",
        "Bundle.entry[1].resource.status", "Bundle.entry[1].resource.period.start",
        "Bundle.entry[2].resource.subject"}) {
    EXPECT_NE(std::find(found.begin(), found.end(), expected), found.end()) << expected;
  }
}

TEST(FhirImportBundle, FHIR_Import_PatientWithoutPersonnummerNeedsAFullBirthDate) {
  json::object p = patient();
  p["birthDate"] = "1938";  // valid R4, but no reservnummer can be formed from it
  auto b = read(transaction({entry("urn:uuid:p", p)}));
  EXPECT_EQ(b.status, 422);
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.entry[0].resource.birthDate"});
  EXPECT_EQ(b.errors.front().rule, "import.reservnummer");
  p.erase("birthDate");
  b = read(transaction({entry("urn:uuid:p", p)}));
  EXPECT_EQ(b.status, 422);
  // With a personnummer the birth date comes from the number.
  p["identifier"].as_array().push_back(
      json::object{{"system", kPersonnummerSystem}, {"value", "189001019802"}});
  b = read(transaction({entry("urn:uuid:p", p)}));
  EXPECT_TRUE(b.errors.empty());
}

TEST(FhirImportBundle, FHIR_Import_BundleNestedBeyondOneLevelIsRefused) {
  const json::object inner{
      {"resourceType", "Bundle"},
      {"type", "collection"},
      {"entry", json::array{{{"resource", {{"resourceType", "Observation"}}}}}}};
  auto b = read(transaction({entry("urn:uuid:p", patient()), entry("urn:uuid:b", inner)}));
  EXPECT_TRUE(b.errors.empty());
  EXPECT_EQ(b.not_imported.at("Bundle"), 1U);  // one level: a resource, not imported

  json::object nested = inner;
  nested["entry"] = json::array{{{"resource", inner}}};
  b = read(transaction({entry("urn:uuid:p", patient()), entry("urn:uuid:b", nested)}));
  EXPECT_EQ(b.status, 400);
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.entry[1].resource.entry[0].resource"});
  EXPECT_EQ(b.errors.front().rule, "import.bundle_nesting");
}

TEST(FhirImportBundle, FHIR_Import_OnlyTransactionBundles) {
  auto b = read_bundle(json::value(json::object{{"resourceType", "Patient"}}), kToday);
  EXPECT_EQ(b.status, 400);
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.resourceType"});
  json::object batch = transaction({});
  batch["type"] = "batch";
  b = read(batch);
  EXPECT_EQ(b.status, 422);
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.type"});
  b = read_bundle(json::value(json::array{}), kToday);
  EXPECT_EQ(b.status, 400);
}

TEST(FhirImportBundle, FHIR_Import_DuplicateFullUrlAndBackwardPeriodAreInvalid) {
  const json::object encounter{
      {"resourceType", "Encounter"},
      {"status", "finished"},
      {"class", {{"code", "AMB"}}},
      {"subject", {{"reference", "urn:uuid:p"}}},
      {"period", {{"start", "2019-05-12T10:00:00Z"}, {"end", "2019-05-12T09:00:00Z"}}}};
  const auto b =
      read(transaction({entry("urn:uuid:p", patient()), entry("urn:uuid:p", encounter)}));
  EXPECT_EQ(b.status, 400);
  const auto found = expressions(b);
  EXPECT_NE(std::find(found.begin(), found.end(), "Bundle.entry[1].fullUrl"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "Bundle.entry[1].resource.period.end"),
            found.end());
}

TEST(FhirImportBundle, FHIR_Import_ResourceWithoutIdentifierOrFullUrlCannotBeFoundAgain) {
  json::object p = patient();
  p.erase("identifier");
  const auto b =
      read(transaction({json::object{{"resource", p}, {"request", {{"method", "POST"}}}}}));
  EXPECT_EQ(b.status, 422);
  EXPECT_EQ(b.errors.front().rule, "import.key");
}

TEST(FhirImportBundle, FHIR_Import_OnlyCreatesInATransaction) {
  json::object e = entry("urn:uuid:p", patient());
  e["request"] = json::object{{"method", "DELETE"}, {"url", "Patient/1"}};
  auto b = read(transaction({e}));
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.entry[0].request.method"});
  e.erase("request");
  b = read(transaction({e}));
  EXPECT_EQ(expressions(b), std::vector<std::string>{"Bundle.entry[0].request"});
}

TEST(FhirImportBundle, FHIR_Import_DateTimeForms) {
  const auto year_only = parse_date_time("1987");
  ASSERT_TRUE(year_only);
  EXPECT_FALSE(year_only->instant);
  EXPECT_EQ(core::format_iso8601(year_only->earliest), "1986-12-31T23:00:00Z");
  EXPECT_EQ(core::format_iso8601(year_only->latest), "1987-12-31T22:59:59.999999Z");
  EXPECT_TRUE(parse_date_time("1987-05"));
  EXPECT_TRUE(parse_date_time("2024-02-29"));
  const auto full = parse_date_time("2019-05-12T08:30:00.5+02:00");
  ASSERT_TRUE(full && full->instant);
  EXPECT_EQ(core::format_iso8601(*full->instant), "2019-05-12T06:30:00.500000Z");
  for (const char* bad : {"", "87", "1987-13", "1987-5", "2023-02-29", "2019-05-12T08:30",
                          "2019-05-12T08:30:00", "2019-05-12 08:30:00Z", "0000"}) {
    EXPECT_FALSE(parse_date_time(bad)) << bad;
  }
  EXPECT_FALSE(parse_full_date("1987-05"));
  EXPECT_TRUE(parse_full_date("1987-05-31"));
}

}  // namespace
}  // namespace nara::interop::fhir::import
