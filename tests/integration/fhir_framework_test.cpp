// Issue 20 point 1, the FHIR R4 façade's framework (docs/fhir.md): the
// CapabilityStatement generated from what is served, the SMART configuration,
// OperationOutcome for every error, content negotiation, strict handling of
// unknown parameters, paging links, ETag and If-None-Match, vread. On SQLite
// and PostgreSQL.
#include <set>

#include "core/random.hpp"
#include "fhir_test_support.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;
using fhir::issue_code;

class FhirFrameworkTest : public EngineTest {
 protected:
  std::string run_ = core::new_uuid().substr(24);
  std::string request_id(const std::string& what) { return "fhir-fw-" + run_ + "-" + what; }
};

TEST_P(FhirFrameworkTest, FHIR_Metadata_TheCapabilityStatementListsWhatIsServed) {
  const Client anonymous = server().client();
  const Reply r = anonymous.get("/fhir/R4/metadata");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(fhir::is_fhir_json(r));
  const auto& cs = r.json().as_object();
  EXPECT_EQ(cs.at("resourceType"), "CapabilityStatement");
  EXPECT_EQ(cs.at("fhirVersion"), "4.0.1");
  EXPECT_EQ(cs.at("kind"), "instance");
  EXPECT_EQ(cs.at("format").as_array().at(0), "json");
  const auto& rest = cs.at("rest").as_array().at(0).as_object();
  EXPECT_EQ(
      rest.at("security").at("service").as_array().at(0).at("coding").as_array().at(0).at("code"),
      "SMART-on-FHIR");
  std::map<std::string, json::object> by_type;
  for (const auto& resource : rest.at("resource").as_array()) {
    by_type[std::string(resource.at("type").as_string())] = resource.as_object();
  }
  for (const char* type :
       {"Patient", "Encounter", "Organization", "Location", "Practitioner", "PractitionerRole"}) {
    ASSERT_TRUE(by_type.contains(type)) << type;
    std::set<std::string> interactions;
    for (const auto& i : by_type[type].at("interaction").as_array())
      interactions.emplace(i.at("code").as_string());
    EXPECT_EQ(interactions, (std::set<std::string>{"read", "vread", "search-type"})) << type;
    EXPECT_EQ(by_type[type].at("conditionalRead"), "not-match") << type;
  }
  const auto params = [&](const std::string& type) {
    std::set<std::string> names;
    for (const auto& p : by_type[type].at("searchParam").as_array())
      names.emplace(p.at("name").as_string());
    return names;
  };
  for (const char* p : {"identifier", "name", "birthdate", "_id", "_lastUpdated"})
    EXPECT_TRUE(params("Patient").contains(p)) << p;
  for (const char* p : {"patient", "subject", "status", "date", "_lastUpdated"})
    EXPECT_TRUE(params("Encounter").contains(p)) << p;
  EXPECT_EQ(by_type["Encounter"].at("searchInclude").as_array().at(0), "Encounter:patient");

  // Generated from the routes: every type the statement names is served, and
  // every FHIR type route the server has is in the statement.
  const Reply openapi = anonymous.get("/api/v1/openapi.json");
  std::set<std::string> routed;
  for (const auto& [path, operations] : openapi.json().at("paths").as_object()) {
    const std::string p(path);
    if (!p.starts_with("/fhir/R4/") || p.find("/.well-known") != std::string::npos) continue;
    const std::string type =
        p.substr(9, p.find('/', 9) == std::string::npos ? std::string::npos : p.find('/', 9) - 9);
    if (type != "metadata") routed.insert(type);
  }
  std::set<std::string> stated;
  for (const auto& [type, resource] : by_type) stated.insert(type);
  EXPECT_EQ(routed, stated);
}

TEST_P(FhirFrameworkTest, FHIR_SMART_TheConfigurationNamesTheScopesAndTheTokenEndpoint) {
  const Client anonymous = server().client();
  for (const char* path :
       {"/fhir/R4/.well-known/smart-configuration", "/.well-known/smart-configuration"}) {
    const Reply r = anonymous.get(path);
    ASSERT_EQ(r.status, 200) << path;
    std::set<std::string> scopes;
    for (const auto& s : r.json().at("scopes_supported").as_array()) scopes.emplace(s.as_string());
    EXPECT_EQ(scopes, (std::set<std::string>{"patient/*.read", "user/*.read", "system/*.read"}));
    const std::string token(r.json().at("token_endpoint").as_string());
    EXPECT_TRUE(token.ends_with("/api/v1/session")) << token;
  }
  // The token endpoint named there gives a token that states its scope.
  Client nurse = server().client();
  const Reply session = nurse.sign_in("dsk.kramfors");
  ASSERT_EQ(session.status, 201);
  EXPECT_EQ(session.json().at("scope"), "user/*.read");
  EXPECT_EQ(nurse.get("/fhir/R4/Organization?_count=1").status, 200);
}

TEST_P(FhirFrameworkTest, FHIR_Errors_EveryErrorIsAnOperationOutcome) {
  Client nurse = signed_in("dsk.kramfors");
  Client citizen = signed_in("invanare");
  const Client anonymous = server().client();
  struct Case {
    std::string what;
    Reply reply;
    int status;
    std::string code;
  };
  std::vector<Case> cases;
  cases.push_back({"no token", anonymous.get("/fhir/R4/Patient"), 401, "login"});
  cases.push_back({"unknown type", nurse.get("/fhir/R4/Medication/1"), 404, "not-found"});
  cases.push_back({"unknown id", nurse.get("/fhir/R4/Patient/00000000-0000-4000-8000-000000000000"),
                   404, "not-found"});
  cases.push_back({"unknown organisation",
                   nurse.get("/fhir/R4/Organization/00000000-0000-4000-8000-000000000000"), 404,
                   "not-found"});
  cases.push_back({"method", nurse.send("DELETE", "/fhir/R4/Patient/x"), 405, "not-supported"});
  cases.push_back({"bad date", nurse.get("/fhir/R4/Patient?birthdate=1950-13"), 400, "invalid"});
  cases.push_back({"bad count", nurse.get("/fhir/R4/Patient?_count=many"), 400, "invalid"});
  cases.push_back({"bad modifier", nurse.get("/fhir/R4/Patient?name:contains=an"), 400, "invalid"});
  cases.push_back(
      {"xml by _format", nurse.get("/fhir/R4/Patient?_format=xml"), 406, "not-supported"});
  cases.push_back({"xml by Accept",
                   nurse.send("GET", "/fhir/R4/Patient", "", {{"Accept", "application/fhir+xml"}}),
                   406, "not-supported"});
  cases.push_back({"xml metadata", anonymous.get("/fhir/R4/metadata?_format=application/fhir+xml"),
                   406, "not-supported"});
  cases.push_back({"scope", citizen.get("/fhir/R4/Organization"), 403, "forbidden"});
  cases.push_back({"unreadable target", nurse.get("/fhir/R4/Patient?name=%zz"), 400, "invalid"});
  cases.push_back({"encounter without patient", nurse.get("/fhir/R4/Encounter"), 400, "invalid"});
  for (const auto& c : cases) {
    EXPECT_EQ(c.reply.status, c.status) << c.what << ": " << c.reply.body;
    EXPECT_TRUE(fhir::is_fhir_json(c.reply)) << c.what << ": " << c.reply.header("content-type");
    EXPECT_EQ(issue_code(c.reply), c.code) << c.what << ": " << c.reply.body;
  }
  EXPECT_EQ(cases.front().reply.header("www-authenticate"), "Bearer realm=\"nara\"");
  // A bad value names its parameter.
  EXPECT_EQ(fhir::expressions(cases[5].reply), std::vector<std::string>{"birthdate"});
  EXPECT_EQ(fhir::expressions(cases[6].reply), std::vector<std::string>{"_count"});
  EXPECT_EQ(fhir::expressions(cases.back().reply), std::vector<std::string>{"patient"});
  // JSON is accepted as plain JSON too.
  const Reply plain =
      nurse.send("GET", "/fhir/R4/Organization?_count=1", "", {{"Accept", "application/json"}});
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("content-type"), "application/json");
}

TEST_P(FhirFrameworkTest, FHIR_Search_UnknownParametersAreIgnoredUnlessHandlingIsStrict) {
  Client nurse = signed_in("dsk.kramfors");
  const Reply lenient = nurse.get("/fhir/R4/Patient?_count=3&shoe-size=44&name=a");
  ASSERT_EQ(lenient.status, 200) << lenient.body;
  const std::string self = fhir::link(lenient, "self");
  EXPECT_EQ(self.find("shoe-size"), std::string::npos) << self;
  EXPECT_NE(self.find("name=a"), std::string::npos) << self;
  const Reply strict = nurse.send("GET", "/fhir/R4/Patient?_count=3&shoe-size=44&name=a", "",
                                  {{"Prefer", "handling=strict"}});
  EXPECT_EQ(strict.status, 400) << strict.body;
  EXPECT_EQ(issue_code(strict), "invalid");
  EXPECT_EQ(fhir::expressions(strict), std::vector<std::string>{"shoe-size"});
  // An _include this type does not offer counts as unknown too.
  const Reply include = nurse.send("GET", "/fhir/R4/Patient?_include=Patient:organization", "",
                                   {{"Prefer", "return=representation, handling=strict"}});
  EXPECT_EQ(include.status, 400);
}

TEST_P(FhirFrameworkTest, FHIR_Paging_TheNextLinksLeadThroughEveryMatchToTheEnd) {
  Client nurse = signed_in("dsk.kramfors");
  std::string target = "/fhir/R4/Patient?_count=7";
  std::vector<std::string> seen;
  std::int64_t total = -1;
  int pages = 0;
  while (!target.empty() && pages < 100) {
    const Reply page = nurse.get(target);
    ASSERT_EQ(page.status, 200) << target << ": " << page.body;
    if (total < 0) total = page.json().at("total").as_int64();
    EXPECT_EQ(page.json().at("total").as_int64(), total);
    EXPECT_EQ(page.json().at("type"), "searchset");
    const auto patients = fhir::resources(page, "Patient");
    EXPECT_LE(patients.size(), 7U);
    for (const auto& id : fhir::ids(patients)) seen.push_back(id);
    for (const auto& entry : page.json().at("entry").as_array()) {
      EXPECT_EQ(fhir::str(entry.at("fullUrl")),
                "http://127.0.0.1/fhir/R4/Patient/" +
                    std::string(entry.at("resource").at("id").as_string()));
    }
    if (pages == 1) {
      EXPECT_EQ(fhir::local(fhir::link(page, "previous")), "/fhir/R4/Patient?_count=7&_offset=0");
    }
    target = fhir::local(fhir::link(page, "next"));
    ++pages;
  }
  ASSERT_GT(total, 14) << "the demo unit lists more than two pages of persons";
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  // _count is at most 1000; 0 gives the total alone.
  const Reply large = nurse.get("/fhir/R4/Patient?_count=5000");
  EXPECT_NE(fhir::link(large, "self").find("_count=1000"), std::string::npos);
  const Reply none = nurse.get("/fhir/R4/Patient?_count=0");
  EXPECT_EQ(none.json().at("total").as_int64(), total);
  EXPECT_TRUE(fhir::resources(none).empty());
}

TEST_P(FhirFrameworkTest, FHIR_Read_ETagIfNoneMatchAndVreadOfTheCurrentVersion) {
  Client nurse = signed_in("dsk.kramfors");
  // A person of the nurse's unit that only this test changes.
  const std::string person = query_one(
      "SELECT p.id FROM persons p JOIN care_relations cr ON "
      "cr.person_id = p.id AND cr.ended_at IS "
      "NULL WHERE cr.unit_id = ? AND p.protected_identity = 0 ORDER "
      "BY p.id DESC LIMIT 1",
      unit("Hälsocentral Kramfors"));
  ASSERT_FALSE(person.empty());
  const std::string path = "/fhir/R4/Patient/" + person;
  const Reply first = nurse.get(path);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string version(first.json().at("meta").at("versionId").as_string());
  EXPECT_EQ(first.header("etag"), "W/\"" + version + "\"");
  EXPECT_FALSE(first.header("last-modified").empty());
  const Reply unchanged = nurse.send("GET", path, "", {{"If-None-Match", first.header("etag")}});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());
  EXPECT_EQ(nurse.get(path + "/_history/" + version).status, 200);
  EXPECT_EQ(issue_code(nurse.get(path + "/_history/" + std::to_string(std::stoi(version) + 1))),
            "not-found");

  // Changed through the REST API: a new version, the old ETag no longer
  // matches, the old version is not kept.
  const std::string given(
      first.json().at("name").as_array().at(0).at("given").as_array().at(0).as_string());
  const Reply patched = nurse.patch("/api/v1/persons/" + person, json::object{{"givenName", given}},
                                    "\"" + version + "\"");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const Reply changed = nurse.send("GET", path, "", {{"If-None-Match", first.header("etag")}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("etag"), first.header("etag"));
  const Reply old = nurse.get(path + "/_history/" + version);
  EXPECT_EQ(old.status, 410) << old.body;
  EXPECT_EQ(issue_code(old), "deleted");
}

INSTANTIATE_TEST_SUITE_P(Engines, FhirFrameworkTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
