// Issue 20 point 5: each refusal carries its HL7 table 0357 code in ERR-3 (HL7 v2.5 2.15.5.3),
// and PV1-3's point of care is read with the facility whose code it is.
#include <gtest/gtest.h>

#include "interop/hl7v2/adt.hpp"
#include "shared_samples.hpp"

namespace nara::interop::hl7v2 {
namespace {

using test::read_sample;

std::string msh(const std::string& type, const std::string& processing = "P",
                const std::string& version = "2.5") {
  return "MSH|^~\\&|COSMIC|SUNDSVALLS SJUKHUS|NARA|RVN|20261123101500||" + type + "|C1|" +
         processing + "|" + version + "\r";
}

const std::string kBody =
    "PID|1||191212121212^^^&1.2.752.129.2.1.3.1&ISO\rPV1|1|I|MED3|||||||||||||||V1\r";

AdtRejection rejected(const std::string& text) {
  const auto mapped = map_adt(Message::parse(text));
  EXPECT_TRUE(std::holds_alternative<AdtRejection>(mapped)) << text;
  return std::holds_alternative<AdtRejection>(mapped) ? std::get<AdtRejection>(mapped)
                                                      : AdtRejection{};
}

TEST(Hl7ErrorCodes, HL7_Table0357_EachRefusalOfTheMessageItselfHasItsCode) {
  EXPECT_EQ(rejected(msh("ORM^O01") + kBody).error.code, ErrorCode::unsupported_message_type);
  EXPECT_EQ(rejected(msh("ADT^A99") + kBody).error.code, ErrorCode::unsupported_event_code);
  // Training and debugging messages do not drive real episodes.
  const auto training = rejected(msh("ADT^A01", "T") + kBody);
  EXPECT_EQ(training.error.code, ErrorCode::unsupported_processing_id);
  EXPECT_NE(training.reason.find("MSH-11"), std::string::npos);
  EXPECT_EQ(rejected(msh("ADT^A01", "") + kBody).error.code, ErrorCode::required_field_missing);
  EXPECT_EQ(rejected(msh("ADT^A01", "P", "3.0") + kBody).error.code,
            ErrorCode::unsupported_version_id);
  EXPECT_EQ(rejected(msh("ADT^A01") + "PV1|1|I|MED3\r").error.code, ErrorCode::segment_sequence);
  const auto no_id = rejected(msh("ADT^A01") + "PID|1||\rPV1|1|I|MED3\r");
  EXPECT_EQ(no_id.error.code, ErrorCode::required_field_missing);
  ASSERT_TRUE(no_id.error.location.has_value());
  EXPECT_EQ(no_id.error.location->segment, "PID");
  EXPECT_EQ(no_id.error.location->field, 3);
  // Every shared sample is 2.x and P: none is refused for its envelope.
  for (const char* file : {"ADT-A01-01.hl7", "ADT01-23.hl7"})
    EXPECT_TRUE(std::holds_alternative<AdtCommand>(map_adt(Message::parse(read_sample(file)))));
}

TEST(Hl7ErrorCodes, HL7_A04AndA05AreNotApplicableRatherThanUnsupported) {
  for (const char* trigger : {"ADT^A04", "ADT^A05"}) {
    const auto r = rejected(msh(trigger) + kBody);
    EXPECT_TRUE(r.not_applicable) << trigger;
    EXPECT_EQ(r.error.code, ErrorCode::unsupported_event_code);
    EXPECT_NE(r.reason.find(std::string(trigger).substr(4)), std::string::npos);
  }
  EXPECT_FALSE(rejected(msh("ADT^A28") + kBody).not_applicable);
}

TEST(Hl7ErrorCodes, HL7_Table0357_ParseErrorsNameTheirCode) {
  const auto code = [](const std::string& text) {
    try {
      Message::parse(text);
    } catch (const ParseError& e) {
      return e.code();
    }
    return ErrorCode::accepted;
  };
  EXPECT_EQ(code("PID|1|x"), ErrorCode::segment_sequence);
  EXPECT_EQ(code("MSH|^~\\&|A||||20260101||ADT^A01||P|2.5"), ErrorCode::required_field_missing);
  EXPECT_EQ(code("MSH|^~\\&|A||||20260101|||X|P|2.5"), ErrorCode::required_field_missing);
  EXPECT_EQ(code("MSH|^~|A|B||"), ErrorCode::data_type);  // MSH-2 lacks two characters
}

// PL (HL7 v2.5 2A.53): PV1-3.1 point of care, PV1-3.4 facility (an HD).
TEST(Hl7WardCode, HL7_PL_PointOfCareIsReadWithItsFacilityElseTheSendingFacility) {
  const auto a01 = std::get<AdtCommand>(map_adt(Message::parse(read_sample("ADT-A01-01.hl7"))));
  EXPECT_EQ(a01.ward, "HUH AE OMU");  // 2.8: point of care is an HD, its namespace id
  EXPECT_EQ(a01.ward_facility, "HOMERTON UNIVER");
  const auto old = std::get<AdtCommand>(map_adt(Message::parse(read_sample("ADT01-23.hl7"))));
  EXPECT_EQ(old.ward, "PREOP");
  EXPECT_EQ(old.ward_facility, "1");
  // Without PV1-3.4 the code is the sending facility's (MSH-4).
  const auto plain = std::get<AdtCommand>(map_adt(Message::parse(msh("ADT^A01") + kBody)));
  EXPECT_EQ(plain.ward, "MED3");
  EXPECT_EQ(plain.ward_facility, "SUNDSVALLS SJUKHUS");
  // A facility given by its universal id only (an OID).
  const auto by_oid = std::get<AdtCommand>(map_adt(Message::parse(
      msh("ADT^A01") + "PID|1||x\rPV1|1|I|MED3^12^1^&1.2.752.29.4.19&ISO|||||||||||||||V1\r")));
  EXPECT_EQ(by_oid.ward_facility, "1.2.752.29.4.19");
  // A fixed-width sender's padding is not part of the code.
  const auto padded = std::get<AdtCommand>(map_adt(
      Message::parse(msh("ADT^A01") + "PID|1||x\rPV1|1|I|MED3  ^^^SVS |||||||||||||||V1\r")));
  EXPECT_EQ(padded.ward, "MED3");
  EXPECT_EQ(padded.ward_facility, "SVS");
}

TEST(Hl7Ack, HL7_ERR_CarriesLocationCodeSeverityAndTheUnmappedCode) {
  const Message m = Message::parse(read_sample("ADT-A01-01.hl7"));
  const std::string ack = build_ack(&m, AckCode::error, "Koden saknas", "20261123120000", "ACK1",
                                    AckError{ErrorCode::table_value_not_found,
                                             ErrorLocation{"PV1", 3, 1},
                                             {"HUH AE OMU", "HOMERTON UNIVER"},
                                             'E'});
  const Message parsed = Message::parse(ack);
  EXPECT_EQ(parsed.value("MSA", 1), "AE");
  EXPECT_EQ(parsed.value("ERR", 2, 1), "PV1");
  EXPECT_EQ(parsed.value("ERR", 2, 3), "3");
  EXPECT_EQ(parsed.value("ERR", 2, 5), "1");
  EXPECT_EQ(parsed.value("ERR", 3, 1), "103");
  EXPECT_EQ(parsed.value("ERR", 3, 2), "Table value not found");
  EXPECT_EQ(parsed.value("ERR", 3, 3), "HL70357");
  EXPECT_EQ(parsed.value("ERR", 4), "E");
  EXPECT_EQ(parsed.value("ERR", 6, 1, 1, 1), "HUH AE OMU");
  EXPECT_EQ(parsed.value("ERR", 6, 1, 1, 2), "HOMERTON UNIVER");
  EXPECT_EQ(parsed.value("ERR", 8), "Koden saknas");

  // An AA may carry a note: MSA-3 and an ERR of severity I.
  const Message noted = Message::parse(
      build_ack(&m, AckCode::accept, "Gäller inte", "20261123120000", "ACK2",
                AckError{ErrorCode::unsupported_event_code, ErrorLocation{"MSH", 9, 2}, {}, 'I'}));
  EXPECT_EQ(noted.value("MSA", 1), "AA");
  EXPECT_EQ(noted.value("MSA", 3), "Gäller inte");
  EXPECT_EQ(noted.value("ERR", 3, 1), "201");
  EXPECT_EQ(noted.value("ERR", 4), "I");
  // Without an error given, an AR is a segment sequence error and an AE an internal one.
  EXPECT_EQ(Message::parse(build_ack(nullptr, AckCode::reject, "x", "20261123120000", "A3"))
                .value("ERR", 3, 1),
            "100");
  EXPECT_EQ(
      Message::parse(build_ack(&m, AckCode::error, "x", "20261123120000", "A4")).value("ERR", 3, 1),
      "207");
  EXPECT_EQ(number(ErrorCode::duplicate_key_identifier), 205);
  EXPECT_EQ(description(ErrorCode::application_record_locked), "Application record locked");
}

}  // namespace
}  // namespace nara::interop::hl7v2
