// Issue 2 point 5: sign-in, sessions, expiry, throttling without user enumeration, assignments.
#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class SessionTest : public EngineTest {};

TEST_P(SessionTest, Issue2Point5_SignInGivesATokenThatAuthenticates) {
  Client client = server().client();
  const Reply reply = client.sign_in("dsk.kramfors");
  ASSERT_EQ(reply.status, 201) << reply.body;
  const auto session = reply.json().as_object();
  EXPECT_EQ(session.at("user").at("username").as_string(), "dsk.kramfors");
  EXPECT_FALSE(session.at("activeAssignmentId").is_null());  // one assignment: chosen automatically
  EXPECT_EQ(client.get("/api/v1/session").status, 200);
  EXPECT_EQ(client.get("/api/v1/persons?limit=1").status, 200);
  // The token itself is never stored: the sessions table holds only its SHA-256.
  const bool stored_plain = server().instance->database().read([&](store::Transaction& tx) {
    return !tx.query("SELECT 1 FROM sessions WHERE token_hash = ?", client.token()).empty();
  });
  EXPECT_FALSE(stored_plain);
}

TEST_P(SessionTest, Issue2Point5_WrongPasswordAndUnknownUserGetTheSameAnswer) {
  Client client = server().client();
  const Reply wrong = client.sign_in("hsl.kramfors", "not-the-password");
  const Reply unknown = client.sign_in("no.such.user.at.all", "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json().at("detail"), unknown.json().at("detail"));
  EXPECT_EQ(wrong.json().at("type"), unknown.json().at("type"));
}

TEST_P(SessionTest, Issue2Point5_RepeatedFailuresLockSignInWithAClearMessage) {
  auto fresh = fresh_server(GetParam(), true);
  Client client = fresh->client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.sign_in("chef.hsl.kramfors", "wrong-password-xx").status, 401);
  const Reply locked = client.sign_in("chef.hsl.kramfors");  // right password, but locked now
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(std::string(locked.json().at("detail").as_string()).find("minuter"), std::string::npos);
  // An unknown account locks the same way: the answer does not reveal which accounts exist.
  for (int i = 0; i < 5; ++i) (void)client.sign_in("ghost.user", "wrong-password-xx");
  EXPECT_EQ(client.sign_in("ghost.user", "wrong-password-xx").status, 429);
  // After the lockout the right password works again.
  fresh->clock->advance(std::chrono::minutes(16));
  EXPECT_EQ(client.sign_in("chef.hsl.kramfors").status, 201);
}

TEST_P(SessionTest, Issue2Point5_IdleAndAbsoluteExpiry) {
  auto fresh = fresh_server(GetParam(), true);
  Client client = fresh->client();
  ASSERT_EQ(client.sign_in("hsl.kramfors").status, 201);
  fresh->clock->advance(std::chrono::minutes(20));
  EXPECT_EQ(client.get("/api/v1/session").status, 200);  // activity renews the idle timer
  fresh->clock->advance(std::chrono::minutes(29));
  EXPECT_EQ(client.get("/api/v1/session").status, 200);
  fresh->clock->advance(std::chrono::minutes(31));
  EXPECT_EQ(client.get("/api/v1/session").status, 401);  // idle more than 30 minutes

  ASSERT_EQ(client.sign_in("hsl.kramfors").status, 201);
  for (int i = 0; i < 26; ++i) {
    fresh->clock->advance(std::chrono::minutes(28));
    if (client.get("/api/v1/session").status != 200) break;
  }
  EXPECT_EQ(client.get("/api/v1/session").status, 401);  // never beyond 12 hours
}

TEST_P(SessionTest, Issue2Point5_UserWithSeveralAssignmentsChoosesOne) {
  Client client = server().client();
  const Reply reply = client.sign_in("avd.lakare");
  ASSERT_EQ(reply.status, 201);
  const auto session = reply.json().as_object();
  ASSERT_EQ(session.at("assignments").as_array().size(), 2U);
  EXPECT_TRUE(session.at("activeAssignmentId").is_null());
  const Reply before = client.get("/api/v1/persons?limit=1");
  EXPECT_EQ(before.status, 403);
  EXPECT_EQ(before.json().at("type"), "https://nara.example/problems/assignment-required");
  const std::string chosen(session.at("assignments").as_array()[1].at("id").as_string());
  const Reply choose = client.send("PUT", "/api/v1/session/assignment",
                                   boost::json::serialize(boost::json::object{{"assignmentId", chosen}}),
                                   {{"Content-Type", "application/json"}});
  ASSERT_EQ(choose.status, 200) << choose.body;
  EXPECT_EQ(choose.json().at("activeAssignmentId").as_string(), chosen);
  EXPECT_EQ(client.get("/api/v1/persons?limit=1").status, 200);
  // Someone else's assignment cannot be chosen.
  Client other = server().client();
  ASSERT_EQ(other.sign_in("dsk.kramfors").status, 201);
  const Reply foreign = other.send("PUT", "/api/v1/session/assignment",
                                   boost::json::serialize(boost::json::object{{"assignmentId", chosen}}),
                                   {{"Content-Type", "application/json"}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(foreign.problem_rule("assignmentId"), "assignment.not_yours");
}

TEST_P(SessionTest, Issue2Point5_BrowserSessionUsesASecureCookieAndNeedsTheCsrfToken) {
  Client anonymous = server().client();
  const Reply login = anonymous.post("/api/v1/session", boost::json::object{{"username", "admin"}, {"password", "Nara-demo-2026"}});
  ASSERT_EQ(login.status, 201);
  EXPECT_FALSE(login.json().as_object().contains("token"));  // never readable by page scripts
  const std::string cookie = login.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("Secure"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const std::string pair = cookie.substr(0, cookie.find(';'));
  const std::string csrf(login.json().at("csrfToken").as_string());

  EXPECT_EQ(anonymous.send("GET", "/api/v1/session", "", {{"Cookie", pair}}).status, 200);
  const std::string body = R"({"kind":"municipality","name":"X","organisationNumber":"212000-2411","areaCode":"2281"})";
  const Reply without = anonymous.send("POST", "/api/v1/principals", body, {{"Cookie", pair}, {"Content-Type", "application/json"}});
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(without.json().at("type"), "https://nara.example/problems/csrf");
  const Reply with = anonymous.send("POST", "/api/v1/principals", body,
                                    {{"Cookie", pair}, {"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(with.status, 409);  // past CSRF; refused only because Sundsvall already exists

  const Reply out = anonymous.send("DELETE", "/api/v1/session", "", {{"Cookie", pair}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(anonymous.send("GET", "/api/v1/session", "", {{"Cookie", pair}}).status, 401);
}

TEST_P(SessionTest, Issue2Point5_LogoutEverywhereEndsEverySession) {
  Client first = server().client();
  Client second = server().client();
  ASSERT_EQ(first.sign_in("hemtjanst.kramfors").status, 201);
  ASSERT_EQ(second.sign_in("hemtjanst.kramfors").status, 201);
  EXPECT_NE(first.token(), second.token());  // a fresh token at every sign-in
  EXPECT_EQ(first.send("DELETE", "/api/v1/sessions").status, 204);
  EXPECT_EQ(first.get("/api/v1/session").status, 401);
  EXPECT_EQ(second.get("/api/v1/session").status, 401);
}

TEST_P(SessionTest, Issue2Point5_EveryRoleCanSignIn) {
  for (const char* user : {"admin", "avd.ssk", "avd.lakare", "dsk.kramfors", "hsl.kramfors", "hemtjanst.kramfors",
                           "sip.kramfors", "chef.hsl.kramfors", "logg.region", "invanare"}) {
    SCOPED_TRACE(user);
    Client client = server().client();
    EXPECT_EQ(client.sign_in(user).status, 201);
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
