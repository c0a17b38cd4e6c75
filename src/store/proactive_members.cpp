// The proactive list's kept facts (migration 0021): see proactive_members.hpp.
#include "store/proactive_members.hpp"

#include <boost/json.hpp>
#include <unordered_map>

#include "store/follow_up_rows.hpp"
#include "store/time_codec.hpp"

namespace nara::store {

using namespace follow_up_rows;
using domain::indicators::AdmissionKind;

namespace {

std::string placeholders(std::size_t count, std::string_view one = "?") {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += one;
  }
  return out;
}

const char* admission_kind_text(AdmissionKind kind) {
  switch (kind) {
    case AdmissionKind::acute:
      return "acute";
    case AdmissionKind::planned:
      return "planned";
    case AdmissionKind::unknown:
      break;
  }
  return "";
}

bool flag(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

}  // namespace

std::string encode_member_facts(const UnitPerson& person) {
  const auto& h = person.history;
  boost::json::array stays;
  for (std::size_t i = 0; i < h.stays.size(); ++i) {
    const auto& stay = h.stays[i];
    boost::json::array diagnoses;
    for (const auto& code : stay.diagnoses) diagnoses.emplace_back(code);
    stays.push_back(
        {{"episode", stay.episode_id},
         {"admitted", to_db_time(stay.admitted_at)},
         {"discharged", stay.discharged_at ? boost::json::value(to_db_time(*stay.discharged_at))
                                           : boost::json::value(nullptr)},
         {"kind", admission_kind_text(stay.admission_kind)},
         {"provider",
          i < person.sources.size() ? person.sources[i].care_provider_id : std::string()},
         {"ward", i < person.sources.size() ? person.sources[i].ward_unit_id : std::string()},
         {"diagnoses", std::move(diagnoses)}});
  }
  boost::json::object out{{"stays", std::move(stays)},
                          {"residentialCare", h.permanent_residential_care},
                          {"namedContact", h.has_named_contact},
                          {"activeSip", h.has_active_sip},
                          {"homeHealthCare", h.has_home_health_care}};
  if (h.home_care_hours_last_month) out["homeCareHours"] = *h.home_care_hours_last_month;
  return boost::json::serialize(out);
}

void decode_member_facts(std::string_view json, UnitPerson& person) {
  const auto value = boost::json::parse(json);
  const auto& o = value.as_object();
  auto& h = person.history;
  for (const auto& item : o.at("stays").as_array()) {
    const auto& s = item.as_object();
    domain::indicators::Stay stay;
    stay.episode_id = s.at("episode").as_string().c_str();
    stay.admitted_at = from_db_time(s.at("admitted").as_string());
    if (const auto& d = s.at("discharged"); d.is_string())
      stay.discharged_at = from_db_time(d.as_string());
    stay.admission_kind = admission_kind_of(std::string(s.at("kind").as_string()));
    for (const auto& code : s.at("diagnoses").as_array())
      stay.diagnoses.emplace_back(code.as_string());
    h.stays.push_back(std::move(stay));
    person.sources.push_back(
        {std::string(s.at("provider").as_string()), std::string(s.at("ward").as_string())});
  }
  h.permanent_residential_care = flag(o, "residentialCare");
  h.has_named_contact = flag(o, "namedContact");
  h.has_active_sip = flag(o, "activeSip");
  h.has_home_health_care = flag(o, "homeHealthCare");
  if (const auto* hours = o.if_contains("homeCareHours"); hours != nullptr && hours->is_number())
    h.home_care_hours_last_month = hours->to_number<double>();
}

ProactiveUnitState ProactiveMembers::state(const std::string& unit_id) {
  ProactiveUnitState out;
  const auto rs = tx_.query(
      "SELECT s.as_of_date, (SELECT COUNT(*) FROM proactive_changes c WHERE c.unit_id = "
      "s.unit_id) FROM proactive_unit_states s WHERE s.unit_id = ?",
      unit_id);
  if (rs.empty()) return out;
  out.as_of_date = rs.row(0).text(0);
  out.pending_changes = rs.row(0).int64(1);
  return out;
}

void ProactiveMembers::announce(const std::string& unit_id, core::Instant now) {
  if (tx_.engine() == Engine::postgres) {
    // A writer's trigger reads proactive_unit_states and holds that lock to its commit: taking
    // the table exclusively waits for every writer that looked before this unit was announced.
    tx_.query("LOCK TABLE proactive_unit_states IN ACCESS EXCLUSIVE MODE");
  }
  tx_.query(
      "INSERT INTO proactive_unit_states (unit_id, as_of_date, made_at) VALUES (?, '', ?) ON "
      "CONFLICT (unit_id) DO NOTHING",
      unit_id, to_db_time(now));
}

void ProactiveMembers::lock_unit(const std::string& unit_id) {
  if (tx_.engine() == Engine::postgres)
    tx_.query("SELECT pg_advisory_xact_lock(7235002, hashtext(?))", unit_id);
}

std::vector<ProactiveChange> ProactiveMembers::changes(const std::string& unit_id) {
  const auto rs = tx_.query(
      "SELECT id, person_id FROM proactive_changes WHERE unit_id = ? ORDER BY id", unit_id);
  std::vector<ProactiveChange> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i)
    out.push_back({rs.row(i).int64(0), rs.row(i).text(1)});
  return out;
}

void ProactiveMembers::delete_changes(const std::vector<ProactiveChange>& seen) {
  for (std::size_t at = 0; at < seen.size(); at += kMaxIdList) {
    const std::size_t count = std::min(kMaxIdList, seen.size() - at);
    const std::size_t length = id_list_length(count);
    std::vector<Value> ids;
    ids.reserve(length);
    for (std::size_t i = 0; i < length; ++i) ids.emplace_back(seen[at + std::min(i, count - 1)].id);
    tx_.run("DELETE FROM proactive_changes WHERE id IN (" + placeholders(length) + ")", ids);
  }
}

void ProactiveMembers::insert(const std::string& unit_id, const UnitPerson& person) {
  tx_.query(
      "INSERT INTO proactive_members (unit_id, person_id, birth_date, facts) VALUES (?, ?, ?, ?)",
      unit_id, person.history.person_id, optional_value(person.birth_date),
      encode_member_facts(person));
}

void ProactiveMembers::replace_all(const std::string& unit_id,
                                   const std::vector<UnitPerson>& persons,
                                   const std::string& as_of_date, core::Instant now,
                                   const std::vector<ProactiveChange>& seen) {
  tx_.query("DELETE FROM proactive_members WHERE unit_id = ?", unit_id);
  // Several rows per statement: a county health centre keeps thousands, and each statement is a
  // round trip on PostgreSQL.
  constexpr std::size_t kRowsPerStatement = 64;
  std::size_t at = 0;
  for (; at + kRowsPerStatement <= persons.size(); at += kRowsPerStatement) {
    std::vector<Value> params;
    params.reserve(kRowsPerStatement * 4);
    for (std::size_t i = at; i < at + kRowsPerStatement; ++i) {
      params.emplace_back(unit_id);
      params.emplace_back(persons[i].history.person_id);
      params.push_back(optional_value(persons[i].birth_date));
      params.emplace_back(encode_member_facts(persons[i]));
    }
    tx_.run("INSERT INTO proactive_members (unit_id, person_id, birth_date, facts) VALUES " +
                placeholders(kRowsPerStatement, "(?, ?, ?, ?)"),
            params);
  }
  for (; at < persons.size(); ++at) insert(unit_id, persons[at]);
  tx_.query("UPDATE proactive_unit_states SET as_of_date = ?, made_at = ? WHERE unit_id = ?",
            as_of_date, to_db_time(now), unit_id);
  delete_changes(seen);
}

void ProactiveMembers::replace_some(const std::string& unit_id,
                                    const std::vector<std::string>& changed,
                                    const std::vector<UnitPerson>& persons,
                                    const std::vector<ProactiveChange>& seen) {
  for (const auto& person_id : changed)
    tx_.query("DELETE FROM proactive_members WHERE unit_id = ? AND person_id = ?", unit_id,
              person_id);
  for (const auto& person : persons) insert(unit_id, person);
  delete_changes(seen);
}

void ProactiveMembers::forget_units_older_than(const std::string& before) {
  const auto stale =
      tx_.query("SELECT unit_id FROM proactive_unit_states WHERE as_of_date < ?", before);
  for (std::size_t i = 0; i < stale.size(); ++i) {
    const std::string unit_id = stale.row(i).text(0);
    tx_.query("DELETE FROM proactive_unit_states WHERE unit_id = ?", unit_id);
    tx_.query("DELETE FROM proactive_changes WHERE unit_id = ?", unit_id);
    tx_.query("DELETE FROM proactive_members WHERE unit_id = ?", unit_id);
  }
}

std::vector<UnitPerson> ProactiveMembers::read(const std::string& unit_id, core::Instant now,
                                               const std::string& birth_cutoff,
                                               std::chrono::year_month_day today) {
  const std::string now_text = to_db_time(now);
  // The care relation is checked here, not trusted from when the facts were made: the list is
  // a read of the person's data and needs the relation now (PDL 4:1).
  const auto rs = tx_.query(
      "SELECT m.person_id, m.birth_date, m.facts FROM proactive_members m WHERE m.unit_id = ? AND "
      "m.birth_date <= ? AND EXISTS (SELECT 1 FROM care_relations c WHERE c.person_id = "
      "m.person_id AND c.unit_id = m.unit_id AND c.started_at <= ? AND (c.ended_at IS NULL OR "
      "c.ended_at > ?)) ORDER BY m.person_id",
      unit_id, birth_cutoff, now_text, now_text);
  std::vector<UnitPerson> out(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    auto& person = out[i];
    person.history.person_id = r.text(0);
    person.birth_date = r.optional_text(1);
    if (person.birth_date) person.history.age = age_on(person.birth_date, today);
    decode_member_facts(r.text(2), person);
  }
  // The latest action on any unit's list, with its review date: read now, not kept, so an action
  // shows at once.
  const auto actions = tx_.query(
      "SELECT a.person_id, a.kind, a.recorded_at, a.next_review_on FROM proactive_members m JOIN "
      "proactive_actions a ON a.person_id = m.person_id WHERE m.unit_id = ? ORDER BY "
      "a.person_id, a.recorded_at",
      unit_id);
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index.emplace(out[i].history.person_id, i);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const auto r = actions.row(i);
    const auto it = index.find(r.text(0));
    if (it == index.end()) continue;
    auto& person = out[it->second].history;
    person.last_action = action_kind_of(r.text(1));
    person.last_action_at = from_db_time(r.text(2));
    person.next_review_on =
        r.is_null(3) ? std::nullopt
                     : std::optional<std::chrono::year_month_day>(stored_date(r.text(3)));
  }
  return out;
}

void ProactiveMembers::fill_names(std::vector<UnitPerson*>& persons) {
  std::unordered_map<std::string, UnitPerson*> by_id;
  for (auto* person : persons) by_id.emplace(person->history.person_id, person);
  for (std::size_t at = 0; at < persons.size(); at += kMaxIdList) {
    const std::size_t count = std::min(kMaxIdList, persons.size() - at);
    const std::size_t length = id_list_length(count);
    std::vector<Value> ids;
    ids.reserve(length);
    for (std::size_t i = 0; i < length; ++i)
      ids.emplace_back(persons[at + std::min(i, count - 1)]->history.person_id);
    const auto rs = tx_.run(
        "SELECT id, given_name, family_name, identifier, identifier_kind FROM persons WHERE id IN "
        "(" +
            placeholders(length) + ")",
        ids);
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const auto r = rs.row(i);
      const auto it = by_id.find(r.text(0));
      if (it == by_id.end()) continue;
      it->second->name = r.text(1) + " " + r.text(2);
      it->second->identifier = r.text(3);
      it->second->identifier_kind = r.text(4);
    }
  }
}

}  // namespace nara::store
