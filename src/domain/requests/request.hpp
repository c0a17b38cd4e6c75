#pragma once
// Requests between organisations (begäran om insats): typed, from one unit to another, with
// receipts, a due date and a decision. Accepting makes the receiving unit part of the person's
// care (the service creates the care relation, PDL 4:1). Pure: every event carries its instant.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace nara::domain::requests {

enum class RequestState {
  sent,       // skickad
  received,   // mottagen (mottagningskvitto)
  accepted,   // accepterad
  declined,   // avböjd, med skäl
  done,       // utförd
  cancelled,  // återkallad av avsändaren
};
std::string_view to_string(RequestState state);
std::optional<RequestState> parse_request_state(std::string_view text);
std::string_view swedish_name(RequestState state);

// The kinds of request units send each other. Which catalogue service type a kind falls under
// lets the catalogue suggest the receiving unit. The list is data, not law.
struct RequestType {
  std::string_view code;
  std::string_view swedish;
  std::string_view service_type;  // responsibility catalogue code, empty when none applies
};
const std::vector<RequestType>& request_types();
const RequestType* find_request_type(std::string_view code);

struct Request {
  RequestState state = RequestState::sent;
  core::Instant sent_at;
  std::optional<core::Instant> due_at;
  std::optional<core::Instant> received_at;
  std::optional<core::Instant> accepted_at;
  std::optional<core::Instant> declined_at;
  std::optional<std::string> decline_reason;
  std::optional<core::Instant> done_at;
  std::optional<core::Instant> cancelled_at;

  [[nodiscard]] bool open() const {
    return state == RequestState::sent || state == RequestState::received ||
           state == RequestState::accepted;
  }
};

enum class EventKind { receive, accept, decline, complete, cancel };
std::string_view to_string(EventKind kind);
std::optional<EventKind> parse_event_kind(std::string_view text);

// Which side of the request may record the event: the receiving unit answers, the sender
// withdraws.
enum class Side { sender, recipient };
Side side_of(EventKind kind);

struct Event {
  EventKind kind = EventKind::receive;
  core::Instant at;
  std::optional<std::string> reason;  // decline
};

struct TransitionError {
  std::string rule;
  std::string reason;  // Swedish
  std::string field = "kind";
};

// Applies `event`; the error instead when the state does not allow it. A decline needs a reason
// of at least a few words so the sender knows what to do next.
std::optional<TransitionError> apply(Request& request, const Event& event);

// Not yet done, declined or withdrawn, and past its due time (none: never overdue).
bool overdue(const Request& request, core::Instant now);

}  // namespace nara::domain::requests
