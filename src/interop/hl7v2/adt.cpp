#include "interop/hl7v2/adt.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <utility>

#include "core/stockholm_time.hpp"

namespace nara::interop::hl7v2 {

namespace {
constexpr std::array<std::pair<std::string_view, AdtAction>, 7> kTriggers{{
    {"A01", AdtAction::admit},
    {"A02", AdtAction::transfer},
    {"A03", AdtAction::discharge},
    {"A08", AdtAction::update},
    {"A11", AdtAction::cancel_admit},
    {"A13", AdtAction::cancel_discharge},
    {"A16", AdtAction::pending_discharge},
}};
}  // namespace

std::string_view to_string(AdtAction action) {
  switch (action) {
    case AdtAction::admit:
      return "admit";
    case AdtAction::transfer:
      return "transfer";
    case AdtAction::discharge:
      return "discharge";
    case AdtAction::update:
      return "update";
    case AdtAction::cancel_admit:
      return "cancel_admit";
    case AdtAction::cancel_discharge:
      return "cancel_discharge";
    case AdtAction::pending_discharge:
      return "pending_discharge";
  }
  return "unknown";
}

std::optional<core::Instant> parse_dtm(std::string_view text) {
  using namespace std::chrono;
  const auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int v = 0;
    if (pos + len > text.size()) return std::nullopt;
    const auto* first = text.data() + pos;
    const auto [ptr, ec] = std::from_chars(first, first + len, v);
    if (ec != std::errc() || ptr != first + len) return std::nullopt;
    return v;
  };
  std::size_t end = text.find_first_of("+-");
  const std::string_view stamp = text.substr(0, end);
  std::optional<minutes> offset;
  if (end != std::string_view::npos) {
    const auto hh = number(end + 1, 2);
    const auto mm = number(end + 3, 2);
    if (!hh || !mm || text.size() != end + 5 || *hh > 14 || *mm > 59) return std::nullopt;
    offset = hours(*hh) + minutes(*mm);
    if (text[end] == '-') offset = -*offset;
  }
  const std::size_t digits =
      stamp.find('.') == std::string_view::npos ? stamp.size() : stamp.find('.');
  if (digits < 4 || digits > 14 || digits % 2 != 0) return std::nullopt;
  const auto part = [&](std::size_t pos, int fallback) -> std::optional<int> {
    return pos + 2 <= digits ? number(pos, 2) : std::optional<int>(fallback);
  };
  const auto y = number(0, 4);
  const auto mo = part(4, 1);
  const auto d = part(6, 1);
  const auto h = part(8, 0);
  const auto mi = part(10, 0);
  const auto s = part(12, 0);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  microseconds fraction{0};
  if (digits < stamp.size()) {
    const std::string_view frac = stamp.substr(digits + 1);
    if (digits != 14 || frac.empty() || frac.size() > 4) return std::nullopt;
    const auto f = number(digits + 1, frac.size());
    if (!f) return std::nullopt;
    long scale = 1'000'000;
    for (std::size_t i = 0; i < frac.size(); ++i) scale /= 10;
    fraction = microseconds(static_cast<long>(*f) * scale);
  }
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  const microseconds time_of_day = hours(*h) + minutes(*mi) + seconds(*s) + fraction;
  if (offset) return core::Instant(sys_days(date)) + time_of_day - *offset;
  return core::stockholm::at_local_time(date, time_of_day);
}

namespace {

std::string admission_kind(const std::string& pv1_4) {
  if (pv1_4 == "E" || pv1_4 == "U" || pv1_4 == "A") return "acute";
  if (pv1_4 == "C" || pv1_4 == "R") return "planned";
  return "";
}

bool is_icd10(std::string system) {
  for (char& ch : system) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return system == "I10" || system == "ICD10" || system == "ICD-10" || system == "ICD-10-SE" ||
         system == "ICD10SE" || system == "1.2.752.116.1.1.1";
}

// An ICD-10 code as Nära keeps it: upper case, without the dot ("I50.1" → "I501").
std::string icd10_code(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '.' || ch == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  }
  const bool shaped = out.size() >= 3 && out.size() <= 8 && out[0] >= 'A' && out[0] <= 'Z' &&
                      std::isdigit(static_cast<unsigned char>(out[1])) != 0;
  return shaped ? out : std::string();
}

std::vector<std::string> icd10_diagnoses(const Message& m) {
  std::vector<std::pair<int, std::string>> ranked;
  int order = 0;
  for (const Segment* dg1 : m.all("DG1")) {
    const std::string coded = dg1->raw(3);
    const std::string system = m.component_of(coded, 3);
    if (!is_icd10(system) && !is_icd10(m.unescape(dg1->raw(2)))) continue;
    const std::string code = icd10_code(m.component_of(coded, 1));
    if (code.empty()) continue;
    const std::string priority = m.unescape(dg1->raw(15));
    const int rank = !priority.empty() && std::isdigit(static_cast<unsigned char>(priority[0]))
                         ? std::atoi(priority.c_str())
                         : 1000;
    ranked.emplace_back(rank * 1000 + order++, code);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [rank, code] : ranked)
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
  return out;
}

}  // namespace

namespace {

AdtRejection rejection(std::string reason, ErrorCode code, std::string segment = {}, int field = 0,
                       int component = 0) {
  AdtRejection r;
  r.reason = std::move(reason);
  r.error.code = code;
  if (!segment.empty()) r.error.location = ErrorLocation{std::move(segment), field, component};
  return r;
}

std::string trim_spaces(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// An HD (hierarchic designator) in component `component` of a field's repetition, its parts as
// sub-components (PV1-3.4 facility): its namespace id, else its universal id.
std::string hd_name(const Message& m, const std::string& raw, std::size_t component) {
  std::string name = m.component_of(raw, component, 1);
  if (name.empty()) name = m.component_of(raw, component, 2);
  return name;
}

}  // namespace

std::variant<AdtCommand, AdtRejection> map_adt(const Message& m) {
  if (m.message_type() != "ADT")
    return rejection("Meddelandetypen " + m.message_type() + " hanteras inte.",
                     ErrorCode::unsupported_message_type, "MSH", 9, 1);
  // MSH-11: only production messages drive real episodes (T training, D debugging do not).
  const std::string processing = m.value("MSH", 11);
  if (processing.empty())
    return rejection("MSH-11 (behandlings-id) saknas.", ErrorCode::required_field_missing, "MSH",
                     11);
  if (processing != "P")
    return rejection("MSH-11 (behandlings-id) " + processing +
                         " tas inte emot; Nära tar emot produktionsmeddelanden (P).",
                     ErrorCode::unsupported_processing_id, "MSH", 11);
  const std::string version = m.version();
  if (version.empty())
    return rejection("MSH-12 (HL7-version) saknas.", ErrorCode::required_field_missing, "MSH", 12);
  if (!version.starts_with("2."))
    return rejection("HL7-versionen " + version + " hanteras inte; Nära tar emot version 2.x.",
                     ErrorCode::unsupported_version_id, "MSH", 12);
  const std::string trigger = m.trigger_event();
  if (trigger == "A04" || trigger == "A05") {
    auto r = rejection(std::string("Händelsen ") + trigger +
                           (trigger == "A04" ? " (registrering)" : " (förinskrivning)") +
                           " gäller inte ett slutenvårdstillfälle; Nära gör inget med den.",
                       ErrorCode::unsupported_event_code, "MSH", 9, 2);
    r.not_applicable = true;
    return r;
  }
  std::optional<AdtAction> action;
  for (const auto& [code, a] : kTriggers) {
    if (code == trigger) action = a;
  }
  if (!action)
    return rejection("Händelsen " + trigger + " hanteras inte.", ErrorCode::unsupported_event_code,
                     "MSH", 9, 2);
  if (!m.first("PID")) return rejection("PID-segment saknas.", ErrorCode::segment_sequence, "PID");
  if (!m.first("PV1")) return rejection("PV1-segment saknas.", ErrorCode::segment_sequence, "PV1");

  AdtCommand c;
  c.action = *action;
  c.control_id = m.control_id();
  // PID-3 may repeat (several identifiers): prefer a Swedish personnummer or samordningsnummer.
  const auto ids = m.repetitions("PID", 3);
  for (const auto& id : ids) {
    const std::string oid = m.component_of(id, 4, 2);
    const std::string namespace_id = m.component_of(id, 4, 1);
    const std::string system = !oid.empty() ? oid : namespace_id;
    if (c.person_identifier.empty() || system == kPersonnummerOid ||
        system == kSamordningsnummerOid) {
      c.person_identifier = m.component_of(id, 1);
      c.person_identifier_system = system;
      if (system == kPersonnummerOid || system == kSamordningsnummerOid) break;
    }
  }
  if (c.person_identifier.empty())
    return rejection("PID-3 (personens identitet) saknas.", ErrorCode::required_field_missing,
                     "PID", 3);
  c.family_name = m.value("PID", 5, 1);
  c.given_name = m.value("PID", 5, 2);
  c.visit_number = m.value("PV1", 19, 1);
  c.ward = m.value("PV1", 3, 1);
  const auto location = m.repetitions("PV1", 3);
  if (!location.empty()) c.ward_facility = hd_name(m, location.front(), 4);
  if (c.ward_facility.empty()) {
    // MSH-4 is an HD itself: its parts are components.
    c.ward_facility = m.value("MSH", 4, 1);
    if (c.ward_facility.empty()) c.ward_facility = m.value("MSH", 4, 2);
  }
  // A fixed-width system pads its codes: spaces at the ends are not part of them (nor of the
  // administrator's table).
  c.ward = trim_spaces(c.ward);
  c.ward_facility = trim_spaces(c.ward_facility);
  c.previous_ward = m.value("PV1", 6, 1);
  c.event_time = m.value("EVN", 2);
  if (c.event_time.empty()) c.event_time = m.value("MSH", 7);
  c.birth_date = m.value("PID", 7);
  c.sender = m.value("MSH", 3) + "^" + m.value("MSH", 4);
  c.planned_discharge = m.value("PV2", 9);
  c.admission_kind = admission_kind(m.value("PV1", 4));
  c.icd10_diagnoses = icd10_diagnoses(m);
  if (c.action == AdtAction::pending_discharge && c.planned_discharge.empty()) {
    c.planned_discharge = m.value("PV1", 45);  // some senders put it in the discharge field
  }
  return c;
}

}  // namespace nara::interop::hl7v2
