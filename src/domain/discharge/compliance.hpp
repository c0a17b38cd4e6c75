#pragma once
// Deadline compliance (issue 6): how the statutory clocks of Lag (2017:612) were kept, per clock
// kind and responsible unit, for the clocks due in a period — met in time, met late, not met and
// overdue, not yet due. Pure: "now" and the period are passed in; counts only, no persons.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/discharge/episode.hpp"

namespace nara::domain::discharge {

enum class ClockOutcome { met_in_time, met_late, open_overdue, open_not_due };
std::string_view to_string(ClockOutcome outcome);

// One clock's outcome as of `now`. Met: in time when met no later than due. Not met: overdue once
// now is past due; for an episode that ended (death) only a clock already due when it ended is
// counted (overdue) — after that the duty lapsed, and nullopt says so.
std::optional<ClockOutcome> clock_outcome(const Episode& episode, const StatutoryClock& clock,
                                          core::Instant now);

struct ComplianceEpisode {
  Episode episode;
  // The region's outpatient unit that received the admission notice: it answers for the named
  // contact and the SIP invitation (2 kap. 5 §, 4 kap. 3 §). Empty when none was notified.
  std::string outpatient_unit_id;
};

struct ComplianceCounts {
  int met_in_time = 0;
  int met_late = 0;
  int open_overdue = 0;
  int open_not_due = 0;
  [[nodiscard]] int total() const { return met_in_time + met_late + open_overdue + open_not_due; }
  // The clocks whose due time has passed: the base of the shares.
  [[nodiscard]] int due() const { return met_in_time + met_late + open_overdue; }
  // Share of due clocks met in time, late and still not met; nullopt when none was due.
  [[nodiscard]] std::optional<double> share(ClockOutcome outcome) const;
  void add(ClockOutcome outcome);
};

struct ComplianceRow {
  ClockKind kind;
  std::string unit_id;  // the responsible unit; empty when unknown
  ComplianceCounts counts;
};

// The clocks due in [from, to) of these episodes as of `now`, counted per clock kind and
// responsible unit, in ClockKind order and then by unit id.
std::vector<ComplianceRow> deadline_compliance(const std::vector<ComplianceEpisode>& episodes,
                                               core::Instant from, core::Instant to,
                                               core::Instant now);

}  // namespace nara::domain::discharge
