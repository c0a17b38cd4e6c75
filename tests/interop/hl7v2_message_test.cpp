// Issue 4 point 6: the HL7 v2 parser handles every shared sample message — escapes, repetitions,
// components, sub-components — and builds acknowledgements.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "interop/hl7v2/message.hpp"
#include "shared_samples.hpp"

namespace nara::interop::hl7v2 {
namespace {

using test::read_sample;

TEST(Hl7v2, EverySharedSampleParsesWithItsTypeAndControlId) {
  const std::map<std::string, std::string> expected{
      {"ADT-A01-01.hl7", "A01"}, {"ADT-A02-01.hl7", "A02"}, {"ADT-A03-01.hl7", "A03"},
      {"ADT-A08-01.hl7", "A08"}, {"ADT-A11-01.hl7", "A11"}, {"ADT-A13-01.hl7", "A13"},
      {"ADT-A16-01.hl7", "A16"}, {"ADT01-23.hl7", "A01"}};
  for (const auto& [file, trigger] : expected) {
    SCOPED_TRACE(file);
    const auto text = read_sample(file);
    ASSERT_FALSE(text.empty());
    const Message m = Message::parse(text);
    EXPECT_EQ(m.message_type(), "ADT");
    EXPECT_EQ(m.trigger_event(), trigger);
    EXPECT_FALSE(m.control_id().empty());
    ASSERT_NE(m.first("PID"), nullptr);
    EXPECT_NE(m.first("PV1"), nullptr);
  }
}

TEST(Hl7v2, ComponentsRepetitionsAndSubcomponents) {
  const Message m = Message::parse(read_sample("ADT-A01-01.hl7"));
  EXPECT_EQ(m.value("MSH", 1), "|");
  EXPECT_EQ(m.value("MSH", 2), "^~\\&");
  EXPECT_EQ(m.value("MSH", 4, 2), "2.16.840.1.122848.1.30");
  EXPECT_EQ(m.control_id(), "MSG00001");
  EXPECT_EQ(m.version(), "2.8");
  // PID-3 has two repetitions; the first's fourth component has sub-components.
  const auto ids = m.repetitions("PID", 3);
  ASSERT_EQ(ids.size(), 2U);
  EXPECT_EQ(m.component_of(ids[0], 1), "PATID1234");
  EXPECT_EQ(m.component_of(ids[0], 4, 2), "2.16.1");
  EXPECT_EQ(m.component_of(ids[1], 1), "123456789");
  EXPECT_EQ(m.value("PID", 3, 4, 1, 2), "USSSA");
  EXPECT_EQ(m.value("PID", 5, 1, 5), "Aniston");  // family name's own surname sub-component
  EXPECT_EQ(m.value("PID", 5, 2), "ADAM");
  EXPECT_EQ(m.value("PID", 5, 2, 1, 3), "");  // absent repetition
  EXPECT_EQ(m.value("ZZZ", 1), "");           // absent segment
}

TEST(Hl7v2, EscapeSequencesAreUndone) {
  const Message m = Message::parse(
      "MSH|^~\\&|A|B|C|D|20260101||ADT^A01|X1|P|2.5\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\."
      "br\\g\\X41C3A5\\h\\Z9\\\r");
  EXPECT_EQ(m.value("NTE", 3), "a|b^c&d~e\\f\ngAåh\\Z9\\");
  const Message samples = Message::parse(read_sample("ADT-A01-01.hl7"));
  bool found = false;
  for (const auto& s : samples.segments()) {
    for (std::size_t f = 1; f < s.field_count(); ++f)
      found = found || s.raw(f).find("\\T\\") != std::string::npos;
  }
  EXPECT_TRUE(found) << "the sample is expected to carry an escaped ampersand";
}

TEST(Hl7v2, SegmentSeparatorsByteOrderMarkAndTrailingSpaces) {
  const Message crlf =
      Message::parse("MSH|^~\\&|A||||20260101||ADT^A03|42|P|2.5\r\nPID|1||191212121212^^^^PN\r\n");
  EXPECT_EQ(crlf.value("PID", 3), "191212121212");
  const Message bom = Message::parse(read_sample("ADT01-23.hl7"));
  EXPECT_EQ(bom.control_id(), "599102");
  EXPECT_EQ(bom.value("PID", 5, 1), "DUCK");
  EXPECT_EQ(bom.value("PID", 30), "NO");  // the trailing space after it is not part of the value
}

TEST(Hl7v2, MalformedMessagesAreRefused) {
  EXPECT_THROW(Message::parse(""), ParseError);
  EXPECT_THROW(Message::parse("PID|1|x"), ParseError);
  EXPECT_THROW(Message::parse("MSH|^~"), ParseError);
  EXPECT_THROW(Message::parse("MSH|^~\\&|A||||20260101||ADT^A01||P|2.5"),
               ParseError);                                                       // no control id
  EXPECT_THROW(Message::parse("MSH|^~\\&|A||||20260101|||X|P|2.5"), ParseError);  // no type
  EXPECT_THROW(Message::parse("MSH|^~\\&|A||||20260101||ADT^A01|1|P|2.5\rp!d|x"), ParseError);
}

TEST(Hl7v2, AcknowledgementsSwapSenderAndReceiverAndCarryTheReason) {
  const Message m = Message::parse(read_sample("ADT-A03-01.hl7"));
  const std::string ack =
      build_ack(&m, AckCode::error, "Okänd person | saknas", "20261123120000", "ACK1");
  const Message parsed = Message::parse(ack);
  EXPECT_EQ(parsed.message_type(), "ACK");
  EXPECT_EQ(parsed.trigger_event(), "A03");
  EXPECT_EQ(parsed.value("MSH", 3), m.value("MSH", 5));
  EXPECT_EQ(parsed.value("MSH", 5), m.value("MSH", 3));
  EXPECT_EQ(parsed.value("MSA", 1), "AE");
  EXPECT_EQ(parsed.value("MSA", 2), m.control_id());
  EXPECT_EQ(parsed.value("MSA", 3), "Okänd person | saknas");
  ASSERT_NE(parsed.first("ERR"), nullptr);
  const Message accepted =
      Message::parse(build_ack(&m, AckCode::accept, "", "20261123120000", "ACK2"));
  EXPECT_EQ(accepted.value("MSA", 1), "AA");
  EXPECT_EQ(accepted.first("ERR"), nullptr);
  const Message rejected = Message::parse(
      build_ack(nullptr, AckCode::reject, "Kunde inte tolkas", "20261123120000", "ACK3"));
  EXPECT_EQ(rejected.value("MSA", 1), "AR");
}

}  // namespace
}  // namespace nara::interop::hl7v2
