#include "service/worklist_service.hpp"

#include <algorithm>
#include <chrono>

#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/episode_service.hpp"
#include "service/liability_service.hpp"
#include "store/episode_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::discharge::Party;
using domain::registry::UnitKind;

std::string_view to_string(Party party) {
  switch (party) {
    case Party::ward:
      return "ward";
    case Party::health_centre:
      return "health_centre";
    case Party::municipality:
      return "municipality";
  }
  return "unknown";
}

namespace {

std::optional<Party> party_of(UnitKind kind) {
  switch (kind) {
    case UnitKind::hospital_ward:
      return Party::ward;
    case UnitKind::health_centre:
      return Party::health_centre;
    case UnitKind::home_health_care:
    case UnitKind::home_care:
    case UnitKind::administration:
    case UnitKind::residential_care:
      return Party::municipality;
    case UnitKind::hospital:
      return std::nullopt;
  }
  return std::nullopt;
}

// Whether the episode's samordnad vårdplan is established (upprättad: approved by every
// responsible unit, LPT 7 a § 3 st.) and not closed.
bool care_plan_established(store::Transaction& tx, const std::string& episode_id) {
  return !tx.query(
                "SELECT 1 FROM coordinated_plans WHERE episode_id = ? AND kind <> 'sip' AND "
                "state IN ('active', 'under_follow_up')",
                episode_id)
              .empty();
}

}  // namespace

Worklist WorklistService::for_unit(const domain::access::Actor& actor,
                                   const WorklistFilter& filter) {
  if (!actor.unit_id || !actor.role || !domain::access::role_reads_clinical_content(*actor.role)) {
    forbidden("Arbetslistan hör till enhetens vårdpersonal.");
  }
  const auto now = ctx_.clock.now();
  const std::string& unit = *actor.unit_id;
  auto list = ctx_.db.read([&](store::Transaction& tx) {
    const auto me = store::RegistryRepository(tx).find_unit(unit);
    const auto party = me ? party_of(me->kind) : std::nullopt;
    if (!party) forbidden("Enheten deltar inte i utskrivningsprocessen.");
    Worklist out{*party, {}};
    const auto terms = load_liability_terms(tx);
    // The ward sees the episodes it documents, also on the day after discharge (information
    // transfer, 3 kap. 2 §); a receiving unit those it was notified of while it takes part in the
    // person's care (PDL 4:1).
    std::string sql =
        "SELECT e.id, p.given_name || ' ' || p.family_name, p.municipality_code, w.name, "
        "pm.municipality_code, w.psychiatric_care "
        "FROM inpatient_episodes e JOIN persons p ON p.id = e.person_id "
        "JOIN units w ON w.id = e.ward_unit_id "
        "LEFT JOIN episode_placing_municipality pm ON pm.episode_id = e.id "
        "WHERE (e.ward_unit_id = ? OR (EXISTS (SELECT 1 FROM notices n WHERE n.episode_id = e.id "
        "AND n.to_unit_id = ?) AND EXISTS (SELECT 1 FROM care_relations cr WHERE cr.person_id = "
        "e.person_id AND cr.unit_id = ? AND cr.ended_at IS NULL))) "
        "AND e.ended_at IS NULL AND (e.discharged_at IS NULL OR e.discharged_at >= ?)";
    std::vector<store::Value> params{unit, unit, unit,
                                     store::to_db_time(now - std::chrono::hours(48))};
    if (filter.ward_unit_id) {
      sql += " AND e.ward_unit_id = ?";
      params.emplace_back(*filter.ward_unit_id);
    }
    if (filter.municipality_code) {
      sql += " AND p.municipality_code = ?";
      params.emplace_back(*filter.municipality_code);
    }
    if (filter.state) {
      sql += " AND e.state = ?";
      params.emplace_back(std::string(domain::discharge::to_string(*filter.state)));
    }
    sql += " ORDER BY e.admitted_at LIMIT 1000";
    const auto rows = tx.run(sql, params);
    store::EpisodeRepository repo(tx);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto row = rows.row(i);
      const auto record = repo.find(row.text(0));
      if (!record) continue;
      WorklistEntry base;
      base.episode_id = record->id;
      base.episode_state = std::string(domain::discharge::to_string(record->episode.state));
      base.person_id = record->person_id;
      base.person_name = row.text(1);
      base.municipality_code = row.optional_text(2);
      base.ward_unit_id = record->episode.ward_unit_id;
      base.ward_name = row.text(3);
      // The liability start follows the paying municipality's agreement (5 kap. 2 §, 4 kap. 5 §).
      const auto agreement =
          episode_agreement(terms,
                            domain::discharge::liable_municipality(
                                row.optional_text(2).value_or(""), row.optional_text(4)),
                            record->episode, now);
      for (const auto& work :
           domain::discharge::open_work(record->episode, *party, now, agreement,
                                        row.boolean(5) ? domain::discharge::CareSetting::psychiatric
                                                       : domain::discharge::CareSetting::somatic)) {
        WorklistEntry e = base;
        e.kind = work.kind;
        e.due = work.due;
        e.overdue = work.overdue;
        e.rule = work.rule;
        out.items.push_back(std::move(e));
      }
      if (*party == Party::ward && record->episode.ward_unit_id == unit) {
        if (auto work = domain::discharge::care_plan_work(
                record->episode, care_plan_established(tx, record->id), now)) {
          WorklistEntry e = base;
          e.kind = work->kind;
          e.due = work->due;
          e.overdue = work->overdue;
          e.rule = work->rule;
          out.items.push_back(std::move(e));
        }
      }
      const auto notices = tx.query(
          "SELECT id, kind, sent_at FROM notices WHERE episode_id = ? AND to_unit_id = ? AND "
          "acknowledged_at IS NULL ORDER BY sent_at",
          record->id, unit);
      for (std::size_t n = 0; n < notices.size(); ++n) {
        WorklistEntry e = base;
        e.kind = "acknowledge_notice";
        e.notice_id = notices.row(n).text(0);
        e.notice_kind = notices.row(n).text(1);
        e.due = store::from_db_time(notices.row(n).text(2));
        e.rule = "Lag (2017:612) 2 kap. 6 §";
        out.items.push_back(std::move(e));
      }
    }
    return out;
  });
  if (filter.overdue_only) {
    std::erase_if(list.items, [](const WorklistEntry& e) { return !e.overdue; });
  }
  std::stable_sort(list.items.begin(), list.items.end(),
                   [](const WorklistEntry& a, const WorklistEntry& b) { return a.due < b.due; });
  // Each person shown is an access to their data (PDL 4:3): one list entry names them all.
  if (!list.items.empty()) {
    std::vector<std::string> persons;
    persons.reserve(list.items.size());
    for (const auto& item : list.items) persons.push_back(item.person_id);
    ctx_.audit->record({list_read_entry(actor, ctx_.clock, "worklist", *actor.unit_id,
                                        std::move(persons), "allowed: 2017:612 (arbetslista)")});
  }
  return list;
}

}  // namespace nara::service
