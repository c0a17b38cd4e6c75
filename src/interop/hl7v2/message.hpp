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

class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
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
// and receiver swapped, MSA with the code, the original control id and the reason, and ERR when
// the code is not AA. `now` is the HL7 timestamp (YYYYMMDDHHMMSS) of the acknowledgement.
std::string build_ack(const Message* original, AckCode code, const std::string& reason,
                      const std::string& now, const std::string& control_id);

// Escapes text for use inside an HL7 field with the default delimiters.
std::string escape(std::string_view text);

}  // namespace nara::interop::hl7v2
