// Issue 2 point 9: bad input gets a 4xx problem+json naming the field, writes nothing and never
// crashes the server. One case per kind of bad input, on both engines.
#include "harness.hpp"

namespace nara::test {
namespace {

struct BadInput {
  std::string name;
  std::string method;
  std::string target;
  std::string body;
  std::string content_type = "application/json";
  int status;
  std::string field;  // empty when the problem is about the whole document
  std::string rule;
};

class BadInputTest : public EngineTest {};

std::vector<BadInput> cases(const std::string& unused_pnr) {
  const std::string ok_person =
      R"("identifier":")" + unused_pnr + R"(","givenName":"Test","familyName":"Person")";
  return {
      {"malformed_json", "POST", "/api/v1/persons", R"({"identifier": )", "application/json", 400,
       "", "json.syntax"},
      {"wrong_type", "POST", "/api/v1/persons",
       R"({"identifier":")" + unused_pnr + R"(","givenName":5,"familyName":"X"})",
       "application/json", 422, "givenName", "type.string"},
      {"unknown_field", "POST", "/api/v1/persons", "{" + ok_person + R"(,"shoeSize":44})",
       "application/json", 422, "shoeSize", "unknown_field"},
      {"personnummer_checksum", "POST", "/api/v1/persons",
       R"({"identifier":"19640823-3235","givenName":"A","familyName":"B"})", "application/json",
       422, "identifier", "personnummer.checksum"},
      {"personnummer_date", "POST", "/api/v1/persons",
       R"({"identifier":"19641323-3234","givenName":"A","familyName":"B"})", "application/json",
       422, "identifier", "personnummer.date"},
      {"missing_required", "POST", "/api/v1/persons", R"({"identifier":")" + unused_pnr + R"("})",
       "application/json", 422, "givenName", "required"},
      {"invalid_hsa_id", "POST", "/api/v1/units",
       R"({"careProviderId":"x","hsaId":"SE12-ÅÄÖ","name":"U","kind":"home_care","municipalityCode":"2282"})",
       "application/json", 422, "hsaId", "hsa_id.characters"},
      {"oversized_body", "POST", "/api/v1/persons",
       "{\"givenName\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}", "application/json", 413, "",
       ""},
      {"deep_nesting", "POST", "/api/v1/persons", std::string(5000, '[') + std::string(5000, ']'),
       "application/json", 400, "", "json.depth"},
      {"invalid_utf8", "POST", "/api/v1/persons", "{" + ok_person + ",\"x\":\"\xff\xfe\"}",
       "application/json", 400, "", "json.utf8"},
      {"huge_exponent", "POST", "/api/v1/persons", "{" + ok_person + R"(,"latitude":1e999})",
       "application/json", 400, "", "json.number_range"},
      {"huge_integer", "POST", "/api/v1/persons",
       "{" + ok_person + R"(,"latitude":123456789012345678901234567890})", "application/json", 422,
       "latitude", "number.range"},
      {"long_string", "POST", "/api/v1/persons",
       R"({"identifier":")" + unused_pnr + R"(","givenName":")" + std::string(101, 'x') +
           R"(","familyName":"B"})",
       "application/json", 422, "givenName", "string.max_length"},
      {"giant_string", "POST", "/api/v1/persons",
       "{" + ok_person + R"(,"note":")" + std::string(20000, 'x') + "\"}", "application/json", 400,
       "", "json.string_length"},
      {"not_an_object", "POST", "/api/v1/persons", "[1,2,3]", "application/json", 400, "",
       "json.object_expected"},
      {"wrong_content_type", "POST", "/api/v1/persons", "{" + ok_person + "}", "text/plain", 415,
       "", ""},
      {"bad_limit", "GET", "/api/v1/persons?limit=0", "", "", 400, "limit", "integer.range"},
      {"bad_cursor", "GET", "/api/v1/persons?cursor=%21%21not-a-cursor", "", "", 400, "cursor",
       "cursor.invalid"},
      {"unknown_route", "GET", "/api/v1/no-such-thing", "", "", 404, "", ""},
      {"unknown_method", "DELETE", "/api/v1/persons", "", "", 405, "", ""},
      {"bad_enum", "POST", "/api/v1/units",
       R"({"careProviderId":"x","hsaId":"SE2321000206-Z1","name":"U","kind":"spaceship","municipalityCode":"2282"})",
       "application/json", 422, "kind", "enum"},
  };
}

TEST_P(BadInputTest, Issue2Point9_EveryKindOfBadInputIsAProblemAndChangesNothing) {
  Client client = server().client();
  ASSERT_EQ(client.sign_in("admin").status, 201);
  const std::string pnr = unused_test_personnummer(server());
  const auto persons_before = server().count("persons");
  const auto units_before = server().count("units");

  for (const auto& c : cases(pnr)) {
    SCOPED_TRACE(c.name);
    std::map<std::string, std::string> headers;
    if (!c.content_type.empty()) headers["Content-Type"] = c.content_type;
    const Reply reply = client.send(c.method, c.target, c.body, headers);
    EXPECT_EQ(reply.status, c.status) << reply.body.substr(0, 300);
    EXPECT_TRUE(reply.is_problem()) << reply.header("content-type");
    const auto problem = reply.json().as_object();
    EXPECT_EQ(problem.at("status").as_int64(), c.status);
    EXPECT_FALSE(problem.at("title").as_string().empty());
    if (!c.field.empty()) {
      EXPECT_EQ(reply.problem_rule(c.field), c.rule) << reply.body.substr(0, 300);
    } else if (!c.rule.empty()) {
      EXPECT_EQ(reply.problem_rule(""), c.rule) << reply.body.substr(0, 300);
    }
    if (c.status == 405) {
      EXPECT_EQ(reply.header("allow"), "GET, POST");
    }
    EXPECT_FALSE(reply.header("x-request-id").empty());
    // Nothing written, and the server still answers.
    EXPECT_EQ(server().count("persons"), persons_before);
    EXPECT_EQ(server().count("units"), units_before);
    EXPECT_EQ(client.get("/healthz").status, 200);
  }
}

TEST_P(BadInputTest, Issue2Point9_MalformedHttpGetsAProblemNotACrash) {
  Client client = server().client();
  const Reply reply =
      client.send("GET", "/api/v1/persons/%zz", "", {});  // invalid percent-encoding
  EXPECT_EQ(reply.status, 400);
  EXPECT_TRUE(reply.is_problem());
  const Reply huge_header =
      client.send("GET", "/healthz", "", {{"X-Filler", std::string(20000, 'a')}});
  EXPECT_EQ(huge_header.status, 431);
  EXPECT_TRUE(huge_header.is_problem());
  EXPECT_EQ(client.get("/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, BadInputTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
