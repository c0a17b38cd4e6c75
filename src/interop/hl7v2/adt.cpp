#include "interop/hl7v2/adt.hpp"

#include <array>
#include <utility>

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

std::variant<AdtCommand, AdtRejection> map_adt(const Message& m) {
  if (m.message_type() != "ADT")
    return AdtRejection{"Meddelandetypen " + m.message_type() + " hanteras inte.", true};
  std::optional<AdtAction> action;
  for (const auto& [code, a] : kTriggers) {
    if (code == m.trigger_event()) action = a;
  }
  if (!action) return AdtRejection{"Händelsen " + m.trigger_event() + " hanteras inte.", true};
  if (!m.first("PID")) return AdtRejection{"PID-segment saknas.", true};
  if (!m.first("PV1")) return AdtRejection{"PV1-segment saknas.", true};

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
  if (c.person_identifier.empty()) return AdtRejection{"PID-3 (personens identitet) saknas.", true};
  c.family_name = m.value("PID", 5, 1);
  c.given_name = m.value("PID", 5, 2);
  c.visit_number = m.value("PV1", 19, 1);
  c.ward = m.value("PV1", 3, 1);
  c.previous_ward = m.value("PV1", 6, 1);
  c.event_time = m.value("EVN", 2);
  if (c.event_time.empty()) c.event_time = m.value("MSH", 7);
  c.planned_discharge = m.value("PV2", 9);
  if (c.action == AdtAction::pending_discharge && c.planned_discharge.empty()) {
    c.planned_discharge = m.value("PV1", 45);  // some senders put it in the discharge field
  }
  return c;
}

}  // namespace nara::interop::hl7v2
