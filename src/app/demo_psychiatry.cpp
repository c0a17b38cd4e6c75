#include "app/demo_psychiatry.hpp"

#include <boost/json.hpp>

#include "core/random.hpp"
#include "domain/discharge/episode.hpp"
#include "domain/sip/plan.hpp"
#include "service/sip_codec.hpp"
#include "store/access_repository.hpp"
#include "store/episode_repository.hpp"
#include "store/sip_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::app {

namespace sip = domain::sip;
using domain::discharge::EventKind;
using domain::discharge::OutpatientCompulsoryCare;
using domain::registry::PrincipalKind;
using std::chrono::hours;

namespace {

std::string first(store::Transaction& tx, const std::string& sql, const std::string& arg) {
  const auto rs = tx.query(sql, arg);
  return rs.empty() ? std::string() : rs.row(0).text(0);
}

struct Staff {
  std::string id;
  std::string name;
};

Staff staff(store::Transaction& tx, const std::string& username) {
  const auto rs = tx.query("SELECT id, display_name FROM users WHERE username = ?", username);
  return rs.empty() ? Staff{} : Staff{rs.row(0).text(0), rs.row(0).text(1)};
}

}  // namespace

// The story the README tells: a Sundsvall resident admitted under LPT six days ago is to leave
// for öppen psykiatrisk tvångsvård. The ward's physician has drawn up the samordnad vårdplan with
// the health centre (depot injections) and Socialförvaltningen Sundsvall (boendestöd); the health
// centre has approved it, the municipality has not yet, so the plan is not established and the
// ward still has it on its worklist. Everything is marked (demo).
std::size_t seed_demo_compulsory_care(store::Transaction& tx, core::Instant now,
                                      const std::string& batch) {
  const std::string ward = first(tx, "SELECT id FROM units WHERE name = ? AND psychiatric_care = 1",
                                 "Sundsvalls sjukhus, Psykiatrisk avdelning 1");
  const std::string hc = first(tx, "SELECT id FROM units WHERE name = ?", "Hälsocentral Sundsvall");
  const std::string social =
      first(tx, "SELECT id FROM units WHERE name = ?", "Socialförvaltningen Sundsvall");
  const Staff physician = staff(tx, "lak.sundsvallssjukhuspsykiatriskavdelning1");
  const Staff district_nurse =
      staff(tx, first(tx,
                      "SELECT u.username FROM users u JOIN assignments a ON a.user_id = u.id "
                      "WHERE a.unit_id = ? AND a.role = 'district_nurse' ORDER BY u.username",
                      hc));
  if (ward.empty() || hc.empty() || social.empty() || physician.id.empty() ||
      district_nurse.id.empty())
    return 0;
  // A working-age resident listed at the health centre, not in hospital and without a plan.
  const std::string person = first(
      tx,
      "SELECT p.id FROM persons p WHERE p.municipality_code = '2281' AND p.birth_date BETWEEN "
      "'1960-01-01' AND '1995-12-31' AND p.protected_identity = 0 AND EXISTS (SELECT 1 FROM "
      "care_relations cr WHERE cr.person_id = p.id AND cr.unit_id = ? AND cr.ended_at IS NULL) "
      "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) AND NOT EXISTS (SELECT 1 "
      "FROM inpatient_episodes e WHERE e.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM "
      "coordinated_plans cp WHERE cp.person_id = p.id) ORDER BY p.id",
      hc);
  if (person.empty()) return 0;

  const std::string now_text = store::to_db_time(now);
  store::EpisodeRepository episodes(tx);
  store::AccessRepository access(tx);
  store::EpisodeRecord r;
  r.id = core::new_uuid();
  r.person_id = person;
  r.external_visit_id = "DEMO-" + batch + "-psykiatri";
  const auto admitted = now - hours(144);
  r.episode.admitted_at = admitted;
  r.episode.ward_unit_id = ward;
  episodes.insert(r, now_text);
  episodes.add_event(r.id, "admit", store::to_db_time(admitted), std::nullopt, "demo", now_text);
  access.insert_care_relation(
      {core::new_uuid(), person, ward, "", "admission", std::nullopt, r.id, now_text, std::nullopt},
      std::nullopt);
  const auto notice = [&](const std::string& kind, const std::string& to, core::Instant at,
                          bool acknowledged) {
    const auto at_text = store::to_db_time(at);
    episodes.insert_notice({core::new_uuid(), r.id, person, kind, ward, "", to, at_text,
                            acknowledged ? std::optional(at_text) : std::nullopt,
                            acknowledged ? std::optional(at_text) : std::nullopt});
  };
  const domain::discharge::Needs needs{true, false, true, OutpatientCompulsoryCare::lpt};
  const auto ready_at = now - hours(20);
  for (const auto& [kind, at] : std::vector<std::pair<EventKind, core::Instant>>{
           {EventKind::assess_needs, admitted + hours(3)},
           {EventKind::send_admission_notice, admitted + hours(10)},
           {EventKind::acknowledge, admitted + hours(12)},
           {EventKind::mark_ready, ready_at}}) {
    domain::discharge::Event event{kind, at, needs, std::nullopt, {}};
    if (kind == EventKind::send_admission_notice) event.planned_discharge = now + hours(48);
    if (domain::discharge::apply(r.episode, event)) return 0;  // the rules changed: no story
    episodes.add_event(r.id, domain::discharge::to_string(kind), store::to_db_time(at),
                       std::nullopt, "demo", now_text);
    if (kind == EventKind::send_admission_notice) {
      notice("admission_notice", hc, at, true);
      notice("admission_notice", social, at, true);
    }
    if (kind == EventKind::mark_ready) {
      notice("ready_for_discharge", hc, at, false);
      notice("ready_for_discharge", social, at, false);
    }
  }
  for (const auto& unit : {hc, social}) {
    if (!access.has_active_relation(unit, person))
      access.insert_care_relation({core::new_uuid(), person, unit, "", "admission", std::nullopt,
                                   r.id, now_text, std::nullopt},
                                  std::nullopt);
  }
  episodes.save(r, 1, now_text);

  sip::Plan p;
  p.kind = sip::PlanKind::care_plan_lpt;
  p.initiated_by = PrincipalKind::region;
  p.initiated_at = ready_at + hours(1);
  p.participants = {
      {core::new_uuid(), sip::ParticipantKind::unit, ward,
       "Sundsvalls sjukhus, Psykiatrisk avdelning 1", "chefsöverläkarens enhet"},
      {core::new_uuid(), sip::ParticipantKind::person, std::nullopt, "Patienten", "den enskilde"},
      {core::new_uuid(), sip::ParticipantKind::unit, hc, "Hälsocentral Sundsvall",
       "ansvarar för insats"},
      {core::new_uuid(), sip::ParticipantKind::unit, social, "Socialförvaltningen Sundsvall",
       "ansvarar för insats"}};
  const std::string medicine = core::new_uuid();
  const std::string housing = core::new_uuid();
  p.needs = {{medicine, "Fortsatt behandling med depåinjektion (demo)", PrincipalKind::region},
             {housing, "Stöd i vardagen och i boendet (demo)", PrincipalKind::municipality}};
  p.interventions = {
      {core::new_uuid(), "Depåinjektion var fjärde vecka på hälsocentralen (demo)",
       PrincipalKind::region, hc, medicine, std::nullopt,
       std::string("Ordinerad av chefsöverläkaren (demo)")},
      {core::new_uuid(), "Boendestöd två gånger i veckan (demo)", PrincipalKind::municipality,
       social, housing, std::nullopt, std::string("Biståndsbeslut om boendestöd (demo)")}};
  p.other_measures = {
      {core::new_uuid(), "Förvaltarskap (demo)", "Överförmyndarnämnden i Sundsvall (demo)"}};
  p.patient_view = "Accepterar injektionerna och vill ha boendestödet på förmiddagar (demo).";
  p.consulted_patient = true;
  p.consulted_relatives = true;
  store::PlanRow row;
  row.id = core::new_uuid();
  row.person_id = person;
  row.state = std::string(sip::to_string(p.state));
  row.initiated_by_unit_id = ward;
  row.episode_id = r.id;
  row.kind = std::string(sip::to_string(p.kind));
  row.content = boost::json::serialize(service::plan_to_json(p));
  row.created_at = now_text;
  store::SipRepository plans(tx);
  // Drawn up by the physician, then approved by the health centre: two versions, as the API
  // would have written them.
  const std::string drawn_up = row.content;
  p.approvals.push_back(
      {hc, "Hälsocentral Sundsvall", district_nurse.id, district_nurse.name, ready_at + hours(3)});
  row.content = boost::json::serialize(service::plan_to_json(p));
  row.version = 2;
  row.updated_at = now_text;
  plans.insert_plan(row);
  plans.insert_version(row.id, {1, row.state, drawn_up, "create (demo)", "", physician.id,
                                physician.name, ward, now_text});
  plans.insert_version(row.id, {2, row.state, row.content, "approve", "approvals",
                                district_nurse.id, district_nurse.name, hc, now_text});
  for (const auto& unit : {hc, social}) {
    access.insert_care_relation({core::new_uuid(), person, unit, "", "sip_participation",
                                 std::nullopt, row.id, now_text, std::nullopt},
                                physician.id);
  }
  return 1;
}

}  // namespace nara::app
