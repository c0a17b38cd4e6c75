#pragma once
// Kommunens betalningsansvar, Lag (2017:612) 5 kap., as a pure calculation over one inpatient
// episode's timeline. Everything a local agreement may change (4 kap. 5 §) is data in
// LiabilityAgreement; the statutory default is the agreement with no overrides (5:4, 5:6).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace nara::domain::discharge {

using LocalDate = std::chrono::year_month_day;

// How liability is counted (domain-rules §1.5). per_episode is the statute's (5:4: each episode
// from its own start day); monthly_average is the [S] model of local agreements such as Region
// Stockholm's, Skåne's, Dalarna's and Norrbotten's: "kommunen ska i snitt ta hem inom N
// kalenderdagar per månad, dygn 0 inräknat", settled per municipality and month.
enum class LiabilityModel { per_episode, monthly_average };

// Sluten somatisk or sluten psykiatrisk vård. The statute counts them alike from 2019 (5:4); the
// 2018 transitional rule (prop. 2017/18:12) and some local agreements (domain-rules §1.5) count
// psychiatric inpatient care differently.
enum class CareSetting { somatic, psychiatric };

std::string_view to_string(LiabilityModel model);
std::string_view to_string(CareSetting setting);
// Calendar dates as YYYY-MM-DD; nullopt for anything else, including 2026-02-30.
std::optional<LocalDate> parse_iso_date(std::string_view text);
std::string format_iso_date(LocalDate date);
std::optional<LiabilityModel> parse_liability_model(std::string_view text);

struct LiabilityAgreement {
  std::optional<std::string> id;  // the local agreement's id; none for the statute alone
  std::string name = "Lag (2017:612) 5 kap. 4 § (ingen lokal överenskommelse)";
  int offset_days = 3;               // 5:4: "tre dagar efter det att underrättelsen skickades"
  bool noon_rule = true;             // 5:4: "fyra dagar" when the notice was sent after 12.00
  bool count_discharge_day = false;  // [S] the day the patient leaves is not a vårddygn by default
  // [S] Whether the day the ready notice was sent (day 0) is itself a counted day: under
  // per_episode it is then the first of the offset days (liability starts one day earlier);
  // under monthly_average it is one of the episode's ready days ("dygn 0 inräknat").
  bool count_day0 = false;
  LiabilityModel model = LiabilityModel::per_episode;
  int average_threshold_days = 0;  // monthly_average: N, the days the municipality may use
  // [S] The agreement's own days for psychiatric inpatient care (e.g. Region Stockholm's routine:
  // 5 kalenderdagar); none: as for somatic care, or in 2018 the transitional 30 days.
  std::optional<int> psychiatric_offset_days;
  // Amount per vårddygn by calendar year (5:6, HSLF-FS; or the local agreement). Data, never a
  // constant: a year without an amount is an error the report shows, not a silent zero.
  std::map<int, long> amount_per_day_by_year;
};

// The facts of one episode that liability depends on, as instants (UTC).
struct LiabilityFacts {
  CareSetting care_setting = CareSetting::somatic;  // the ward's
  bool admission_notice_in_time = false;  // 5:3 p.1 (2 kap. 1–3 §§, incl. the 24 h rule)
  // 5:3 p.2 (3 kap. 1 §): each notice of utskrivningsklar, and when it was withdrawn because the
  // patient was no longer ready (återtagen utskrivningsklar). A new notice restarts the 5:4 count.
  struct ReadyPeriod {
    core::Instant sent;
    std::optional<core::Instant> withdrawn;
  };
  std::vector<ReadyPeriod> ready_periods;
  bool sip_required = false;                   // 4 kap. 1–2 §§
  bool sip_invitation_in_time = false;         // 5:3 p.3 (4 kap. 3 §, within 3 days)
  std::optional<core::Instant> discharged_at;  // absent while still in hospital
  core::Instant until;                         // report up to this instant when not discharged
  // 5:5: periods when the region's outpatient care was not in place (or not clarified).
  std::vector<std::pair<LocalDate, LocalDate>> region_not_ready;  // inclusive date ranges
};

enum class DayStatus {
  not_ready,
  liable,
  before_start,
  precondition_missing,
  region_not_ready,
  discharge_day
};

struct LiabilityDay {
  LocalDate date;
  DayStatus status;
  std::string reason;  // Swedish, with the paragraph, for the report
  long amount = 0;
};

struct LiabilityResult {
  std::optional<LocalDate> start;  // first day liability may run (of the first notice)
  std::vector<LiabilityDay> days;  // every local day from the ready notice to discharge
  int liable_days = 0;
  long total_amount = 0;
  std::vector<std::string> problems;  // e.g. no amount for a year
};

LiabilityResult compute_liability(const LiabilityFacts& facts, const LiabilityAgreement& agreement);

// compute_liability's liable days and amount alone, without the explanation of each day: the
// same loop, for counting many episodes (the follow-up counts a county's 100 000).
struct LiabilityTotals {
  int liable_days = 0;
  long total_amount = 0;
  bool operator==(const LiabilityTotals&) const = default;
};
LiabilityTotals liability_totals(const LiabilityFacts& facts, const LiabilityAgreement& agreement);

// Liability start date per 5:4 for a notice sent at `sent` (Stockholm local calendar), with the
// rule that set it (Swedish, with the paragraph, for the report).
struct LiabilityStart {
  LocalDate date;
  std::string rule;
};
LiabilityStart liability_start(core::Instant sent, const LiabilityAgreement& agreement,
                               CareSetting setting = CareSetting::somatic);

// A local agreement (4 kap. 5 §) as recorded: a field it leaves out is the statute's. Valid from
// `valid_from` to `valid_to` inclusive; a month already billed keeps the agreement valid then.
struct AgreementTerms {
  std::string id;
  std::string name;
  std::optional<std::string> municipality_code;  // none: every municipality of the region
  LocalDate valid_from;
  std::optional<LocalDate> valid_to;
  std::optional<int> offset_days;
  std::optional<bool> noon_rule;
  std::optional<bool> count_day0;
  std::optional<bool> count_discharge_day;
  LiabilityModel model = LiabilityModel::per_episode;
  std::optional<int> average_threshold_days;
  std::optional<int> psychiatric_offset_days;
  std::map<int, long> amount_per_day_by_year;  // years it does not name: Socialstyrelsen's (5:6)
};

// The agreement in force for `municipality_code` on `date`: one made for that municipality before
// one made for the whole region; nullptr when only the statute applies.
const AgreementTerms* agreement_in_force(const std::vector<AgreementTerms>& agreements,
                                         const std::string& municipality_code, LocalDate date);

// The terms to count with: the local agreement's, and the statute's (5:4, 5:6 with the
// statutory amounts per year) for everything it leaves out.
LiabilityAgreement effective_agreement(const AgreementTerms* local,
                                       const std::map<int, long>& statutory_amounts);

// The monthly-average model [S] (domain-rules §1.5) for one municipality and month: the
// episodes discharged that month, each with its ready days from the ready notice's local day
// (day 0, counted when the agreement says "dygn 0 inräknat") to discharge. Days while the
// notice was withdrawn and days of the 5:5 exception are not ready days; an episode without the
// preconditions of 5:3 is not counted at all (the statute puts no liability on it).
struct AverageEpisode {
  std::string episode_id;
  int ready_days = 0;
  bool counted = false;
  std::string reason;  // Swedish, with the paragraph
};

struct MonthlyAverageResult {
  int episodes_counted = 0;
  int ready_days = 0;       // Σ over counted episodes
  int allowed_days = 0;     // N × episodes_counted
  int liable_days = 0;      // max(0, ready_days − allowed_days)
  long amount_per_day = 0;  // by the month's year
  long amount = 0;
  std::vector<AverageEpisode> episodes;
  std::vector<std::string> problems;
};

// `episodes` pairs an episode id with its facts; only those discharged in `month` (Stockholm
// local date) are part of the month.
MonthlyAverageResult monthly_average_liability(
    const std::vector<std::pair<std::string, LiabilityFacts>>& episodes,
    std::chrono::year_month month, const LiabilityAgreement& agreement);

// The ready days of one episode under the monthly-average model (see above).
int average_ready_days(const LiabilityFacts& facts, const LiabilityAgreement& agreement);

}  // namespace nara::domain::discharge

namespace nara::domain::discharge {

// 5 kap. 2 §: the municipality where the patient is folkbokförd pays, unless another municipality
// placed the person in särskilt boende there (SoL 2025:400 8:4, 8:11, 26:1 1 st. 2): then it pays.
std::string liable_municipality(const std::string& folkbokforing_code,
                                const std::optional<std::string>& placing_code);

}  // namespace nara::domain::discharge
