// The drill-down from an indicator's cell to the facts behind it (issue 19 point 4). A unit
// manager follows up their own unit's work (PDL 2 kap. 4 § p. 3: uppföljning och
// kvalitetssäkring av verksamheten), so they see the episodes of their ward or health centre and
// those whose notices their unit received, the SIPs their unit started or took part in, and the
// requests their unit sent or received; the rest of the cell is counted as hidden. County
// administrators follow up aggregates only. One audit entry covers the list and names everyone
// in it.
#include <set>
#include <unordered_set>

#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/follow_up_service.hpp"
#include "service/follow_up_support.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;
using domain::indicators::Level;
using domain::indicators::Month;

namespace {

// What kind of fact an indicator's cells are made of, by the level its unit series is kept at;
// "" for those counted over persons' contacts, care relations or list actions.
std::string fact_kind(const domain::indicators::Definition& definition) {
  using domain::indicators::UnitLevel;
  switch (definition.unit_level) {
    case UnitLevel::ward:
    case UnitLevel::health_centre:
      return "episode";
    case UnitLevel::initiating_unit:
      return "sip";
    case UnitLevel::receiving_unit:
      return "request";
    default:
      return "";
  }
}

}  // namespace

DrillDown FollowUpService::facts(const domain::access::Actor& actor,
                                 const std::string& indicator_id, Level level,
                                 const std::string& key, Month month) {
  require_follow_up_reader(ctx_, actor, indicator_id);
  const auto& definition = known_indicator(indicator_id);
  if (actor.role != Role::unit_manager || !actor.unit_id) {
    auto entry = audit_entry(actor, ctx_.clock, AuditAction::denied, "indicator_facts",
                             indicator_id, std::nullopt);
    entry.outcome = "denied: aggregates only";
    ctx_.audit->record({std::move(entry)});
    forbidden(
        "Länsadministratören följer upp på aggregerad nivå; de enskilda vårdtillfällena "
        "visas för enheternas chefer.");
  }
  const std::string kind = fact_kind(definition);
  if (kind.empty())
    core::throw_field_error("id", "indicator.not_drillable",
                            "Indikatorn räknas över personers kontakter och kan inte brytas ned "
                            "till enskilda händelser.",
                            422);
  const auto now = ctx_.clock.now();
  const auto from = month_start(month);
  const auto to = month_start(month + std::chrono::months(1));
  DrillDown out{indicator_id, month, kind, {}, 0};
  std::vector<std::string> persons;
  ctx_.db.read([&](store::Transaction& tx) {
    if (level == Level::municipality &&
        tx.query("SELECT 1 FROM principals WHERE kind = 'municipality' AND area_code = ?", key)
            .empty())
      core::throw_problem([&] {
        auto p = core::not_found_problem("Kommunen finns inte.");
        p.errors.push_back({"key", "municipality.unknown", "Kommunen " + key + " finns inte."});
        return p;
      }());
    if (level == Level::unit && tx.query("SELECT 1 FROM units WHERE id = ?", key).empty())
      core::throw_problem([&] {
        auto p = core::not_found_problem("Enheten finns inte.");
        p.errors.push_back({"key", "unit.unknown", "Enheten finns inte."});
        return p;
      }());
  });
  const auto facts = load_indicator_facts(ctx_.db, from, to, now);
  domain::indicators::Parameters parameters;
  parameters.as_of = now;
  const auto ids =
      domain::indicators::facts_behind(facts, parameters, indicator_id, level, key, month);
  const std::unordered_set<std::string> behind(ids.begin(), ids.end());
  ctx_.db.read([&](store::Transaction& tx) {
    const std::string& unit = *actor.unit_id;
    // Every row the reader's unit may see; the cell's facts are picked from them.
    const std::string since = store::to_db_time(from - std::chrono::days(400));
    const std::string until = store::to_db_time(to + std::chrono::days(40));
    store::ResultSet rows;
    if (kind == "episode") {
      rows = tx.query(
          "SELECT e.id, p.id, p.given_name, p.family_name, p.identifier, p.identifier_kind, "
          "w.name, "
          "e.admitted_at, e.discharged_at, e.state FROM inpatient_episodes e "
          "JOIN persons p ON p.id = e.person_id JOIN units w ON w.id = e.ward_unit_id "
          "WHERE e.admitted_at >= ? AND e.admitted_at < ? AND (e.ward_unit_id = ? OR EXISTS "
          "(SELECT 1 FROM notices n WHERE n.episode_id = e.id AND n.to_unit_id = ?)) "
          "ORDER BY e.admitted_at, e.id",
          since, until, unit, unit);
    } else if (kind == "sip") {
      rows = tx.query(
          "SELECT c.id, p.id, p.given_name, p.family_name, p.identifier, p.identifier_kind, "
          "u.name, "
          "c.created_at, NULL, c.state FROM coordinated_plans c JOIN persons p ON "
          "p.id = c.person_id JOIN units u ON u.id = c.initiated_by_unit_id WHERE c.kind = 'sip' "
          "AND (c.initiated_by_unit_id = ? OR EXISTS (SELECT 1 FROM care_relations r WHERE "
          "r.unit_id = ? AND r.origin = 'sip_participation' AND r.source_id = c.id)) "
          "ORDER BY c.created_at, c.id",
          unit, unit);
    } else {
      rows = tx.query(
          "SELECT r.id, p.id, p.given_name, p.family_name, p.identifier, p.identifier_kind, "
          "u.name, "
          "r.sent_at, r.due_at, r.state FROM care_requests r JOIN persons p ON p.id = r.person_id "
          "JOIN units u ON u.id = r.to_unit_id WHERE r.due_at >= ? AND r.due_at < ? AND "
          "(r.to_unit_id = ? OR r.from_unit_id = ?) ORDER BY r.due_at, r.id",
          store::to_db_time(from), store::to_db_time(to), unit, unit);
    }
    std::set<std::string> listed_persons;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto r = rows.row(i);
      if (!behind.count(r.text(0))) continue;
      out.items.push_back({r.text(0), kind, r.text(1), r.text(2) + " " + r.text(3),
                           display_identifier(r.text(4), r.text(5)), r.text(6), r.text(7),
                           r.optional_text(8), r.text(9)});
      listed_persons.insert(r.text(1));
    }
    out.hidden = static_cast<int>(behind.size() - out.items.size());
    persons.assign(listed_persons.begin(), listed_persons.end());
  });
  if (!persons.empty()) {
    ctx_.audit->record(list_access_entries(actor, ctx_.clock, "indicator_facts",
                                           indicator_id + "/" + key, persons));
  }
  return out;
}

}  // namespace nara::service
