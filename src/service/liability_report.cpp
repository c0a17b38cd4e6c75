#include "service/liability_report.hpp"

#include <algorithm>
#include <map>

#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/episode_service.hpp"
#include "store/episode_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::Role;

namespace {

// The municipalities whose figures the actor may see; nullopt means all of them.
std::optional<std::vector<std::string>> visible_municipalities(store::Transaction& tx,
                                                               const domain::access::Actor& a) {
  if (a.role == Role::county_administrator) return std::nullopt;
  if (a.role != Role::unit_manager || !a.unit_id) {
    forbidden("Betalningsansvaret per kommun visas för chefer och länsadministratörer.");
  }
  const auto owners = tx.query(
      "SELECT pr.kind, pr.area_code FROM units u JOIN care_provider_owners o ON "
      "o.care_provider_id = u.care_provider_id JOIN principals pr ON pr.id = o.principal_id "
      "WHERE u.id = ?",
      *a.unit_id);
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    if (owners.row(i).text(0) == "region") return std::nullopt;  // the region bills them all
    codes.push_back(owners.row(i).text(1));
  }
  return codes;
}

}  // namespace

LiabilityReport LiabilityReportService::monthly(const domain::access::Actor& actor,
                                                std::chrono::year_month month,
                                                const std::optional<std::string>& municipality) {
  using namespace std::chrono;
  const auto now = ctx_.clock.now();
  const auto agreement = default_liability_agreement();
  const year_month_day first{month / 1};
  const year_month_day last{month / std::chrono::last};
  const auto month_start = core::stockholm::start_of_day(first);
  const auto month_end = core::stockholm::start_of_day(core::stockholm::add_calendar_days(last, 1));

  LiabilityReport report{month, agreement.name, {}};
  ctx_.db.read([&](store::Transaction& tx) {
    const auto visible = visible_municipalities(tx, actor);
    const auto rows = tx.query(
        "SELECT e.id, COALESCE(p.municipality_code, ''), COALESCE(m.name, ''), w.name "
        "FROM inpatient_episodes e JOIN persons p ON p.id = e.person_id "
        "JOIN units w ON w.id = e.ward_unit_id "
        "LEFT JOIN principals m ON m.kind = 'municipality' AND m.area_code = "
        "p.municipality_code "
        "WHERE e.state <> 'cancelled' AND (e.discharged_at IS NULL OR e.discharged_at >= ?) "
        "AND EXISTS (SELECT 1 FROM episode_ready_periods r WHERE r.episode_id = e.id AND "
        "r.sent_at < ?) ORDER BY e.admitted_at, e.id",
        store::to_db_time(month_start), store::to_db_time(month_end));
    std::map<std::string, MunicipalityLiability> by_code;
    store::EpisodeRepository repo(tx);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto row = rows.row(i);
      // 5 kap. 2 §: the folkbokföring municipality pays (placements are not recorded yet).
      const std::string code = domain::discharge::liable_municipality(row.text(1), std::nullopt);
      if (municipality && code != *municipality) continue;
      if (visible && std::find(visible->begin(), visible->end(), code) == visible->end()) continue;
      const auto record = repo.find(row.text(0));
      if (!record) continue;
      const auto result = domain::discharge::compute_liability(
          domain::discharge::liability_facts(record->episode, now), agreement);
      EpisodeLiability episode{record->id, row.text(3), 0, 0, {}};
      for (const auto& day : result.days) {
        if (day.date < first || day.date > last) continue;
        if (day.status == domain::discharge::DayStatus::liable) {
          ++episode.liable_days;
          episode.amount += day.amount;
        }
        episode.days.push_back(day);
      }
      if (episode.days.empty()) continue;
      auto& m = by_code[code];
      m.municipality_code = code;
      m.municipality_name = row.text(2);
      m.liable_days += episode.liable_days;
      m.amount += episode.amount;
      for (const auto& problem : result.problems) {
        if (std::find(m.problems.begin(), m.problems.end(), problem) == m.problems.end())
          m.problems.push_back(problem);
      }
      m.episodes.push_back(std::move(episode));
    }
    for (auto& [code, m] : by_code) report.municipalities.push_back(std::move(m));
  });
  // Episode-level figures without names, but still about persons: the report read is logged.
  auto e = audit_entry(actor, ctx_.clock, domain::access::AuditAction::read, "liability_report",
                       std::nullopt, std::nullopt);
  e.outcome = "allowed: 2017:612 5 kap. (uppföljning)";
  ctx_.audit->record({e});
  return report;
}

}  // namespace nara::service
