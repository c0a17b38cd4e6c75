#pragma once
// SIP plans with their version history and meetings, requests between units, named contacts and
// the responsibility catalogue's versions, in portable SQL. Plan and catalogue content is JSON
// text that the service layer encodes; the store never interprets it.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace nara::store {

struct PlanRow {
  std::string id;
  std::string person_id;
  std::string state;
  std::string initiated_by_unit_id;
  std::optional<std::string> catalogue_version_id;
  std::optional<std::string> episode_id;
  std::string content;
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::string kind = "sip";  // sip | lpt | lrv (domain::sip::PlanKind); never changes
};

struct PlanVersionRow {
  std::int64_t version = 1;
  std::string state;
  std::string content;
  std::string change;
  std::string changed_fields;
  std::optional<std::string> changed_by;
  std::string changed_by_name;
  std::optional<std::string> unit_id;
  std::string changed_at;
};

struct MeetingRow {
  std::string id;
  std::string plan_id;
  std::string starts_at;
  std::optional<std::string> place;
  std::optional<std::string> video_link;
  std::string state;
  std::string invited_by;
  std::string invited_at;
  std::optional<std::string> outcome;
  std::optional<std::string> held_at;
};

struct MeetingReplyRow {
  std::string participant_id;
  std::string reply;
  std::optional<std::string> comment;
  std::string replied_at;
};

struct RequestRow {
  std::string id;
  std::string person_id;
  std::string person_name;  // the recipient must know whom the request is about
  std::string type;
  std::string from_unit_id;
  std::string from_unit_name;
  std::string to_unit_id;
  std::string to_unit_name;
  std::optional<std::string> plan_id;
  std::string description;
  std::string state;
  std::string sent_by;
  std::string sent_at;
  std::optional<std::string> due_at;
  std::optional<std::string> received_at;
  std::optional<std::string> accepted_at;
  std::optional<std::string> declined_at;
  std::optional<std::string> decline_reason;
  std::optional<std::string> done_at;
  std::optional<std::string> cancelled_at;
  std::int64_t version = 1;
};

struct RequestEventRow {
  std::string kind;
  std::string at;
  std::string user_id;
  std::string user_name;
  std::string unit_id;
  std::optional<std::string> reason;
};

struct NamedContactRow {
  std::string id;
  std::string person_id;
  std::string kind;  // fast_vardkontakt | fast_omsorgskontakt
  std::string user_id;
  std::string user_name;
  std::string unit_id;
  std::string unit_name;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string source;  // manual | episode
  std::optional<std::string> source_id;
};

struct CatalogueRow {
  std::string id;
  std::int64_t version = 1;
  std::string title;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string source;
  bool demo = false;
  std::string content;
  std::string created_at;
};

class SipRepository {
 public:
  explicit SipRepository(Transaction& tx) : tx_(tx) {}

  void insert_plan(const PlanRow& row);
  std::optional<PlanRow> find_plan(const std::string& id);
  // Writes the plan if it is still at `expected_version`; false when someone else changed it.
  bool save_plan(const PlanRow& row, std::int64_t expected_version);
  std::vector<PlanRow> plans_of_person(const std::string& person_id);
  // Plans the unit takes part in (an active SIP care relation) or started.
  std::vector<PlanRow> plans_of_unit(const std::string& unit_id, std::size_t limit);
  void insert_version(const std::string& plan_id, const PlanVersionRow& row);
  std::vector<PlanVersionRow> versions(const std::string& plan_id);

  void insert_meeting(const MeetingRow& row);
  std::optional<MeetingRow> find_meeting(const std::string& id);
  std::vector<MeetingRow> meetings_of_plan(const std::string& plan_id);
  void mark_meeting_held(const std::string& id, const std::string& outcome, const std::string& at);
  void upsert_reply(const std::string& meeting_id, const MeetingReplyRow& reply,
                    const std::string& user_id);
  std::vector<MeetingReplyRow> replies(const std::string& meeting_id);

  void insert_request(const RequestRow& row);
  std::optional<RequestRow> find_request(const std::string& id);
  bool save_request(const RequestRow& row, std::int64_t expected_version);
  // box: "inbox" (to the unit) or "outbox" (from it); state empty for all.
  std::vector<RequestRow> requests_of_unit(const std::string& unit_id, bool inbox,
                                           const std::string& state, std::size_t limit);
  void add_request_event(const std::string& request_id, const RequestEventRow& row);
  std::vector<RequestEventRow> request_events(const std::string& request_id);

  void insert_named_contact(const NamedContactRow& row, const std::optional<std::string>& by,
                            const std::string& now);
  std::vector<NamedContactRow> named_contacts(const std::string& person_id, bool current_only);
  std::optional<NamedContactRow> find_named_contact(const std::string& id);
  // Ends the person's current contacts of `kind` at units of `care_provider_id`.
  void end_named_contacts(const std::string& person_id, const std::string& kind,
                          const std::string& care_provider_id, const std::string& at);
  bool end_named_contact(const std::string& id, const std::string& at);

  void insert_catalogue(const CatalogueRow& row, const std::optional<std::string>& by);
  std::vector<CatalogueRow> catalogues();
  std::optional<CatalogueRow> find_catalogue(const std::string& id);
  void close_catalogue(const std::string& id, const std::string& valid_to);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
