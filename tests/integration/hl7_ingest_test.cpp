// Issue 4 point 6: HL7 v2 ADT in, over HTTP (POST /api/v1/hl7/v2) and over MLLP, driving the
// inpatient episode (Lag 2017:612), on SQLite and PostgreSQL.
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "interop/hl7v2/message.hpp"
#include "interop/hl7v2/mllp.hpp"
#include "store/database.hpp"

// GCC 12 -O2 -Wnull-dereference false positives in inlined Boost.Asio; see src/http/server.cpp.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#pragma GCC diagnostic pop

namespace nara::test {
namespace {

namespace hl7 = interop::hl7v2;

struct Adt {
  std::string trigger = "A01";
  std::string control_id;
  std::string pid3;  // value^^^assigning authority
  std::string visit;
  std::string ward_hsa;
  std::string event_time = "20261123101500";
  std::string planned_discharge;  // PV2-9
  std::string family = "Testsson";
  std::string birth = "";
  std::string admission_type;    // PV1-4
  std::vector<std::string> dg1;  // whole DG1 segments after "DG1|"

  [[nodiscard]] std::string text() const {
    std::string pv1 = "PV1|1|I|" + ward_hsa + "|" + admission_type;
    for (int field = 5; field <= 19; ++field) pv1 += "|";
    pv1 += visit;
    std::string msg = "MSH|^~\\&|COSMIC|SUNDSVALLS SJUKHUS|NARA|REGION VN|20261123101500||ADT^" +
                      trigger + "^ADT_" + trigger + "|" + control_id + "|P|2.5\r";
    msg += "EVN|" + trigger + "|" + event_time + "\r";
    msg += "PID|1||" + pid3 + "||" + family + "^Test||" + birth + "|F\r";
    msg += pv1 + "\r";
    if (!planned_discharge.empty()) msg += "PV2|||||||||" + planned_discharge + "\r";
    for (const auto& segment : dg1) msg += "DG1|" + segment + "\r";
    return msg;
  }
};

std::string swedish(const std::string& personnummer) {
  return personnummer + "^^^&1.2.752.129.2.1.3.1&ISO^PN";
}

class Hl7IngestTest : public EngineTest {
 protected:
  struct Ids {
    std::string ward_hsa;
    std::string ward_id;
    std::string other_ward_hsa;
    std::string other_ward_id;
  };
  static Ids ids(Server& s) {
    return s.instance->database().read([](store::Transaction& tx) {
      const auto rs = tx.query(
          "SELECT hsa_id, id FROM units WHERE kind = 'hospital_ward' ORDER BY name LIMIT 2");
      return Ids{rs.row(0).text(0), rs.row(0).text(1), rs.row(1).text(0), rs.row(1).text(1)};
    });
  }
  static Client sender(Server& s) {
    Client c = s.client();
    EXPECT_EQ(c.sign_in("hl7.region").status, 201);
    return c;
  }
  static Reply post(const Client& c, const std::string& message) {
    return c.send("POST", "/api/v1/hl7/v2", message, {{"Content-Type", "application/hl7-v2"}});
  }
  static std::string ack_code(const Reply& r) {
    return hl7::Message::parse(r.body).value("MSA", 1);
  }
  static std::string ack_reason(const Reply& r) {
    return hl7::Message::parse(r.body).value("MSA", 3);
  }
  static std::string unique(const std::string& prefix) {
    static int n = 0;
    return prefix + std::to_string(++n);
  }
};

std::string scalar(Server& s, const std::string& sql, const std::string& arg) {
  return s.instance->database().read([&](store::Transaction& tx) {
    const auto rs = tx.query(sql, arg);
    return rs.empty() ? std::string() : rs.row(0).text(0);
  });
}

TEST_P(Hl7IngestTest, LUS_AdtDrivesTheEpisodeFromAdmissionToDischarge) {
  Server& s = server();
  const auto w = ids(s);
  const Client c = sender(s);
  Adt m;
  m.pid3 = swedish(unused_test_personnummer(s));
  // The person must exist (default policy reject): register them first through the API.
  Client admin = s.client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  const std::string pnr = m.pid3.substr(0, 12);
  ASSERT_EQ(admin
                .post("/api/v1/persons",
                      {{"identifier", pnr}, {"givenName", "Test"}, {"familyName", "Testsson"}})
                .status,
            201);
  m.visit = unique("V-LUS-");
  m.ward_hsa = w.ward_hsa;
  m.control_id = unique("C-LUS-A01-");
  Reply r = post(c, m.text());
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(ack_code(r), "AA") << r.body;
  EXPECT_EQ(hl7::Message::parse(r.body).value("MSA", 2), m.control_id);
  const std::string episode =
      scalar(s, "SELECT id FROM inpatient_episodes WHERE external_visit_id = ?", m.visit);
  ASSERT_FALSE(episode.empty());
  EXPECT_EQ(scalar(s, "SELECT state FROM inpatient_episodes WHERE id = ?", episode), "admitted");
  EXPECT_EQ(
      scalar(s, "SELECT admitted_at FROM inpatient_episodes WHERE id = ?", episode).substr(0, 16),
      "2026-11-23T09:15");  // 10:15 Stockholm wall-clock time is 09:15 UTC in November
  EXPECT_EQ(scalar(s, "SELECT source FROM episode_events WHERE episode_id = ?", episode), "hl7v2");

  // A02: the care relation moves with the patient (PDL 4:1).
  m.trigger = "A02";
  m.control_id = unique("C-LUS-A02-");
  m.ward_hsa = w.other_ward_hsa;
  r = post(c, m.text());
  ASSERT_EQ(ack_code(r), "AA") << r.body;
  EXPECT_EQ(scalar(s, "SELECT ward_unit_id FROM inpatient_episodes WHERE id = ?", episode),
            w.other_ward_id);
  EXPECT_EQ(scalar(s,
                   "SELECT COUNT(*) FROM care_relations WHERE source_id = ? AND ended_at IS NULL "
                   "AND unit_id = '" +
                       w.ward_id + "'",
                   episode),
            "0");
  EXPECT_EQ(scalar(s,
                   "SELECT COUNT(*) FROM care_relations WHERE source_id = ? AND ended_at IS NULL "
                   "AND unit_id = '" +
                       w.other_ward_id + "'",
                   episode),
            "1");

  // A16: pending discharge sets the planned discharge (2 kap. 2 §).
  m.trigger = "A16";
  m.control_id = unique("C-LUS-A16-");
  m.planned_discharge = "20261127120000";
  r = post(c, m.text());
  ASSERT_EQ(ack_code(r), "AA") << r.body;
  EXPECT_EQ(scalar(s, "SELECT planned_discharge FROM inpatient_episodes WHERE id = ?", episode)
                .substr(0, 16),
            "2026-11-27T11:00");

  // A03 discharges and ends the ward's relation; A13 undoes it; A03 again.
  m.planned_discharge.clear();
  for (const std::string trigger : {"A03", "A13", "A03"}) {
    m.trigger = trigger;
    m.control_id = unique("C-LUS-" + trigger + "-");
    r = post(c, m.text());
    ASSERT_EQ(ack_code(r), "AA") << trigger << r.body;
  }
  EXPECT_EQ(scalar(s, "SELECT state FROM inpatient_episodes WHERE id = ?", episode), "discharged");
  EXPECT_EQ(
      scalar(s, "SELECT COUNT(*) FROM care_relations WHERE source_id = ? AND ended_at IS NULL",
             episode),
      "0");
  // A11 after discharge is not possible: AE with the reason, nothing changes.
  m.trigger = "A11";
  m.control_id = unique("C-LUS-A11-");
  r = post(c, m.text());
  EXPECT_EQ(ack_code(r), "AE");
  EXPECT_FALSE(ack_reason(r).empty());
  EXPECT_EQ(scalar(s, "SELECT state FROM inpatient_episodes WHERE id = ?", episode), "discharged");
  // Every applied message is in the audit log with the sending system as actor.
  EXPECT_EQ(scalar(s, "SELECT COUNT(*) FROM audit_log WHERE object_id = ? AND role = 'integration'",
                   episode),
            "6");
}

TEST_P(Hl7IngestTest, Issue19_AdmissionTypeAndIcd10DiagnosesAreKeptForTheFollowUp) {
  Server& s = server();
  const auto w = ids(s);
  const Client c = sender(s);
  Client admin = s.client();
  ASSERT_EQ(admin.sign_in("admin").status, 201);
  Adt m;
  m.pid3 = swedish(unused_test_personnummer(s));
  ASSERT_EQ(admin
                .post("/api/v1/persons", {{"identifier", m.pid3.substr(0, 12)},
                                          {"givenName", "Test"},
                                          {"familyName", "Testsson"}})
                .status,
            201);
  m.visit = unique("V-DG1-");
  m.ward_hsa = w.ward_hsa;
  m.control_id = unique("C-DG1-A01-");
  m.admission_type = "E";  // emergency: an acute admission
  m.dg1 = {"1|I10|I50.0^Hjärtsvikt^I10", "2|I9|428.0^CHF^I9"};
  Reply r = post(c, m.text());
  ASSERT_EQ(ack_code(r), "AA") << r.body;
  const std::string episode =
      scalar(s, "SELECT id FROM inpatient_episodes WHERE external_visit_id = ?", m.visit);
  EXPECT_EQ(scalar(s, "SELECT admission_kind FROM inpatient_episodes WHERE id = ?", episode),
            "acute");
  EXPECT_EQ(scalar(s, "SELECT COUNT(*) FROM episode_diagnoses WHERE episode_id = ?", episode), "1");
  // A03 with the final diagnoses replaces them, in priority order.
  m.trigger = "A03";
  m.control_id = unique("C-DG1-A03-");
  m.admission_type.clear();
  m.dg1 = {"1|I10|J44.1^KOL^I10||||||||||||2", "2|I10|I50.0^Hjärtsvikt^I10||||||||||||1"};
  r = post(c, m.text());
  ASSERT_EQ(ack_code(r), "AA") << r.body;
  EXPECT_EQ(scalar(s, "SELECT icd10_code FROM episode_diagnoses WHERE episode_id = ? AND rank = 1",
                   episode),
            "I500");
  EXPECT_EQ(scalar(s, "SELECT COUNT(*) FROM episode_diagnoses WHERE episode_id = ?", episode), "2");
  // An A03 without PV1-4 leaves the admission type as told.
  EXPECT_EQ(scalar(s, "SELECT admission_kind FROM inpatient_episodes WHERE id = ?", episode),
            "acute");
}

TEST_P(Hl7IngestTest, HL7_DuplicateControlIdIsAcknowledgedWithoutASecondEffect) {
  Server& s = server();
  const auto w = ids(s);
  const Client c = sender(s);
  Adt m;
  m.pid3 = swedish(scalar(s, "SELECT identifier FROM persons WHERE identifier_kind = ? LIMIT 1",
                          "personnummer"));
  m.visit = unique("V-DUP-");
  m.ward_hsa = w.ward_hsa;
  m.control_id = unique("C-DUP-");
  ASSERT_EQ(ack_code(post(c, m.text())), "AA");
  const auto episodes = s.count("inpatient_episodes");
  const auto events = s.count("episode_events");
  const Reply again = post(c, m.text());
  EXPECT_EQ(ack_code(again), "AA");
  EXPECT_EQ(s.count("inpatient_episodes"), episodes);
  EXPECT_EQ(s.count("episode_events"), events);
  // The same control id from another sender is another message.
  std::string other = m.text();
  other.replace(other.find("COSMIC"), 6, "TAKECARE");
  const Reply from_other = post(c, other);
  EXPECT_EQ(ack_code(from_other), "AE");  // the visit is already admitted
  EXPECT_NE(ack_reason(from_other).find("PV1-19"), std::string::npos);
}

TEST_P(Hl7IngestTest, HL7_MalformedOrUnsupportedMessagesChangeNothing) {
  Server& s = server();
  const auto w = ids(s);
  const Client c = sender(s);
  const auto episodes = s.count("inpatient_episodes");
  const auto audit = s.count("audit_log");

  Reply r = post(c, "this is not HL7");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(ack_code(r), "AR");
  Adt m;
  m.pid3 = swedish("191212121212");
  m.visit = unique("V-BAD-");
  m.ward_hsa = w.ward_hsa;
  m.control_id = unique("C-BAD-");
  m.trigger = "A28";  // not an event Nära takes (A04/A05: hl7_ward_codes_test.cpp)
  r = post(c, m.text());
  EXPECT_EQ(ack_code(r), "AR");
  EXPECT_NE(ack_reason(r).find("A28"), std::string::npos);
  m.trigger = "A01";
  m.ward_hsa = "SE0000000000-NOWARD";
  r = post(c, m.text());
  EXPECT_EQ(ack_code(r), "AE");
  EXPECT_NE(ack_reason(r).find("PV1-3"), std::string::npos);
  m.ward_hsa = w.ward_hsa;
  m.pid3 = swedish("191212121213");  // wrong check digit
  r = post(c, m.text());
  EXPECT_EQ(ack_code(r), "AE");
  EXPECT_NE(ack_reason(r).find("PID-3"), std::string::npos);
  m.pid3 = swedish("191212121212");
  m.event_time = "20261399";
  r = post(c, m.text());
  EXPECT_EQ(ack_code(r), "AE");
  EXPECT_NE(ack_reason(r).find("EVN-2"), std::string::npos);
  // A shared real-world sample: a US sender's ward code is not mapped (AE 103, held).
  std::ifstream sample(std::string(NARA_SHARED_DIR) + "/data/hl7v2/ADT-A01-01.hl7",
                       std::ios::binary);
  std::stringstream text;
  text << sample.rdbuf();
  r = post(c, text.str());
  EXPECT_EQ(ack_code(r), "AE") << r.body;
  EXPECT_EQ(s.count("inpatient_episodes"), episodes);
  EXPECT_EQ(s.count("audit_log"), audit);
}

TEST_P(Hl7IngestTest, HL7_OnlyASystemAccountSendsMessages) {
  Server& s = server();
  Client nurse = s.client();
  ASSERT_EQ(nurse.sign_in("avd.ssk").status, 201);
  EXPECT_EQ(post(nurse, "MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\r").status, 403);
  EXPECT_EQ(post(s.client(), "MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\r").status, 401);
  const Client c = sender(s);
  EXPECT_EQ(c.send("POST", "/api/v1/hl7/v2", "{}", {{"Content-Type", "application/json"}}).status,
            415);
}

TEST_P(Hl7IngestTest, HL7_UnknownPersonRegisteredWithReservnummerByConfiguration) {
  auto fresh =
      fresh_server(GetParam(), true, [](app::Config& c) { c.hl7_unknown_person = "reservnummer"; });
  Server& s = *fresh;
  const auto w = ids(s);
  const Client c = sender(s);
  Adt m;
  m.pid3 = "MRN-4711^^^COSMIC^MR";  // the hospital's own number, no Swedish identity
  m.birth = "19380412";
  m.family = "Okändsson";
  m.visit = "V-RES-1";
  m.ward_hsa = w.ward_hsa;
  m.control_id = "C-RES-1";
  Reply r = post(c, m.text());
  ASSERT_EQ(ack_code(r), "AA") << r.body;
  const std::string person =
      scalar(s, "SELECT person_id FROM inpatient_episodes WHERE external_visit_id = ?", m.visit);
  EXPECT_EQ(scalar(s, "SELECT identifier FROM persons WHERE id = ?", person), "19380412001R");
  EXPECT_EQ(scalar(s, "SELECT identifier_kind FROM persons WHERE id = ?", person),
            "local_reservnummer");
  // The next message with the same hospital number finds the same person.
  m.trigger = "A03";
  m.control_id = "C-RES-2";
  r = post(c, m.text());
  EXPECT_EQ(ack_code(r), "AA") << r.body;
  // Without a birth date no reservnummer can be formed: AE, nothing registered.
  const auto persons = s.count("persons");
  Adt nameless = m;
  nameless.trigger = "A01";
  nameless.pid3 = "MRN-4712^^^COSMIC^MR";
  nameless.birth.clear();
  nameless.visit = "V-RES-2";
  nameless.control_id = "C-RES-3";
  r = post(c, nameless.text());
  EXPECT_EQ(ack_code(r), "AE");
  EXPECT_NE(ack_reason(r).find("PID-7"), std::string::npos);
  EXPECT_EQ(s.count("persons"), persons);
  // A valid personnummer Nära has not seen is registered with that number.
  Adt known = nameless;
  const std::string pnr = unused_test_personnummer(s);
  known.pid3 = swedish(pnr);
  known.control_id = "C-RES-4";
  r = post(c, known.text());
  EXPECT_EQ(ack_code(r), "AA") << r.body;
  EXPECT_EQ(scalar(s, "SELECT identifier_kind FROM persons WHERE identifier = ?", pnr),
            "personnummer");
}

TEST_P(Hl7IngestTest, HL7_UnknownPersonRejectedByDefault) {
  Server& s = server();
  const auto w = ids(s);
  Adt m;
  m.pid3 = swedish(unused_test_personnummer(s));
  m.visit = unique("V-REJ-");
  m.ward_hsa = w.ward_hsa;
  m.control_id = unique("C-REJ-");
  const auto persons = s.count("persons");
  const Reply r = post(sender(s), m.text());
  EXPECT_EQ(ack_code(r), "AE");
  EXPECT_EQ(s.count("persons"), persons);
}

// MLLP: pipelined admit/discharge pairs on one connection, ACKs in order, all committed.
TEST_P(Hl7IngestTest, MLLP_PipelinedMessagesAreAcknowledgedInOrderAfterCommit) {
  auto fresh = fresh_server(GetParam(), true, [](app::Config& c) { c.hl7_port = 0; });
  Server& s = *fresh;
  const auto w = ids(s);
  const auto people = s.instance->database().read([](store::Transaction& tx) {
    const auto rs = tx.query(
        "SELECT identifier FROM persons WHERE identifier_kind = 'personnummer' ORDER BY id LIMIT "
        "20");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(rs.row(i).text(0));
    return out;
  });
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), *s.instance->hl7_port()});
  std::string frames;
  std::vector<std::string> controls;
  for (std::size_t i = 0; i < people.size(); ++i) {
    for (const std::string trigger : {"A01", "A03"}) {
      Adt m;
      m.trigger = trigger;
      m.pid3 = swedish(people[i]);
      m.visit = "V-MLLP-" + std::to_string(i);
      m.ward_hsa = w.ward_hsa;
      m.control_id = "C-MLLP-" + std::to_string(i) + trigger;
      controls.push_back(m.control_id);
      frames += hl7::mllp_frame(m.text());
    }
  }
  boost::asio::write(socket, boost::asio::buffer(frames));
  hl7::MllpDecoder decoder;
  std::vector<std::string> acks;
  std::array<char, 4096> buffer{};
  while (acks.size() < controls.size()) {
    const auto n = socket.read_some(boost::asio::buffer(buffer));
    for (auto& a : decoder.feed(std::string_view(buffer.data(), n))) acks.push_back(a);
  }
  for (std::size_t i = 0; i < controls.size(); ++i) {
    const auto ack = hl7::Message::parse(acks[i]);
    EXPECT_EQ(ack.value("MSA", 1), "AA") << acks[i];
    EXPECT_EQ(ack.value("MSA", 2), controls[i]);
  }
  EXPECT_EQ(s.instance->database().read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT COUNT(*) FROM inpatient_episodes WHERE state = 'discharged' AND "
            "external_visit_id LIKE 'V-MLLP-%'")
        .row(0)
        .int64(0);
  }),
            static_cast<std::int64_t>(people.size()));
  // A framing error closes the connection and changes nothing.
  boost::asio::ip::tcp::socket bad(io);
  bad.connect({boost::asio::ip::make_address("127.0.0.1"), *s.instance->hl7_port()});
  boost::asio::write(bad, boost::asio::buffer(std::string("garbage before a frame")));
  boost::system::error_code ec;
  const auto n = bad.read_some(boost::asio::buffer(buffer), ec);
  EXPECT_EQ(n, 0U);
  EXPECT_TRUE(ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset)
      << ec.message();
}

INSTANTIATE_TEST_SUITE_P(Engines, Hl7IngestTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
