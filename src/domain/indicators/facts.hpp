#pragma once
// The facts the follow-up indicators are computed from (issue 19; domain-rules §1.6, §4). The store
// loads them with set-based SQL; everything here is plain values, so the computation stays pure
// and is tested with hand-made facts. A person id appears only so that facts about one person can
// be linked (readmissions, continuity); no aggregate ever carries it.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/discharge/episode.hpp"

namespace nara::domain::indicators {

using Month = std::chrono::year_month;
using LocalDate = std::chrono::year_month_day;

// Inhabitants born in one month, of one municipality, still alive until `died` (exclusive; none:
// alive). Summed into the mean population 65+ of each month (SKR: dagar per 1 000 invånare 65+).
struct PopulationCohort {
  std::string municipality_code;
  Month born;
  std::optional<Month> died;
  long count = 0;
};

enum class AdmissionKind { unknown, acute, planned };

// One inpatient episode with what the indicators need. `municipality_code` is the liable one
// (5 kap. 2 §: folkbokföring, or the placing municipality).
struct EpisodeFact {
  std::string id;
  std::string person_id;
  std::string municipality_code;
  std::string ward_unit_id;
  // The health centre that got the admission notice (the regionfinansierad öppen vård whose
  // clocks these are); empty when none was notified.
  std::string health_centre_unit_id;
  int age_at_admission = 0;
  AdmissionKind admission_kind = AdmissionKind::unknown;
  discharge::Episode episode;  // the statutory chain as it stands
  // Payment liability of the episode as the discharge domain computed it under the agreement in
  // force (5 kap.), and the offset days of that agreement (for "discharged within the offset").
  int liability_days = 0;
  long liability_amount = 0;
  int offset_days = 3;
  std::vector<std::string> diagnoses;  // ICD-10-SE, main diagnosis first
  // A stay imported from another system's record (FHIR import, docs/fhir.md): Nära never ran its
  // statutory chain, so it has no clocks to judge (an unsent notice there is no missed deadline),
  // but it is a stay all the same for readmissions and the proactive risk.
  bool imported = false;
};

// One SIP (not the LPT/LRV samordnad vårdplan) with its follow-ups and whether the person took
// part (a participant of kind person, or a held meeting the person attended).
struct SipFact {
  std::string id;
  std::string person_id;
  std::string municipality_code;  // the person's folkbokföringskommun
  std::string initiated_by_unit_id;
  int age_at_start = 0;
  core::Instant created_at;
  std::optional<core::Instant> activated_at;
  struct FollowUp {
    LocalDate due;
    std::optional<core::Instant> held_at;
  };
  std::vector<FollowUp> follow_ups;
  bool person_took_part = false;
};

// A request between units (begäran om insats); answered when accepted or declined.
struct RequestFact {
  std::string id;
  std::string to_unit_id;
  std::string to_municipality_code;  // the receiving unit's municipality
  core::Instant sent_at;
  std::optional<core::Instant> due_at;  // the SLA; requests without one are not counted
  std::optional<core::Instant> answered_at;
  bool cancelled = false;
};

enum class Profession { physician, nurse, home_care, therapist, other };

// A contact held with a person (home visit, visit, phone, video) by one caregiver of one unit.
struct ContactFact {
  std::string person_id;
  std::string unit_id;
  std::string municipality_code;  // the unit's
  std::string caregiver_key;
  Profession profession = Profession::other;
  core::Instant at;
  // Contacts of this caregiver with this person at this unit in the same month, loaded as one
  // fact (the store groups them by month: a county has millions of contacts). Continuity weighs
  // the fact by it; `at` is then the first contact of the month.
  int count = 1;
};

// Continuity already summed for one unit and month (COC and UPC over the persons with enough
// contacts in the window ending with the month): what compute() makes of contacts, kept so a
// county's millions of contacts need not be read for every follow-up. Used when `contacts` is
// empty; made with the default Parameters (continuity_min_contacts, continuity_window_months).
struct ContinuityTally {
  std::string unit_id;
  std::string municipality_code;  // the unit's
  Month month;
  double coc_sum = 0;
  long coc_persons = 0;
  double upc_sum = 0;
  long upc_persons = 0;
};

// A fast vårdkontakt (2017:612 2 kap. 5 §) valid over [from, to).
struct NamedContactFact {
  std::string person_id;
  std::string unit_id;
  core::Instant from;
  std::optional<core::Instant> to;
};

// A care relation of a unit with a person over [from, to): the population of "persons in the
// unit's care" (named contact share, proactive list).
struct RelationFact {
  std::string person_id;
  std::string unit_id;
  std::string municipality_code;  // the unit's
  int birth_year = 0;             // 0: not known
  core::Instant from;
  std::optional<core::Instant> to;
};

enum class ActionKind { offer_sip, appoint_named_contact, plan_home_visit, assessed_no_action };

// An action recorded on a proactive list.
struct ActionFact {
  std::string person_id;
  std::string unit_id;
  std::string municipality_code;  // the unit's
  ActionKind kind = ActionKind::assessed_no_action;
  core::Instant at;
};

struct Facts {
  std::vector<PopulationCohort> population;
  std::vector<EpisodeFact> episodes;
  std::vector<SipFact> sips;
  std::vector<RequestFact> requests;
  std::vector<ContactFact> contacts;
  std::vector<ContinuityTally> continuity_tallies;  // read only when `contacts` is empty
  std::vector<NamedContactFact> named_contacts;
  std::vector<RelationFact> relations;
  std::vector<ActionFact> actions;
};

}  // namespace nara::domain::indicators
