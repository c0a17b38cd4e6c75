#pragma once
// HL7 v2 as hospitals send it (issue 20 point 5): the table that maps a hospital's own ward code
// (PV1-3.1 point of care, read with its facility) to a Nära hospital ward, kept by the county
// administrator, and the worklist of messages held because their code was not in it. Every
// change is audited like the other administrative changes. The ingest reads the table and holds
// and closes messages through the free functions at the bottom.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "service/context.hpp"

namespace nara::service {

struct WardCode {
  std::string id;
  std::string facility;       // PV1-3.4 facility, else MSH-4 sending facility
  std::string point_of_care;  // PV1-3.1
  std::string unit_id;
  std::string unit_name;
  std::string unit_hsa_id;
  std::optional<std::string> note;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct WardCodeInput {
  std::string facility;
  std::string point_of_care;
  std::string unit_id;
  std::optional<std::string> note;
};

enum class HeldState { open, processed, discarded };
std::string_view to_string(HeldState state);
std::optional<HeldState> parse_held_state(std::string_view text);

// A held message as the administrator sees it: who sent it, which event and code, what happened
// each time it was tried. Nothing about the person: the administrator needs no more to map the
// code (PDL 4:2), and the text itself stays in the database.
struct HeldMessage {
  std::string id;
  HeldState state = HeldState::open;
  std::string sender;
  std::string control_id;
  std::string trigger_event;
  std::string facility;
  std::string point_of_care;
  std::string received_at;
  std::string last_attempt_at;
  std::int64_t attempts = 1;
  std::string ack_code;         // of the last attempt: AA, AE or AR
  std::int64_t error_code = 0;  // ERR-3 of the last attempt (HL7 table 0357), 0 when accepted
  std::string reason;
  bool mapped = false;  // the code is in the table now
  std::optional<std::string> processed_at;
  std::optional<std::string> processed_by;  // the administrator's name; none when resent
};

struct HeldMessageList {
  std::vector<HeldMessage> items;
  std::int64_t open = 0;  // open messages in all, whatever the filter shows
};

class Hl7WardCodeService {
 public:
  explicit Hl7WardCodeService(ServiceContext context) : ctx_(context) {}

  // The county administrator's (manage_organisation); 403 for anyone else.
  std::vector<WardCode> list(const domain::access::Actor& actor);
  WardCode get(const domain::access::Actor& actor, const std::string& id);
  // 422 naming unitId when it is not a hospital ward, 409 naming pointOfCare when the facility
  // already maps the code.
  WardCode create(const domain::access::Actor& actor, const WardCodeInput& input);
  WardCode update(const domain::access::Actor& actor, const std::string& id,
                  std::int64_t expected_version, const std::function<void(WardCodeInput&)>& patch);
  void remove(const domain::access::Actor& actor, const std::string& id);

  // Oldest first; `state` nullopt is every state. At most `limit` rows.
  HeldMessageList held(const domain::access::Actor& actor, std::optional<HeldState> state,
                       std::size_t limit);
  HeldMessage held_message(const domain::access::Actor& actor, const std::string& id);
  // Closes an open message without processing it (e.g. a test ward's); its text is removed.
  HeldMessage discard(const domain::access::Actor& actor, const std::string& id);

 private:
  ServiceContext ctx_;
};

// ---- For the ingest (inside its transaction) ----

// The hospital ward a facility's code maps to, when it maps to one.
std::optional<std::string> mapped_ward(store::Transaction& tx, const std::string& facility,
                                       const std::string& point_of_care);

struct HoldInput {
  std::string sender;
  std::string control_id;
  std::string trigger_event;
  std::string facility;
  std::string point_of_care;
  std::string visit_number;
  std::string message;  // as received
  std::optional<std::string> sender_user_id;
  std::string sender_name;
  std::string ack_code;
  std::int64_t error_code = 0;
  std::string reason;
};
// Keeps a refused message for the worklist, or counts another attempt of one kept already (a
// sender that sends it again); returns its id.
std::string hold_message(store::Transaction& tx, const core::Clock& clock, const HoldInput& input);
// An open held message of the sender for the visit (PV1-19), whose later messages wait for it.
bool visit_has_held_message(store::Transaction& tx, const std::string& sender,
                            const std::string& visit_number);
// The sender's message (sender, control id) has been accepted: its held copy, if any, is
// processed (by `processed_by` when an administrator re-ran it).
void close_held_message(store::Transaction& tx, const core::Clock& clock, const std::string& sender,
                        const std::string& control_id, const std::optional<std::string>& episode_id,
                        const std::optional<std::string>& processed_by);

// What a re-run needs: the text and the sender it came from.
struct HeldText {
  std::string id;
  HeldState state = HeldState::open;
  std::string sender;
  std::string visit_number;
  std::string message;
  std::optional<std::string> sender_user_id;
  std::string sender_name;
};
// Locks the row for the rest of the transaction (two administrators re-running the same message
// run one after the other); nullopt when there is no such message.
std::optional<HeldText> lock_held_message(store::Transaction& tx, const std::string& id);
// The sender's other open messages for the visit, oldest first.
std::vector<std::string> held_followers(store::Transaction& tx, const HeldText& first);
// Records a re-run that was not accepted (one that was is closed by close_held_message).
void record_held_attempt(store::Transaction& tx, const core::Clock& clock, const std::string& id,
                         const std::string& ack_code, std::int64_t error_code,
                         const std::string& reason);

}  // namespace nara::service
