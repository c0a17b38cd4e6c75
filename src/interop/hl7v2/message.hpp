#pragma once
// HL7 version 2 messages: parsing with the delimiters the message declares in MSH-1/MSH-2,
// escape sequences, repetitions, components and sub-components, and building acknowledgements.
// Pure text in, values out: the MLLP listener and the ADT mapping sit on top of this.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nara::interop::hl7v2 {

struct Delimiters {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';
  char subcomponent = '&';
};

// HL7 table 0357, message error condition codes, as ERR-3 carries them (HL7 v2.5 2.15.5.3).
enum class ErrorCode {
  accepted = 0,                     // message accepted (an informational note on an AA)
  segment_sequence = 100,           // a segment missing, out of order or not one the message has
  required_field_missing = 101,     // a field the message needs is empty
  data_type = 102,                  // a field's value is not of its data type (a date, a number)
  table_value_not_found = 103,      // a coded value (a ward code) is not in the receiver's table
  unsupported_message_type = 200,   // MSH-9.1
  unsupported_event_code = 201,     // MSH-9.2
  unsupported_processing_id = 202,  // MSH-11
  unsupported_version_id = 203,     // MSH-12
  unknown_key_identifier = 204,     // a record the message refers to is not known (PV1-19, PID-3)
  duplicate_key_identifier = 205,   // a record the message would create exists already
  application_record_locked = 206,
  application_internal_error = 207,  // the application cannot do it (e.g. the episode's state)
};
int number(ErrorCode code);
std::string_view description(ErrorCode code);  // the table's text, e.g. "Table value not found"

// Where in the original message an error lies (ERR-2, data type ERL): segment and field, and the
// component when it is one part of the field (0 for the whole field).
struct ErrorLocation {
  std::string segment;
  int field = 0;
  int component = 0;
};

// One ERR segment: ERR-2 location, ERR-3 code, ERR-4 severity (E error, W warning, I
// information), ERR-6 the values the error is about (an unknown ward code and its facility);
// ERR-8 is the acknowledgement's reason.
struct AckError {
  ErrorCode code = ErrorCode::application_internal_error;
  std::optional<ErrorLocation> location;
  std::vector<std::string> parameters;
  char severity = 'E';
};

class ParseError : public std::runtime_error {
 public:
  explicit ParseError(const std::string& what, ErrorCode code = ErrorCode::segment_sequence)
      : std::runtime_error(what), code_(code) {}
  [[nodiscard]] ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// One segment's fields, still escaped; indices follow the standard (PID-3 is field(3)).
class Segment {
 public:
  Segment(std::string name, std::vector<std::string> raw_fields)
      : name_(std::move(name)), fields_(std::move(raw_fields)) {}
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::size_t field_count() const { return fields_.size(); }
  // Raw (escaped) text of field n, or empty when absent.
  [[nodiscard]] const std::string& raw(std::size_t n) const;

 private:
  std::string name_;
  std::vector<std::string> fields_;  // fields_[n] is field n; fields_[0] is the name
};

class Message {
 public:
  // Accepts \r (the standard), \n or \r\n between segments, a leading byte-order mark and trailing
  // spaces. Throws ParseError when the text is not an HL7 v2 message.
  static Message parse(std::string_view text);

  [[nodiscard]] const Delimiters& delimiters() const { return delimiters_; }
  [[nodiscard]] const std::vector<Segment>& segments() const { return segments_; }
  [[nodiscard]] const Segment* first(std::string_view name) const;
  [[nodiscard]] std::vector<const Segment*> all(std::string_view name) const;

  // The unescaped value at SEG-field(repetition).component.subcomponent, 1-based as in the
  // standard (repetition 1 is the first); empty when absent.
  [[nodiscard]] std::string value(std::string_view segment, std::size_t field,
                                  std::size_t component = 1, std::size_t subcomponent = 1,
                                  std::size_t repetition = 1) const;
  // Every repetition of a field, each as its raw text.
  [[nodiscard]] std::vector<std::string> repetitions(std::string_view segment,
                                                     std::size_t field) const;
  // Splits raw text of one repetition into unescaped components / sub-components.
  [[nodiscard]] std::string component_of(const std::string& raw_repetition, std::size_t component,
                                         std::size_t subcomponent = 1) const;

  [[nodiscard]] std::string message_type() const { return value("MSH", 9, 1); }   // ADT
  [[nodiscard]] std::string trigger_event() const { return value("MSH", 9, 2); }  // A01
  [[nodiscard]] std::string control_id() const { return value("MSH", 10); }
  [[nodiscard]] std::string version() const { return value("MSH", 12); }

  // Undoes HL7 escapes: \F\ \S\ \T\ \R\ \E\, \Xhh…\ (hex bytes) and \.br\ (line break); an unknown
  // or unterminated escape is kept as it is.
  [[nodiscard]] std::string unescape(std::string_view text) const;

 private:
  Delimiters delimiters_;
  std::vector<Segment> segments_;
};

enum class AckCode { accept, error, reject };  // AA, AE, AR

// An ACK to `original` (or a minimal one when the original could not be parsed): MSH with sender
// and receiver swapped, MSA with the code, the original control id and the reason, and ERR with
// `error` (an AA carries one only as a note, e.g. severity I). An AE or AR without `error` gets
// 207 (AE) or 100 (AR). `now` is the HL7 timestamp (YYYYMMDDHHMMSS) of the acknowledgement.
std::string build_ack(const Message* original, AckCode code, const std::string& reason,
                      const std::string& now, const std::string& control_id,
                      const std::optional<AckError>& error = std::nullopt);

// Escapes text for use inside an HL7 field with the default delimiters.
std::string escape(std::string_view text);

}  // namespace nara::interop::hl7v2
