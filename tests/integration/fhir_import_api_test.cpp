// Issue 20 point 3 through POST /fhir/R4: a transaction Bundle imported by the integration role or
// the county administrator (403 for anyone else), each person created audited as a create, a
// reservnummer for a Patient without personnummer and the personnummer kept when there is one,
// the answer a transaction-response Bundle; and its "Bad input": a Bundle nested beyond one level
// (400) and one over 50 MB (413), each an OperationOutcome, nothing stored.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <regex>

#include "fhir_import_support.hpp"

namespace nara::test {
namespace {

using namespace fhir_import;

constexpr const char* kFhirJson = "application/fhir+json";

class FhirImportApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  Server& server() { return import_server(GetParam()); }

  Client signed_in(const std::string& username) {
    Client c = server().client();
    EXPECT_EQ(c.sign_in(username).status, 201) << username;
    return c;
  }

  static Reply post(const Client& c, const json::object& bundle, const std::string& request_id) {
    return c.send("POST", "/fhir/R4", json::serialize(bundle),
                  {{"Content-Type", kFhirJson}, {"X-Request-Id", request_id}});
  }

  // A per-run value, so the shared import server can take these bundles more than once.
  std::string unique(const std::string& stem) {
    static int n = 0;
    return stem + "-" + GetParam() + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
  }

  static std::vector<std::string> statuses(const Reply& r) {
    std::vector<std::string> out;
    for (const auto& e : r.json().at("entry").as_array())
      out.emplace_back(e.at("response").at("status").as_string());
    return out;
  }

  static std::string location_id(const Reply& r, std::size_t entry) {
    const std::string location(
        r.json().at("entry").at(entry).at("response").at("location").as_string());
    return location.substr(location.find('/') + 1);
  }

  static std::vector<std::string> expressions(const Reply& r) {
    std::vector<std::string> out;
    for (const auto& issue : r.json().at("issue").as_array()) {
      if (const auto* e = issue.as_object().if_contains("expression"))
        out.emplace_back(e->as_array().at(0).as_string());
    }
    return out;
  }
};

TEST_P(FhirImportApiTest,
       FHIR_Import_API_ReservnummerForAPatientWithoutPersonnummerAuditedAsCreate) {
  const Client pas = signed_in("hl7.region");
  const std::string patient_url = "urn:uuid:" + unique("patient");
  const std::string stay_url = "urn:uuid:" + unique("stay");
  const json::object condition{
      {"resourceType", "Condition"},
      {"code",
       {{"coding", json::array{{{"system", "http://hl7.org/fhir/sid/icd-10"},
                                {"code", "I50.9"},
                                {"display", "Hjärtsvikt, ospecificerad"}}}}}},
      {"subject", {{"reference", patient_url}}},
      {"encounter", {{"reference", stay_url}}}};
  const auto bundle =
      transaction({entry(patient_url, patient(unique("source"), "1938-04-12")),
                   entry(stay_url, inpatient_stay(patient_url, "2025-03-01T08:00:00+01:00",
                                                  "2025-03-09T14:30:00+01:00")),
                   entry("urn:uuid:" + unique("condition"), condition),
                   entry("urn:uuid:" + unique("observation"), {{"resourceType", "Observation"}})});
  const std::string request_id = unique("import");
  const Reply r = post(pas, bundle, request_id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), kFhirJson);
  EXPECT_EQ(r.json().at("type"), "transaction-response");
  EXPECT_EQ(statuses(r),
            (std::vector<std::string>{"201 Created", "201 Created", "201 Created", "200 OK"}));
  EXPECT_EQ(
      r.json().at("entry").at(3).at("response").at("outcome").at("issue").at(0).at("severity"),
      "information");
  const std::string person = location_id(r, 0);
  EXPECT_TRUE(
      std::regex_match(scalar(server(), "SELECT identifier FROM persons WHERE id = ?", person),
                       std::regex("19380412\\d{3}R")));
  EXPECT_EQ(scalar(server(), "SELECT identifier_kind FROM persons WHERE id = ?", person),
            "local_reservnummer");
  EXPECT_EQ(scalar(server(), "SELECT birth_date FROM persons WHERE id = ?", person), "1938-04-12");
  // Audited as a create, like the registry's, under the request that made it.
  EXPECT_EQ(scalar(server(),
                   "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND object_type = "
                   "'person' AND person_id = ? AND request_id = '" +
                       request_id + "'",
                   person),
            "1");
  // The stay: a discharged episode marked as imported, its ICD-10 diagnosis counted by the
  // follow-up; the Encounter's location is the episode the FHIR façade serves.
  const std::string episode = location_id(r, 1);
  EXPECT_EQ(scalar(server(), "SELECT state FROM inpatient_episodes WHERE id = ?", episode),
            "discharged");
  EXPECT_EQ(scalar(server(), "SELECT origin FROM inpatient_episodes WHERE id = ?", episode),
            "fhir_import");
  EXPECT_EQ(
      scalar(server(), "SELECT icd10_code FROM episode_diagnoses WHERE episode_id = ?", episode),
      "I509");

  // The same bundle again: every entry found (200), nothing changed, and the persons the answer
  // names are logged for this request too.
  const auto before = snapshot(server());
  const std::string again_id = unique("again");
  const Reply again = post(pas, bundle, again_id);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(statuses(again), (std::vector<std::string>{"200 OK", "200 OK", "200 OK", "200 OK"}));
  EXPECT_EQ(location_id(again, 0), person);
  EXPECT_EQ(snapshot(server()), before);
  EXPECT_NE(scalar(server(),
                   "SELECT listed_person_ids FROM audit_log WHERE request_id = ? AND action = "
                   "'read'",
                   again_id)
                .find(person),
            std::string::npos);
}

TEST_P(FhirImportApiTest, FHIR_Import_API_PersonnummerKeptWhenPresent) {
  const Client admin = signed_in("admin");  // the county administrator may import too
  const std::string pnr = unused_test_personnummer(server());
  json::object p = patient(unique("source"), "1901-01-01");  // the number's own date wins
  p["identifier"].as_array().push_back(
      json::object{{"system", "urn:oid:1.2.752.129.2.1.3.1"}, {"value", pnr}});
  const Reply r = post(admin, transaction({entry("urn:uuid:" + unique("p"), p)}), unique("pnr"));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string person = location_id(r, 0);
  EXPECT_EQ(scalar(server(), "SELECT identifier FROM persons WHERE id = ?", person), pnr);
  EXPECT_EQ(scalar(server(), "SELECT identifier_kind FROM persons WHERE id = ?", person),
            "personnummer");
  EXPECT_EQ(scalar(server(), "SELECT birth_date FROM persons WHERE id = ?", person),
            pnr.substr(0, 4) + "-" + pnr.substr(4, 2) + "-" + pnr.substr(6, 2));

  // Someone Nära already has, by personnummer: found (200), not registered twice.
  const std::string resident =
      scalar(server(),
             "SELECT identifier FROM persons WHERE identifier_kind = 'personnummer' AND "
             "id NOT IN (SELECT target_id FROM fhir_import_keys) ORDER BY id LIMIT 1");
  json::object known = patient(unique("source"), "1950-01-01", "Annat Namn");
  known["identifier"].as_array().push_back(
      json::object{{"system", "urn:oid:1.2.752.129.2.1.3.1"}, {"value", resident}});
  const auto persons = server().count("persons");
  const Reply found =
      post(admin, transaction({entry("urn:uuid:" + unique("p"), known)}), unique("k"));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(statuses(found), std::vector<std::string>{"200 OK"});
  EXPECT_EQ(scalar(server(), "SELECT identifier FROM persons WHERE id = ?", location_id(found, 0)),
            resident);
  EXPECT_EQ(server().count("persons"), persons);
}

TEST_P(FhirImportApiTest, FHIR_Import_API_OnlyTheIntegrationRoleAndTheCountyAdministrator) {
  const auto bundle =
      transaction({entry("urn:uuid:" + unique("p"), patient(unique("source"), "1940-02-02"))});
  const auto before = snapshot(server());
  for (const std::string nurse : {"dsk.kramfors", "avd.ssk"}) {
    const Reply r = post(signed_in(nurse), bundle, unique("nurse"));
    EXPECT_EQ(r.status, 403) << nurse << ": " << r.body;
    EXPECT_EQ(r.header("content-type"), kFhirJson);
    EXPECT_EQ(r.json().at("issue").at(0).at("code"), "forbidden");
  }
  EXPECT_EQ(post(server().client(), bundle, unique("anonymous")).status, 401);
  EXPECT_EQ(snapshot(server()), before);
  // Not FHIR JSON: 415.
  const Reply xml =
      signed_in("hl7.region")
          .send("POST", "/fhir/R4", "<Bundle/>", {{"Content-Type", "application/fhir+xml"}});
  EXPECT_EQ(xml.status, 415);
}

TEST_P(FhirImportApiTest, FHIR_Import_API_BundleNestedBeyondOneLevelIs400) {
  const json::object inner{
      {"resourceType", "Bundle"},
      {"type", "collection"},
      {"entry", json::array{{{"resource", {{"resourceType", "Observation"}}}}}}};
  json::object nested = inner;
  nested["entry"] = json::array{{{"resource", inner}}};
  const auto before = snapshot(server());
  const Reply r =
      post(signed_in("hl7.region"),
           transaction({entry("urn:uuid:" + unique("p"), patient(unique("s"), "1939-09-09")),
                        entry("urn:uuid:" + unique("b"), nested)}),
           unique("nested"));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json().at("resourceType"), "OperationOutcome");
  EXPECT_EQ(expressions(r), std::vector<std::string>{"Bundle.entry[1].resource.entry[0].resource"});
  EXPECT_EQ(snapshot(server()), before);
}

TEST_P(FhirImportApiTest, FHIR_Import_API_BundleOver50MBIs413AndLargerThanTheApisLimitIsTaken) {
  const Client pas = signed_in("hl7.region");
  // Over 50 MB: refused on its header, before the body is read.
  namespace beast = boost::beast;
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), server().port});
  beast::http::request<beast::http::empty_body> head{beast::http::verb::post, "/fhir/R4", 11};
  head.set(beast::http::field::host, "127.0.0.1");
  head.set(beast::http::field::authorization, "Bearer " + pas.token());
  head.set(beast::http::field::content_type, kFhirJson);
  head.set(beast::http::field::content_length, std::to_string(50 * 1024 * 1024 + 1));
  beast::http::write(stream, head);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> answer;
  beast::http::read(stream, buffer, answer);
  EXPECT_EQ(answer.result_int(), 413U);
  EXPECT_NE(answer.body().find("\"resourceType\":\"OperationOutcome\""), std::string::npos)
      << answer.body();

  // Over the API's 1 MB but within the import's 50 MB: imported.
  json::object large{{"resourceType", "Observation"},
                     {"text", {{"status", "generated"}, {"div", std::string(1536 * 1024, 'x')}}}};
  const Reply r =
      post(pas,
           transaction({entry("urn:uuid:" + unique("p"), patient(unique("s"), "1945-05-05")),
                        entry("urn:uuid:" + unique("o"), large)}),
           unique("large"));
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
}

TEST_P(FhirImportApiTest, FHIR_Import_API_InTheOpenApiDocument) {
  const Reply doc = server().client().get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto& post = doc.json().at("paths").at("/fhir/R4").at("post");
  EXPECT_TRUE(post.at("requestBody").at("content").as_object().contains(kFhirJson));
  EXPECT_TRUE(post.at("responses").as_object().contains("413"));
  EXPECT_TRUE(post.at("responses").as_object().contains("403"));
}

INSTANTIATE_TEST_SUITE_P(Engines, FhirImportApiTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
