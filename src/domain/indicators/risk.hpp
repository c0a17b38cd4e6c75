#pragma once
// Proactive identification (issue 19 point 3): the "mest sjuka äldre" as Socialstyrelsen's
// delimitation reads (domain-rules §4.1), and a readmission risk a clinician can read (LACE:
// length of stay, acute admission, comorbidity, earlier emergency care), each factor shown with
// the facts it came from. Pure: the person's history comes in, the assessment goes out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/indicators/facts.hpp"

namespace nara::domain::indicators {

// One inpatient stay in the person's history.
struct Stay {
  std::string episode_id;
  core::Instant admitted_at;
  std::optional<core::Instant> discharged_at;  // none: still in hospital
  AdmissionKind admission_kind = AdmissionKind::unknown;
  std::vector<std::string> diagnoses;  // ICD-10-SE
};

// What Nära knows of one person on the reference day; a part the data does not hold is none, and
// the assessment says so instead of guessing.
struct PersonHistory {
  std::string person_id;
  std::optional<int> age;                   // on the reference day
  std::vector<Stay> stays;                  // any order
  bool permanent_residential_care = false;  // an ongoing relation with a SÄBO unit
  std::optional<double> home_care_hours_last_month;
  std::optional<int> specialist_physician_visits_12m;  // öppen specialistvård: Nära has none
  bool has_named_contact = false;
  bool has_active_sip = false;
  bool has_home_health_care = false;
  // The last action recorded on a proactive list, and the review date it set.
  std::optional<ActionKind> last_action;
  std::optional<core::Instant> last_action_at;
  std::optional<LocalDate> next_review_on;
};

// Thresholds of the delimitation; the defaults are the criteria as commonly reproduced [S] (§4.1).
// The 2011 report's exact Boolean combination was not retrieved, so it is configurable too.
struct FrailtyCriteria {
  int min_age = 65;
  int min_admissions_12m = 3;             // ≥ 3 inskrivningar i slutenvård
  int min_inpatient_days_12m = 20;        // > 19 vårddagar
  int min_diagnosis_groups_12m = 3;       // ≥ 3 diagnoser i ≥ 3 ICD-10-grupper
  int min_specialist_visits_12m = 8;      // > 7 läkarbesök i öppen specialistvård
  double min_home_care_hours_month = 25;  // ≥ 25 timmar hemtjänst per månad
  // How many of the "omfattande sjukvård" criteria (admissions, days, diagnoses, specialist
  // visits) must hold; permanent SÄBO or home care hours make "omfattande omsorg".
  int min_care_criteria = 1;
  bool require_both = false;  // true: the kärngrupp (omfattande sjukvård och omsorg)
};

struct Criterion {
  std::string id;  // e.g. "admissions_12m"
  std::string text_sv;
  std::string text_en;
  bool met = false;
  bool known = true;  // false: the data lacks it (named, never counted as met)
  std::optional<double> value;
};

struct FrailtyAssessment {
  bool most_ill = false;               // mest sjuka äldre
  bool extensive_care = false;         // omfattande sjukvård
  bool extensive_social_care = false;  // omfattande omsorg
  std::vector<Criterion> criteria;
};

FrailtyAssessment assess_frailty(const PersonHistory& person, LocalDate reference_day,
                                 const FrailtyCriteria& criteria = {});

// LACE (van Walraven et al., CMAJ 2010): L length of stay of the latest stay (0–7), A acute
// admission (0 or 3), C Charlson comorbidity index from its ICD-10 codes (Quan et al. 2005; 0–5),
// E emergency visits in the six months before (0–4). Nära holds no emergency-department visits, so
// E counts the acute admissions of those six months instead, and says so.
struct LaceFactor {
  char letter = 'L';
  int points = 0;
  int max_points = 0;
  std::string explanation_sv;  // e.g. "Vårdtid 5 dygn"
  std::string explanation_en;
};

struct LaceScore {
  std::optional<std::string> index_episode_id;   // none: no stay to score
  int total = 0;                                 // 0–19
  std::string band;                              // "low" (0–4), "moderate" (5–9), "high" (10+)
  std::vector<LaceFactor> factors;               // L, A, C, E in order
  std::vector<std::string> charlson_conditions;  // the Charlson groups found
};

LaceScore lace(const PersonHistory& person, LocalDate reference_day);

// Charlson comorbidity index (Quan 2005 ICD-10 coding, Charlson 1987 weights) of a set of codes.
struct CharlsonResult {
  int index = 0;
  std::vector<std::string> conditions;  // e.g. "congestive_heart_failure"
};
CharlsonResult charlson(const std::vector<std::string>& icd10_codes);

// The 17 conditions of Quan et al. (2005) with their Charlson (1987) weights and names, in the
// order charlson() lists them, so a reader can show a condition id in words.
struct CharlsonCondition {
  std::string_view id;
  int weight = 1;
  std::string_view name_sv;
  std::string_view name_en;
};
const std::vector<CharlsonCondition>& charlson_conditions();
const CharlsonCondition* find_charlson_condition(std::string_view id);

// The ICD-10 chapter (WHO: I … XXII, as 1 … 22) of an ICD-10(-SE) code such as "I50.9" or "I509";
// 0 when the code is not one. The "diagnosis groups" of the mest sjuka äldre (§4.1).
int icd10_chapter(std::string_view code);

// One row of a proactive list: the person ranked by risk, with why, and whether an earlier
// "assessed, no action" still holds (a row under review is listed last until its review date).
struct ProactiveRow {
  std::string person_id;
  FrailtyAssessment frailty;
  LaceScore risk;
  std::vector<std::string> reasons_sv;  // plain language, most important first
  std::vector<std::string> reasons_en;
  std::vector<std::string> gaps_sv;  // e.g. "Ingen fast vårdkontakt", "Ingen SIP"
  std::vector<std::string> gaps_en;
  bool review_pending = false;  // an earlier decision holds until next_review_on
};

// Persons who are mest sjuka äldre or at high LACE risk, ranked: highest risk first, then the
// most criteria met; those under a decision not yet due for review after the rest.
std::vector<ProactiveRow> proactive_list(const std::vector<PersonHistory>& persons,
                                         LocalDate reference_day,
                                         const FrailtyCriteria& criteria = {}, int min_lace = 10);

}  // namespace nara::domain::indicators
