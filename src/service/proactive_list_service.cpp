// The proactive list (issue 19 point 3): the persons aged 65 or more in the care of a health
// centre or a municipal unit, assessed as mest sjuka äldre and for readmission risk (domain-rules
// §4.1), each from the data the reader may see: a stay documented at another unit or care
// provider counts only where the sharing rules allow it (PDL 4:1, 4:4; Lag 2022:913 2:3, 3:1),
// exactly as if the reader opened it. The list is logged as one entry naming every person on it;
// an action is written with its own entry.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "domain/access/policy.hpp"
#include "domain/discharge/liability.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/denied_access.hpp"
#include "service/follow_up_service.hpp"
#include "service/follow_up_support.hpp"
#include "store/follow_up_repository.hpp"
#include "store/proactive_members.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;
using domain::indicators::ActionKind;

namespace {

constexpr const char* kRefusal =
    "Proaktiv lista används av sjuksköterskor, läkare och SIP-samordnare på vårdcentraler och i "
    "kommunens verksamheter.";

bool works_with_list(const domain::access::Actor& actor) {
  return actor.role == Role::district_nurse || actor.role == Role::physician ||
         actor.role == Role::home_health_care_nurse || actor.role == Role::sip_coordinator;
}

// A health centre or a municipal unit has a population to be proactive about; a ward does not.
bool unit_keeps_list(const std::string& kind) {
  return kind == "health_centre" || kind == "home_health_care" || kind == "home_care" ||
         kind == "residential_care" || kind == "administration";
}

// Keeps the stays the reader may see, by the same decision a read of each would get.
void drop_unseen_stays(store::UnitPerson& person, const domain::access::Actor& actor,
                       const store::SharingFacts& sharing) {
  auto& stays = person.history.stays;
  std::vector<domain::indicators::Stay> kept;
  kept.reserve(stays.size());
  const bool consent = sharing.consented.count(person.history.person_id) > 0;
  for (std::size_t i = 0; i < stays.size(); ++i) {
    const auto& source = person.sources[i];
    domain::access::AccessFacts f;
    f.role = actor.role;
    f.active_care_relation = true;  // the list is of the unit's own persons
    f.category = domain::access::DataCategory::clinical;
    f.consent_recorded = consent;
    if (source.ward_unit_id == actor.unit_id) {
      f.origin = domain::access::DataOrigin::own_unit;
    } else if (source.care_provider_id == actor.care_provider_id) {
      f.origin = domain::access::DataOrigin::other_unit_same_provider;
      const auto& id = person.history.person_id;
      f.blocked =
          sharing.within_provider.count({id, source.care_provider_id, source.ward_unit_id}) ||
          sharing.within_provider.count({id, source.care_provider_id, ""});
    } else {
      f.origin = domain::access::DataOrigin::other_provider;
      f.blocked =
          sharing.across_providers.count({person.history.person_id, source.care_provider_id});
    }
    if (domain::access::decide(f).verdict == domain::access::Verdict::allow)
      kept.push_back(std::move(stays[i]));
  }
  stays = std::move(kept);
}

std::string iso_date(std::chrono::year_month_day day) {
  return domain::discharge::format_iso_date(day);
}

ProactiveAction action_from(const store::Row& r) {
  ProactiveAction a;
  a.id = r.text(0);
  a.person_id = r.text(1);
  a.unit_id = r.text(2);
  a.unit_name = r.text(3);
  a.kind = parse_action_kind(r.text(4)).value_or(ActionKind::assessed_no_action);
  a.note = r.optional_text(5);
  a.next_review_on = r.optional_text(6);
  a.risk_score = r.is_null(7) ? std::nullopt : std::optional<int>(static_cast<int>(r.int64(7)));
  a.recorded_by_name = r.text(8);
  a.recorded_at = r.text(9);
  return a;
}

constexpr const char* kActionColumns =
    "a.id, a.person_id, a.unit_id, u.name, a.kind, a.note, a.next_review_on, a.risk_score, "
    "us.display_name, a.recorded_at";

struct Assessed {
  std::string unit_name;
  std::vector<ProactiveListRow> rows;  // the first `limit` of each section
  int total_active = 0;
  int total_review_pending = 0;
};

// The unit's name, refusing a unit that keeps no list.
std::string list_unit_name(store::Transaction& tx, const std::string& unit_id) {
  const auto unit = tx.query("SELECT name, kind FROM units WHERE id = ?", unit_id);
  if (unit.empty() || !unit_keeps_list(unit.row(0).text(1))) forbidden(kRefusal);
  return unit.row(0).text(0);
}

// Makes the unit's kept facts current before they are read: all of them on a new local date (the
// 12-month windows, last month's hours and ages move), else those of the persons whose facts
// changed since (migration 0021's triggers). Kept facts nobody has read for a week are dropped.
void refresh_members(store::Database& db, const std::string& unit_id, int min_age,
                     core::Instant now) {
  const std::string today = iso_date(core::stockholm::local_date(now));
  const auto current = [&](const store::ProactiveUnitState& state) {
    return state.as_of_date == today && state.pending_changes == 0;
  };
  const auto state =
      db.read([&](store::Transaction& tx) { return store::ProactiveMembers(tx).state(unit_id); });
  if (current(state)) return;
  if (!state.as_of_date)
    db.write([&](store::Transaction& tx) { store::ProactiveMembers(tx).announce(unit_id, now); });
  db.write([&](store::Transaction& tx) {
    store::ProactiveMembers members(tx);
    members.lock_unit(unit_id);
    const auto locked = members.state(unit_id);
    if (current(locked)) return;  // made by another request meanwhile
    const auto seen = members.changes(unit_id);
    std::vector<std::string> changed;
    changed.reserve(seen.size());
    for (const auto& change : seen) changed.push_back(change.person_id);
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    store::FollowUpRepository repo(tx);
    if (locked.as_of_date != today || changed.size() > store::kMaxPersonsRefreshedOneByOne) {
      members.replace_all(unit_id, repo.unit_population(unit_id, now, min_age), today, now, seen);
      members.forget_units_older_than(
          iso_date(core::stockholm::add_calendar_days(core::stockholm::local_date(now), -7)));
    } else {
      members.replace_some(unit_id, changed, repo.unit_population(unit_id, now, min_age, &changed),
                           seen);
    }
  });
}

// The unit's list as of `now` from its kept facts and what the reader may see; names and the
// latest actions are read for the rows shown only.
Assessed assess_unit(store::Transaction& tx, const domain::access::Actor& actor,
                     const domain::indicators::FrailtyCriteria& criteria, int min_lace,
                     core::Instant now, int limit) {
  Assessed out;
  out.unit_name = list_unit_name(tx, *actor.unit_id);
  const auto today = core::stockholm::local_date(now);
  store::ProactiveMembers members(tx);
  auto persons =
      members.read(*actor.unit_id, now, store::latest_birth_date(today, criteria.min_age), today);
  const auto sharing = store::FollowUpRepository(tx).unit_sharing_facts(
      *actor.unit_id, actor.care_provider_id.value_or(""), now);
  std::vector<domain::indicators::PersonHistory> histories;
  histories.reserve(persons.size());
  std::map<std::string, store::UnitPerson*> by_id;
  for (auto& p : persons) {
    drop_unseen_stays(p, actor, sharing);
    histories.push_back(p.history);
    by_id[p.history.person_id] = &p;
  }
  auto ranked = domain::indicators::proactive_list(histories, today, criteria, min_lace);
  // Only what is shown is read further, sent and logged: a county health centre can have
  // thousands on its list.
  std::vector<domain::indicators::ProactiveRow> shown;
  for (auto& row : ranked) {
    int& count = row.review_pending ? out.total_review_pending : out.total_active;
    if (count++ < limit) shown.push_back(std::move(row));
  }
  if (shown.empty()) return out;
  std::vector<store::UnitPerson*> named;
  named.reserve(shown.size());
  for (const auto& row : shown) named.push_back(by_id.at(row.person_id));
  members.fill_names(named);
  // The latest action on each, with who recorded it.
  std::map<std::string, ProactiveAction> last;
  const auto actions = tx.query(
      std::string("SELECT ") + kActionColumns +
          " FROM proactive_members m JOIN proactive_actions a ON a.person_id = m.person_id JOIN "
          "units u ON u.id = a.unit_id JOIN users us ON us.id = a.recorded_by WHERE m.unit_id = ? "
          "ORDER BY a.person_id, a.recorded_at",
      *actor.unit_id);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    auto a = action_from(actions.row(i));
    last[a.person_id] = std::move(a);
  }
  for (auto& row : shown) {
    const auto& p = *by_id.at(row.person_id);
    ProactiveListRow out_row;
    out_row.person = {p.history.person_id, p.name,
                      display_identifier(p.identifier, p.identifier_kind), p.history.age};
    if (const auto it = last.find(row.person_id); it != last.end())
      out_row.last_action = it->second;
    out_row.assessment = std::move(row);
    out.rows.push_back(std::move(out_row));
  }
  return out;
}

// One person's assessment on the unit's list as of `now`, straight from the records (an action is
// recorded on what the list shows): none if they are not on it.
std::optional<domain::indicators::ProactiveRow> assess_person(
    store::Transaction& tx, const domain::access::Actor& actor,
    const domain::indicators::FrailtyCriteria& criteria, int min_lace, core::Instant now,
    const std::string& person_id) {
  list_unit_name(tx, *actor.unit_id);
  store::FollowUpRepository repo(tx);
  const std::vector<std::string> only{person_id};
  auto persons = repo.unit_population(*actor.unit_id, now, criteria.min_age, &only);
  if (persons.empty()) return std::nullopt;
  const auto sharing =
      repo.unit_sharing_facts(*actor.unit_id, actor.care_provider_id.value_or(""), now);
  drop_unseen_stays(persons.front(), actor, sharing);
  auto ranked = domain::indicators::proactive_list(
      {persons.front().history}, core::stockholm::local_date(now), criteria, min_lace);
  if (ranked.empty()) return std::nullopt;
  return std::move(ranked.front());
}

boost::json::array texts(const std::vector<std::string>& sv, const std::vector<std::string>& en) {
  boost::json::array out;
  for (std::size_t i = 0; i < sv.size(); ++i)
    out.push_back({{"sv", sv[i]}, {"en", i < en.size() ? en[i] : sv[i]}});
  return out;
}

}  // namespace

std::string_view to_string(ActionKind kind) {
  switch (kind) {
    case ActionKind::offer_sip:
      return "offer_sip";
    case ActionKind::appoint_named_contact:
      return "appoint_named_contact";
    case ActionKind::plan_home_visit:
      return "plan_home_visit";
    case ActionKind::assessed_no_action:
      return "assessed_no_action";
  }
  return "assessed_no_action";
}

std::optional<ActionKind> parse_action_kind(std::string_view text) {
  for (const auto kind : {ActionKind::offer_sip, ActionKind::appoint_named_contact,
                          ActionKind::plan_home_visit, ActionKind::assessed_no_action})
    if (to_string(kind) == text) return kind;
  return std::nullopt;
}

ProactiveList FollowUpService::proactive_list(const domain::access::Actor& actor,
                                              const std::optional<std::string>& unit_id,
                                              int limit) {
  if (!works_with_list(actor) || !actor.unit_id ||
      (unit_id && !unit_id->empty() && *unit_id != *actor.unit_id)) {
    auto entry = audit_entry(actor, ctx_.clock, AuditAction::denied, "proactive_list",
                             unit_id.value_or(actor.unit_id.value_or("")), std::nullopt);
    entry.outcome = "denied: PDL 4:2";
    ctx_.audit->record({std::move(entry)});
    forbidden(works_with_list(actor) ? "Du ser din egen enhets proaktiva lista." : kRefusal);
  }
  const auto now = ctx_.clock.now();
  ProactiveList out;
  out.unit_id = *actor.unit_id;
  out.reference_date = iso_date(core::stockholm::local_date(now));
  // A refused unit changes nothing: its kind is checked before its facts are made.
  ctx_.db.read([&](store::Transaction& tx) { return list_unit_name(tx, *actor.unit_id); });
  refresh_members(ctx_.db, *actor.unit_id, out.criteria.min_age, now);
  auto assessed = ctx_.db.read([&](store::Transaction& tx) {
    return assess_unit(tx, actor, out.criteria, out.min_lace, now, limit);
  });
  out.unit_name = std::move(assessed.unit_name);
  out.rows = std::move(assessed.rows);
  out.total_active = assessed.total_active;
  out.total_review_pending = assessed.total_review_pending;
  std::vector<std::string> persons;
  persons.reserve(out.rows.size());
  for (const auto& row : out.rows) persons.push_back(row.person.id);
  if (!persons.empty())
    ctx_.audit->record(
        list_access_entries(actor, ctx_.clock, "proactive_list", out.unit_id, persons));
  return out;
}

ProactiveAction FollowUpService::record_action(const domain::access::Actor& actor,
                                               const ActionInput& input) {
  const auto now = ctx_.clock.now();
  const auto today = core::stockholm::local_date(now);
  if (input.kind == ActionKind::assessed_no_action && !input.next_review_on)
    core::throw_field_error("nextReviewOn", "required", "Ange när personen ska bedömas igen.");
  if (input.next_review_on) {
    const auto day = std::chrono::sys_days(*input.next_review_on);
    if (day <= std::chrono::sys_days(today))
      core::throw_field_error("nextReviewOn", "not_future",
                              "Nästa bedömning ska ligga efter idag.");
    if (day > std::chrono::sys_days(today) + std::chrono::days(731))
      core::throw_field_error("nextReviewOn", "too_far", "Nästa bedömning ska ligga inom två år.");
  }
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    require_role_and_relation(tx, actor, input.person_id, ctx_.clock, "proactive_action",
                              works_with_list(actor), kRefusal);
    // What the decision was made on: the person's risk and reasons as the list shows them now.
    const domain::indicators::FrailtyCriteria criteria;
    const auto assessed = assess_person(tx, actor, criteria, 10, now, input.person_id);
    std::optional<int> risk;
    boost::json::object reasons{{"onList", false}};
    if (assessed) {
      risk = assessed->risk.total;
      reasons = {{"onList", true},
                 {"lace", assessed->risk.total},
                 {"mostIll", assessed->frailty.most_ill},
                 {"reasons", texts(assessed->reasons_sv, assessed->reasons_en)}};
    }
    const std::string id = core::new_uuid();
    const std::string at = store::to_db_time(now);
    tx.query(
        "INSERT INTO proactive_actions (id, person_id, unit_id, kind, note, next_review_on, "
        "risk_score, reasons, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, input.person_id, *actor.unit_id, std::string(to_string(input.kind)),
        store::optional_value(input.note),
        input.next_review_on ? store::Value{iso_date(*input.next_review_on)}
                             : store::Value{nullptr},
        risk ? store::Value{static_cast<std::int64_t>(*risk)} : store::Value{nullptr},
        boost::json::serialize(reasons), actor.user_id, at);
    auto entry = audit_entry(actor, ctx_.clock, AuditAction::create, "proactive_action", id,
                             input.person_id);
    AuditLog::record_in(tx, {std::move(entry)});
    const auto row = tx.query(std::string("SELECT ") + kActionColumns +
                                  " FROM proactive_actions a JOIN units u ON u.id = a.unit_id "
                                  "JOIN users us ON us.id = a.recorded_by WHERE a.id = ?",
                              id);
    return action_from(row.row(0));
  });
}

std::vector<ProactiveAction> FollowUpService::person_actions(const domain::access::Actor& actor,
                                                             const std::string& person_id) {
  auto actions = write_logging_denials(ctx_, [&](store::Transaction& tx) {
    require_role_and_relation(tx, actor, person_id, ctx_.clock, "proactive_action",
                              works_with_list(actor) || actor.role == Role::unit_manager, kRefusal);
    // Actions are documentation of the unit that recorded them: another provider's are shown
    // only as the sharing rules allow.
    const auto rows = tx.query(
        std::string("SELECT ") + kActionColumns +
            ", u.care_provider_id FROM proactive_actions a JOIN units u ON u.id = a.unit_id JOIN "
            "users us ON us.id = a.recorded_by WHERE a.person_id = ? ORDER BY a.recorded_at DESC, "
            "a.id",
        person_id);
    std::vector<ProactiveAction> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto r = rows.row(i);
      if (r.text(10) != actor.care_provider_id.value_or("")) {
        const auto consent = tx.query(
            "SELECT 1 FROM consents WHERE person_id = ? AND care_provider_id = ? AND "
            "withdrawn_at IS NULL AND (valid_until IS NULL OR valid_until > ?)",
            person_id, actor.care_provider_id.value_or(""), store::to_db_time(ctx_.clock.now()));
        const auto blocked = tx.query(
            "SELECT 1 FROM blocks WHERE person_id = ? AND care_provider_id = ? AND kind = "
            "'across_providers' AND lifted_at IS NULL",
            person_id, r.text(10));
        if (consent.empty() || !blocked.empty()) continue;
      }
      out.push_back(action_from(r));
    }
    return out;
  });
  auto entry = audit_entry(actor, ctx_.clock, AuditAction::read, "proactive_action", std::nullopt,
                           person_id);
  ctx_.audit->record({std::move(entry)});
  return actions;
}

}  // namespace nara::service
