#include "app/demo_sip.hpp"

#include <boost/json.hpp>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "service/catalogue_service.hpp"
#include "service/sip_codec.hpp"
#include "store/access_repository.hpp"
#include "store/sip_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::app {

namespace resp = domain::responsibility;
namespace sip = domain::sip;
using domain::registry::PrincipalKind;
using domain::registry::UnitKind;

namespace {

resp::Rule rule(resp::Condition when, PrincipalKind principal, UnitKind unit, std::string note) {
  return resp::Rule{when, principal, unit, std::move(note)};
}

resp::Condition any() {
  return {};
}
resp::Condition children() {
  return {std::nullopt, std::nullopt, true, std::nullopt};
}
resp::Condition residential() {
  return {resp::Residence::residential_care, std::nullopt, std::nullopt, std::nullopt};
}
resp::Condition cannot_visit() {
  return {std::nullopt, false, std::nullopt, std::nullopt};
}
resp::Condition with_lss() {
  return {std::nullopt, std::nullopt, std::nullopt, true};
}

struct Ids {
  std::string hc;               // Hälsocentral Kramfors
  std::string hsl;              // Hemsjukvård Kramfors
  std::string home_care;        // Hemtjänst Kramfors centrum
  std::string social;           // Socialförvaltningen Kramfors
  std::string dsk;              // dsk.kramfors
  std::string hsl_nurse;        // hsl.kramfors
  std::string home_care_staff;  // hemtjanst.kramfors
  std::string coordinator;      // sip.kramfors
};

std::string one(store::Transaction& tx, const std::string& sql, const std::string& arg) {
  const auto rs = tx.query(sql, arg);
  if (rs.empty()) throw std::runtime_error("demo: missing " + arg);
  return rs.row(0).text(0);
}

std::string unit(store::Transaction& tx, const std::string& name) {
  return one(tx, "SELECT id FROM units WHERE name = ?", name);
}
std::string user(store::Transaction& tx, const std::string& username) {
  return one(tx, "SELECT id FROM users WHERE username = ?", username);
}

void relate(store::Transaction& tx, const std::string& person, const std::string& unit_id,
            const std::string& origin, const std::string& source, const std::string& now,
            const std::string& by) {
  store::AccessRepository access(tx);
  if (origin != "sip_participation" && access.has_active_relation(unit_id, person)) return;
  access.insert_care_relation(store::CareRelationRow{core::new_uuid(), person, unit_id, "", origin,
                                                     std::nullopt, source, now, std::nullopt},
                              by);
}

sip::Participant unit_participant(const std::string& unit_id, const std::string& name,
                                  const std::string& role) {
  return {core::new_uuid(), sip::ParticipantKind::unit, unit_id, name, role};
}

// A plan for `person` started by the municipality's SIP coordinator, with units of both
// principals; `complete` fills the four items and activates it.
std::string seed_plan(store::Transaction& tx, const Ids& ids, const std::string& person,
                      const std::string& catalogue_id, core::Instant now, bool complete,
                      const std::string& goal_words) {
  const std::string now_text = store::to_db_time(now);
  sip::Plan p;
  p.initiated_by = PrincipalKind::municipality;
  p.initiated_at = now - std::chrono::hours(24 * 10);
  p.consent = sip::Consent{"person", p.initiated_at,
                           "SIP med hälsocentral, hemsjukvård och hemtjänst (demo)",
                           ids.coordinator, std::nullopt};
  p.participants = {
      {core::new_uuid(), sip::ParticipantKind::person, std::nullopt, "Personen själv",
       "den enskilde"},
      unit_participant(ids.social, "Socialförvaltningen Kramfors", "SIP-samordnare"),
      unit_participant(ids.hc, "Hälsocentral Kramfors", "fast vårdkontakt"),
      unit_participant(ids.hsl, "Hemsjukvård Kramfors", "sjuksköterska"),
      {core::new_uuid(), sip::ParticipantKind::relative, std::nullopt, "Anna (demo)", "dotter"}};
  const std::string wound = core::new_uuid();
  const std::string shower = core::new_uuid();
  p.needs = {{wound, "Bensår som behöver läggas om tre gånger i veckan (demo)", std::nullopt},
             {shower, "Behöver hjälp med dusch och påklädning (demo)", std::nullopt}};
  p.goals = {
      {core::new_uuid(), goal_words, "Såret läkt inom åtta veckor (demo)", std::nullopt, {}}};
  if (complete) {
    p.interventions = {
        {core::new_uuid(), "Såromläggning i hemmet (demo)", PrincipalKind::municipality, ids.hsl,
         wound, std::string("home_health_wound_care"), std::nullopt},
        {core::new_uuid(), "Läkarbedömning av såret var fjärde vecka (demo)", PrincipalKind::region,
         ids.hc, wound, std::string("physician_home_visit"), std::nullopt},
        {core::new_uuid(), "Hemtjänst morgon och kväll (demo)", PrincipalKind::municipality,
         ids.home_care, shower, std::string("home_care_personal_care"), std::nullopt}};
    p.other_measures = {{core::new_uuid(), "Färdtjänst till hälsocentralen (demo)",
                         "Kramfors kommun, färdtjänst (demo)"}};
    p.overall_responsible = PrincipalKind::municipality;
    p.follow_ups = {{core::new_uuid(),
                     service::format_date(
                         core::stockholm::add_calendar_days(core::stockholm::local_date(now), 30)),
                     std::nullopt, std::nullopt}};
    p.state = sip::PlanState::active;
    p.activated_at = p.initiated_at + std::chrono::hours(24 * 3);
  }
  store::PlanRow row;
  row.id = core::new_uuid();
  row.person_id = person;
  row.state = std::string(sip::to_string(p.state));
  row.initiated_by_unit_id = ids.social;
  row.catalogue_version_id = catalogue_id;
  row.content = boost::json::serialize(service::plan_to_json(p));
  row.created_at = now_text;
  row.updated_at = now_text;
  store::SipRepository repo(tx);
  repo.insert_plan(row);
  repo.insert_version(row.id, {1, row.state, row.content, "create (demo)", "state", ids.coordinator,
                               "SIP-samordnare (demo)", ids.social, now_text});
  for (const auto& unit_id : {ids.social, ids.hc, ids.hsl})
    relate(tx, person, unit_id, "sip_participation", row.id, now_text, ids.coordinator);
  if (!complete) {
    repo.insert_meeting({core::new_uuid(), row.id,
                         store::to_db_time(now + std::chrono::hours(24 * 2)),
                         std::string("Socialförvaltningen Kramfors, rum 2 (demo)"), std::nullopt,
                         "invited", ids.coordinator, now_text, std::nullopt, std::nullopt});
  }
  return row.id;
}

}  // namespace

resp::CatalogueVersion demo_catalogue() {
  resp::CatalogueVersion c;
  c.title = "Ansvarsfördelning region–kommun, demolän (DEMO)";
  c.valid_from = std::chrono::year{2025} / 1 / 1;
  c.source =
      "DEMO: formad efter hur länsöverenskommelser om hemsjukvård brukar fördela ansvaret "
      "(tröskelprincipen, särskilt boende, barn), inte Region Västernorrlands och kommunernas "
      "faktiska överenskommelse.";
  c.demo = true;
  c.services = {
      {"home_health_wound_care",
       "Såromläggning i hemmet",
       {rule(children(), PrincipalKind::region, UnitKind::health_centre,
             "Barn och unga: regionen (demo)."),
        rule(residential(), PrincipalKind::municipality, UnitKind::home_health_care,
             "Särskilt boende: kommunens hemsjukvård (demo)."),
        rule(cannot_visit(), PrincipalKind::municipality, UnitKind::home_health_care,
             "Tröskelprincipen: den som inte kan ta sig till hälsocentralen får kommunal "
             "hemsjukvård (demo)."),
        rule(any(), PrincipalKind::region, UnitKind::health_centre,
             "Kan ta sig till hälsocentralen: regionen (demo).")},
       true},
      {"physician_home_visit",
       "Läkarbesök i hemmet",
       {rule(any(), PrincipalKind::region, UnitKind::health_centre,
             "Läkarinsatser är regionens, även i kommunal hemsjukvård (demo).")},
       true},
      {"home_rehabilitation",
       "Rehabilitering i hemmet",
       {rule(children(), PrincipalKind::region, UnitKind::health_centre, "Barn: regionen (demo)."),
        rule(residential(), PrincipalKind::municipality, UnitKind::home_health_care,
             "Särskilt boende: kommunen (demo)."),
        rule(cannot_visit(), PrincipalKind::municipality, UnitKind::home_health_care,
             "Tröskelprincipen (demo)."),
        rule(any(), PrincipalKind::region, UnitKind::health_centre, "Övriga: regionen (demo).")},
       true},
      {"assistive_devices",
       "Hjälpmedel för det dagliga livet",
       {rule(children(), PrincipalKind::region, UnitKind::health_centre, "Barn: regionen (demo)."),
        rule(any(), PrincipalKind::municipality, UnitKind::home_health_care,
             "Vuxna i hemsjukvård eller särskilt boende: kommunen (demo).")},
       true},
      {"medication_list",
       "Uppdatering av läkemedelslista",
       {rule(any(), PrincipalKind::region, UnitKind::health_centre,
             "Förskrivande läkare i regionen (demo).")},
       true},
      {"home_care_personal_care",
       "Personlig omvårdnad (hemtjänst)",
       {rule(with_lss(), PrincipalKind::municipality, UnitKind::administration,
             "Insatser enligt LSS beslutas av kommunens handläggare (demo)."),
        rule(residential(), PrincipalKind::municipality, UnitKind::residential_care,
             "Särskilt boende (demo)."),
        rule(any(), PrincipalKind::municipality, UnitKind::home_care, "Hemtjänst (demo).")},
       true},
      {"short_term_placement",
       "Korttidsplats",
       {rule(any(), PrincipalKind::municipality, UnitKind::residential_care,
             "Kommunens korttidsboende (demo).")},
       true},
      {"child_adolescent_psychiatry",
       "Barn- och ungdomspsykiatri",
       {rule(children(), PrincipalKind::region, UnitKind::hospital,
             "Specialistpsykiatri för barn och unga: regionen (demo)."),
        rule(any(), PrincipalKind::region, UnitKind::health_centre,
             "Vuxna: första linjen på hälsocentralen (demo).")},
       true},
      {"school_health",
       "Elevhälsa",
       {rule(children(), PrincipalKind::municipality, UnitKind::administration,
             "Skolans elevhälsa: kommunen som huvudman för skolan (demo).")},
       true},
  };
  return c;
}

std::string seed_demo_coordination(store::Database& db, const core::Clock& clock) {
  return db.write([&](store::Transaction& tx) -> std::string {
    if (!tx.query("SELECT 1 FROM responsibility_catalogue_versions").empty())
      return "Demo coordination data already present.";
    const auto now = clock.now();
    const std::string now_text = store::to_db_time(now);
    auto catalogue = demo_catalogue();
    service::CatalogueService::insert_version(tx, catalogue, std::nullopt, now_text);

    const Ids ids{unit(tx, "Hälsocentral Kramfors"),
                  unit(tx, "Hemsjukvård Kramfors"),
                  unit(tx, "Hemtjänst Kramfors centrum"),
                  unit(tx, "Socialförvaltningen Kramfors"),
                  user(tx, "dsk.kramfors"),
                  user(tx, "hsl.kramfors"),
                  user(tx, "hemtjanst.kramfors"),
                  user(tx, "sip.kramfors")};
    // The demo citizen gets an active plan; two more Kramfors residents in home health care get
    // a draft (meeting invited) and requests between the health centre and home health care.
    const std::string citizen =
        one(tx, "SELECT person_id FROM users WHERE username = ?", std::string("invanare"));
    const auto others = tx.query(
        "SELECT p.id FROM persons p WHERE p.municipality_code = '2282' AND p.id <> ? AND "
        "p.protected_identity = 0 AND EXISTS (SELECT 1 FROM care_relations cr WHERE cr.person_id "
        "= p.id AND cr.unit_id = ? AND cr.ended_at IS NULL) ORDER BY p.id LIMIT 3",
        citizen, ids.hsl);
    int plans = 0;
    seed_plan(tx, ids, citizen, catalogue.id, now, true,
              "Jag vill kunna gå till affären själv igen (demo).");
    ++plans;
    store::SipRepository repo(tx);
    for (const auto& [kind, user_id, unit_id] :
         {std::tuple{"fast_vardkontakt", ids.dsk, ids.hc},
          std::tuple{"fast_omsorgskontakt", ids.home_care_staff, ids.home_care}}) {
      repo.insert_named_contact({core::new_uuid(), citizen, kind, user_id, "", unit_id, "",
                                 now_text, std::nullopt, "manual", std::nullopt},
                                ids.coordinator, now_text);
    }
    relate(tx, citizen, ids.home_care, "home_care_decision", "", now_text, ids.coordinator);
    int requests = 0;
    for (std::size_t i = 0; i < others.size(); ++i) {
      const std::string person = others.row(i).text(0);
      relate(tx, person, ids.hc, "listing", "", now_text, ids.dsk);
      if (i == 0) {
        seed_plan(tx, ids, person, catalogue.id, now, false,
                  "Jag vill sova hemma och slippa åka in akut (demo).");
        ++plans;
      }
      // Requests from the health centre to home health care, and one back.
      store::RequestRow r;
      r.id = core::new_uuid();
      r.person_id = person;
      r.type = i == 2 ? "physician_home_visit" : "home_health_care_intervention";
      r.from_unit_id = i == 2 ? ids.hsl : ids.hc;
      r.to_unit_id = i == 2 ? ids.hc : ids.hsl;
      r.description = i == 2 ? "Läkarbesök i hemmet, ökande andfåddhet (demo)"
                             : "Såromläggning tre gånger i veckan efter besök (demo)";
      r.state = "sent";
      r.sent_by = i == 2 ? ids.hsl_nurse : ids.dsk;
      r.sent_at = now_text;
      r.due_at = store::to_db_time(now + std::chrono::hours(48));
      repo.insert_request(r);
      repo.add_request_event(r.id, {"send", now_text, r.sent_by, "", r.from_unit_id, std::nullopt});
      ++requests;
    }
    return "Seeded demo coordination: catalogue version " + std::to_string(catalogue.version) +
           " (demo), " + std::to_string(plans) + " SIPs, " + std::to_string(requests) +
           " requests, 2 named contacts.";
  });
}

}  // namespace nara::app
