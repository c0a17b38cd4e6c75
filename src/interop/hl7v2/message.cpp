#include "interop/hl7v2/message.hpp"

#include <charconv>

namespace nara::interop::hl7v2 {

namespace {

const std::string kEmpty;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find(separator, start);
    parts.push_back(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string_view nth(const std::vector<std::string_view>& parts, std::size_t one_based) {
  return one_based >= 1 && one_based <= parts.size() ? parts[one_based - 1] : std::string_view{};
}

}  // namespace

const std::string& Segment::raw(std::size_t n) const {
  return n < fields_.size() ? fields_[n] : kEmpty;
}

Message Message::parse(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && (text.front() == '\r' || text.front() == '\n' || text.front() == ' '))
    text.remove_prefix(1);
  if (!text.starts_with("MSH") || text.size() < 8)
    throw ParseError("the message does not start with an MSH segment");
  Message m;
  m.delimiters_.field = text[3];
  const std::string_view encoding = text.substr(4, 4);
  if (encoding.size() < 4 || encoding.find(m.delimiters_.field) != std::string_view::npos) {
    throw ParseError("MSH-2 must hold the four encoding characters", ErrorCode::data_type);
  }
  m.delimiters_.component = encoding[0];
  m.delimiters_.repetition = encoding[1];
  m.delimiters_.escape = encoding[2];
  m.delimiters_.subcomponent = encoding[3];

  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.size() < 3) throw ParseError("a segment is shorter than its three-letter name");
    const std::string name(line.substr(0, 3));
    for (char c : name) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
        throw ParseError("invalid segment name '" + name + "'");
    }
    std::vector<std::string> fields;
    if (name == "MSH") {
      // MSH-1 is the field separator itself and MSH-2 the encoding characters.
      fields.emplace_back("MSH");
      fields.emplace_back(1, m.delimiters_.field);
      const auto rest = line.size() > 4 ? split(line.substr(4), m.delimiters_.field)
                                        : std::vector<std::string_view>{};
      for (const auto& f : rest) fields.emplace_back(f);
    } else {
      if (line.size() > 3 && line[3] != m.delimiters_.field)
        throw ParseError("segment " + name + " lacks a field separator");
      for (const auto& f : split(line, m.delimiters_.field)) fields.emplace_back(f);
    }
    m.segments_.emplace_back(name, std::move(fields));
  }
  if (m.message_type().empty())
    throw ParseError("MSH-9 (message type) is empty", ErrorCode::required_field_missing);
  if (m.control_id().empty())
    throw ParseError("MSH-10 (message control id) is empty", ErrorCode::required_field_missing);
  return m;
}

const Segment* Message::first(std::string_view name) const {
  for (const auto& s : segments_) {
    if (s.name() == name) return &s;
  }
  return nullptr;
}

std::vector<const Segment*> Message::all(std::string_view name) const {
  std::vector<const Segment*> out;
  for (const auto& s : segments_) {
    if (s.name() == name) out.push_back(&s);
  }
  return out;
}

std::vector<std::string> Message::repetitions(std::string_view segment, std::size_t field) const {
  std::vector<std::string> out;
  const Segment* s = first(segment);
  if (!s) return out;
  const std::string& raw = s->raw(field);
  if (segment == "MSH" && field <= 2) return {raw};
  for (const auto& r : split(raw, delimiters_.repetition)) out.emplace_back(r);
  return out;
}

std::string Message::component_of(const std::string& raw_repetition, std::size_t component,
                                  std::size_t subcomponent) const {
  const auto components = split(raw_repetition, delimiters_.component);
  const auto subs = split(nth(components, component), delimiters_.subcomponent);
  return unescape(nth(subs, subcomponent));
}

std::string Message::value(std::string_view segment, std::size_t field, std::size_t component,
                           std::size_t subcomponent, std::size_t repetition) const {
  const auto reps = repetitions(segment, field);
  if (repetition < 1 || repetition > reps.size()) return {};
  if (segment == "MSH" && field <= 2) return reps.front();
  return component_of(reps[repetition - 1], component, subcomponent);
}

std::string Message::unescape(std::string_view text) const {
  const char esc = delimiters_.escape;
  if (text.find(esc) == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != esc) {
      out.push_back(text[i]);
      continue;
    }
    const auto close = text.find(esc, i + 1);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    const std::string_view code = text.substr(i + 1, close - i - 1);
    if (code == "F")
      out.push_back(delimiters_.field);
    else if (code == "S")
      out.push_back(delimiters_.component);
    else if (code == "T")
      out.push_back(delimiters_.subcomponent);
    else if (code == "R")
      out.push_back(delimiters_.repetition);
    else if (code == "E")
      out.push_back(esc);
    else if (code == ".br")
      out.push_back('\n');
    else if (code.size() > 1 && code.front() == 'X' && code.size() % 2 == 1) {
      std::string bytes;
      bool ok = true;
      for (std::size_t k = 1; k + 1 < code.size() + 1 && ok; k += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(code.data() + k, code.data() + k + 2, value, 16);
        ok = ec == std::errc{} && end == code.data() + k + 2;
        bytes.push_back(static_cast<char>(value));
      }
      if (ok)
        out += bytes;
      else
        out.append(text.substr(i, close - i + 1));
    } else {
      out.append(text.substr(i, close - i + 1));  // unknown escape: keep it visible, do not guess
    }
    i = close;
  }
  return out;
}

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '|':
        out += "\\F\\";
        break;
      case '^':
        out += "\\S\\";
        break;
      case '&':
        out += "\\T\\";
        break;
      case '~':
        out += "\\R\\";
        break;
      case '\\':
        out += "\\E\\";
        break;
      case '\r':
      case '\n':
        out += "\\.br\\";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

int number(ErrorCode code) {
  return static_cast<int>(code);
}

std::string_view description(ErrorCode code) {
  switch (code) {
    case ErrorCode::accepted:
      return "Message accepted";
    case ErrorCode::segment_sequence:
      return "Segment sequence error";
    case ErrorCode::required_field_missing:
      return "Required field missing";
    case ErrorCode::data_type:
      return "Data type error";
    case ErrorCode::table_value_not_found:
      return "Table value not found";
    case ErrorCode::unsupported_message_type:
      return "Unsupported message type";
    case ErrorCode::unsupported_event_code:
      return "Unsupported event code";
    case ErrorCode::unsupported_processing_id:
      return "Unsupported processing id";
    case ErrorCode::unsupported_version_id:
      return "Unsupported version id";
    case ErrorCode::unknown_key_identifier:
      return "Unknown key identifier";
    case ErrorCode::duplicate_key_identifier:
      return "Duplicate key identifier";
    case ErrorCode::application_record_locked:
      return "Application record locked";
    case ErrorCode::application_internal_error:
      return "Application internal error";
  }
  return "Application internal error";
}

std::string build_ack(const Message* original, AckCode code, const std::string& reason,
                      const std::string& now, const std::string& control_id,
                      const std::optional<AckError>& error) {
  const char* code_text = code == AckCode::accept ? "AA" : code == AckCode::error ? "AE" : "AR";
  auto field = [&](std::string_view seg, std::size_t n) {
    if (!original) return std::string{};
    const Segment* s = original->first(seg);
    return s ? s->raw(n) : std::string{};
  };
  const std::string version = original && !original->version().empty() ? field("MSH", 12) : "2.5.1";
  const std::string trigger = original ? escape(original->trigger_event()) : "";
  std::string ack = "MSH|^~\\&|" + field("MSH", 5) + "|" + field("MSH", 6) + "|" + field("MSH", 3) +
                    "|" + field("MSH", 4) + "|" + now + "||ACK^" + trigger + "^ACK|" +
                    escape(control_id) + "|P|" + version + "\r";
  ack += std::string("MSA|") + code_text + "|" + (original ? field("MSH", 10) : "") + "|" +
         escape(reason) + "\r";
  std::optional<AckError> err = error;
  if (!err && code != AckCode::accept) {
    err = AckError{code == AckCode::reject ? ErrorCode::segment_sequence
                                           : ErrorCode::application_internal_error,
                   std::nullopt,
                   {},
                   'E'};
  }
  if (err) {
    // ERR-2 error location (ERL: segment^sequence^field^repetition^component), ERR-3 the code
    // from HL7 table 0357 as a CWE, ERR-4 severity, ERR-6 parameters, ERR-8 user message.
    std::string location;
    if (err->location) {
      location = escape(err->location->segment) + "^1";
      if (err->location->field > 0) {
        location += "^" + std::to_string(err->location->field) + "^1";
        if (err->location->component > 0)
          location += "^" + std::to_string(err->location->component);
      }
    }
    std::string parameters;
    for (const auto& p : err->parameters) {
      if (!parameters.empty()) parameters += "~";
      parameters += escape(p);
    }
    ack += "ERR||" + location + "|" + std::to_string(number(err->code)) + "^" +
           std::string(description(err->code)) + "^HL70357|" + std::string(1, err->severity) +
           "||" + parameters + "||" + escape(reason) + "\r";
  }
  return ack;
}

}  // namespace nara::interop::hl7v2
