#include "domain/requests/request.hpp"

#include <array>

namespace nara::domain::requests {

namespace {

struct StateInfo {
  RequestState state;
  std::string_view code;
  std::string_view swedish;
};
constexpr std::array<StateInfo, 6> kStates{{
    {RequestState::sent, "sent", "Skickad"},
    {RequestState::received, "received", "Mottagen"},
    {RequestState::accepted, "accepted", "Accepterad"},
    {RequestState::declined, "declined", "Avböjd"},
    {RequestState::done, "done", "Utförd"},
    {RequestState::cancelled, "cancelled", "Återkallad"},
}};

constexpr std::array<std::pair<EventKind, std::string_view>, 5> kEvents{{
    {EventKind::receive, "receive"},
    {EventKind::accept, "accept"},
    {EventKind::decline, "decline"},
    {EventKind::complete, "complete"},
    {EventKind::cancel, "cancel"},
}};

constexpr std::size_t kMinimumDeclineReason = 10;

TransitionError refused(std::string rule, std::string reason) {
  return {std::move(rule), std::move(reason), "kind"};
}

}  // namespace

std::string_view to_string(RequestState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.code;
  }
  return "unknown";
}

std::optional<RequestState> parse_request_state(std::string_view text) {
  for (const auto& s : kStates) {
    if (s.code == text) return s.state;
  }
  return std::nullopt;
}

std::string_view swedish_name(RequestState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.swedish;
  }
  return "Okänd";
}

std::string_view to_string(EventKind kind) {
  for (const auto& [k, code] : kEvents) {
    if (k == kind) return code;
  }
  return "unknown";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
  for (const auto& [k, code] : kEvents) {
    if (code == text) return k;
  }
  return std::nullopt;
}

const std::vector<RequestType>& request_types() {
  static const std::vector<RequestType> types{
      {"home_health_care_intervention", "Insats från kommunal hemsjukvård",
       "home_health_wound_care"},
      {"physician_home_visit", "Läkarbesök i hemmet", "physician_home_visit"},
      {"medication_list_update", "Uppdatering av läkemedelslista", "medication_list"},
      {"assistive_device", "Hjälpmedel", "assistive_devices"},
      {"rehabilitation", "Rehabilitering i hemmet", "home_rehabilitation"},
      {"home_care_intervention", "Insats från hemtjänsten", "home_care_personal_care"},
      {"sip_request", "Begäran om SIP", ""},
  };
  return types;
}

const RequestType* find_request_type(std::string_view code) {
  for (const auto& t : request_types()) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

Side side_of(EventKind kind) {
  return kind == EventKind::cancel ? Side::sender : Side::recipient;
}

std::optional<TransitionError> apply(Request& r, const Event& ev) {
  if (ev.at < r.sent_at) return refused("request.before_sent", "Händelsen ligger före begäran.");
  const bool unanswered = r.state == RequestState::sent || r.state == RequestState::received;
  switch (ev.kind) {
    case EventKind::receive:
      if (r.state != RequestState::sent)
        return refused("request.not_sent", "Begäran är redan mottagen eller besvarad.");
      r.received_at = ev.at;
      r.state = RequestState::received;
      return std::nullopt;

    case EventKind::accept:
      if (!unanswered) return refused("request.answered", "Begäran är redan besvarad.");
      if (!r.received_at) r.received_at = ev.at;  // an answer is also a receipt
      r.accepted_at = ev.at;
      r.state = RequestState::accepted;
      return std::nullopt;

    case EventKind::decline: {
      if (!unanswered) return refused("request.answered", "Begäran är redan besvarad.");
      const auto& reason = ev.reason;
      if (!reason || reason->find_first_not_of(" \t\r\n") == std::string::npos ||
          reason->size() < kMinimumDeclineReason) {
        return TransitionError{"request.decline_reason",
                               "Skriv varför begäran avböjs (minst tio tecken), så att avsändaren "
                               "vet hur den går vidare.",
                               "reason"};
      }
      if (!r.received_at) r.received_at = ev.at;
      r.declined_at = ev.at;
      r.decline_reason = reason;
      r.state = RequestState::declined;
      return std::nullopt;
    }
    case EventKind::complete:
      if (r.state != RequestState::accepted)
        return refused("request.not_accepted", "Bara en accepterad begäran kan markeras utförd.");
      r.done_at = ev.at;
      r.state = RequestState::done;
      return std::nullopt;

    case EventKind::cancel:
      if (!unanswered)
        return refused("request.answered", "En besvarad begäran kan inte återkallas.");
      r.cancelled_at = ev.at;
      r.state = RequestState::cancelled;
      return std::nullopt;
  }
  return refused("request.unknown_event", "Okänd händelse.");
}

bool overdue(const Request& r, core::Instant now) {
  return r.open() && r.due_at && now > *r.due_at;
}

}  // namespace nara::domain::requests
