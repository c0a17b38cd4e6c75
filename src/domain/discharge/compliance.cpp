#include "domain/discharge/compliance.hpp"

#include <algorithm>
#include <tuple>

#include "domain/discharge/worklist.hpp"

namespace nara::domain::discharge {

std::string_view to_string(ClockOutcome outcome) {
  switch (outcome) {
    case ClockOutcome::met_in_time:
      return "met_in_time";
    case ClockOutcome::met_late:
      return "met_late";
    case ClockOutcome::open_overdue:
      return "open_overdue";
    case ClockOutcome::open_not_due:
      return "open_not_due";
  }
  return "unknown";
}

std::optional<ClockOutcome> clock_outcome(const Episode& episode, const StatutoryClock& clock,
                                          core::Instant now) {
  if (clock.met_at)
    return *clock.met_at <= clock.due ? ClockOutcome::met_in_time : ClockOutcome::met_late;
  if (episode.ended_at) {
    if (clock.due < *episode.ended_at) return ClockOutcome::open_overdue;
    return std::nullopt;
  }
  return now > clock.due ? ClockOutcome::open_overdue : ClockOutcome::open_not_due;
}

std::optional<double> ComplianceCounts::share(ClockOutcome outcome) const {
  if (due() == 0) return std::nullopt;
  int n = 0;
  switch (outcome) {
    case ClockOutcome::met_in_time:
      n = met_in_time;
      break;
    case ClockOutcome::met_late:
      n = met_late;
      break;
    case ClockOutcome::open_overdue:
      n = open_overdue;
      break;
    case ClockOutcome::open_not_due:
      return std::nullopt;  // not yet due: not part of the base
  }
  return static_cast<double>(n) / due();
}

void ComplianceCounts::add(ClockOutcome outcome) {
  switch (outcome) {
    case ClockOutcome::met_in_time:
      ++met_in_time;
      break;
    case ClockOutcome::met_late:
      ++met_late;
      break;
    case ClockOutcome::open_overdue:
      ++open_overdue;
      break;
    case ClockOutcome::open_not_due:
      ++open_not_due;
      break;
  }
}

std::vector<ComplianceRow> deadline_compliance(const std::vector<ComplianceEpisode>& episodes,
                                               core::Instant from, core::Instant to,
                                               core::Instant now) {
  std::vector<ComplianceRow> rows;
  for (const auto& item : episodes) {
    for (const auto& clock : clocks(item.episode, now)) {
      if (clock.due < from || clock.due >= to) continue;
      const auto outcome = clock_outcome(item.episode, clock, now);
      if (!outcome) continue;
      const std::string& unit = responsible_for(clock.kind) == Party::ward
                                    ? item.episode.ward_unit_id
                                    : item.outpatient_unit_id;
      auto row = std::find_if(rows.begin(), rows.end(), [&](const ComplianceRow& r) {
        return r.kind == clock.kind && r.unit_id == unit;
      });
      if (row == rows.end()) row = rows.insert(rows.end(), ComplianceRow{clock.kind, unit, {}});
      row->counts.add(*outcome);
    }
  }
  std::sort(rows.begin(), rows.end(), [](const ComplianceRow& a, const ComplianceRow& b) {
    return std::tie(a.kind, a.unit_id) < std::tie(b.kind, b.unit_id);
  });
  return rows;
}

}  // namespace nara::domain::discharge
