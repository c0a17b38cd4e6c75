#pragma once
// The inpatient episode (slutenvårdstillfälle) under Lag (2017:612): a state machine over the
// statutory steps, and the clocks that follow from it. Pure: every event carries its instant.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/discharge/liability.hpp"

namespace nara::domain::discharge {

enum class EpisodeState {
  admitted,        // inskriven
  needs_assessed,  // behandlande läkare har bedömt att insatser kan behövas
  notice_sent,     // inskrivningsmeddelande skickat (2 kap. 1 §)
  planning,        // mottagande enheter har kvitterat och planerar (2 kap. 6 §)
  ready,           // utskrivningsklar, underrättelse skickad (3 kap. 1 §)
  sip_invited,     // kallelse till SIP skickad (4 kap. 3 §)
  discharged,      // utskriven
  cancelled,       // inskrivningen makulerad
  deceased,        // avliden
};
std::string_view to_string(EpisodeState state);
std::optional<EpisodeState> parse_episode_state(std::string_view text);
std::string_view swedish_name(EpisodeState state);

// Care after discharge from psychiatric inpatient care under LPT or LRV: öppen psykiatrisk
// tvångsvård (LPT 7 a §) or öppen rättspsykiatrisk vård (LRV 12 a §). Its samordnad vårdplan takes
// the place of SIP (4 kap. 1 §; domain-rules §1.2 row 9).
enum class OutpatientCompulsoryCare { none, lpt, lrv };
std::string_view to_string(OutpatientCompulsoryCare care);  // "", "lpt", "lrv"
std::optional<OutpatientCompulsoryCare> parse_outpatient_compulsory_care(std::string_view text);

// Which receiving parties the assessment says may be needed after discharge (1 kap. 1 §).
struct Needs {
  bool social_services = false;        // socialtjänst (hemtjänst, SÄBO …)
  bool municipal_health_care = false;  // kommunal hälso- och sjukvård (hemsjukvård)
  bool region_outpatient = false;      // regionfinansierad öppen vård (vårdcentral)
  OutpatientCompulsoryCare compulsory_care = OutpatientCompulsoryCare::none;
  [[nodiscard]] bool any() const {
    return social_services || municipal_health_care || region_outpatient;
  }
  // 4 kap. 1 §: SIP when insatser are needed from both the region and the municipality, unless
  // the patient is discharged to öppen tvångsvård: then the LPT 7 a § / LRV 12 a § samordnad
  // vårdplan is the plan, and neither the SIP invitation (4 kap. 3 §) nor 5 kap. 3 § 3 applies.
  [[nodiscard]] bool sip_required() const {
    return compulsory_care == OutpatientCompulsoryCare::none && region_outpatient &&
           (social_services || municipal_health_care);
  }
};

struct Episode {
  EpisodeState state = EpisodeState::admitted;
  core::Instant admitted_at;
  std::string ward_unit_id;
  std::optional<core::Instant> needs_assessed_at;
  Needs needs;
  std::optional<core::Instant> admission_notice_sent_at;
  std::optional<core::Instant> planned_discharge;  // beräknad tidpunkt för utskrivning (2 kap. 2 §)
  std::optional<core::Instant> first_acknowledged_at;
  std::optional<core::Instant> named_contact_appointed_at;
  std::vector<LiabilityFacts::ReadyPeriod> ready_periods;
  std::optional<core::Instant> sip_invitation_sent_at;
  std::optional<core::Instant> information_transferred_at;
  std::optional<core::Instant> discharged_at;
  std::optional<core::Instant> ended_at;  // cancelled or deceased

  [[nodiscard]] bool active() const {
    return state != EpisodeState::discharged && state != EpisodeState::cancelled &&
           state != EpisodeState::deceased;
  }
  [[nodiscard]] bool ready_in_force() const {
    return !ready_periods.empty() && !ready_periods.back().withdrawn;
  }
};

enum class EventKind {
  assess_needs,
  send_admission_notice,
  acknowledge,
  appoint_named_contact,
  set_planned_discharge,
  mark_ready,
  withdraw_ready,
  invite_sip,
  transfer_information,
  transfer_ward,
  discharge,
  cancel_discharge,
  cancel,
  death,
};

std::string_view to_string(EventKind kind);

struct Event {
  EventKind kind;
  core::Instant at;
  Needs needs;                                     // assess_needs
  std::optional<core::Instant> planned_discharge;  // send_admission_notice, set_planned_discharge
  std::string ward_unit_id;                        // transfer_ward
};

// Why an event cannot happen now: answered 409 with the reason.
struct TransitionError {
  std::string rule;    // e.g. "episode.not_ready"
  std::string reason;  // Swedish, citing the paragraph where one applies
};

// Applies `event`; returns the error instead when the event is not allowed in this state.
std::optional<TransitionError> apply(Episode& episode, const Event& event);

enum class ClockKind { admission_notice, named_contact, information_transfer, sip_invitation };
std::string_view to_string(ClockKind kind);

struct StatutoryClock {
  ClockKind kind;
  core::Instant due;
  std::optional<core::Instant> met_at;
  bool breached = false;  // met late, or not met and now past due
  const char* rule;       // the paragraph
};

// The clocks that apply to this episode as of `now`.
std::vector<StatutoryClock> clocks(const Episode& episode, core::Instant now);

// 5:3 preconditions of this episode for the liability calculation.
LiabilityFacts liability_facts(const Episode& episode, core::Instant now);

}  // namespace nara::domain::discharge
