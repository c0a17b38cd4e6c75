// The synthetic county's SIPs (HSL 16:4, SoL 10:8; issue 19 point 6): started after a kallelse at
// discharge or by the municipality for someone in its care, about 8–15 a year per 1 000
// inhabitants 65+, with follow-ups every three months, a held meeting, and closed after a while.
// The content is written with the service's codec, so the SIP pages read it as their own.
#include <boost/json.hpp>

#include "app/demo_care.hpp"
#include "domain/sip/plan.hpp"
#include "service/sip_codec.hpp"

namespace nara::app::synthetic {

namespace {

namespace sip = domain::sip;
using domain::registry::PrincipalKind;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::microseconds;

microseconds days_of(double d) {
  return microseconds(static_cast<std::int64_t>(d * 86'400'000'000.0));
}

struct NeedText {
  const char* need;
  const char* intervention;
  bool municipal;  // the municipality answers for the intervention
};

constexpr std::array<NeedText, 8> kNeeds{{
    {"Behöver hjälp med läkemedel morgon och kväll (demo)", "Läkemedelsöverlämning (demo)", true},
    {"Bensår som behöver läggas om (demo)", "Såromläggning i hemmet (demo)", true},
    {"Behöver hjälp med dusch och påklädning (demo)", "Hemtjänst morgon och kväll (demo)", true},
    {"Faller ofta i hemmet (demo)", "Bedömning av fallrisk och hjälpmedel (demo)", true},
    {"Hjärtsvikt som behöver följas (demo)", "Läkarbedömning och viktkontroll (demo)", false},
    {"KOL med återkommande försämringar (demo)", "Läkemedelsgenomgång och egenvårdsplan (demo)",
     false},
    {"Oro och nedstämdhet (demo)", "Samtalskontakt på hälsocentralen (demo)", false},
    {"Ensam och orkar inte laga mat (demo)", "Matdistribution och dagverksamhet (demo)", true},
}};

constexpr std::array<const char*, 4> kGoals{
    "Jag vill bo kvar hemma (demo).", "Jag vill slippa åka in akut (demo).",
    "Jag vill kunna gå ut på promenad själv igen (demo).",
    "Jag vill att mina anhöriga vet vem de ska ringa (demo)."};

sip::Participant unit_participant(IdSource& ids, const CountyUnit& unit, const char* role) {
  return {ids.next(), sip::ParticipantKind::unit, unit.id, unit.name, role};
}

}  // namespace

void CareWriter::write_sips(const Resident& r, Random& random,
                            const std::vector<StayOutline>& stays) {
  const auto& m = municipality(r);
  const CountyUnit* centre = health_centre(r);
  // After a kallelse at discharge (4 kap. 3 §) some become a SIP in Nära; the rest are held
  // without one or documented elsewhere.
  for (const auto& s : stays) {
    if (centre && s.sip_invited_at && random.chance(r.age >= 65 ? 0.06 : 0.03)) {
      write_sip(r, random, *s.sip_invited_at + days_of(2.0 * random.uniform()), *centre, &s);
    }
  }
  // And some started by the municipality or the health centre for someone in their care.
  const int in_care_from =
      std::min({r.home_care_from, r.home_health_care_from, r.residential_care_from});
  if (const auto period = in_window(r, in_care_from, history_end_of(r, window_))) {
    const double per_year = r.most_ill ? 0.08 : 0.025;
    for (auto t = period->from + days_of(random.exponential(365.0 / per_year)); t < period->until;
         t += days_of(random.exponential(365.0 / per_year))) {
      const CountyUnit& initiator = centre && random.chance(0.4) ? *centre : *m.social_office;
      write_sip(r, random, t, initiator, nullptr);
    }
  } else if (r.age >= 18 && r.age < 65 && random.chance(0.004)) {
    // Younger people with needs from both principals (LSS, psychiatry) have SIPs too.
    const auto t = window_.start + scaled(window_.end - window_.start, random.uniform());
    if (!r.died_at || t < *r.died_at) write_sip(r, random, t, *m.social_office, nullptr);
  }
}

void CareWriter::write_sip(const Resident& r, Random& random, core::Instant created,
                           const CountyUnit& initiator, const StayOutline* stay) {
  const auto end = history_end_of(r, window_);
  if (created >= end || (r.died_at && created >= *r.died_at)) return;
  const auto& m = municipality(r);
  const CountyUnit* centre = health_centre(r);
  const std::string author = staff_of(
      initiator, initiator.kind == "health_centre" ? "district_nurse" : "sip_coordinator", random);
  if (author.empty()) return;
  const bool region_started = initiator.kind == "health_centre";

  sip::Plan p;
  p.kind = sip::PlanKind::sip;
  p.initiated_by = region_started ? PrincipalKind::region : PrincipalKind::municipality;
  p.initiated_at = created;
  p.consent = sip::Consent{random.chance(0.9) ? "person" : "legal_representative", created,
                           "SIP med hälsocentral och kommun (demo)", author, std::nullopt};
  // The person takes part in most SIPs (the indicator sip_person_took_part_share).
  if (random.chance(0.78)) {
    p.participants.push_back({ids_.next(), sip::ParticipantKind::person, std::nullopt,
                              "Personen själv", "den enskilde"});
  }
  p.participants.push_back(unit_participant(ids_, *m.social_office, "SIP-samordnare"));
  if (centre) p.participants.push_back(unit_participant(ids_, *centre, "fast vårdkontakt"));
  const bool home_health =
      r.home_health_care_from != kNever || (stay && stay->municipal_health_care);
  if (home_health)
    p.participants.push_back(unit_participant(ids_, *m.home_health_care, "sjuksköterska"));
  const CountyUnit* group = r.home_care_group >= 0 && r.home_care_from != kNever
                                ? m.home_care[static_cast<std::size_t>(r.home_care_group)]
                                : nullptr;
  if (group) p.participants.push_back(unit_participant(ids_, *group, "hemtjänst"));
  if (random.chance(0.5)) {
    p.participants.push_back({ids_.next(), sip::ParticipantKind::relative, std::nullopt,
                              "Närstående (demo)", random.chance(0.5) ? "dotter" : "make/maka"});
  }
  // Needs and who answers for each: at least one intervention of each principal (HSL 16:4 1 st.).
  const std::size_t first = random.below(kNeeds.size());
  for (std::size_t k = 0; k < kNeeds.size() && p.interventions.size() < 3; ++k) {
    const auto& need = kNeeds[(first + k) % kNeeds.size()];
    const bool have_region =
        std::any_of(p.interventions.begin(), p.interventions.end(),
                    [](const auto& i) { return i.responsible == PrincipalKind::region; });
    const bool have_municipal =
        std::any_of(p.interventions.begin(), p.interventions.end(),
                    [](const auto& i) { return i.responsible == PrincipalKind::municipality; });
    if ((need.municipal && have_municipal && !have_region) ||
        (!need.municipal && have_region && !have_municipal) || (!need.municipal && !centre))
      continue;
    const std::string need_id = ids_.next();
    p.needs.push_back(
        {need_id, need.need, need.municipal ? PrincipalKind::municipality : PrincipalKind::region});
    const CountyUnit& unit = need.municipal ? (group         ? *group
                                               : home_health ? *m.home_health_care
                                                             : *m.social_office)
                                            : *centre;
    p.interventions.push_back({ids_.next(), need.intervention,
                               need.municipal ? PrincipalKind::municipality : PrincipalKind::region,
                               unit.id, need_id, std::nullopt, std::nullopt});
  }
  if (random.chance(0.4)) {
    p.other_measures.push_back({ids_.next(), "Färdtjänst till hälsocentralen (demo)",
                                m.name + " kommun, färdtjänst (demo)"});
  } else {
    p.no_other_measures = true;
  }
  p.overall_responsible = random.chance(0.6) ? PrincipalKind::municipality : PrincipalKind::region;
  p.goals.push_back({ids_.next(),
                     random.pick(std::vector<std::string>(kGoals.begin(), kGoals.end())),
                     "Ingen oplanerad inläggning på tre månader (demo)",
                     std::nullopt,
                     {}});

  // The meeting that set the plan, after discharge when it came from a stay.
  const auto earliest_meeting = stay ? std::max(created, stay->ended_at) : created;
  const core::Instant meeting =
      std::chrono::floor<days>(earliest_meeting + days_of(2.0 + 12.0 * random.uniform())) +
      hours(8 + random.between(0, 6));
  const bool held = meeting < end && (!r.died_at || meeting < *r.died_at);
  // A settled history has no meeting still to come: that plan is the living demo's to have.
  if (window_.settled && !held) return;
  core::Instant updated = created;
  if (held) {
    p.activated_at = meeting;
    p.state = sip::PlanState::active;
    updated = meeting;
    // Closed after four to eighteen months, or when the person dies.
    auto close = meeting + days(random.between(120, 540));
    std::string reason = "Målen uppnådda, insatserna fortsätter utan SIP (demo)";
    if (r.died_at && *r.died_at + days(7) < close) {
      close = *r.died_at + days(7);
      reason = "Personen har avlidit (demo)";
    }
    const bool closed = close < end;
    // A settled history's plan still open has every follow-up due before the reference day held
    // (late ones too), also those after the person's own history_end: none is overdue today.
    const auto until = closed ? close : window_.settled ? window_.end : end;
    // Follow-ups every three months; the next one not yet due stays open.
    const auto meeting_day = std::chrono::floor<days>(meeting);
    std::optional<std::chrono::sys_days> next_due;
    for (int k = 1;; ++k) {
      const auto due = meeting_day + days(91 * k);
      sip::FollowUp f{ids_.next(), db_date(due), std::nullopt, std::nullopt};
      if (core::Instant{due} >= until) {
        if (!closed) {
          p.follow_ups.push_back(std::move(f));
          next_due = due;
        }
        break;
      }
      const double u = random.uniform();
      std::optional<core::Instant> at;
      if (u < 0.76)
        at = core::Instant{due - days(random.between(0, 6))} + hours(9);
      else if (u < 0.88)
        at = core::Instant{due + days(random.between(3, 25))} + hours(9);
      if (window_.settled && !closed && (!at || *at >= until))
        at = core::Instant{due} + (until - core::Instant{due}) / 2;
      if (at && *at < until) {
        f.held_at = at;
        f.outcome = "Planen följd upp; insatserna fortsätter (demo)";
        updated = std::max(updated, *at);
      }
      p.follow_ups.push_back(std::move(f));
    }
    if (closed) {
      p.state = sip::PlanState::closed;
      p.closed_at = close;
      p.close_reason = reason;
      updated = close;
    } else if (!window_.settled && next_due && *next_due - window_.reference_day <= days(14)) {
      // The next follow-up is due within two weeks of the reference day: it is being prepared
      // (in a settled history that is left to the demo's users).
      p.state = sip::PlanState::under_follow_up;
    }
  }

  const std::string id = ids_.next();
  const std::string content = boost::json::serialize(service::plan_to_json(p));
  const std::string state(sip::to_string(p.state));
  const std::string created_text = db_time(created);
  plans_.add(id, r.id, state, initiator.id,
             stay ? store::Value{stay->episode_id} : store::Value{nullptr}, content,
             std::int64_t{1}, created_text, db_time(updated), std::string("sip"));
  plan_versions_.add(id, std::int64_t{1}, state, content, std::string("create (demo)"),
                     std::string("state"), author, std::string("Demo: historik"), initiator.id,
                     created_text);
  meetings_.add(
      ids_.next(), id, db_time(meeting), std::string(initiator.name + ", mötesrum (demo)"),
      std::string(held ? "held" : "invited"), author, created_text,
      held ? store::Value{std::string("Planen fastställd (demo)")} : store::Value{nullptr},
      held ? store::Value{db_time(meeting)} : store::Value{nullptr});
  // The participating units take part in the person's care while the plan is open (PDL 4:1).
  const store::Value ended = p.closed_at ? store::Value{db_time(*p.closed_at)}
                             : r.died_at ? store::Value{db_time(*r.died_at)}
                                         : store::Value{nullptr};
  for (const auto& participant : p.participants) {
    if (participant.unit_id)
      relations_.add(ids_.next(), r.id, *participant.unit_id, std::string("sip_participation"), id,
                     created_text, ended);
  }
}

}  // namespace nara::app::synthetic
