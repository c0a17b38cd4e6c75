// Deadline compliance per month (issue 6): the statutory clocks of Lag (2017:612) due in the month,
// per clock kind and responsible unit — met in time, met late, not met and overdue, not yet due.
// The counting is the domain's (domain/discharge/compliance); here the month's episodes are loaded
// within the reader's scope, the same as the payment-liability report's.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"
#include "service/liability_report.hpp"
#include "store/episode_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

namespace {

// A clock can fall due a few days after discharge or death (the SIP invitation three days after
// the ready notice, the information transfer on the day of discharge): episodes that closed this
// long before the month are left out.
constexpr auto kClosedBefore = std::chrono::days(7);

}  // namespace

ComplianceReport LiabilityReportService::deadline_compliance(
    const domain::access::Actor& actor, std::chrono::year_month month,
    const std::optional<std::string>& unit) {
  using namespace std::chrono;
  const auto now = ctx_.clock.now();
  const year_month_day first{month / 1};
  const year_month_day last{month / std::chrono::last};
  const auto month_start = core::stockholm::start_of_day(first);
  const auto month_end = core::stockholm::start_of_day(core::stockholm::add_calendar_days(last, 1));

  ComplianceReport report{month, {}};
  ctx_.db.read([&](store::Transaction& tx) {
    const auto visible = report_municipalities(tx, actor);
    const auto closed_before = store::to_db_time(month_start - kClosedBefore);
    const auto rows = tx.query(
        "SELECT e.id, COALESCE(p.municipality_code, ''), pm.municipality_code, "
        "(SELECT n.to_unit_id FROM notices n JOIN units u ON u.id = n.to_unit_id WHERE "
        "n.episode_id = e.id AND n.kind = 'admission_notice' AND u.kind = 'health_centre' "
        "ORDER BY n.sent_at, n.to_unit_id LIMIT 1) "
        "FROM inpatient_episodes e JOIN persons p ON p.id = e.person_id "
        "LEFT JOIN episode_placing_municipality pm ON pm.episode_id = e.id "
        "WHERE e.state <> 'cancelled' AND e.admitted_at < ? "
        "AND (e.discharged_at IS NULL OR e.discharged_at >= ?) "
        "AND (e.ended_at IS NULL OR e.ended_at >= ?) ORDER BY e.admitted_at, e.id",
        store::to_db_time(month_end), closed_before, closed_before);
    std::vector<domain::discharge::ComplianceEpisode> episodes;
    store::EpisodeRepository repo(tx);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto row = rows.row(i);
      // The scope is the municipality whose residents the episodes are about (5 kap. 2 §).
      const std::string code =
          domain::discharge::liable_municipality(row.text(1), row.optional_text(2));
      if (visible && std::find(visible->begin(), visible->end(), code) == visible->end()) continue;
      const auto record = repo.find(row.text(0));
      if (!record) continue;
      episodes.push_back({record->episode, row.optional_text(3).value_or("")});
    }
    std::map<std::string, std::string> names;
    const auto units = tx.query(
        "SELECT DISTINCT u.id, u.name FROM units u WHERE u.kind IN ('hospital_ward', "
        "'health_centre')");
    for (std::size_t i = 0; i < units.size(); ++i)
      names[units.row(i).text(0)] = units.row(i).text(1);
    const auto rule_of = [&](domain::discharge::ClockKind kind) {
      using domain::discharge::ClockKind;
      switch (kind) {
        case ClockKind::admission_notice:
          return "2017:612 2 kap. 1 och 3 §§";
        case ClockKind::named_contact:
          return "2017:612 2 kap. 5 §";
        case ClockKind::information_transfer:
          return "2017:612 3 kap. 2 §";
        case ClockKind::sip_invitation:
          return "2017:612 4 kap. 3 §";
      }
      return "2017:612";
    };
    for (auto& line :
         domain::discharge::deadline_compliance(episodes, month_start, month_end, now)) {
      if (unit && line.unit_id != *unit) continue;
      const auto name = names.find(line.unit_id);
      report.lines.push_back({line.kind, rule_of(line.kind), line.unit_id,
                              name == names.end() ? std::string() : name->second, line.counts});
    }
  });
  std::stable_sort(report.lines.begin(), report.lines.end(),
                   [](const ComplianceLine& a, const ComplianceLine& b) {
                     return std::tie(a.kind, a.unit_name) < std::tie(b.kind, b.unit_name);
                   });
  // Counts only, but computed from persons' episodes: the report read is logged like the
  // liability report.
  auto e = audit_entry(actor, ctx_.clock, domain::access::AuditAction::read,
                       "deadline_compliance_report", std::nullopt, std::nullopt);
  e.outcome = "allowed: 2017:612 (uppföljning)";
  ctx_.audit->record({e});
  return report;
}

}  // namespace nara::service
