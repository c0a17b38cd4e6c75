// Issue 20 point 5: HL7 v2 as hospitals send it — their own ward codes in PV1-3
// mapped to Nära's wards by the county administrator, a code not mapped
// answered AE with ERR-3 103 and held until it is mapped and the message
// processed again, A04/A05 acknowledged as not applicable, and every refusal's
// ERR-3 from HL7 table 0357. On SQLite and PostgreSQL.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "interop/hl7v2/message.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;
namespace hl7 = interop::hl7v2;

// A Swedish ADT message; PV1-3 is whatever the hospital puts there.
struct Adt {
  std::string trigger = "A01";
  std::string control_id;
  std::string personnummer;
  std::string visit;
  std::string pv1_3;
  std::string event_time = "20261123101500";
  std::string processing = "P";
  std::string version = "2.5";
  std::string extra;  // segments after PV1

  [[nodiscard]] std::string text() const {
    std::string pv1 = "PV1|1|I|" + pv1_3 + "|";
    for (int field = 5; field <= 19; ++field) pv1 += "|";
    pv1 += visit;
    return "MSH|^~\\&|COSMIC|SUNDSVALLS SJUKHUS|NARA|REGION "
           "VN|20261123101500||ADT^" +
           trigger + "^ADT_" + trigger + "|" + control_id + "|" + processing + "|" + version +
           "\r" + "EVN|" + trigger + "|" + event_time + "\r" + "PID|1||" + personnummer +
           "^^^&1.2.752.129.2.1.3.1&ISO^PN||Testsson^Test||19121212|F\r" + pv1 + "\r" + extra;
  }
};

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(NARA_SHARED_DIR) + "/data/hl7v2/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string unique(const std::string& prefix) {
  static int n = 0;
  return prefix + std::to_string(++n);
}

struct Ack {
  std::string code;        // MSA-1
  std::string reason;      // MSA-3
  std::string error;       // ERR-3.1
  std::string severity;    // ERR-4
  std::string location;    // ERR-2.1 ERR-2.3
  std::string parameters;  // ERR-6, repetitions joined by ~
};

Ack ack_of(const Reply& r) {
  const auto m = hl7::Message::parse(r.body);
  Ack a{m.value("MSA", 1), m.value("MSA", 3), m.value("ERR", 3, 1), m.value("ERR", 4), "", ""};
  if (!m.value("ERR", 2, 1).empty()) a.location = m.value("ERR", 2, 1) + "-" + m.value("ERR", 2, 3);
  for (const auto& rep : m.repetitions("ERR", 6)) {
    if (rep.empty()) continue;
    if (!a.parameters.empty()) a.parameters += "~";
    a.parameters += m.component_of(rep, 1);
  }
  return a;
}

class Hl7WardCodeTest : public EngineTest {
 protected:
  static Client as(const Server& s, const std::string& user) {
    Client c = s.client();
    EXPECT_EQ(c.sign_in(user).status, 201) << user;
    return c;
  }
  static Reply send(const Client& c, const std::string& message) {
    return c.send("POST", "/api/v1/hl7/v2", message, {{"Content-Type", "application/hl7-v2"}});
  }
  static std::string one(Server& s, const std::string& sql, const std::string& arg = {}) {
    return s.instance->database().read([&](store::Transaction& tx) {
      const auto rs = arg.empty() ? tx.query(sql) : tx.query(sql, arg);
      return rs.empty() || rs.row(0).is_null(0) ? std::string() : rs.row(0).text(0);
    });
  }
  static std::vector<std::string> wards(Server& s) {
    return s.instance->database().read([](store::Transaction& tx) {
      const auto rs = tx.query("SELECT id FROM units WHERE kind = 'hospital_ward' ORDER BY name");
      std::vector<std::string> out;
      for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(rs.row(i).text(0));
      return out;
    });
  }
  // A person Nära knows (the default policy refuses unknown persons).
  static std::string registered_person(Server& s, const Client& admin) {
    const std::string pnr = unused_test_personnummer(s);
    const Reply r =
        admin.post("/api/v1/persons",
                   {{"identifier", pnr}, {"givenName", "Test"}, {"familyName", "Testsson"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return pnr;
  }
  // The held message of the sender's control id, as the administrator's
  // worklist shows it.
  static json::object held(const Client& admin, const std::string& control_id,
                           const std::string& state = "all") {
    const Reply list = admin.get("/api/v1/hl7/held-messages?state=" + state);
    EXPECT_EQ(list.status, 200) << list.body;
    for (const auto& item : list.json().at("items").as_array()) {
      if (item.at("controlId").as_string() == control_id) return item.as_object();
    }
    return {};
  }
  static Reply map_code(const Client& admin, const std::string& facility, const std::string& code,
                        const std::string& unit) {
    return admin.post("/api/v1/hl7/ward-codes",
                      {{"facility", facility}, {"pointOfCare", code}, {"unitId", unit}});
  }
  static Reply reprocess(const Client& admin, const std::string& held_id) {
    return admin.send("POST", "/api/v1/hl7/held-messages/" + held_id + "/reprocess", "{}",
                      {{"Content-Type", "application/json"}});
  }
};

// The issue's "done when": the shared real-world A01 (Homerton's ward code "HUH
// AE OMU" in PV1-3.1, the facility "HOMERTON UNIVER" in PV1-3.4) is refused
// AE/103 and held; once the administrator maps the code, "Bearbeta igen" admits
// it, once.
TEST_P(Hl7WardCodeTest,
       HL7_Table0357_103_UnmappedWardCodeIsHeldAndAdmittedOnceMappedAndReprocessed) {
  auto fresh =
      fresh_server(GetParam(), true, [](app::Config& c) { c.hl7_unknown_person = "reservnummer"; });
  Server& s = *fresh;
  const Client sender = as(s, "hl7.region");
  const Client admin = as(s, "admin");
  const std::string sample = read_sample("ADT-A01-01.hl7");
  const auto episodes = s.count("inpatient_episodes");
  const auto persons = s.count("persons");

  Reply r = send(sender, sample);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-hl7-ack-code"), "AE");
  Ack a = ack_of(r);
  EXPECT_EQ(a.code, "AE");
  EXPECT_EQ(a.error, "103");
  EXPECT_EQ(a.severity, "E");
  EXPECT_EQ(a.location, "PV1-3");
  EXPECT_EQ(a.parameters, "HUH AE OMU~HOMERTON UNIVER");
  EXPECT_NE(a.reason.find("HUH AE OMU"), std::string::npos) << a.reason;
  EXPECT_EQ(s.count("inpatient_episodes"), episodes);
  EXPECT_EQ(s.count("persons"), persons);

  // The worklist names the sender, the event and the code — not the person (PDL
  // 4:2).
  const Reply list = admin.get("/api/v1/hl7/held-messages");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().at("open").as_int64(), 1);
  ASSERT_EQ(list.json().at("items").as_array().size(), 1U);
  const auto& item = list.json().at("items").at(0).as_object();
  EXPECT_EQ(item.at("facility").as_string(), "HOMERTON UNIVER");
  EXPECT_EQ(item.at("pointOfCare").as_string(), "HUH AE OMU");
  EXPECT_EQ(item.at("triggerEvent").as_string(), "A01");
  EXPECT_EQ(item.at("errorCode").as_int64(), 103);
  EXPECT_EQ(item.at("state").as_string(), "open");
  EXPECT_FALSE(item.at("mapped").as_bool());
  for (const char* personal : {"EVERYMAN", "PATID1234", "19880818", "40007716"})
    EXPECT_EQ(list.body.find(personal), std::string::npos) << personal;
  const std::string held_id(item.at("id").as_string());

  // Sent again while unmapped: the same entry, another attempt.
  a = ack_of(send(sender, sample));
  EXPECT_EQ(a.error, "103");
  EXPECT_EQ(held(admin, "MSG00001").at("attempts").as_int64(), 2);

  const std::string ward = wards(s).front();
  const Reply mapped = map_code(admin, "HOMERTON UNIVER", "HUH AE OMU", ward);
  ASSERT_EQ(mapped.status, 201) << mapped.body;
  EXPECT_TRUE(held(admin, "MSG00001").at("mapped").as_bool());

  const Reply rerun = reprocess(admin, held_id);
  ASSERT_EQ(rerun.status, 200) << rerun.body;
  ASSERT_EQ(rerun.json().at("results").as_array().size(), 1U);
  EXPECT_EQ(rerun.json().at("results").at(0).at("ackCode").as_string(), "AA") << rerun.body;
  EXPECT_EQ(rerun.json().at("heldMessage").at("state").as_string(), "processed");
  EXPECT_FALSE(rerun.json().at("heldMessage").at("processedBy").is_null());
  const std::string episode =
      one(s, "SELECT id FROM inpatient_episodes WHERE external_visit_id = ?", "40007716");
  ASSERT_FALSE(episode.empty());
  EXPECT_EQ(one(s, "SELECT ward_unit_id FROM inpatient_episodes WHERE id = ?", episode), ward);
  EXPECT_EQ(s.count("inpatient_episodes"), episodes + 1);
  EXPECT_EQ(one(s,
                "SELECT p.identifier_kind FROM persons p JOIN "
                "inpatient_episodes e ON e.person_id "
                "= p.id WHERE e.id = ?",
                episode),
            "local_reservnummer");
  // The admission is the sender's, in the log; the re-run is the
  // administrator's.
  EXPECT_NE(one(s,
                "SELECT COUNT(*) FROM audit_log WHERE object_id = ? AND role = "
                "'integration'",
                episode),
            "0");
  EXPECT_EQ(one(s,
                "SELECT role FROM audit_log WHERE object_type = "
                "'hl7_held_message' AND object_id "
                "= ?",
                held_id),
            "county_administrator");
  // The text held is gone once processed.
  EXPECT_EQ(one(s, "SELECT message FROM hl7_held_messages WHERE id = ?", held_id), "");

  // Idempotent: again changes nothing, and the hospital's resend is a
  // duplicate.
  const Reply again = reprocess(admin, held_id);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json().at("results").as_array().empty());
  EXPECT_EQ(ack_of(send(sender, sample)).code, "AA");
  EXPECT_EQ(s.count("inpatient_episodes"), episodes + 1);
  const Reply after = admin.get("/api/v1/hl7/held-messages");
  EXPECT_EQ(after.json().at("open").as_int64(), 0);
  EXPECT_EQ(reprocess(admin, "00000000-0000-4000-8000-000000000000").status, 404);
}

// An A03 for a visit whose A01 is held waits for it (ERR-3 204) and is applied
// after it.
TEST_P(Hl7WardCodeTest, HL7_LaterMessagesOfAHeldVisitAreHeldAndAppliedAfterIt) {
  Server& s = server();
  const Client sender = as(s, "hl7.region");
  const Client admin = as(s, "admin");
  Adt m;
  m.personnummer = registered_person(s, admin);
  m.visit = unique("V-HOLD-" + GetParam() + "-");
  m.pv1_3 = unique("AVD-" + GetParam() + "-");  // a ward code, no PV1-3.4: MSH-4's
  m.control_id = unique("C-HOLD-A01-");
  Ack a = ack_of(send(sender, m.text()));
  ASSERT_EQ(a.error, "103");
  const std::string admission = m.control_id;
  m.trigger = "A03";
  m.control_id = unique("C-HOLD-A03-");
  a = ack_of(send(sender, m.text()));
  EXPECT_EQ(a.code, "AE");
  EXPECT_EQ(a.error, "204");
  EXPECT_EQ(a.location, "PV1-19");
  const auto discharge = held(admin, m.control_id, "open");
  ASSERT_FALSE(discharge.empty()) << "the A03 waits in the worklist";
  EXPECT_EQ(discharge.at("errorCode").as_int64(), 204);

  ASSERT_EQ(map_code(admin, "SUNDSVALLS SJUKHUS", m.pv1_3, wards(s).front()).status, 201);
  const Reply rerun = reprocess(admin, std::string(held(admin, admission).at("id").as_string()));
  ASSERT_EQ(rerun.status, 200) << rerun.body;
  const auto& results = rerun.json().at("results").as_array();
  ASSERT_EQ(results.size(), 2U) << rerun.body;
  EXPECT_EQ(results.at(0).at("ackCode").as_string(), "AA");
  EXPECT_EQ(results.at(1).at("ackCode").as_string(), "AA") << rerun.body;
  EXPECT_EQ(one(s, "SELECT state FROM inpatient_episodes WHERE external_visit_id = ?", m.visit),
            "discharged");
  EXPECT_EQ(held(admin, m.control_id).at("state").as_string(), "processed");
}

// ERR-3 of every refusal over HTTP, each from HL7 table 0357 (HL7
// v2.5 2.15.5.3).
TEST_P(Hl7WardCodeTest, HL7_Table0357_EveryRefusalCarriesItsErrorCode) {
  Server& s = server();
  const Client sender = as(s, "hl7.region");
  const Client admin = as(s, "admin");
  const std::string hsa = one(s,
                              "SELECT hsa_id FROM units WHERE kind = "
                              "'hospital_ward' ORDER BY name LIMIT 1");
  const auto episodes = s.count("inpatient_episodes");
  const auto base = [&] {
    Adt m;
    m.personnummer = "191212121212";
    m.visit = unique("V-ERR-");
    m.pv1_3 = hsa;
    m.control_id = unique("C-ERR-");
    return m;
  };
  struct Case {
    std::string what;
    std::string message;
    std::string code;
    std::string error;
  };
  std::vector<Case> cases;
  cases.push_back({"not HL7", "this is not HL7", "AR", "100"});
  Adt m = base();
  m.trigger = "O01";
  cases.push_back({"not ADT",
                   [&] {
                     std::string t = m.text();
                     t.replace(t.find("ADT^O01"), 7, "ORM^O01");
                     return t;
                   }(),
                   "AR", "200"});
  m = base();
  m.trigger = "A99";
  cases.push_back({"unknown event", m.text(), "AR", "201"});
  m = base();
  m.processing = "T";
  cases.push_back({"training message", m.text(), "AR", "202"});
  m = base();
  m.version = "3.0";
  cases.push_back({"version 3", m.text(), "AR", "203"});
  m = base();
  m.personnummer = "";
  cases.push_back({"no PID-3", m.text(), "AR", "101"});
  m = base();
  m.visit.clear();
  cases.push_back({"no PV1-19", m.text(), "AE", "101"});
  m = base();
  m.event_time = "20261399";
  cases.push_back({"bad EVN-2", m.text(), "AE", "102"});
  m = base();
  m.personnummer = "191212121213";
  cases.push_back({"bad check digit", m.text(), "AE", "102"});
  m = base();
  m.personnummer = unused_test_personnummer(s);
  cases.push_back({"unknown person", m.text(), "AE", "204"});
  m = base();
  m.trigger = "A03";
  cases.push_back({"unknown visit", m.text(), "AE", "204"});
  for (const auto& c : cases) {
    const Reply r = send(sender, c.message);
    ASSERT_EQ(r.status, 200) << c.what;
    const Ack a = ack_of(r);
    EXPECT_EQ(a.code, c.code) << c.what << ": " << r.body;
    EXPECT_EQ(a.error, c.error) << c.what << ": " << r.body;
    EXPECT_EQ(a.severity, "E") << c.what;
  }
  EXPECT_EQ(s.count("inpatient_episodes"), episodes);

  // 205: a second A01 for a visit already admitted; 207: an event the episode's
  // state refuses.
  Adt admit = base();
  admit.personnummer = registered_person(s, admin);
  ASSERT_EQ(ack_of(send(sender, admit.text())).code, "AA");
  Adt twice = admit;
  twice.control_id = unique("C-ERR-");
  Ack a = ack_of(send(sender, twice.text()));
  EXPECT_EQ(a.code, "AE");
  EXPECT_EQ(a.error, "205");
  EXPECT_EQ(a.location, "PV1-19");
  Adt pending = admit;
  pending.trigger = "A16";
  pending.control_id = unique("C-ERR-");
  a = ack_of(send(sender, pending.text()));
  EXPECT_EQ(a.error, "101");  // PV2-9 is required for A16
  EXPECT_EQ(a.location, "PV2-9");
  Adt undo = admit;
  undo.trigger = "A13";  // cancel a discharge that never happened
  undo.control_id = unique("C-ERR-");
  a = ack_of(send(sender, undo.text()));
  EXPECT_EQ(a.code, "AE");
  EXPECT_EQ(a.error, "207") << a.reason;
  // The ward's HSA-id is still accepted as it is.
  EXPECT_EQ(
      one(s, "SELECT COUNT(*) FROM inpatient_episodes WHERE external_visit_id = ?", admit.visit),
      "1");
}

// A04 register and A05 pre-admit concern no inpatient stay: AA with a note by
// default.
TEST_P(Hl7WardCodeTest, HL7_A04AndA05AreAcknowledgedAsNotApplicable) {
  Server& s = server();
  const Client sender = as(s, "hl7.region");
  const auto episodes = s.count("inpatient_episodes");
  const auto audit = s.count("audit_log");
  for (const std::string trigger : {"A04", "A05"}) {
    Adt m;
    m.trigger = trigger;
    m.personnummer = "191212121212";
    m.visit = unique("V-NA-");
    m.pv1_3 = "AKUT";
    m.control_id = unique("C-NA-");
    const Reply r = send(sender, m.text());
    EXPECT_EQ(r.header("x-hl7-ack-code"), "AA");
    const Ack a = ack_of(r);
    EXPECT_EQ(a.code, "AA");
    EXPECT_NE(a.reason.find(trigger), std::string::npos) << a.reason;
    EXPECT_EQ(a.error, "201");
    EXPECT_EQ(a.severity, "I");
  }
  EXPECT_EQ(s.count("inpatient_episodes"), episodes);
  EXPECT_EQ(s.count("audit_log"), audit);
}

TEST_P(Hl7WardCodeTest, HL7_A04AndA05AreRefusedARByConfiguration) {
  auto fresh = fresh_server(GetParam(), true, [](app::Config& c) { c.hl7_a04_a05 = "reject"; });
  const Client sender = as(*fresh, "hl7.region");
  Adt m;
  m.trigger = "A05";
  m.personnummer = "191212121212";
  m.visit = "V-NA-1";
  m.pv1_3 = "AKUT";
  m.control_id = "C-NA-1";
  const Ack a = ack_of(send(sender, m.text()));
  EXPECT_EQ(a.code, "AR");
  EXPECT_EQ(a.error, "201");
  EXPECT_EQ(a.severity, "E");
}

// The table is the county administrator's: validated, named in every error,
// audited.
TEST_P(Hl7WardCodeTest, HL7_WardCodeTableIsTheCountyAdministratorsAndEveryChangeIsAudited) {
  Server& s = server();
  const Client admin = as(s, "admin");
  EXPECT_EQ(as(s, "avd.ssk").get("/api/v1/hl7/ward-codes").status, 403);
  EXPECT_EQ(as(s, "hl7.region").get("/api/v1/hl7/held-messages").status, 403);
  EXPECT_EQ(s.client().get("/api/v1/hl7/ward-codes").status, 401);

  Reply r = admin.post("/api/v1/hl7/ward-codes", json::object{});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.is_problem());
  const auto fields = r.problem_fields();
  for (const char* f : {"facility", "pointOfCare", "unitId"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  const std::string health_centre =
      one(s,
          "SELECT id FROM units WHERE kind = 'health_centre' ORDER BY name "
          "LIMIT 1");
  const std::string code = unique("MED-" + GetParam() + "-");
  r = map_code(admin, "SUNDSVALLS SJUKHUS", code, health_centre);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.problem_rule("unitId"), "kind");
  r = map_code(admin, "SUNDSVALLS SJUKHUS", code, "no-such-unit");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.problem_rule("unitId"), "reference");
  r = map_code(admin, "SUNDSVALLS SJUKHUS", "MED\t1", wards(s).front());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.problem_rule("pointOfCare"), "format");
  r = map_code(admin, "   ", code, wards(s).front());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.problem_rule("facility"), "required");

  const auto wards_now = wards(s);
  r = map_code(admin, " SUNDSVALLS SJUKHUS ", " " + code + " ", wards_now.at(0));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("facility").as_string(),
            "SUNDSVALLS SJUKHUS");  // trimmed
  EXPECT_EQ(r.json().at("pointOfCare").as_string(), code);
  EXPECT_EQ(r.header("etag"), "\"1\"");
  const std::string id(r.json().at("id").as_string());
  EXPECT_EQ(r.header("location"), "/api/v1/hl7/ward-codes/" + id);
  r = map_code(admin, "SUNDSVALLS SJUKHUS", code, wards_now.at(1));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.problem_rule("pointOfCare"), "ward_code.duplicate");
  // The same code from another hospital is another ward.
  r = map_code(admin, "SOLLEFTEA SJUKHUS", code, wards_now.at(1));
  EXPECT_EQ(r.status, 201) << r.body;
  const std::string other(r.json().at("id").as_string());

  EXPECT_EQ(admin.get("/api/v1/hl7/ward-codes/" + id).status, 200);
  const std::string target = "/api/v1/hl7/ward-codes/" + id;
  const json::object change{{"unitId", wards_now.at(1)}, {"note", "Flyttad till plan 5"}};
  EXPECT_EQ(
      admin.send("PATCH", target, json::serialize(change), {{"Content-Type", "application/json"}})
          .status,
      428);
  EXPECT_EQ(admin.patch(target, change, "\"7\"").status, 412);
  EXPECT_EQ(admin.patch(target, {{"facility", ""}}, "\"1\"").problem_rule("facility"), "required");
  r = admin.patch(target, change, "\"1\"");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("unitId").as_string(), wards_now.at(1));
  EXPECT_EQ(r.json().at("version").as_int64(), 2);
  EXPECT_EQ(r.json().at("note").as_string(), "Flyttad till plan 5");
  EXPECT_EQ(admin.patch(target, {{"facility", "SOLLEFTEA SJUKHUS"}}, "\"2\"").status, 409);

  EXPECT_EQ(admin.send("DELETE", target).status, 204);
  EXPECT_EQ(admin.get(target).status, 404);
  EXPECT_EQ(admin.send("DELETE", target).status, 404);
  EXPECT_EQ(admin.send("DELETE", "/api/v1/hl7/ward-codes/" + other).status, 204);
  // Create, change and removal, each by the administrator.
  const auto log = s.instance->database().read([&](store::Transaction& tx) {
    return tx.query(
        "SELECT action, role, outcome FROM audit_log WHERE "
        "object_type = 'hl7_ward_code' AND "
        "object_id = ? ORDER BY seq",
        id);
  });
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log.row(0).text(0), "create");
  EXPECT_EQ(log.row(1).text(0), "update");
  EXPECT_EQ(log.row(2).text(0), "update");
  EXPECT_NE(log.row(2).text(2).find("deleted"), std::string::npos);
  for (std::size_t i = 0; i < log.size(); ++i)
    EXPECT_EQ(log.row(i).text(1), "county_administrator");
}

// A message that is never to be processed (a test ward's) leaves the worklist,
// and its text.
TEST_P(Hl7WardCodeTest, HL7_ADiscardedHeldMessageLeavesTheWorklistUntilItIsSentAgain) {
  Server& s = server();
  const Client sender = as(s, "hl7.region");
  const Client admin = as(s, "admin");
  Adt m;
  m.personnummer = "191212121212";
  m.visit = unique("V-DISC-");
  m.pv1_3 = "TESTAVD";
  m.control_id = unique("C-DISC-" + GetParam() + "-");
  ASSERT_EQ(ack_of(send(sender, m.text())).error, "103");
  const std::string id(held(admin, m.control_id, "open").at("id").as_string());
  const Reply discarded = admin.send("POST", "/api/v1/hl7/held-messages/" + id + "/discard", "{}",
                                     {{"Content-Type", "application/json"}});
  ASSERT_EQ(discarded.status, 200) << discarded.body;
  EXPECT_EQ(discarded.json().at("state").as_string(), "discarded");
  EXPECT_TRUE(held(admin, m.control_id, "open").empty());
  EXPECT_EQ(held(admin, m.control_id, "discarded").at("state").as_string(), "discarded");
  EXPECT_EQ(one(s, "SELECT message FROM hl7_held_messages WHERE id = ?", id), "");
  const Reply rerun = reprocess(admin, id);
  EXPECT_TRUE(rerun.json().at("results").as_array().empty());
  EXPECT_EQ(admin.get("/api/v1/hl7/held-messages?state=sent").status, 400);
  // Sent again, it is held again.
  ASSERT_EQ(ack_of(send(sender, m.text())).error, "103");
  EXPECT_EQ(held(admin, m.control_id, "open").at("attempts").as_int64(), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, Hl7WardCodeTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
