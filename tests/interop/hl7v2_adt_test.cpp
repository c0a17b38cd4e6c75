// Issue 4 point 6: MLLP framing and ADT messages as episode commands.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "interop/hl7v2/adt.hpp"
#include "interop/hl7v2/mllp.hpp"
#include "shared_samples.hpp"

namespace nara::interop::hl7v2 {
namespace {

using test::read_sample;

TEST(Mllp, FramesSurviveArbitraryChunking) {
  const std::string a = read_sample("ADT-A01-01.hl7");
  const std::string b = read_sample("ADT-A03-01.hl7");
  const std::string stream = mllp_frame(a) + mllp_frame(b);
  for (std::size_t chunk : {1UL, 7UL, 100UL, 100000UL}) {
    MllpDecoder decoder;
    std::vector<std::string> got;
    for (std::size_t i = 0; i < stream.size(); i += chunk) {
      for (auto& m : decoder.feed(std::string_view(stream).substr(i, chunk)))
        got.push_back(std::move(m));
    }
    ASSERT_FALSE(decoder.error()) << *decoder.error();
    ASSERT_EQ(got.size(), 2U) << "chunk " << chunk;
    EXPECT_EQ(got[0], a);
    EXPECT_EQ(got[1], b);
  }
}

TEST(Mllp, ProtocolViolationsStopTheStream) {
  MllpDecoder garbage;
  garbage.feed("GET / HTTP/1.1\r\n");
  EXPECT_TRUE(garbage.error());
  MllpDecoder unterminated;
  unterminated.feed(std::string(1, kStartBlock) + "MSH|x" + kEndBlock + "X");
  EXPECT_TRUE(unterminated.error());
  MllpDecoder small(100);
  small.feed(std::string(1, kStartBlock) + std::string(200, 'a'));
  EXPECT_TRUE(small.error());
}

TEST(AdtMapping, EverySampleTriggerMapsToItsAction) {
  const std::map<std::string, AdtAction> expected{{"ADT-A01-01.hl7", AdtAction::admit},
                                                  {"ADT-A02-01.hl7", AdtAction::transfer},
                                                  {"ADT-A03-01.hl7", AdtAction::discharge},
                                                  {"ADT-A08-01.hl7", AdtAction::update},
                                                  {"ADT-A11-01.hl7", AdtAction::cancel_admit},
                                                  {"ADT-A13-01.hl7", AdtAction::cancel_discharge},
                                                  {"ADT-A16-01.hl7", AdtAction::pending_discharge},
                                                  {"ADT01-23.hl7", AdtAction::admit}};
  for (const auto& [file, action] : expected) {
    SCOPED_TRACE(file);
    const auto mapped = map_adt(Message::parse(read_sample(file)));
    ASSERT_TRUE(std::holds_alternative<AdtCommand>(mapped))
        << std::get<AdtRejection>(mapped).reason;
    const auto& c = std::get<AdtCommand>(mapped);
    EXPECT_EQ(c.action, action);
    EXPECT_FALSE(c.person_identifier.empty());
    EXPECT_FALSE(c.ward.empty());
    EXPECT_FALSE(c.event_time.empty());
  }
  const auto pending = std::get<AdtCommand>(map_adt(Message::parse(read_sample("ADT-A16-01.hl7"))));
  EXPECT_EQ(pending.planned_discharge, "20150210113419+0110");  // PV2-9 expected discharge
  EXPECT_EQ(pending.ward, "HUH AE OMU");
}

TEST(AdtMapping, DomainRules5_1_ASwedishSenderPutsThePersonnummerOidInPid3) {
  const Message m = Message::parse(
      "MSH|^~\\&|COSMIC|SVS|NARA|RVN|20261123101500||ADT^A01^ADT_A01|C123|P|2.5\r"
      "EVN|A01|20261123101000\r"
      "PID|1||9001^^^LOCAL&1.2.3&ISO~191212121212^^^&1.2.752.129.2.1.3.1&ISO^NNSWE||Tolvansson^"
      "Tolvan\r"
      "PV1|1|I|MED1^^^SVS||||||||||||||||V4711\r");
  const auto c = std::get<AdtCommand>(map_adt(m));
  EXPECT_EQ(c.person_identifier, "191212121212");
  EXPECT_EQ(c.person_identifier_system, kPersonnummerOid);
  EXPECT_EQ(c.family_name, "Tolvansson");
  EXPECT_EQ(c.visit_number, "V4711");
  EXPECT_EQ(c.event_time, "20261123101000");
}

TEST(AdtMapping, Issue19_Pv1_4AdmissionTypeTellsAcuteFromPlanned) {
  // ADT-A01-01.hl7 (a peer's sample) has PV1-4 "E", an emergency admission.
  const auto sample = std::get<AdtCommand>(map_adt(Message::parse(read_sample("ADT-A01-01.hl7"))));
  EXPECT_EQ(sample.admission_kind, "acute");
  const auto with_type = [](const std::string& type) {
    return std::get<AdtCommand>(
               map_adt(Message::parse(
                   "MSH|^~\\&|A|B|||20260101||ADT^A01|1|P|2.5\rPID|1||x\rPV1|1|I|W|" + type +
                   "|||||||||||||||V1")))
        .admission_kind;
  };
  EXPECT_EQ(with_type("U"), "acute");
  EXPECT_EQ(with_type("A"), "acute");
  EXPECT_EQ(with_type("R"), "planned");
  EXPECT_EQ(with_type("C"), "planned");
  EXPECT_EQ(with_type("N"), "");  // newborn: neither, not guessed
  EXPECT_EQ(with_type(""), "");
}

TEST(AdtMapping, Issue19_Dg1KeepsOnlyIcd10CodesInPriorityOrder) {
  // The shared samples code their diagnoses in ICD-9 and SNOMED CT: none is kept as ICD-10.
  for (const char* file : {"ADT-A01-01.hl7", "ADT01-23.hl7"}) {
    const auto c = std::get<AdtCommand>(map_adt(Message::parse(read_sample(file))));
    EXPECT_TRUE(c.icd10_diagnoses.empty()) << file;
  }
  const std::string message =
      "MSH|^~\\&|A|B|||20260101||ADT^A03|1|P|2.5\rPID|1||x\rPV1|1|I|W|E|||||||||||||||V1\r"
      "DG1|1|I10|J44.1^KOL med akut exacerbation^I10||||||||||||2\r"
      "DG1|2||i50.0^Hjärtsvikt^ICD-10-SE||||||||||||1\r"
      "DG1|3|I9|428.0^CHF^I9\r"
      "DG1|4||N39.0^UVI^1.2.752.116.1.1.1\r"
      "DG1|5|I10|J44.1^again^I10||||||||||||3\r"
      "DG1|6|I10|not a code^x^I10";
  const auto c = std::get<AdtCommand>(map_adt(Message::parse(message)));
  // Priority 1, then 2, then those without a priority in message order; duplicates once.
  EXPECT_EQ(c.icd10_diagnoses, (std::vector<std::string>{"I500", "J441", "N390"}));
}

TEST(AdtMapping, OtherMessagesAreRejectedWithAReason) {
  const auto orm =
      map_adt(Message::parse("MSH|^~\\&|A||||20260101||ORM^O01|1|P|2.5\rPID|1||x\rPV1|1"));
  ASSERT_TRUE(std::holds_alternative<AdtRejection>(orm));
  const auto a04 =
      map_adt(Message::parse("MSH|^~\\&|A||||20260101||ADT^A04|1|P|2.5\rPID|1||x\rPV1|1"));
  EXPECT_NE(std::get<AdtRejection>(a04).reason.find("A04"), std::string::npos);
  const auto no_pid = map_adt(Message::parse("MSH|^~\\&|A||||20260101||ADT^A01|1|P|2.5\rPV1|1"));
  EXPECT_NE(std::get<AdtRejection>(no_pid).reason.find("PID"), std::string::npos);
}

}  // namespace
}  // namespace nara::interop::hl7v2

namespace nara::interop::hl7v2 {
namespace {

std::string utc(std::optional<core::Instant> at) {
  return at ? core::format_iso8601(*at) : "invalid";
}

// HL7 v2.5 2A.3.22 DTM: precision by length, optional fraction, optional offset; a Swedish sender
// without an offset means Stockholm wall-clock time (CET/CEST).
TEST(Hl7Dtm, HL7_2A_3_22_PrecisionOffsetAndStockholmLocalTime) {
  EXPECT_EQ(utc(parse_dtm("20261123101500")), "2026-11-23T09:15:00Z");
  EXPECT_EQ(utc(parse_dtm("20260623101500")), "2026-06-23T08:15:00Z");
  EXPECT_EQ(utc(parse_dtm("202611231015")), "2026-11-23T09:15:00Z");
  EXPECT_EQ(utc(parse_dtm("20261123")), "2026-11-22T23:00:00Z");
  EXPECT_EQ(utc(parse_dtm("2026")), "2025-12-31T23:00:00Z");
  EXPECT_EQ(utc(parse_dtm("20261123101500+0000")), "2026-11-23T10:15:00Z");
  EXPECT_EQ(utc(parse_dtm("198908181126+0215")), "1989-08-18T09:11:00Z");
  EXPECT_EQ(utc(parse_dtm("20210817151943.4+0200")), "2021-08-17T13:19:43.400000Z");
  // The spring gap: 02:30 does not exist on 2026-03-29 and reads as 03:30 CEST.
  EXPECT_EQ(utc(parse_dtm("202603290230")), "2026-03-29T01:30:00Z");
  for (const char* bad : {"", "202", "2026112", "20261399", "20260230", "20261123256000",
                          "20261123+01", "2026-11-23", "20261123101500.12345", "x0261123"}) {
    EXPECT_FALSE(parse_dtm(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace nara::interop::hl7v2
