#pragma once
// SIP, samordnad individuell plan (HSL 2017:30 16 kap. 4 §, SoL 2025:400 10 kap. 8–9 §§; before
// 2025-07-01 SoL 2001:453 2 kap. 7 §): the coordinated plan of the region and the municipality,
// its state machine and the four items the law requires before it can be in force.
// Rules and sources: domain-rules.md §2. Pure: every event carries its instant.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/problem.hpp"
#include "domain/registry/model.hpp"

namespace nara::domain::sip {

using registry::PrincipalKind;

// Which plan this is. At discharge to öppen psykiatrisk tvångsvård or öppen rättspsykiatrisk vård
// the samordnad vårdplan of LPT 7 a § / LRV 12 a § replaces the SIP (2017:612 4 kap. 1 §,
// domain-rules §1.2 row 9): the same kind of content, but drawn up by the chief physician in
// consultation with the patient instead of on consent, and established when the responsible
// units have approved (justerat) it. Rules: care_plan.hpp.
enum class PlanKind {
  sip,            // samordnad individuell plan, HSL 16:4, SoL 10:8
  care_plan_lpt,  // samordnad vårdplan, LPT 7 a §
  care_plan_lrv,  // samordnad vårdplan, LRV 12 a §
};
std::string_view to_string(PlanKind kind);  // sip | lpt | lrv
std::optional<PlanKind> parse_plan_kind(std::string_view text);
std::string_view swedish_name(PlanKind kind);
inline bool is_care_plan(PlanKind kind) {
  return kind != PlanKind::sip;
}

enum class PlanState {
  draft,            // under upprättande
  active,           // fastställd, gäller
  under_follow_up,  // uppföljning pågår
  closed,           // avslutad
};
std::string_view to_string(PlanState state);
std::optional<PlanState> parse_plan_state(std::string_view text);
std::string_view swedish_name(PlanState state);

// The person's consent to the plan being drawn up (HSL 16:4 2 st., SoL 10:8 2 st.): who gave it,
// when, and what it covers (which participants may share what).
struct Consent {
  std::string given_by;  // person | legal_representative
  core::Instant given_at;
  std::string scope;  // in the person's words or the recorder's summary
  std::string recorded_by_user_id;
  std::optional<core::Instant> withdrawn_at;
  [[nodiscard]] bool in_force() const { return !withdrawn_at.has_value(); }
};

enum class ParticipantKind {
  person,    // den enskilde
  relative,  // närstående (may take part unless the person objects, HSL 16:4, SoL 10:9)
  unit,      // a unit of the region or the municipality
  external,  // e.g. Försäkringskassan, Arbetsförmedlingen, a school
};
std::string_view to_string(ParticipantKind kind);
std::optional<ParticipantKind> parse_participant_kind(std::string_view text);

struct Participant {
  std::string id;
  ParticipantKind kind = ParticipantKind::unit;
  std::optional<std::string> unit_id;  // kind unit
  std::string name;                    // the person's, relative's, unit's or organisation's name
  std::string role;                    // free text, e.g. "dotter", "handläggare"
};

struct Need {
  std::string id;
  std::string description;
  // Whose assessment found the need: the region's or the municipality's (LPT 7 a § 2 st. p. 1).
  std::optional<PrincipalKind> assessed_by;
};

// An insats the region or the municipality is responsible for (item 2).
struct Intervention {
  std::string id;
  std::string description;
  PrincipalKind responsible = PrincipalKind::municipality;
  std::string unit_id;  // the responsible unit
  std::optional<std::string> need_id;
  std::optional<std::string> service_type;  // the responsibility catalogue's code, if used
  // The decision the region or the municipality has made on it, e.g. "Hemtjänst beviljad
  // 2026-11-20" (LPT 7 a § 2 st. p. 2); a SIP may leave it out.
  std::optional<std::string> decision;
};

// An åtgärd by someone other than the region or the municipality (item 3).
struct OtherMeasure {
  std::string id;
  std::string description;
  std::string actor;  // e.g. "Försäkringskassan"
};

struct GoalComment {
  std::string author_user_id;
  std::string author_name;
  bool by_person = false;  // the person themself (through the citizen API)
  core::Instant at;
  std::string text;
};

// Goals in the person's own words and as a measurable target.
struct Goal {
  std::string id;
  std::string own_words;
  std::string measurable_target;
  std::optional<std::string> target_date;  // YYYY-MM-DD
  std::vector<GoalComment> comments;
};

struct FollowUp {
  std::string id;
  std::string due_date;  // YYYY-MM-DD
  std::optional<core::Instant> held_at;
  std::optional<std::string> outcome;
};

// A responsible unit's approval (justering) of a samordnad vårdplan as it stands (LPT 7 a § 3 st.).
struct Approval {
  std::string unit_id;
  std::string unit_name;
  std::string user_id;
  std::string user_name;
  core::Instant at;
};

struct Plan {
  PlanKind kind = PlanKind::sip;
  PlanState state = PlanState::draft;
  PrincipalKind initiated_by = PrincipalKind::municipality;  // whose assessment started it
  core::Instant initiated_at;
  std::optional<Consent> consent;
  std::vector<Participant> participants;
  bool person_objects_to_relatives = false;
  std::vector<Need> needs;
  std::vector<Intervention> interventions;
  std::vector<OtherMeasure> other_measures;
  bool no_other_measures = false;  // item 3 answered "none" explicitly
  std::optional<PrincipalKind> overall_responsible;
  std::vector<Goal> goals;
  std::vector<FollowUp> follow_ups;
  std::optional<core::Instant> activated_at;
  std::optional<core::Instant> closed_at;
  std::optional<std::string> close_reason;
  // Samordnad vårdplan only (LPT 7 a § 2–3 st.): the patient's view of the decisions, or why it
  // could not be had ("så långt det är möjligt"); the consultation with the patient and, unless
  // it is inappropriate, with the närstående; the responsible units' approvals.
  std::optional<std::string> patient_view;
  std::optional<std::string> patient_view_not_obtained;
  bool consulted_patient = false;
  bool consulted_relatives = false;
  std::optional<std::string> relatives_not_consulted_reason;
  std::vector<Approval> approvals;

  [[nodiscard]] bool consent_in_force() const { return consent && consent->in_force(); }
};

// When the new Social Services Act took effect. domain-rules §2.1 marks the date [M], so it is
// data the caller may change, not a constant of the rules.
struct LegalBasis {
  std::chrono::sys_days new_sol_in_force =
      std::chrono::sys_days{std::chrono::year{2025} / std::chrono::July / 1};
};

// The paragraphs the plan rests on at `at`: "HSL 16:4, SoL (2025:400) 10:8" or, before the new
// act, "HSL 16:4, SoL (2001:453) 2:7".
std::string legal_reference(core::Instant at, const LegalBasis& basis = {});
// The same for any kind: a samordnad vårdplan rests on LPT 7 a § or LRV 12 a §.
std::string legal_reference(PlanKind kind, core::Instant at, const LegalBasis& basis = {});

// Problems with the plan's content that hold in every state: unique ids, texts present, the
// person's objection to relatives taking part (HSL 16:4 3 st., SoL 10:9).
std::vector<core::FieldError> content_problems(const Plan& plan);

// Why the plan cannot be in force: consent (HSL 16:4 2 st.) and the four required items
// (HSL 16:4 3 st. 1–4, SoL 10:8): 1 which interventions are needed, 2 which each principal
// answers for, 3 measures by others than the region and the municipality, 4 which principal has
// the overall responsibility. Also the plan's premise: interventions from both principals
// (HSL 16:4 1 st.). Empty when the plan may be active.
std::vector<core::FieldError> activation_problems(const Plan& plan, core::Instant at,
                                                  const LegalBasis& basis = {});

enum class EventKind {
  activate,            // fastställ: draft → active
  start_follow_up,     // active → under follow-up
  complete_follow_up,  // under follow-up → active, the outcome recorded
  close,               // any open state → closed
  give_consent,        // records (or renews) the person's consent
  withdraw_consent,    // the person withdraws it: the plan can then only be closed
  approve,             // a responsible unit justerar a samordnad vårdplan (LPT 7 a § 3 st.)
};
std::string_view to_string(EventKind kind);
std::optional<EventKind> parse_event_kind(std::string_view text);

struct Event {
  EventKind kind = EventKind::activate;
  core::Instant at;
  std::optional<std::string> outcome;         // complete_follow_up
  std::optional<std::string> next_follow_up;  // complete_follow_up: a new due date
  std::optional<std::string> reason;          // close
  std::optional<Consent> consent;             // give_consent
  std::optional<Approval> approval;           // approve
  std::string new_follow_up_id;               // complete_follow_up with next_follow_up
};

// Why an event cannot happen now (409) or what is missing (422 with the errors).
struct TransitionError {
  std::string rule;
  std::string reason;  // Swedish, citing the paragraph
  std::vector<core::FieldError> errors;
};

std::optional<TransitionError> apply(Plan& plan, const Event& event, const LegalBasis& basis = {});

// Whether the plan's content may be changed now: not closed, and consent in force.
std::optional<TransitionError> may_edit(const Plan& plan);

// A strict YYYY-MM-DD calendar date.
std::optional<std::chrono::year_month_day> parse_calendar_date(std::string_view text);

}  // namespace nara::domain::sip
