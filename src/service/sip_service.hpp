#pragma once
// SIP (samordnad individuell plan, HSL 16:4, SoL 2025:400 10:8–9) through the API: drawn up with
// the person's consent, edited by the participating units with full version history, activated
// only with the four required items, followed up and closed; meetings with invitations, replies
// and an outcome recorded as plan changes; suggestions from the responsibility catalogue. Every
// read is decided by the access policy and logged; every change is one transaction with its
// audit entry and outbox row.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/responsibility/catalogue.hpp"
#include "domain/sip/plan.hpp"
#include "service/context.hpp"
#include "store/sip_repository.hpp"

namespace nara::service {

// Only the fields present change; lists replace the whole list. Goal comments and held
// follow-ups are kept whatever the patch says: they are the record of what happened.
struct PlanPatch {
  std::optional<std::vector<domain::sip::Participant>> participants;
  std::optional<bool> person_objects_to_relatives;
  std::optional<std::vector<domain::sip::Need>> needs;
  std::optional<std::vector<domain::sip::Intervention>> interventions;
  std::optional<std::vector<domain::sip::OtherMeasure>> other_measures;
  std::optional<bool> no_other_measures;
  std::optional<std::optional<domain::registry::PrincipalKind>> overall_responsible;
  std::optional<std::vector<domain::sip::Goal>> goals;
  std::optional<std::vector<domain::sip::FollowUp>> follow_ups;
  // Samordnad vårdplan (LPT 7 a §): an inner nullopt clears the text.
  std::optional<std::optional<std::string>> patient_view;
  std::optional<std::optional<std::string>> patient_view_not_obtained;
  std::optional<bool> consulted_patient;
  std::optional<bool> consulted_relatives;
  std::optional<std::optional<std::string>> relatives_not_consulted_reason;
  [[nodiscard]] bool empty() const {
    return !participants && !person_objects_to_relatives && !needs && !interventions &&
           !other_measures && !no_other_measures && !overall_responsible && !goals && !follow_ups &&
           !patient_view && !patient_view_not_obtained && !consulted_patient &&
           !consulted_relatives && !relatives_not_consulted_reason;
  }
};

struct NewPlan {
  // A SIP, or a samordnad vårdplan (LPT 7 a §, LRV 12 a §) for an episode that ends in öppen
  // psykiatrisk tvångsvård or öppen rättspsykiatrisk vård; that kind needs no consent.
  domain::sip::PlanKind kind = domain::sip::PlanKind::sip;
  std::string person_id;
  std::string consent_given_by = "person";
  std::string consent_scope;
  std::optional<core::Instant> consent_given_at;
  std::optional<std::string> episode_id;  // a SIP at discharge (2017:612 4 kap.)
  PlanPatch content;
};

struct MeetingView {
  store::MeetingRow meeting;
  std::vector<store::MeetingReplyRow> replies;
};

struct PlanView {
  store::PlanRow row;
  domain::sip::Plan plan;
  bool content_hidden = false;  // existence only (a block)
  std::string legal_reference;
  std::optional<std::int64_t> catalogue_version;
  std::vector<store::NamedContactRow> named_contacts;
  std::vector<MeetingView> meetings;
};

struct SuggestionView {
  domain::responsibility::Decision decision;
  std::int64_t catalogue_version = 0;
  domain::responsibility::PersonContext context;
  std::vector<std::pair<std::string, std::string>> candidate_units;  // id, name
};

struct PlanEventCommand {
  domain::sip::EventKind kind = domain::sip::EventKind::activate;
  std::optional<std::string> outcome;
  std::optional<std::string> next_follow_up;
  std::optional<std::string> reason;
  std::string consent_given_by = "person";
  std::optional<std::string> consent_scope;
};

class SipService {
 public:
  explicit SipService(ServiceContext context) : ctx_(context) {}

  PlanView create(const domain::access::Actor& actor, const NewPlan& plan);
  PlanView get(const domain::access::Actor& actor, const std::string& id);
  std::vector<PlanView> plans_of_person(const domain::access::Actor& actor,
                                        const std::string& person_id);
  std::vector<PlanView> plans_of_my_unit(const domain::access::Actor& actor);
  PlanView update(const domain::access::Actor& actor, const std::string& id,
                  std::int64_t expected_version, const PlanPatch& patch);
  PlanView apply(const domain::access::Actor& actor, const std::string& id,
                 std::int64_t expected_version, const PlanEventCommand& command);
  PlanView comment_on_goal(const domain::access::Actor& actor, const std::string& id,
                           const std::string& goal_id, const std::string& text);
  std::vector<store::PlanVersionRow> history(const domain::access::Actor& actor,
                                             const std::string& id);
  SuggestionView suggest(const domain::access::Actor& actor, const std::string& id,
                         const std::string& service_type, bool can_visit_health_centre, bool lss);

  MeetingView invite(const domain::access::Actor& actor, const std::string& plan_id,
                     core::Instant starts_at, std::optional<std::string> place,
                     std::optional<std::string> video_link);
  MeetingView reply(const domain::access::Actor& actor, const std::string& meeting_id,
                    const std::string& participant_id, const std::string& reply,
                    std::optional<std::string> comment);
  PlanView record_outcome(const domain::access::Actor& actor, const std::string& meeting_id,
                          std::int64_t expected_version, const std::string& outcome,
                          const PlanPatch& changes, bool activate);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
