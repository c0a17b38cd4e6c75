#include "service/liability_report.hpp"

#include <algorithm>
#include <map>

#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/liability_service.hpp"
#include "store/episode_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::Role;

std::optional<std::vector<std::string>> report_municipalities(store::Transaction& tx,
                                                              const domain::access::Actor& a) {
  if (a.role == Role::county_administrator) return std::nullopt;
  if (a.role != Role::unit_manager || !a.unit_id) {
    forbidden("Uppföljningsrapporterna visas för chefer och länsadministratörer.");
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

LiabilityReport LiabilityReportService::monthly(const domain::access::Actor& actor,
                                                std::chrono::year_month month,
                                                const std::optional<std::string>& municipality) {
  using namespace std::chrono;
  using domain::discharge::LiabilityModel;
  const auto now = ctx_.clock.now();
  const year_month_day first{month / 1};
  const year_month_day last{month / std::chrono::last};
  const auto month_start = core::stockholm::start_of_day(first);
  const auto month_end = core::stockholm::start_of_day(core::stockholm::add_calendar_days(last, 1));

  LiabilityReport report{month, domain::discharge::LiabilityAgreement{}.name, {}};
  ctx_.db.read([&](store::Transaction& tx) {
    const auto visible = report_municipalities(tx, actor);
    const auto terms = load_liability_terms(tx);
    std::map<std::string, std::string> names;
    const auto principals =
        tx.query("SELECT area_code, name FROM principals WHERE kind = 'municipality'");
    for (std::size_t i = 0; i < principals.size(); ++i)
      names[principals.row(i).text(0)] = principals.row(i).text(1);
    const auto rows = tx.query(
        "SELECT e.id, COALESCE(p.municipality_code, ''), pm.municipality_code, w.name "
        "FROM inpatient_episodes e JOIN persons p ON p.id = e.person_id "
        "JOIN units w ON w.id = e.ward_unit_id "
        "LEFT JOIN episode_placing_municipality pm ON pm.episode_id = e.id "
        "WHERE e.state <> 'cancelled' AND (e.discharged_at IS NULL OR e.discharged_at >= ?) "
        "AND EXISTS (SELECT 1 FROM episode_ready_periods r WHERE r.episode_id = e.id AND "
        "r.sent_at < ?) ORDER BY e.admitted_at, e.id",
        store::to_db_time(month_start), store::to_db_time(month_end));
    std::map<std::string, MunicipalityLiability> by_code;
    // Episodes of municipalities whose month is settled by the average, with their facts.
    std::map<std::string, std::vector<std::pair<std::string, domain::discharge::LiabilityFacts>>>
        averaged;
    std::map<std::string, std::string> ward_of;
    std::map<std::string, bool> placed_of;
    const auto municipality_entry = [&](const std::string& code) -> MunicipalityLiability& {
      auto& m = by_code[code];
      if (m.municipality_code.empty()) {
        m.municipality_code = code;
        m.municipality_name = names.count(code) ? names[code] : std::string();
        // A model covers whole months: the agreement in force on the month's first day decides
        // it (and names it); under per_episode each episode then uses the agreement in force
        // at its first ready notice, which old months keep by their validity periods.
        const auto a = terms.for_municipality(code, first);
        m.model = a.model;
        m.agreement_id = a.id;
        m.agreement = a.name;
      }
      return m;
    };
    store::EpisodeRepository repo(tx);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto row = rows.row(i);
      // 5 kap. 2 §: the placing municipality pays, else the folkbokföring municipality.
      const std::string code =
          domain::discharge::liable_municipality(row.text(1), row.optional_text(2));
      if (municipality && code != *municipality) continue;
      if (visible && std::find(visible->begin(), visible->end(), code) == visible->end()) continue;
      const auto record = repo.find(row.text(0));
      if (!record) continue;
      const auto facts = episode_liability_facts(tx, *record, now);
      auto& m = municipality_entry(code);
      if (m.model == LiabilityModel::monthly_average) {
        averaged[code].emplace_back(record->id, facts);
        ward_of[record->id] = row.text(3);
        placed_of[record->id] = !row.is_null(2);
        continue;
      }
      const auto agreement = episode_agreement(terms, code, record->episode, now);
      const auto result = domain::discharge::compute_liability(facts, agreement);
      EpisodeLiability episode;
      episode.episode_id = record->id;
      episode.ward_name = row.text(3);
      episode.agreement = agreement.name;
      episode.care_setting = facts.care_setting;
      episode.placed = !row.is_null(2);
      for (const auto& day : result.days) {
        if (day.date < first || day.date > last) continue;
        if (day.status == domain::discharge::DayStatus::liable) {
          ++episode.liable_days;
          episode.amount += day.amount;
        }
        episode.days.push_back(day);
      }
      if (episode.days.empty()) continue;
      m.liable_days += episode.liable_days;
      m.amount += episode.amount;
      for (const auto& problem : result.problems) {
        if (std::find(m.problems.begin(), m.problems.end(), problem) == m.problems.end())
          m.problems.push_back(problem);
      }
      m.episodes.push_back(std::move(episode));
    }
    for (auto& [code, episodes] : averaged) {
      auto& m = by_code[code];
      const auto agreement = terms.for_municipality(code, first);
      const auto result = domain::discharge::monthly_average_liability(episodes, month, agreement);
      m.average = AverageFigures{agreement.average_threshold_days, result.episodes_counted,
                                 result.ready_days, result.allowed_days, result.amount_per_day};
      m.liable_days = result.liable_days;
      m.amount = result.amount;
      m.problems = result.problems;
      for (const auto& e : result.episodes) {
        EpisodeLiability episode;
        episode.episode_id = e.episode_id;
        episode.ward_name = ward_of[e.episode_id];
        episode.agreement = agreement.name;
        episode.placed = placed_of[e.episode_id];
        episode.ready_days = e.ready_days;
        episode.counted_in_average = e.counted;
        episode.reason = e.reason;
        m.episodes.push_back(std::move(episode));
      }
    }
    for (auto& [code, m] : by_code) {
      if (m.episodes.empty()) continue;  // e.g. averaged, but nobody discharged this month
      report.municipalities.push_back(std::move(m));
    }
  });
  // Episode-level figures without names, but still about persons: the report read is logged.
  auto e = audit_entry(actor, ctx_.clock, domain::access::AuditAction::read, "liability_report",
                       std::nullopt, std::nullopt);
  e.outcome = "allowed: 2017:612 5 kap. (uppföljning)";
  ctx_.audit->record({e});
  return report;
}

}  // namespace nara::service
