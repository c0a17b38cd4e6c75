// Issue 3 point 2: the address of a person with protected identity (skyddade personuppgifter, OSL
// 22 kap. 1 §) is hidden from all but specially authorised assignments, which the county
// administrator grants and withdraws, and every grant and every address shown is logged.
#include "core/random.hpp"
#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;

class ProtectedAddressTest : public EngineTest {
 protected:
  std::string one(const std::string& sql, const std::string& param = {}) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return (param.empty() ? tx.query(sql) : tx.query(sql, param)).row(0).text(0);
    });
  }
  store::ResultSet entries(const std::string& request_id) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx.query(
          "SELECT action, object_type, outcome, person_id FROM audit_log WHERE request_id = ? "
          "ORDER BY seq",
          request_id);
    });
  }
  static Reply patch_assignment(const Client& admin, const std::string& id,
                                const json::object& body, const std::string& etag,
                                const std::string& request_id) {
    return admin.send(
        "PATCH", "/api/v1/assignments/" + id, json::serialize(body),
        {{"Content-Type", "application/json"}, {"If-Match", etag}, {"X-Request-Id", request_id}});
  }
};

TEST_P(ProtectedAddressTest, OSL22_1_OnlyASpeciallyAuthorisedAssignmentSeesTheAddress) {
  const std::string unit = one("SELECT id FROM units WHERE name = 'Hemsjukvård Kramfors'");
  const std::string person = one("SELECT id FROM persons WHERE protected_identity = 1 ORDER BY id");
  const std::string identifier = one("SELECT identifier FROM persons WHERE id = ?", person);
  const std::string tag = core::new_uuid().substr(24);

  // The administrator gives a new nurse an assignment at the home health care unit, without it.
  Client admin = server().client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const std::string username = "skydd." + tag;
  const std::string password = "Skyddad-adress-2026";
  const Reply user = admin.post("/api/v1/users", json::object{{"username", username},
                                                              {"displayName", "Test Sköterska"},
                                                              {"password", password}});
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string user_id(user.json().at("id").as_string());
  const Reply assigned =
      admin.post("/api/v1/users/" + user_id + "/assignments",
                 json::object{{"unitId", unit}, {"role", "home_health_care_nurse"}});
  ASSERT_EQ(assigned.status, 201) << assigned.body;
  EXPECT_EQ(assigned.json().at("protectedAddressAccess"), false);
  const std::string assignment(assigned.json().at("id").as_string());

  // She takes part in the person's care (a manual relation with its reason) and reads the record:
  // everything but where the person lives.
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in(username, password).status, 201);
  ASSERT_EQ(nurse
                .post("/api/v1/care-relations",
                      json::object{{"identifier", identifier}, {"reason", "Hembesök planeras"}})
                .status,
            201);
  const Reply hidden = nurse.get("/api/v1/persons/" + person);
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  EXPECT_TRUE(hidden.json().at("address").is_null());
  EXPECT_EQ(hidden.json().at("addressHidden"), true);
  EXPECT_EQ(hidden.json().at("protectedIdentity"), true);

  // Granted: the next request already shows the address, and the log says under what authority.
  const Reply granted = patch_assignment(admin, assignment, {{"protectedAddressAccess", true}},
                                         assigned.header("etag"), "grant-" + tag);
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(granted.json().at("protectedAddressAccess"), true);
  const auto grant_log = entries("grant-" + tag);
  ASSERT_EQ(grant_log.size(), 1U);
  EXPECT_EQ(grant_log.row(0).text(0), "update");
  EXPECT_EQ(grant_log.row(0).text(1), "assignment");
  EXPECT_NE(grant_log.row(0).text(2).find("beviljad"), std::string::npos);

  const Reply shown =
      nurse.send("GET", "/api/v1/persons/" + person, "", {{"X-Request-Id", "shown-" + tag}});
  ASSERT_EQ(shown.status, 200) << shown.body;
  ASSERT_TRUE(shown.json().at("address").is_object()) << shown.body;
  EXPECT_FALSE(shown.json().as_object().contains("addressHidden"));
  const auto read_log = entries("shown-" + tag);
  ASSERT_EQ(read_log.size(), 1U);
  EXPECT_EQ(read_log.row(0).text(0), "read");
  EXPECT_EQ(read_log.row(0).text(3), person);
  EXPECT_NE(read_log.row(0).text(2).find("OSL 22:1"), std::string::npos);

  // Withdrawn: hidden again at once.
  const Reply withdrawn = patch_assignment(admin, assignment, {{"protectedAddressAccess", false}},
                                           granted.header("etag"), "withdraw-" + tag);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_NE(entries("withdraw-" + tag).row(0).text(2).find("återkallad"), std::string::npos);
  const Reply hidden_again = nurse.get("/api/v1/persons/" + person);
  EXPECT_TRUE(hidden_again.json().at("address").is_null());

  // Ending the assignment ends what she may do in it.
  const Reply ended = patch_assignment(admin, assignment, {{"active", false}},
                                       withdrawn.header("etag"), "end-" + tag);
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json().at("active"), false);
  EXPECT_NE(nurse.get("/api/v1/persons/" + person).status, 200);
}

TEST_P(ProtectedAddressTest, OSL22_1_OnlyTheAdministratorGrantsItAndOnlyToAssignmentsInCare) {
  Client admin = server().client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const std::string manager_assignment =
      one("SELECT a.id FROM assignments a JOIN users u ON u.id = a.user_id WHERE u.username = "
          "'chef.hsl.kramfors'");
  const std::string etag =
      "\"" + one("SELECT CAST(version AS TEXT) FROM assignments WHERE id = ?", manager_assignment) +
      "\"";
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("hsl.kramfors").status, 201);
  const auto before = server().count("audit_log");

  // A manager needs no address that is kept secret: refused, naming the field, nothing changed.
  const Reply manager =
      patch_assignment(admin, manager_assignment, {{"protectedAddressAccess", true}}, etag, "m");
  EXPECT_EQ(manager.status, 422) << manager.body;
  EXPECT_EQ(manager.problem_rule("protectedAddressAccess"), "assignment.protected_address_role");
  // Bad input names the field.
  const Reply bad =
      patch_assignment(admin, manager_assignment, {{"protectedAddressAccess", "ja"}}, etag, "b");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.problem_fields(), std::vector<std::string>{"protectedAddressAccess"});
  // Nobody else may grant it.
  const std::string own =
      one("SELECT a.id FROM assignments a JOIN users u ON u.id = a.user_id WHERE u.username = "
          "'dsk.kramfors'");
  EXPECT_EQ(patch_assignment(nurse, own, {{"protectedAddressAccess", true}}, "\"1\"", "n").status,
            403);
  EXPECT_EQ(server().count("audit_log"), before);
  EXPECT_EQ(one("SELECT CAST(protected_address_access AS TEXT) FROM assignments WHERE id = ?",
                manager_assignment),
            "0");
}

INSTANTIATE_TEST_SUITE_P(Engines, ProtectedAddressTest, ::testing::ValuesIn(engines()),
                         engine_name);

}  // namespace
}  // namespace nara::test
