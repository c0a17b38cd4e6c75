// The proactive list's facts (issue 19 point 3): a unit's persons who can meet a criterion, their
// stays, hours and actions, and the blocks and consents its lawful-access filter needs.
#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/stockholm_time.hpp"
#include "store/follow_up_repository.hpp"
#include "store/follow_up_rows.hpp"
#include "store/time_codec.hpp"

namespace nara::store {

using domain::indicators::PersonHistory;
using namespace follow_up_rows;

namespace {

// Runs `sql` with `params` followed by the ids of `only`, whose placeholders `only_clause` wrote
// at the end of the statement's conditions.
ResultSet run_with(Transaction& tx, const std::string& sql, std::vector<Value> params,
                   const std::vector<std::string>* only) {
  if (only != nullptr) {
    params.insert(params.end(), only->begin(), only->end());
    params.resize(params.size() + id_list_length(only->size()) - only->size(), only->back());
  }
  return tx.run(sql, params);
}

// " AND <alias>.person_id IN (?, …)" for a refresh of some persons; nothing for the whole unit.
std::string only_clause(const char* alias, const std::vector<std::string>* only) {
  if (only == nullptr) return {};
  std::string out = std::string(" AND ") + alias + ".person_id IN (";
  for (std::size_t i = 0; i < id_list_length(only->size()); ++i) out += i == 0 ? "?" : ", ?";
  return out + ")";
}

}  // namespace

std::vector<UnitPerson> FollowUpRepository::unit_population(const std::string& unit_id,
                                                            core::Instant now, int min_age,
                                                            const std::vector<std::string>* only) {
  if (only != nullptr && only->empty()) return {};
  if (only != nullptr && only->size() > kMaxIdList)
    throw DatabaseError("unit_population: more than 256 persons to refresh");
  const std::string now_text = to_db_time(now);
  const std::string year_ago = to_db_time(now - kYear);
  const auto today = core::stockholm::local_date(now);
  const std::string birth_cutoff = latest_birth_date(today, min_age);
  const auto last_month = core::stockholm::add_calendar_days(
      std::chrono::year_month_day{today.year() / today.month() / 1}, -1);
  char last_month_buffer[32];
  std::snprintf(last_month_buffer, sizeof last_month_buffer, "%04d-%02u",
                static_cast<int>(last_month.year()), static_cast<unsigned>(last_month.month()));
  const std::string last_month_text(last_month_buffer);
  // Only persons who can meet a criterion are assessed: a stay in the last 12 months (or now),
  // permanent SÄBO, or home care hours reported for last month. Each read starts from those few
  // facts and asks whether the person is in the unit's care, instead of starting from everyone
  // the unit has (a county health centre lists tens of thousands).
  const auto member = [](const char* alias) {
    return std::string("EXISTS (SELECT 1 FROM care_relations c WHERE c.person_id = ") + alias +
           ".person_id AND c.unit_id = ? AND c.started_at <= ? AND (c.ended_at IS NULL OR "
           "c.ended_at > ?))";
  };
  const std::string person_columns =
      "p.id, p.birth_date, p.given_name, p.family_name, p.identifier, p.identifier_kind";
  const std::string alive_and_old = " AND p.deceased_on IS NULL AND p.birth_date <= ?";
  std::vector<UnitPerson> out;
  std::unordered_map<std::string, std::size_t> index;
  // Adds the person of columns 0–5 of `r` once; returns their place in `out`.
  const auto person_of = [&](const Row& r) {
    const auto [it, added] = index.emplace(r.text(0), out.size());
    if (added) {
      UnitPerson unit_person;
      unit_person.history.person_id = r.text(0);
      unit_person.birth_date = r.optional_text(1);
      if (unit_person.birth_date) unit_person.history.age = age_on(unit_person.birth_date, today);
      unit_person.name = r.text(2) + " " + r.text(3);
      unit_person.identifier = r.text(4);
      unit_person.identifier_kind = r.text(5);
      out.push_back(std::move(unit_person));
    }
    return it->second;
  };
  const std::string recent_stays =
      " FROM inpatient_episodes e JOIN persons p ON p.id = e.person_id WHERE e.state <> "
      "'cancelled' AND (e.discharged_at >= ? OR e.discharged_at IS NULL)" +
      alive_and_old + " AND " + member("e");
  // Each stay's diagnoses in one text, main diagnosis first, instead of a second pass over the
  // same stays (the aggregate is spelled differently by the two engines).
  const std::string diagnoses_of_stay =
      tx_.engine() == Engine::postgres
          ? ", (SELECT string_agg(d.icd10_code, ',' ORDER BY d.rank) FROM episode_diagnoses d "
            "WHERE d.episode_id = e.id)"
          : ", (SELECT group_concat(icd10_code, ',') FROM (SELECT d.icd10_code FROM "
            "episode_diagnoses d WHERE d.episode_id = e.id ORDER BY d.rank))";
  const auto stays = run_with(
      tx_,
      "SELECT " + person_columns +
          ", e.id, e.admitted_at, e.discharged_at, e.admission_kind, w.care_provider_id, "
          "e.ward_unit_id" +
          diagnoses_of_stay +
          std::string(recent_stays)
              .insert(recent_stays.find(" WHERE"), " JOIN units w ON w.id = e.ward_unit_id") +
          only_clause("e", only) + " ORDER BY e.id",
      {year_ago, birth_cutoff, unit_id, now_text, now_text}, only);
  for (std::size_t i = 0; i < stays.size(); ++i) {
    const auto r = stays.row(i);
    auto& person = out[person_of(r)];
    person.history.stays.push_back({r.text(6),
                                    from_db_time(r.text(7)),
                                    instant(r, 8),
                                    admission_kind_of(r.optional_text(9)),
                                    {}});
    person.sources.push_back({r.text(10), r.text(11)});
    std::string_view codes = r.is_null(12) ? std::string_view() : std::string_view(r.text(12));
    while (!codes.empty()) {
      const auto comma = codes.find(',');
      person.history.stays.back().diagnoses.emplace_back(codes.substr(0, comma));
      codes = comma == std::string_view::npos ? std::string_view() : codes.substr(comma + 1);
    }
  }
  const auto residential =
      run_with(tx_,
               "SELECT DISTINCT " + person_columns +
                   // From the few SÄBO units' relations (by the unit index), not a scan of all.
                   " FROM care_relations s JOIN persons p ON p.id = s.person_id WHERE s.unit_id "
                   "IN (SELECT su.id FROM units su WHERE su.kind = 'residential_care') AND "
                   "s.ended_at IS NULL" +
                   alive_and_old + " AND " + member("s") + only_clause("s", only),
               {birth_cutoff, unit_id, now_text, now_text}, only);
  for (std::size_t i = 0; i < residential.size(); ++i)
    out[person_of(residential.row(i))].history.permanent_residential_care = true;
  // Home care hours of the last full month, summed over the units that give them.
  const auto hours =
      run_with(tx_,
               "SELECT " + person_columns +
                   ", SUM(h.hours) FROM home_care_hours h JOIN persons p ON p.id = h.person_id "
                   "WHERE h.month = ?" +
                   alive_and_old + " AND " + member("h") + only_clause("h", only) + " GROUP BY " +
                   person_columns,
               {last_month_text, birth_cutoff, unit_id, now_text, now_text}, only);
  for (std::size_t i = 0; i < hours.size(); ++i)
    out[person_of(hours.row(i))].history.home_care_hours_last_month = hours.row(i).real(6);
  if (out.empty()) return out;

  // What the list says is missing, for the unit's persons who have it.
  const auto flag = [&](const std::string& sql, auto&& set, const char* alias,
                        std::vector<Value> params) {
    const auto rs = run_with(tx_, sql + only_clause(alias, only), std::move(params), only);
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const auto it = index.find(rs.row(i).text(0));
      if (it != index.end()) set(out[it->second].history);
    }
  };
  flag(
      "SELECT DISTINCT n.person_id FROM named_contacts n WHERE n.kind = 'fast_vardkontakt' AND "
      "n.valid_from <= ? AND (n.valid_to IS NULL OR n.valid_to > ?) AND " +
          member("n"),
      [](PersonHistory& h) { h.has_named_contact = true; }, "n",
      {now_text, now_text, unit_id, now_text, now_text});
  flag(
      "SELECT DISTINCT s.person_id FROM coordinated_plans s WHERE s.kind = 'sip' AND s.state IN "
      "('active', 'under_follow_up') AND " +
          member("s"),
      [](PersonHistory& h) { h.has_active_sip = true; }, "s", {unit_id, now_text, now_text});
  flag(
      "SELECT DISTINCT x.person_id FROM care_relations x JOIN units xu ON xu.id = x.unit_id "
      "WHERE xu.kind = 'home_health_care' AND x.ended_at IS NULL AND " +
          member("x"),
      [](PersonHistory& h) { h.has_home_health_care = true; }, "x", {unit_id, now_text, now_text});
  // The latest action on any unit's list, with its review date.
  const auto actions = run_with(
      tx_,
      "SELECT a.person_id, a.kind, a.recorded_at, a.next_review_on FROM proactive_actions a "
      "WHERE " +
          member("a") + only_clause("a", only) + " ORDER BY a.person_id, a.recorded_at",
      {unit_id, now_text, now_text}, only);
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
  std::sort(out.begin(), out.end(), [](const UnitPerson& a, const UnitPerson& b) {
    return a.history.person_id < b.history.person_id;
  });
  return out;
}

SharingFacts FollowUpRepository::unit_sharing_facts(const std::string& unit_id,
                                                    const std::string& care_provider_id,
                                                    core::Instant now) {
  const std::string now_text = to_db_time(now);
  // Driven from the few blocks and consents, each checked against the unit's relations.
  const char* kInUnit =
      "EXISTS (SELECT 1 FROM care_relations c WHERE c.person_id = x.person_id AND c.unit_id = ? "
      "AND c.started_at <= ? AND (c.ended_at IS NULL OR c.ended_at > ?))";
  SharingFacts out;
  const auto blocks = tx_.query(
      std::string("SELECT x.person_id, x.care_provider_id, COALESCE(x.unit_id, ''), x.kind FROM "
                  "blocks x WHERE x.lifted_at IS NULL AND ") +
          kInUnit,
      unit_id, now_text, now_text);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto r = blocks.row(i);
    if (r.text(3) == "within_provider")
      out.within_provider.emplace(r.text(0), r.text(1), r.text(2));
    else
      out.across_providers.emplace(r.text(0), r.text(1));
  }
  const auto consents = tx_.query(
      std::string("SELECT DISTINCT x.person_id FROM consents x WHERE x.care_provider_id = ? AND "
                  "x.withdrawn_at IS NULL AND x.given_at <= ? AND (x.valid_until IS NULL OR "
                  "x.valid_until > ?) AND ") +
          kInUnit,
      care_provider_id, now_text, now_text, unit_id, now_text, now_text);
  for (std::size_t i = 0; i < consents.size(); ++i) out.consented.insert(consents.row(i).text(0));
  return out;
}

}  // namespace nara::store
