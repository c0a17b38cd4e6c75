#pragma once
// Kommunens betalningsansvar, Lag (2017:612) 5 kap., as a pure calculation over one inpatient
// episode's timeline. Everything a local agreement may change (4 kap. 5 §) is data in
// LiabilityAgreement; the statutory default is the agreement with no overrides (5:4, 5:6).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace nara::domain::discharge {

using LocalDate = std::chrono::year_month_day;

struct LiabilityAgreement {
  std::string name = "Lag (2017:612) 5 kap. 4 § (ingen lokal överenskommelse)";
  int offset_days = 3;               // 5:4: "tre dagar efter det att underrättelsen skickades"
  bool noon_rule = true;             // 5:4: "fyra dagar" when the notice was sent after 12.00
  bool count_discharge_day = false;  // [S] the day the patient leaves is not a vårddygn by default
  // Amount per vårddygn by calendar year (5:6, HSLF-FS; or the local agreement). Data, never a
  // constant: a year without an amount is an error the report shows, not a silent zero.
  std::map<int, long> amount_per_day_by_year;
};

// The facts of one episode that liability depends on, as instants (UTC).
struct LiabilityFacts {
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

// Liability start date per 5:4 for a notice sent at `sent` (Stockholm local calendar).
LocalDate liability_start(core::Instant sent, const LiabilityAgreement& agreement);

}  // namespace nara::domain::discharge

namespace nara::domain::discharge {

// 5 kap. 2 §: the municipality where the patient is folkbokförd pays, unless another municipality
// placed the person in särskilt boende there (SoL 2025:400 8:4, 8:11, 26:1 1 st. 2): then it pays.
std::string liable_municipality(const std::string& folkbokforing_code,
                                const std::optional<std::string>& placing_code);

}  // namespace nara::domain::discharge
