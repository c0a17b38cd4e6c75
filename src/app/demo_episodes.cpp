// The demo county's living discharge chain (issue 4 point 7): inpatient episodes in every state,
// timed relative to now, so the worklists have items due soon, overdue and done. Refreshed when
// the newest demo batch is more than a day old, so a demo database left running stays alive.
#include "app/demo_episodes.hpp"

#include <algorithm>
#include <chrono>

#include "app/demo_psychiatry.hpp"
#include "core/random.hpp"
#include "domain/discharge/episode.hpp"
#include "store/access_repository.hpp"
#include "store/episode_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::app {

namespace {

using domain::discharge::Event;
using domain::discharge::EventKind;
using std::chrono::hours;

struct Scenario {
  const char* description;
  int admitted_hours_ago;
  std::vector<std::pair<EventKind, int>> events;  // kind, hours after admission
};

// Hours are after admission. Every state of the machine appears, with clocks met, due and late.
std::vector<Scenario> scenarios() {
  using K = EventKind;
  return {
      {"newly admitted", 2, {}},
      {"admission notice overdue (2 kap. 1 §)", 30, {{K::assess_needs, 1}}},
      {"needs assessed", 10, {{K::assess_needs, 2}}},
      {"notice sent, not acknowledged", 20, {{K::assess_needs, 1}, {K::send_admission_notice, 4}}},
      {"planning", 72, {{K::assess_needs, 2}, {K::send_admission_notice, 6}, {K::acknowledge, 9}}},
      {"planning with named contact",
       96,
       {{K::assess_needs, 2},
        {K::send_admission_notice, 8},
        {K::acknowledge, 10},
        {K::appoint_named_contact, 30}}},
      {"ready yesterday, SIP invitation due",
       120,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 10},
        {K::acknowledge, 12},
        {K::appoint_named_contact, 40},
        {K::mark_ready, 98}}},
      {"ready five days ago, liability running, SIP invitation late (4 kap. 3 §)",
       220,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 12},
        {K::acknowledge, 14},
        {K::appoint_named_contact, 30},
        {K::mark_ready, 100}}},
      {"SIP invited",
       150,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 10},
        {K::acknowledge, 11},
        {K::appoint_named_contact, 30},
        {K::mark_ready, 100},
        {K::invite_sip, 110}}},
      {"ready withdrawn, back to planning",
       170,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 10},
        {K::acknowledge, 11},
        {K::mark_ready, 100},
        {K::withdraw_ready, 130}}},
      {"discharged today, information not yet transferred (3 kap. 2 §)",
       200,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 10},
        {K::acknowledge, 11},
        {K::appoint_named_contact, 40},
        {K::mark_ready, 150},
        {K::invite_sip, 160},
        {K::discharge, 198}}},
      {"discharged with every step in time",
       260,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 10},
        {K::acknowledge, 11},
        {K::appoint_named_contact, 40},
        {K::mark_ready, 150},
        {K::invite_sip, 160},
        {K::transfer_information, 230},
        {K::discharge, 232}}},
      {"ready eight days ago, SIP invited in time: the municipality pays (5 kap. 4 §)",
       300,
       {{K::assess_needs, 3},
        {K::send_admission_notice, 10},
        {K::acknowledge, 11},
        {K::appoint_named_contact, 30},
        {K::mark_ready, 110},
        {K::invite_sip, 130}}},
      {"admission cancelled", 40, {{K::cancel, 3}}},
      {"deceased", 60, {{K::assess_needs, 2}, {K::send_admission_notice, 8}, {K::death, 50}}},
  };
}

std::string first_text(store::Transaction& tx, const std::string& sql, const std::string& arg) {
  const auto rs = tx.query(sql, arg);
  return rs.empty() ? std::string() : rs.row(0).text(0);
}

}  // namespace

std::size_t seed_demo_episodes(store::Transaction& tx, const core::Clock& clock) {
  const auto now = clock.now();
  // A batch a day: skip when one was made within the last 24 hours.
  if (!tx.query("SELECT 1 FROM inpatient_episodes WHERE external_visit_id LIKE 'DEMO-%' AND "
                "created_at >= ?",
                store::to_db_time(now - hours(24)))
           .empty()) {
    return 0;
  }
  const std::string batch = core::random_token(6);
  const std::string now_text = store::to_db_time(now);
  store::EpisodeRepository repo(tx);
  store::AccessRepository access(tx);
  std::size_t written = 0;
  // Two municipalities on two wards: Kramfors residents on avd.ssk's ward, Sollefteå residents on
  // the physician's second ward, so the documented logins each see a full worklist.
  struct Site {
    const char* ward_login;
    const char* municipality;
    const char* health_centre_login;
  };
  std::vector<std::string> used_wards;
  for (const Site& site : {Site{"avd.ssk", "2282", "dsk.kramfors"},
                           Site{"avd.lakare", "2283", "dsk.halsocentralsolleftea"}}) {
    const std::string login = site.ward_login;
    const std::string code = site.municipality;
    const auto wards = tx.query(
        "SELECT a.unit_id FROM assignments a JOIN users u ON u.id = a.user_id WHERE u.username = "
        "? ORDER BY a.unit_id",
        login);
    // A ward no earlier site took: avd.lakare's second ward, whatever order the ids have.
    std::string ward;
    for (std::size_t i = 0; i < wards.size() && ward.empty(); ++i) {
      const std::string candidate = wards.row(i).text(0);
      if (std::find(used_wards.begin(), used_wards.end(), candidate) == used_wards.end())
        ward = candidate;
    }
    if (ward.empty()) continue;
    used_wards.push_back(ward);
    std::string hc = first_text(tx,
                                "SELECT a.unit_id FROM assignments a JOIN users u ON u.id = "
                                "a.user_id WHERE u.username = ?",
                                site.health_centre_login);
    if (hc.empty()) {
      hc = first_text(tx,
                      "SELECT id FROM units WHERE kind = 'health_centre' AND municipality_code = "
                      "? ORDER BY name",
                      code);
    }
    const std::string hsl = first_text(
        tx, "SELECT id FROM units WHERE kind = 'home_health_care' AND municipality_code = ?", code);
    // Older residents listed at the health centre: the patients the law is mostly for. Not the
    // demo citizen: their own story starts in the walkthrough (docs/web.md).
    const auto people = tx.query(
        "SELECT p.id FROM persons p WHERE p.municipality_code = ? AND p.birth_date <= '1955-01-01' "
        "AND p.protected_identity = 0 AND EXISTS (SELECT 1 FROM care_relations h WHERE "
        "h.person_id = p.id AND h.unit_id = ? AND h.ended_at IS NULL) AND NOT EXISTS (SELECT 1 "
        "FROM users u WHERE u.person_id = p.id) AND NOT EXISTS (SELECT 1 "
        "FROM inpatient_episodes e WHERE e.person_id = p.id AND e.ended_at IS NULL AND "
        "e.discharged_at IS NULL) ORDER BY p.birth_date, p.id",
        code, hc);
    std::size_t next_person = 0;
    for (const auto& scenario : scenarios()) {
      if (next_person >= people.size()) break;
      store::EpisodeRecord r;
      r.id = core::new_uuid();
      r.person_id = people.row(next_person++).text(0);
      r.external_visit_id = "DEMO-" + batch + "-" + std::to_string(++written);
      const auto admitted = now - hours(scenario.admitted_hours_ago);
      r.episode.admitted_at = admitted;
      r.episode.ward_unit_id = ward;
      repo.insert(r, now_text);
      repo.add_event(r.id, "admit", store::to_db_time(admitted), std::nullopt, "demo", now_text);
      access.insert_care_relation(
          store::CareRelationRow{core::new_uuid(), r.person_id, ward, "", "admission", std::nullopt,
                                 r.id, now_text, std::nullopt},
          std::nullopt);
      std::vector<std::string> notified;
      for (const auto& [kind, after] : scenario.events) {
        const auto at = admitted + hours(after);
        Event event{kind, at, {}, std::nullopt, {}};
        if (kind == EventKind::assess_needs) event.needs = {false, true, true};
        if (kind == EventKind::send_admission_notice) event.planned_discharge = at + hours(96);
        if (domain::discharge::apply(r.episode, event)) break;  // not in this state: stop there
        repo.add_event(r.id, domain::discharge::to_string(kind), store::to_db_time(at),
                       std::nullopt, "demo", now_text);
        const std::string at_text = store::to_db_time(at);
        const auto notify = [&](const std::string& notice_kind, const std::string& from) {
          for (const auto& to : notified) {
            if (to == from) continue;
            repo.insert_notice(store::NoticeRow{core::new_uuid(), r.id, r.person_id, notice_kind,
                                                from, "", to, at_text, std::nullopt, std::nullopt});
          }
        };
        switch (kind) {
          case EventKind::send_admission_notice:
            notified = {hc, hsl};
            notify("admission_notice", ward);
            for (const auto& unit : notified) {
              if (!access.has_active_relation(unit, r.person_id)) {
                access.insert_care_relation(
                    store::CareRelationRow{core::new_uuid(), r.person_id, unit, "", "admission",
                                           std::nullopt, r.id, now_text, std::nullopt},
                    std::nullopt);
              }
            }
            break;
          case EventKind::acknowledge:
            tx.query(
                "UPDATE notices SET acknowledged_at = ?, read_at = ? WHERE episode_id = ? AND "
                "to_unit_id = ? AND kind = 'admission_notice'",
                at_text, at_text, r.id, hsl);
            break;
          case EventKind::appoint_named_contact:
            r.named_contact_user_id = first_text(
                tx,
                "SELECT user_id FROM assignments WHERE unit_id = ? AND role = 'district_nurse' "
                "ORDER BY user_id",
                hc);
            break;
          case EventKind::mark_ready:
            notify("ready_for_discharge", ward);
            break;
          case EventKind::withdraw_ready:
            notify("ready_withdrawn", ward);
            break;
          case EventKind::invite_sip:
            notify("sip_invitation", hc);
            break;
          case EventKind::discharge:
            notify("discharged", ward);
            tx.query(
                "UPDATE care_relations SET ended_at = ? WHERE source_id = ? AND unit_id = ? AND "
                "ended_at IS NULL",
                at_text, r.id, ward);
            break;
          default:
            break;
        }
      }
      if (!r.episode.active() && r.episode.state != domain::discharge::EpisodeState::discharged) {
        tx.query("UPDATE care_relations SET ended_at = ? WHERE source_id = ? AND ended_at IS NULL",
                 now_text, r.id);
      }
      repo.save(r, 1, now_text);
    }
  }
  // And one stay on the psychiatric ward ending in öppen psykiatrisk tvångsvård (LPT 7 a §).
  written += seed_demo_compulsory_care(tx, now, batch);
  return written;
}

std::size_t refresh_demo_episodes(store::Database& db, const core::Clock& clock) {
  return db.write([&](store::Transaction& tx) { return seed_demo_episodes(tx, clock); });
}

}  // namespace nara::app
