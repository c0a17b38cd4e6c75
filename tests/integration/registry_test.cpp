// Issue 2 points 4 and 6: the core registry through the API, with its conventions.
#include <set>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class RegistryTest : public EngineTest {
 protected:
  Client admin() {
    Client c = server().client();
    EXPECT_EQ(c.sign_in("admin").status, 201);
    return c;
  }
  std::string first_id(Client& c, const std::string& target) {
    const Reply r = c.get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("items").as_array().at(0).at("id").as_string());
  }
};

TEST_P(RegistryTest, Issue2Point4_TheDemoCountyHasTheRegionAndItsSevenMunicipalities) {
  Client c = admin();
  const Reply r = c.get("/api/v1/principals?limit=200");
  ASSERT_EQ(r.status, 200);
  std::set<std::string> names;
  int regions = 0;
  for (const auto& p : r.json().at("items").as_array()) {
    names.insert(std::string(p.at("name").as_string()));
    if (p.at("kind") == "region") ++regions;
  }
  EXPECT_EQ(regions, 1);
  for (const char* m :
       {"Sundsvalls kommun", "Ånge kommun", "Timrå kommun", "Härnösands kommun", "Kramfors kommun",
        "Sollefteå kommun", "Örnsköldsviks kommun", "Region Västernorrland"}) {
    EXPECT_TRUE(names.contains(m)) << m;
  }
}

TEST_P(RegistryTest, Issue2Point4_AProviderMayBeOwnedBySeveralPrincipals) {
  Client c = admin();
  const Reply principals = c.get("/api/v1/principals?limit=200");
  const auto& items = principals.json().at("items").as_array();
  const std::string region(items.at(0).at("id").as_string());
  const std::string municipality(items.at(1).at("id").as_string());
  const std::string hsa = "SE2120002429-T" + std::to_string(server().count("care_providers") + 100);
  const Reply created =
      c.post("/api/v1/care-providers",
             boost::json::object{{"name", "Gemensam nämnd (test)"},
                                 {"hsaId", hsa},
                                 {"organisationNumber", "212000-2429"},
                                 {"ownerPrincipalIds", boost::json::array{region, municipality}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("ownerPrincipalIds").as_array().size(), 2U);
  const Reply reread = c.get(created.header("location"));
  EXPECT_EQ(reread.json().at("ownerPrincipalIds").as_array().size(), 2U);
  // The same HSA-id twice is a conflict naming the field.
  const Reply again =
      c.post("/api/v1/care-providers",
             boost::json::object{{"name", "Dubblett"},
                                 {"hsaId", hsa},
                                 {"organisationNumber", "212000-2429"},
                                 {"ownerPrincipalIds", boost::json::array{region}}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.problem_rule("hsaId"), "unique");
}

TEST_P(RegistryTest, Issue2Point4_UnitsCarryAValidHsaIdAndFilterByKind) {
  Client c = admin();
  const std::string provider = first_id(c, "/api/v1/care-providers");
  const std::string hsa = "SE2321000206-U" + std::to_string(server().count("units") + 500);
  const Reply created = c.post("/api/v1/units", boost::json::object{{"careProviderId", provider},
                                                                    {"hsaId", hsa},
                                                                    {"name", "Testenheten"},
                                                                    {"kind", "home_care"},
                                                                    {"municipalityCode", "2282"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const Reply list = c.get("/api/v1/units?kind=hospital_ward&limit=200");
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json().at("items").as_array().size(), 11U);
  for (const auto& u : list.json().at("items").as_array()) EXPECT_EQ(u.at("kind"), "hospital_ward");
  const Reply bad_code = c.post("/api/v1/units", boost::json::object{{"careProviderId", provider},
                                                                     {"hsaId", hsa + "X"},
                                                                     {"name", "Fel"},
                                                                     {"kind", "home_care"},
                                                                     {"municipalityCode", "9999"}});
  EXPECT_EQ(bad_code.status, 422);
  EXPECT_EQ(bad_code.problem_rule("municipalityCode"), "municipality_code.county");
}

TEST_P(RegistryTest, Issue2Point4_PersonIsRegisteredWithAValidatedIdentifierAndItsOid) {
  Client c = admin();
  const std::string pnr = unused_test_personnummer(server());
  // Written the way a nurse types it: ten digits with a hyphen.
  const std::string typed = pnr.substr(2, 6) + "-" + pnr.substr(8);
  const Reply created = c.post(
      "/api/v1/persons",
      boost::json::object{
          {"identifier", typed},
          {"givenName", "Märta"},
          {"familyName", "Östlund"},
          {"municipalityCode", "2283"},
          {"address",
           {{"street", "Storgatan 1"}, {"postalCode", "881 30"}, {"locality", "Sollefteå"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto person = created.json().as_object();
  EXPECT_EQ(person.at("identifier").at("value").as_string(),
            pnr.substr(0, 8) + "-" + pnr.substr(8));
  EXPECT_EQ(person.at("identifier").at("oid"), "1.2.752.129.2.1.3.1");
  EXPECT_EQ(person.at("identifier").at("system"),
            "http://electronichealth.se/identifier/personnummer");
  EXPECT_EQ(person.at("birthDate").as_string(),
            pnr.substr(0, 4) + "-" + pnr.substr(4, 2) + "-" + pnr.substr(6, 2));
  EXPECT_EQ(created.header("etag"), "\"1\"");
  // Found again by identifier (POST: the number stays out of URLs), in any written form.
  const Reply found = c.post("/api/v1/persons/search", boost::json::object{{"identifier", pnr}});
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.json().at("id"), person.at("id"));
  // Registering the same person twice is a conflict on the identifier.
  const Reply twice =
      c.post("/api/v1/persons",
             boost::json::object{{"identifier", pnr}, {"givenName", "X"}, {"familyName", "Y"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.problem_rule("identifier"), "unique");
}

TEST_P(RegistryTest, Issue2Point6_UpdatesNeedIfMatchAndRefuseStaleVersions) {
  Client c = admin();
  const std::string pnr = unused_test_personnummer(server());
  const Reply created = c.post(
      "/api/v1/persons",
      boost::json::object{{"identifier", pnr}, {"givenName", "Ann"}, {"familyName", "Berg"}});
  ASSERT_EQ(created.status, 201);
  const std::string url = created.header("location");
  const Reply missing =
      c.send("PATCH", url, R"({"givenName":"Anna"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(missing.status, 428);
  const Reply ok = c.patch(url, boost::json::object{{"givenName", "Anna"}}, created.header("etag"));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json().at("givenName"), "Anna");
  EXPECT_EQ(ok.header("etag"), "\"2\"");
  const Reply stale =
      c.patch(url, boost::json::object{{"givenName", "Annie"}}, created.header("etag"));
  EXPECT_EQ(stale.status, 412);
  const Reply after_stale = c.get(url);
  EXPECT_EQ(after_stale.json().at("givenName"), "Anna");  // the stale write changed nothing
  const Reply invalid =
      c.patch(url, boost::json::object{{"municipalityCode", "12"}}, ok.header("etag"));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(c.get(url).header("etag"), "\"2\"");
}

TEST_P(RegistryTest, Issue2Point6_CursorPagesVisitEveryPersonExactlyOnce) {
  Client c = admin();
  std::set<std::string> seen;
  std::string target = "/api/v1/persons?municipalityCode=2260&limit=37";
  int pages = 0;
  while (true) {
    const Reply r = c.get(target);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const auto& p : r.json().at("items").as_array()) {
      EXPECT_EQ(p.at("municipalityCode"), "2260");
      EXPECT_TRUE(seen.insert(std::string(p.at("id").as_string())).second) << "seen twice";
    }
    ++pages;
    const auto& next = r.json().at("nextCursor");
    if (next.is_null()) break;
    target =
        "/api/v1/persons?municipalityCode=2260&limit=37&cursor=" + std::string(next.as_string());
  }
  const auto expected = server().instance->database().read([](store::Transaction& tx) {
    return tx.query("SELECT COUNT(*) FROM persons WHERE municipality_code = '2260'")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), expected);
  EXPECT_GT(pages, 1);
}

TEST_P(RegistryTest, Issue2Point4_NameSearchIsCaseInsensitiveForSwedishLetters) {
  Client c = admin();
  const Reply r = c.get("/api/v1/persons?name=%C3%B6berg&limit=200");  // "öberg"
  ASSERT_EQ(r.status, 200);
  ASSERT_FALSE(r.json().at("items").as_array().empty());
  for (const auto& p : r.json().at("items").as_array()) EXPECT_EQ(p.at("familyName"), "Öberg");
}

TEST_P(RegistryTest, Issue2Point4_OnlyTheCountyAdministratorChangesTheOrganisation) {
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("hsl.kramfors").status, 201);
  EXPECT_EQ(nurse.get("/api/v1/units?limit=5").status, 200);
  const Reply refused =
      nurse.post("/api/v1/principals", boost::json::object{{"kind", "municipality"},
                                                           {"name", "Ny kommun"},
                                                           {"organisationNumber", "212000-2411"},
                                                           {"areaCode", "2299"}});
  EXPECT_EQ(refused.status, 403);
  Client manager = server().client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  EXPECT_EQ(manager.get("/api/v1/persons?limit=1").status, 403);  // managers see no person data
}

TEST_P(RegistryTest, Issue2Point4_ProtectedIdentityHidesTheAddress) {
  Client c = admin();
  const std::string pnr = unused_test_personnummer(server());
  const Reply created =
      c.post("/api/v1/persons", boost::json::object{{"identifier", pnr},
                                                    {"givenName", "Skyddad"},
                                                    {"familyName", "Person"},
                                                    {"protectedIdentity", true},
                                                    {"address", {{"street", "Hemlig väg 1"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_TRUE(created.json().at("address").is_null());
  EXPECT_EQ(created.body.find("Hemlig"), std::string::npos);
  EXPECT_EQ(c.get(created.header("location")).body.find("Hemlig"), std::string::npos);
}

TEST_P(RegistryTest, Issue2Point5_ACitizenReadsOnlyTheirOwnRecord) {
  Client citizen = server().client();
  const Reply session = citizen.sign_in("invanare");
  ASSERT_EQ(session.status, 201);
  const std::string own(session.json().at("user").at("personId").as_string());
  EXPECT_EQ(citizen.get("/api/v1/persons/" + own).status, 200);
  Client c = admin();
  const std::string other = first_id(c, "/api/v1/persons?limit=1");
  ASSERT_NE(other, own);
  EXPECT_EQ(citizen.get("/api/v1/persons/" + other).status, 404);
  EXPECT_EQ(citizen.get("/api/v1/persons?limit=5").status, 403);
}

TEST_P(RegistryTest, Issue2Point6_OpenApiMetricsAndRequestIds) {
  Client c = server().client();
  const Reply doc = c.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto json = doc.json().as_object();
  EXPECT_EQ(json.at("openapi"), "3.1.0");
  for (const char* path : {"/api/v1/persons", "/api/v1/persons/{id}", "/api/v1/units",
                           "/api/v1/session", "/healthz"}) {
    EXPECT_TRUE(json.at("paths").as_object().contains(path)) << path;
  }
  EXPECT_TRUE(json.at("paths").at("/api/v1/persons/{id}").as_object().contains("patch"));
  const Reply echoed = c.send("GET", "/healthz", "", {{"X-Request-Id", "trace-abc-123"}});
  EXPECT_EQ(echoed.header("x-request-id"), "trace-abc-123");
  const Reply generated = c.send("GET", "/healthz", "", {{"X-Request-Id", "bad id with spaces"}});
  EXPECT_NE(generated.header("x-request-id"), "bad id with spaces");
  EXPECT_FALSE(generated.header("x-request-id").empty());
  const Reply metrics = c.get("/metrics");
  EXPECT_NE(metrics.body.find("nara_http_requests_total{route=\"GET /healthz\",status=\"2xx\"}"),
            std::string::npos);
  EXPECT_NE(metrics.body.find(
                "nara_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"+Inf\"}"),
            std::string::npos);
  const Reply ready = c.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json().at("schemaVersion").as_int64(),
            store::schema_version(server().instance->database()));
  EXPECT_GE(ready.json().at("schemaVersion").as_int64(), 3);
}

TEST_P(RegistryTest, PDL4_3_CitizenAccountsAreShownOnlyToAdministratorsAndEachViewIsLogged) {
  const auto citizen = server().instance->database().read([](store::Transaction& tx) {
    const auto r = tx.query("SELECT id, person_id FROM users WHERE username = 'invanare'");
    return std::make_pair(r.row(0).text(0), r.row(0).text(1));
  });
  const std::string& citizen_user = citizen.first;
  const std::string& citizen_person = citizen.second;
  // Every account the directory lists to `client`, page by page, each page with its request id.
  const auto directory = [](const Client& client, const std::string& request_id) {
    std::vector<boost::json::object> users;
    std::string cursor;
    for (int page = 0; page < 20; ++page) {
      const Reply r = client.send("GET", "/api/v1/users?limit=200" + cursor, "",
                                  {{"X-Request-Id", request_id + "-" + std::to_string(page)}});
      EXPECT_EQ(r.status, 200) << r.body;
      for (const auto& u : r.json().at("items").as_array()) users.push_back(u.as_object());
      if (r.json().at("nextCursor").is_null()) break;
      cursor = "&cursor=" + std::string(r.json().at("nextCursor").as_string());
    }
    return users;
  };
  const auto entries = [&](const std::string& request_id) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx.query(
          "SELECT action, object_type, outcome FROM audit_log WHERE request_id LIKE ? AND "
          "person_id = ?",
          request_id + "%", citizen_person);
    });
  };
  // Staff use the directory to address notices; it does not tell them who uses the citizen
  // service.
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("hemtjanst.kramfors").status, 201);
  const auto staff_view = directory(nurse, "citizen-account-staff-list");
  ASSERT_GT(staff_view.size(), 100U);
  for (const auto& u : staff_view) EXPECT_TRUE(u.at("personId").is_null()) << u.at("username");
  EXPECT_EQ(entries("citizen-account-staff-list").size(), 0U);
  const Reply asked = nurse.send("GET", "/api/v1/users/" + citizen_user, "",
                                 {{"X-Request-Id", "citizen-account-asked"}});
  EXPECT_EQ(asked.status, 404);
  const auto denied = entries("citizen-account-asked");
  ASSERT_EQ(denied.size(), 1U);
  EXPECT_EQ(denied.row(0).text(0), "denied");

  // The administrator manages the account, and that is an access to the person it belongs to.
  Client c = admin();
  const Reply read = c.send("GET", "/api/v1/users/" + citizen_user, "",
                            {{"X-Request-Id", "citizen-account-admin"}});
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("personId"), citizen_person.c_str());
  const auto logged = entries("citizen-account-admin");
  ASSERT_EQ(logged.size(), 1U);
  EXPECT_EQ(logged.row(0).text(0), "read");
  EXPECT_EQ(logged.row(0).text(1), "user_account");
  bool listed_for_admin = false;
  for (const auto& u : directory(c, "citizen-account-list")) {
    listed_for_admin = listed_for_admin || u.at("id") == citizen_user.c_str();
  }
  EXPECT_TRUE(listed_for_admin);
  EXPECT_EQ(entries("citizen-account-list").size(), 1U);

  // Correcting the account is a change to the person's data, logged with the change.
  const Reply corrected = c.send("PATCH", "/api/v1/users/" + citizen_user,
                                 boost::json::serialize(boost::json::object{{"active", true}}),
                                 {{"Content-Type", "application/json"},
                                  {"If-Match", read.header("etag")},
                                  {"X-Request-Id", "citizen-account-patch"}});
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  const auto changed = entries("citizen-account-patch");
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed.row(0).text(0), "update");
}

INSTANTIATE_TEST_SUITE_P(Engines, RegistryTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
