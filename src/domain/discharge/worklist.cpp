#include "domain/discharge/worklist.hpp"

#include "core/stockholm_time.hpp"

namespace nara::domain::discharge {

Party responsible_for(ClockKind kind) {
  switch (kind) {
    case ClockKind::admission_notice:      // 2 kap. 1 §: the inpatient care sends it
    case ClockKind::information_transfer:  // 3 kap. 2 §: the inpatient care transfers it
      return Party::ward;
    case ClockKind::named_contact:   // 2 kap. 5 §: the region's outpatient care appoints
    case ClockKind::sip_invitation:  // 4 kap. 3 §: the fast vårdkontakt invites
      return Party::health_centre;
  }
  return Party::ward;
}

std::vector<WorkItem> open_work(const Episode& episode, Party party, core::Instant now,
                                const LiabilityAgreement& agreement, CareSetting setting) {
  std::vector<WorkItem> items;
  for (const auto& clock : clocks(episode, now)) {
    if (clock.met_at || responsible_for(clock.kind) != party) continue;
    items.push_back(
        WorkItem{std::string(to_string(clock.kind)), clock.due, clock.due < now, clock.rule});
  }
  // 5 kap. 4 §: from this day the municipality pays for each day the patient stays.
  // Under a monthly-average agreement [S] there is no start per episode; the day the episode
  // passes the agreed average (day 0 counted) is when it begins to cost.
  if (party == Party::municipality && episode.active() && episode.ready_in_force()) {
    const auto sent = episode.ready_periods.back().sent;
    const bool average = agreement.model == LiabilityModel::monthly_average;
    const auto per_episode = liability_start(sent, agreement, setting);
    const auto start = core::stockholm::start_of_day(
        average ? core::stockholm::add_calendar_days(
                      core::stockholm::local_date(sent),
                      agreement.average_threshold_days - (agreement.count_day0 ? 0 : -1))
                : per_episode.date);
    std::string rule = agreement.id ? "Lag (2017:612) 4 kap. 5 § (" + agreement.name + ")"
                                    : "Lag (2017:612) 5 kap. 4 §";
    if (!average && setting == CareSetting::psychiatric) rule += "; " + per_episode.rule;
    items.push_back(WorkItem{"payment_liability_start", start, start < now, rule});
  }
  return items;
}

std::optional<WorkItem> care_plan_work(const Episode& episode, bool plan_established,
                                       core::Instant now) {
  const auto care = episode.needs.compulsory_care;
  if (plan_established || !episode.active() || care == OutpatientCompulsoryCare::none)
    return std::nullopt;
  std::optional<core::Instant> deadline = episode.planned_discharge;
  if (!deadline && episode.ready_in_force()) deadline = episode.ready_periods.back().sent;
  const auto due = deadline.value_or(episode.needs_assessed_at.value_or(episode.admitted_at));
  return WorkItem{"coordinated_care_plan", due, deadline.has_value() && *deadline < now,
                  care == OutpatientCompulsoryCare::lrv ? "LRV 12 a §" : "LPT 7 a §"};
}

}  // namespace nara::domain::discharge
