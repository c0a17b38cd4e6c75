// Issue 3, "done when": no endpoint returns personal data without a policy decision and an audit
// entry (PDL 4:3, HSLF-FS 2016:40 4 kap. 9 §). The walk takes the route list from the server's own
// OpenAPI document, so an endpoint added later is walked as well, or fails this test until the
// walk knows how to fill in its path.
#include <date/date.h>

#include <regex>
#include <set>

#include "core/random.hpp"
#include "fhir_import_support.hpp"
#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;

// Who a response can name: every person's id, identifier and (where no one else shares it) full
// name, as the API writes them.
struct PersonCatalogue {
  std::set<std::string> ids;
  std::map<std::string, std::string> id_by_identifier;  // canonical 12 digits
  std::map<std::string, std::string> identifier_by_id;
  std::map<std::string, std::string> id_by_unique_name;  // "\"Given Family\"", quotes included
};

PersonCatalogue load_persons(store::Database& db) {
  return db.read([](store::Transaction& tx) {
    PersonCatalogue c;
    std::map<std::string, std::vector<std::string>> by_name;
    const auto rows = tx.query("SELECT id, identifier, given_name, family_name FROM persons");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto r = rows.row(i);
      c.ids.insert(r.text(0));
      c.id_by_identifier[r.text(1)] = r.text(0);
      c.identifier_by_id[r.text(0)] = r.text(1);
      by_name["\"" + r.text(2) + " " + r.text(3) + "\""].push_back(r.text(0));
    }
    // A name that a member of staff also has would name them as well: left to the ids.
    std::set<std::string> staff;
    const auto users = tx.query("SELECT display_name FROM users");
    for (std::size_t i = 0; i < users.size(); ++i) staff.insert("\"" + users.row(i).text(0) + "\"");
    for (const auto& [name, ids] : by_name) {
      if (ids.size() == 1 && !staff.contains(name)) c.id_by_unique_name[name] = ids.front();
    }
    return c;
  });
}

// The persons a response body shows. The problem document's `instance` repeats the path the
// caller sent, which names no one the caller did not already name.
std::set<std::string> persons_shown(const std::string& body, const PersonCatalogue& persons) {
  std::string text = body;
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (!ec && parsed.is_object()) {
    parsed.as_object().erase("instance");
    text = json::serialize(parsed);
  }
  std::set<std::string> shown;
  static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  for (std::sregex_iterator it(text.begin(), text.end(), uuid), end; it != end; ++it) {
    if (persons.ids.contains(it->str())) shown.insert(it->str());
  }
  static const std::regex identifier("(\\d{8})[-+]?(\\d{4})");
  for (std::sregex_iterator it(text.begin(), text.end(), identifier), end; it != end; ++it) {
    const auto found = persons.id_by_identifier.find((*it)[1].str() + (*it)[2].str());
    if (found != persons.id_by_identifier.end()) shown.insert(found->second);
  }
  for (const auto& [name, id] : persons.id_by_unique_name) {
    if (text.find(name) != std::string::npos) shown.insert(id);
  }
  return shown;
}

// The table behind each kind of `{id}`, by the path segment before it.
const std::map<std::string, std::string>& id_tables() {
  static const std::map<std::string, std::string> tables{
      {"persons", "persons"},
      {"episodes", "inpatient_episodes"},
      {"notices", "notices"},
      {"sips", "coordinated_plans"},
      {"requests", "care_requests"},
      {"plans", "visit_plans"},
      {"care-providers", "care_providers"},
      {"principals", "principals"},
      {"units", "units"},
      {"users", "users"},
      {"liability-agreements", "liability_agreements"},
      {"ward-codes", "hl7_ward_codes"},
      {"versions", "responsibility_catalogue_versions"},
      // The FHIR façade (docs/fhir.md): its resource types over the same tables.
      {"Patient", "persons"},
      {"Encounter", "inpatient_episodes"},
      {"Organization", "principals"},
      {"Location", "units"},
      {"Practitioner", "users"},
      {"PractitionerRole", "assignments"}};
  return tables;
}

class EveryEndpointTest : public EngineTest {
 protected:
  std::vector<std::string> get_routes() {
    const Reply doc = server().client().get("/api/v1/openapi.json");
    EXPECT_EQ(doc.status, 200);
    std::vector<std::string> paths;
    for (const auto& [path, operations] : doc.json().at("paths").as_object()) {
      if (operations.as_object().contains("get")) paths.emplace_back(path);
    }
    return paths;
  }

  // Ids to put in `{id}`: rows the caller may not see as well as rows their own list shows, and for
  // persons also the protected and the blocked, whose answers differ.
  std::vector<std::string> ids_for(const std::string& route, const Client& client) {
    const auto at = route.find("/{id}");
    const std::string parent = route.substr(0, at);
    const std::string segment = parent.substr(parent.rfind('/') + 1);
    // Indicators are named by the catalogue, not a table: a known one and one that is not.
    if (segment == "indicators") return {"ready_days_mean", "no_such_indicator"};
    const auto table = id_tables().find(segment);
    if (table == id_tables().end()) return {};
    std::vector<std::string> ids = server().instance->database().read([&](store::Transaction& tx) {
      std::vector<std::string> out;
      std::string sql = "SELECT id FROM " + table->second + " ORDER BY id LIMIT 2";
      if (segment == "users" || segment == "Practitioner") {
        sql =
            "SELECT id FROM (SELECT id FROM users ORDER BY id LIMIT 2) AS first_two UNION SELECT "
            "id FROM (SELECT id FROM users WHERE person_id IS NOT NULL ORDER BY id LIMIT 1) AS "
            "citizen_account";
      } else if (segment == "persons" || segment == "Patient") {
        sql =
            "SELECT id FROM (SELECT id FROM persons ORDER BY id LIMIT 2) AS first_two UNION "
            "SELECT id FROM (SELECT id FROM persons WHERE protected_identity = 1 ORDER BY id "
            "LIMIT 1) AS protected_one UNION SELECT id FROM (SELECT person_id AS id FROM blocks "
            "ORDER BY person_id LIMIT 1) AS blocked_one";
      }
      const auto rows = tx.query(sql);
      for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.row(i).text(0));
      return out;
    });
    const Reply list = client.get(parent + "?limit=2");
    if (list.status == 200 && list.json().is_object() &&
        list.json().as_object().contains("items")) {
      for (const auto& item : list.json().at("items").as_array()) {
        if (item.is_object() && item.as_object().contains("id") && item.at("id").is_string())
          ids.emplace_back(item.at("id").as_string());
      }
    }
    return ids;
  }

  // A FHIR vread's `{vid}`: the row's current version (older ones are not kept).
  std::string version_of(const std::string& route, const std::string& id) {
    const std::string parent = route.substr(0, route.find("/{id}"));
    const auto table = id_tables().find(parent.substr(parent.rfind('/') + 1));
    if (table == id_tables().end()) return "1";
    return server().instance->database().read([&](store::Transaction& tx) {
      const auto rows = tx.query("SELECT version FROM " + table->second + " WHERE id = ?", id);
      return rows.empty() ? std::string("1") : rows.row(0).text(0);
    });
  }

  // Query parameters a route cannot answer without.
  std::string required_query(const std::string& route) {
    const std::string month = date::format("%Y-%m", server().clock->now());
    if (route.starts_with("/api/v1/reports/")) return "?month=" + month;
    if (route == "/api/v1/indicators/{id}/facts")
      return "?level=municipality&key=2282&month=" + month;
    if (route == "/api/v1/responsibility-catalogue/suggestion")
      return "?serviceType=home_health_wound_care";
    if (route.ends_with("/suggestions"))
      return "?serviceType=home_health_wound_care&canVisitHealthCentre=false";
    return "";
  }

  // On this engine's shared server, or on `other`.
  std::set<std::string> persons_logged(const std::string& request_id, Server* other = nullptr) {
    return (other ? *other : server()).instance->database().read([&](store::Transaction& tx) {
      std::set<std::string> out;
      // A list entry (a worklist, a ward board) names its persons in its list.
      const auto rows = tx.query(
          "SELECT person_id, listed_person_ids FROM audit_log WHERE request_id = ? AND "
          "(person_id IS NOT NULL OR listed_person_ids IS NOT NULL)",
          request_id);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!rows.row(i).is_null(0)) out.insert(rows.row(i).text(0));
        if (rows.row(i).is_null(1)) continue;
        for (auto& person :
             store::parse_person_list(rows.row(i).text(1)).value_or(std::vector<std::string>{}))
          out.insert(std::move(person));
      }
      return out;
    });
  }
};

TEST_P(EveryEndpointTest, PDL4_3_NoEndpointShowsAPersonWithoutAnAuditEntryForThatRequest) {
  // The demo county has no local liability agreement; one that begins in 2099 changes no report.
  if (server().count("liability_agreements") == 0) {
    Client admin = server().client();
    ASSERT_EQ(admin.sign_in("admin").status, 201);
    const Reply created = admin.post(
        "/api/v1/liability-agreements",
        json::object{{"name", "Walk 2099"}, {"validFrom", "2099-01-01"}, {"model", "per_episode"}});
    ASSERT_EQ(created.status, 201) << created.body;
  }
  // Nor any ward code mapped (HL7 v2 PV1-3): one for a code no hospital sends.
  if (server().count("hl7_ward_codes") == 0) {
    Client admin = server().client();
    ASSERT_EQ(admin.sign_in("admin").status, 201);
    const std::string ward = server().instance->database().read([](store::Transaction& tx) {
      return tx.query("SELECT id FROM units WHERE kind = 'hospital_ward' ORDER BY id LIMIT 1")
          .row(0)
          .text(0);
    });
    const Reply created =
        admin.post("/api/v1/hl7/ward-codes",
                   json::object{{"facility", "WALK"}, {"pointOfCare", "WALK"}, {"unitId", ward}});
    ASSERT_EQ(created.status, 201) << created.body;
  }
  const PersonCatalogue persons = load_persons(server().instance->database());
  const std::vector<std::string> routes = get_routes();
  ASSERT_GT(routes.size(), 40U);
  // Every documented demo login with one assignment: each role, both principals, the citizen.
  const std::vector<std::string> users{
      "avd.ssk",      "dsk.kramfors",      "lakare.kramfors", "hsl.kramfors",  "hemtjanst.kramfors",
      "sip.kramfors", "chef.hsl.kramfors", "logg.region",     "logg.kramfors", "admin",
      "invanare",     "hl7.region"};
  const std::string run = core::new_uuid().substr(24);
  std::map<std::string, int> answered;  // route -> 200 answers
  int requests = 0;
  int showing_persons = 0;
  const auto expect_logged = [&](const std::string& what, const Reply& reply,
                                 const std::set<std::string>& named,
                                 const std::string& request_id) {
    if (named.empty()) return;
    ++showing_persons;
    const auto logged = persons_logged(request_id);
    for (const auto& id : named) {
      EXPECT_TRUE(logged.contains(id))
          << what << " (" << reply.status << ") shows or asks for person " << id
          << " without an audit entry for request " << request_id;
    }
  };
  // Searched for by personnummer: the first person and one with protected identity.
  const std::vector<std::string> search_persons =
      server().instance->database().read([](store::Transaction& tx) {
        std::vector<std::string> out;
        out.push_back(tx.query("SELECT id FROM persons ORDER BY id LIMIT 1").row(0).text(0));
        out.push_back(
            tx.query("SELECT id FROM persons WHERE protected_identity = 1 ORDER BY id LIMIT 1")
                .row(0)
                .text(0));
        return out;
      });
  for (const auto& username : users) {
    Client client = server().client();
    const Reply session = client.sign_in(username);
    ASSERT_EQ(session.status, 201) << username << ": " << session.body;
    const json::value& user = session.json().at("user");
    const std::string own_person =
        user.as_object().contains("personId") && user.at("personId").is_string()
            ? std::string(user.at("personId").as_string())
            : std::string();
    for (const auto& route : routes) {
      std::vector<std::string> targets;
      if (route.find("{id}") == std::string::npos) {
        if (route.find('{') != std::string::npos) {
          ADD_FAILURE() << route << ": a path parameter the walk cannot fill; teach it";
          continue;
        }
        targets.push_back(route + required_query(route));
      } else {
        const auto ids = ids_for(route, client);
        if (ids.empty()) ADD_FAILURE() << route << ": no ids to walk it with; teach the walk";
        for (const auto& id : ids) {
          std::string target = route;
          target.replace(target.find("{id}"), 4, id);
          if (const auto vid = target.find("{vid}"); vid != std::string::npos)
            target.replace(vid, 5, version_of(route, id));
          targets.push_back(target + required_query(route));
        }
      }
      for (const auto& target : targets) {
        const std::string request_id = "walk-" + run + "-" + std::to_string(++requests);
        const Reply reply = client.send("GET", target, "", {{"X-Request-Id", request_id}});
        ASSERT_LT(reply.status, 500) << username << " " << target << ": " << reply.body;
        if (reply.status == 200) ++answered[route];
        std::set<std::string> named = persons_shown(reply.body, persons);
        // A person named in the path was asked for: allowed or not, the attempt is logged.
        for (const auto& id : persons.ids) {
          if (target.find(id) != std::string::npos) named.insert(id);
        }
        // The citizen's own person id in their own session is who signed in, not a record read.
        if (route == "/api/v1/session" && !own_person.empty()) named.erase(own_person);
        std::string what = username;
        what += " GET ";
        what += target;
        expect_logged(what, reply, named, request_id);
      }
    }
    // The one read that takes its question in the body, to keep the personnummer out of URLs.
    for (const auto& id : search_persons) {
      const std::string request_id = "walk-" + run + "-" + std::to_string(++requests);
      const std::string identifier = persons.identifier_by_id.at(id);
      const Reply reply =
          client.send("POST", "/api/v1/persons/search",
                      json::serialize(json::object{{"identifier", identifier}}),
                      {{"Content-Type", "application/json"}, {"X-Request-Id", request_id}});
      ASSERT_LT(reply.status, 500) << username << " search: " << reply.body;
      std::set<std::string> named = persons_shown(reply.body, persons);
      named.insert(id);
      expect_logged(username + std::string(" POST /api/v1/persons/search"), reply, named,
                    request_id);
    }
  }
  // The walk reached every route with at least one user who may use it, and it saw personal data.
  for (const auto& route : routes) {
    EXPECT_GT(answered[route], 0) << route << " never answered 200: the walk did not exercise it";
  }
  EXPECT_GT(showing_persons, 100);
}

TEST_P(EveryEndpointTest, PDL4_3_ARefusedChangeToAPersonsRecordIsLoggedAsDenied) {
  // A person and an episode without any relation to Hälsocentral Kramfors.
  struct Target {
    std::string person, episode, user, hsl;
  };
  const Target t = server().instance->database().read([](store::Transaction& tx) {
    const auto unit =
        tx.query("SELECT id FROM units WHERE name = 'Hälsocentral Kramfors'").row(0).text(0);
    const auto episode = tx.query(
        "SELECT e.id, e.person_id FROM inpatient_episodes e WHERE NOT EXISTS (SELECT 1 FROM "
        "care_relations cr WHERE cr.person_id = e.person_id AND cr.unit_id = ?) ORDER BY e.id "
        "LIMIT 1",
        unit);
    return Target{
        episode.row(0).text(1), episode.row(0).text(0),
        tx.query("SELECT id FROM users WHERE username = 'dsk.kramfors'").row(0).text(0),
        tx.query("SELECT id FROM units WHERE name = 'Hemsjukvård Kramfors'").row(0).text(0)};
  });
  const auto denied = [&](const std::string& request_id) {
    return server().instance->database().read([&](store::Transaction& tx) {
      return tx.query(
          "SELECT action, object_type, person_id, without_relation FROM audit_log WHERE "
          "request_id = ?",
          request_id);
    });
  };
  Client nurse = server().client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  const std::string run = core::new_uuid().substr(24);
  struct Attempt {
    std::string method, target, object_type;
    json::object body;
    std::string if_match;
  };
  const std::vector<Attempt> attempts{
      {"PATCH", "/api/v1/persons/" + t.person, "person", {{"givenName", "Ändrad"}}, "\"1\""},
      {"POST",
       "/api/v1/persons/" + t.person + "/consents",
       "consent",
       {{"scope", "shared_documentation"}, {"givenBy", "person"}},
       ""},
      {"POST",
       "/api/v1/persons/" + t.person + "/blocks",
       "block",
       {{"kind", "across_providers"}},
       ""},
      {"POST",
       "/api/v1/persons/" + t.person + "/emergency-access",
       "emergency_access",
       {{"reason", "Medvetslös vid hembesök, behöver läkemedelslistan"}, {"minutes", 15}},
       ""},
      {"POST",
       "/api/v1/persons/" + t.person + "/named-contacts",
       "named_contact",
       {{"kind", "fast_vardkontakt"}, {"userId", t.user}},
       ""},
      {"POST",
       "/api/v1/requests",
       "care_request",
       {{"personId", t.person},
        {"type", "home_health_care_intervention"},
        {"toUnitId", t.hsl},
        {"description", "Såromläggning tre dagar i veckan"}},
       ""},
      {"POST",
       "/api/v1/episodes/" + t.episode + "/events",
       "episode",
       {{"kind", "appoint_named_contact"}},
       "\"1\""},
  };
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    const Attempt& a = attempts[i];
    const std::string request_id = "refused-" + run + "-" + std::to_string(i);
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"},
                                               {"X-Request-Id", request_id}};
    if (!a.if_match.empty()) headers["If-Match"] = a.if_match;
    const Reply reply = nurse.send(a.method, a.target, json::serialize(a.body), headers);
    EXPECT_EQ(reply.status, 404) << a.method << " " << a.target << ": " << reply.body;
    const auto log = denied(request_id);
    ASSERT_EQ(log.size(), 1U) << a.method << " " << a.target;
    EXPECT_EQ(log.row(0).text(0), "denied") << a.target;
    EXPECT_EQ(log.row(0).text(1), a.object_type) << a.target;
    EXPECT_EQ(log.row(0).text(2), t.person) << a.target;
    EXPECT_TRUE(log.row(0).boolean(3)) << a.target;
  }
  // Nothing was changed by any of them.
  const Reply visible = nurse.get("/api/v1/persons/" + t.person);
  EXPECT_EQ(visible.status, 404);
  EXPECT_EQ(server().instance->database().read([&](store::Transaction& tx) {
    return tx
        .query("SELECT COUNT(*) FROM emergency_accesses WHERE person_id = ? AND user_id = ?",
               t.person, t.user)
        .row(0)
        .int64(0);
  }),
            0);

  // A role that may never do it is refused with 403; the attempt on an existing person is logged,
  // and the answer for one that does not exist is the same 403 (existence is not confirmed).
  Client manager = server().client();
  ASSERT_EQ(manager.sign_in("chef.hsl.kramfors").status, 201);
  const json::object emergency{{"reason", "Behöver se läkemedelslistan nu"}, {"minutes", 15}};
  const Reply refused = manager.send(
      "POST", "/api/v1/persons/" + t.person + "/emergency-access", json::serialize(emergency),
      {{"Content-Type", "application/json"}, {"X-Request-Id", "refused-role-" + run}});
  EXPECT_EQ(refused.status, 403);
  ASSERT_EQ(denied("refused-role-" + run).size(), 1U);
  const Reply nobody = manager.send(
      "POST", "/api/v1/persons/00000000-0000-4000-8000-000000000000/emergency-access",
      json::serialize(emergency),
      {{"Content-Type", "application/json"}, {"X-Request-Id", "refused-nobody-" + run}});
  EXPECT_EQ(nobody.status, 403);
  EXPECT_EQ(denied("refused-nobody-" + run).size(), 0U);
}

// POST /fhir/R4 (issue 20 point 3) is no GET the walk reaches: its answer names every person it
// created or found again (Patient/<id>), and each has an audit entry for that request.
TEST_P(EveryEndpointTest, PDL4_3_AFhirImportLogsEveryPersonItsAnswerNames) {
  // On the import tests' own server: a person imported here would be placed at a health centre
  // the other suites pick residents of on the shared one.
  Server& s = fhir_import::import_server(GetParam());
  const std::string resident = s.instance->database().read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT identifier FROM persons WHERE identifier_kind = 'personnummer' ORDER "
            "BY id LIMIT 1")
        .row(0)
        .text(0);
  });
  const std::string run = core::new_uuid();
  const auto patient = [](const std::string& system, const std::string& value) {
    return json::object{{"fullUrl", "urn:uuid:" + core::new_uuid()},
                        {"resource",
                         {{"resourceType", "Patient"},
                          {"identifier", json::array{{{"system", system}, {"value", value}}}},
                          {"name", json::array{{{"family", "Importsson"}, {"given", {"Walk"}}}}},
                          {"birthDate", "1936-06-06"}}},
                        {"request", {{"method", "POST"}, {"url", "Patient"}}}};
  };
  const json::object bundle{
      {"resourceType", "Bundle"},
      {"type", "transaction"},
      {"entry", json::array{patient("https://nara.example/test/walk", run),       // created
                            patient("urn:oid:1.2.752.129.2.1.3.1", resident)}}};  // found
  Client pas = s.client();
  ASSERT_EQ(pas.sign_in("hl7.region").status, 201);
  const std::string request_id = "fhir-import-" + run;
  const Reply reply =
      pas.send("POST", "/fhir/R4", json::serialize(bundle),
               {{"Content-Type", "application/fhir+json"}, {"X-Request-Id", request_id}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto named = persons_shown(reply.body, load_persons(s.instance->database()));
  EXPECT_EQ(named.size(), 2U) << reply.body;
  const auto logged = persons_logged(request_id, &s);
  for (const auto& id : named) {
    EXPECT_TRUE(logged.contains(id))
        << "POST /fhir/R4 names person " << id << " without an audit entry";
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, EveryEndpointTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
