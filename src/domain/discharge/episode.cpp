#include "domain/discharge/episode.hpp"

#include <array>

#include "core/stockholm_time.hpp"

namespace nara::domain::discharge {

namespace {

struct StateInfo {
  EpisodeState state;
  std::string_view code;
  std::string_view swedish;
};
constexpr std::array<StateInfo, 9> kStates{{
    {EpisodeState::admitted, "admitted", "Inskriven"},
    {EpisodeState::needs_assessed, "needs_assessed", "Behov bedömt"},
    {EpisodeState::notice_sent, "notice_sent", "Inskrivningsmeddelande skickat"},
    {EpisodeState::planning, "planning", "Planering pågår"},
    {EpisodeState::ready, "ready", "Utskrivningsklar"},
    {EpisodeState::sip_invited, "sip_invited", "Kallad till SIP"},
    {EpisodeState::discharged, "discharged", "Utskriven"},
    {EpisodeState::cancelled, "cancelled", "Makulerad"},
    {EpisodeState::deceased, "deceased", "Avliden"},
}};

TransitionError error(std::string rule, std::string reason) {
  return {std::move(rule), std::move(reason)};
}

// The end of the local calendar day `days` after the local date of `from` (Europe/Stockholm).
core::Instant end_of_local_day_after(core::Instant from, int days) {
  const auto date = core::stockholm::add_calendar_days(core::stockholm::local_date(from), days + 1);
  return core::stockholm::start_of_day(date) - std::chrono::microseconds(1);
}

// The state an active episode returns to when a ready notice is withdrawn or a discharge undone.
EpisodeState resting_state(const Episode& e) {
  if (e.first_acknowledged_at) return EpisodeState::planning;
  if (e.admission_notice_sent_at) return EpisodeState::notice_sent;
  if (e.needs_assessed_at) return EpisodeState::needs_assessed;
  return EpisodeState::admitted;
}

}  // namespace

std::string_view to_string(EpisodeState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.code;
  }
  return "unknown";
}

std::string_view swedish_name(EpisodeState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.swedish;
  }
  return "Okänd";
}

std::string_view to_string(ClockKind kind) {
  switch (kind) {
    case ClockKind::admission_notice:
      return "admission_notice";
    case ClockKind::named_contact:
      return "named_contact";
    case ClockKind::information_transfer:
      return "information_transfer";
    case ClockKind::sip_invitation:
      return "sip_invitation";
  }
  return "unknown";
}

std::optional<TransitionError> apply(Episode& e, const Event& ev) {
  if (ev.at < e.admitted_at)
    return error("episode.before_admission", "Händelsen ligger före inskrivningen.");
  const bool active = e.active();
  switch (ev.kind) {
    case EventKind::assess_needs:
      if (!active) return error("episode.closed", "Vårdtillfället är avslutat.");
      // A later assessment starts its own 24-hour clock (2 kap. 3 §).
      e.needs_assessed_at = ev.at;
      e.needs = ev.needs;
      if (e.state == EpisodeState::admitted && ev.needs.any())
        e.state = EpisodeState::needs_assessed;
      return std::nullopt;

    case EventKind::send_admission_notice:
      if (!active) return error("episode.closed", "Vårdtillfället är avslutat.");
      if (!e.needs_assessed_at || !e.needs.any()) {
        return error("episode.no_needs",
                     "Inskrivningsmeddelande skickas när läkaren bedömt att insatser kan behövas "
                     "(2 kap. 1 §).");
      }
      if (!ev.planned_discharge) {
        return error("episode.planned_discharge_required",
                     "Inskrivningsmeddelandet ska innehålla beräknad tidpunkt för utskrivning (2 "
                     "kap. 2 §).");
      }
      e.admission_notice_sent_at = ev.at;
      e.planned_discharge = ev.planned_discharge;
      if (e.state == EpisodeState::admitted || e.state == EpisodeState::needs_assessed)
        e.state = EpisodeState::notice_sent;
      return std::nullopt;

    case EventKind::acknowledge:
      if (!e.admission_notice_sent_at)
        return error("episode.no_notice", "Det finns inget meddelande att kvittera.");
      if (!e.first_acknowledged_at) e.first_acknowledged_at = ev.at;
      if (e.state == EpisodeState::notice_sent) e.state = EpisodeState::planning;  // 2 kap. 6 §
      return std::nullopt;

    case EventKind::appoint_named_contact:
      if (!active) return error("episode.closed", "Vårdtillfället är avslutat.");
      if (!e.needs.region_outpatient) {
        return error("episode.no_outpatient_needs",
                     "Fast vårdkontakt utses av den öppna vård som fått inskrivningsmeddelandet (2 "
                     "kap. 5 §).");
      }
      e.named_contact_appointed_at = ev.at;
      return std::nullopt;

    case EventKind::set_planned_discharge:
      if (!active) return error("episode.closed", "Vårdtillfället är avslutat.");
      if (!ev.planned_discharge)
        return error("episode.planned_discharge_required", "Ange beräknad tidpunkt.");
      e.planned_discharge = ev.planned_discharge;  // the change is notified at once (2 kap. 4 §)
      return std::nullopt;

    case EventKind::mark_ready:
      if (!active) return error("episode.closed", "Vårdtillfället är avslutat.");
      if (e.ready_in_force())
        return error("episode.already_ready", "Patienten är redan utskrivningsklar.");
      e.ready_periods.push_back({ev.at, std::nullopt});
      e.state = EpisodeState::ready;
      return std::nullopt;

    case EventKind::withdraw_ready:
      if (!active || !e.ready_in_force()) {
        return error("episode.not_ready",
                     "Patienten är inte utskrivningsklar, så det finns inget att återta.");
      }
      e.ready_periods.back().withdrawn = ev.at;
      e.sip_invitation_sent_at.reset();  // a new ready notice starts a new 3-day invitation clock
      e.state = resting_state(e);
      return std::nullopt;

    case EventKind::invite_sip:
      if (e.state != EpisodeState::ready) {
        return error(
            "episode.not_ready",
            "Kallelse till SIP skickas efter underrättelse om utskrivningsklar (4 kap. 3 §).");
      }
      if (e.needs.compulsory_care != OutpatientCompulsoryCare::none) {
        return error("episode.coordinated_care_plan",
                     "Vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård görs en "
                     "samordnad vårdplan (LPT 7 a §, LRV 12 a §) i stället för SIP (4 kap. 1 §).");
      }
      if (!e.needs.sip_required()) {
        return error("episode.sip_not_required",
                     "SIP krävs när insatser behövs från både region och kommun (4 kap. 1 §).");
      }
      e.sip_invitation_sent_at = ev.at;
      e.state = EpisodeState::sip_invited;
      return std::nullopt;

    case EventKind::transfer_information:
      if (e.state == EpisodeState::cancelled || e.state == EpisodeState::deceased) {
        return error("episode.closed", "Vårdtillfället är avslutat.");
      }
      e.information_transferred_at = ev.at;  // 3 kap. 2 §
      return std::nullopt;

    case EventKind::transfer_ward:
      if (!active) return error("episode.closed", "Vårdtillfället är avslutat.");
      if (ev.ward_unit_id.empty() || ev.ward_unit_id == e.ward_unit_id) {
        return error("episode.same_ward", "Ange en annan avdelning att flytta till.");
      }
      e.ward_unit_id = ev.ward_unit_id;
      return std::nullopt;

    case EventKind::discharge:
      if (!active) return error("episode.closed", "Vårdtillfället är redan avslutat.");
      e.discharged_at = ev.at;
      e.state = EpisodeState::discharged;
      return std::nullopt;

    case EventKind::cancel_discharge:
      if (e.state != EpisodeState::discharged)
        return error("episode.not_discharged", "Patienten är inte utskriven.");
      e.discharged_at.reset();
      e.state = e.ready_in_force()
                    ? (e.sip_invitation_sent_at ? EpisodeState::sip_invited : EpisodeState::ready)
                    : resting_state(e);
      return std::nullopt;

    case EventKind::cancel:
      if (!active) return error("episode.closed", "Vårdtillfället är redan avslutat.");
      e.ended_at = ev.at;
      e.state = EpisodeState::cancelled;
      return std::nullopt;

    case EventKind::death:
      if (!active) return error("episode.closed", "Vårdtillfället är redan avslutat.");
      e.ended_at = ev.at;
      e.state = EpisodeState::deceased;
      return std::nullopt;
  }
  return error("episode.unknown_event", "Okänd händelse.");
}

std::vector<StatutoryClock> clocks(const Episode& e, core::Instant now) {
  std::vector<StatutoryClock> out;
  if (e.state == EpisodeState::cancelled) return out;
  auto add = [&](ClockKind kind, core::Instant due, std::optional<core::Instant> met,
                 const char* rule) {
    const bool breached = met ? *met > due : (e.active() && now > due);
    out.push_back({kind, due, met, breached, rule});
  };
  // 2 kap. 1 och 3 §§: within 24 hours of admission, or of a later assessment.
  if (e.needs_assessed_at && e.needs.any()) {
    const auto from = std::max(e.admitted_at, *e.needs_assessed_at);
    add(ClockKind::admission_notice, from + std::chrono::hours(24), e.admission_notice_sent_at,
        "2017:612 2 kap. 1 och 3 §§");
  }
  // 2 kap. 5 §: before the patient is discharged; while in hospital the planned date is the due
  // time.
  if (e.admission_notice_sent_at && e.needs.region_outpatient) {
    const auto due = e.discharged_at ? *e.discharged_at : e.planned_discharge.value_or(now);
    StatutoryClock c{ClockKind::named_contact, due, e.named_contact_appointed_at, false,
                     "2017:612 2 kap. 5 §"};
    c.breached = e.named_contact_appointed_at ? *e.named_contact_appointed_at > due
                                              : e.discharged_at.has_value();
    out.push_back(c);
  }
  // 3 kap. 2 §: no later than the day of discharge.
  if (e.discharged_at && e.needs.any()) {
    add(ClockKind::information_transfer, end_of_local_day_after(*e.discharged_at, 0),
        e.information_transferred_at, "2017:612 3 kap. 2 §");
  }
  // 4 kap. 3 §: within three days of the ready notice in force, when SIP is required.
  if (e.ready_in_force() && e.needs.sip_required()) {
    add(ClockKind::sip_invitation, end_of_local_day_after(e.ready_periods.back().sent, 3),
        e.sip_invitation_sent_at, "2017:612 4 kap. 3 §");
  }
  return out;
}

LiabilityFacts liability_facts(const Episode& e, core::Instant now) {
  LiabilityFacts f;
  const auto all = clocks(e, now);
  f.admission_notice_in_time = false;
  f.sip_required = e.needs.sip_required();
  for (const auto& c : all) {
    if (c.kind == ClockKind::admission_notice)
      f.admission_notice_in_time = c.met_at.has_value() && !c.breached;
    if (c.kind == ClockKind::sip_invitation)
      f.sip_invitation_in_time = c.met_at.has_value() && !c.breached;
  }
  f.ready_periods = e.ready_periods;
  f.discharged_at = e.discharged_at;
  f.until = e.ended_at.value_or(now);
  return f;
}

std::string_view to_string(OutpatientCompulsoryCare care) {
  switch (care) {
    case OutpatientCompulsoryCare::lpt:
      return "lpt";
    case OutpatientCompulsoryCare::lrv:
      return "lrv";
    case OutpatientCompulsoryCare::none:
      break;
  }
  return "";
}

std::optional<OutpatientCompulsoryCare> parse_outpatient_compulsory_care(std::string_view text) {
  if (text == "lpt") return OutpatientCompulsoryCare::lpt;
  if (text == "lrv") return OutpatientCompulsoryCare::lrv;
  return std::nullopt;
}

std::string_view to_string(EventKind k) {
  switch (k) {
    case EventKind::assess_needs:
      return "assess_needs";
    case EventKind::send_admission_notice:
      return "send_admission_notice";
    case EventKind::acknowledge:
      return "acknowledge";
    case EventKind::appoint_named_contact:
      return "appoint_named_contact";
    case EventKind::set_planned_discharge:
      return "set_planned_discharge";
    case EventKind::mark_ready:
      return "mark_ready";
    case EventKind::withdraw_ready:
      return "withdraw_ready";
    case EventKind::invite_sip:
      return "invite_sip";
    case EventKind::transfer_information:
      return "transfer_information";
    case EventKind::transfer_ward:
      return "transfer_ward";
    case EventKind::discharge:
      return "discharge";
    case EventKind::cancel_discharge:
      return "cancel_discharge";
    case EventKind::cancel:
      return "cancel";
    case EventKind::death:
      return "death";
  }
  return "unknown";
}

std::optional<EpisodeState> parse_episode_state(std::string_view text) {
  for (auto st : {EpisodeState::admitted, EpisodeState::needs_assessed, EpisodeState::notice_sent,
                  EpisodeState::planning, EpisodeState::ready, EpisodeState::sip_invited,
                  EpisodeState::discharged, EpisodeState::cancelled, EpisodeState::deceased}) {
    if (to_string(st) == text) return st;
  }
  return std::nullopt;
}

}  // namespace nara::domain::discharge
