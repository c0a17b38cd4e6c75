#include "domain/sip/plan.hpp"

#include <array>
#include <set>

#include "domain/sip/care_plan.hpp"

namespace nara::domain::sip {

namespace {

struct StateInfo {
  PlanState state;
  std::string_view code;
  std::string_view swedish;
};
constexpr std::array<StateInfo, 4> kStates{{
    {PlanState::draft, "draft", "Utkast"},
    {PlanState::active, "active", "Aktiv"},
    {PlanState::under_follow_up, "under_follow_up", "Under uppföljning"},
    {PlanState::closed, "closed", "Avslutad"},
}};

struct KindInfo {
  PlanKind kind;
  std::string_view code;
  std::string_view swedish;
};
constexpr std::array<KindInfo, 3> kKinds{{
    {PlanKind::sip, "sip", "SIP"},
    {PlanKind::care_plan_lpt, "lpt", "Samordnad vårdplan (LPT)"},
    {PlanKind::care_plan_lrv, "lrv", "Samordnad vårdplan (LRV)"},
}};

constexpr std::array<std::pair<EventKind, std::string_view>, 7> kEvents{{
    {EventKind::activate, "activate"},
    {EventKind::start_follow_up, "start_follow_up"},
    {EventKind::complete_follow_up, "complete_follow_up"},
    {EventKind::close, "close"},
    {EventKind::give_consent, "give_consent"},
    {EventKind::withdraw_consent, "withdraw_consent"},
    {EventKind::approve, "approve"},
}};

constexpr std::array<std::pair<ParticipantKind, std::string_view>, 4> kParticipantKinds{{
    {ParticipantKind::person, "person"},
    {ParticipantKind::relative, "relative"},
    {ParticipantKind::unit, "unit"},
    {ParticipantKind::external, "external"},
}};

TransitionError refused(std::string rule, std::string reason) {
  return {std::move(rule), std::move(reason), {}};
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

// The SoL paragraph for the four items at `at` (domain-rules §2.1: cite by date).
std::string sol_content_paragraph(core::Instant at, const LegalBasis& basis) {
  return std::chrono::floor<std::chrono::days>(at) >= basis.new_sol_in_force
             ? "SoL (2025:400) 10 kap. 8 §"
             : "SoL (2001:453) 2 kap. 7 §";
}

template <class T>
void check_ids(const std::vector<T>& items, const std::string& field,
               std::vector<core::FieldError>& out) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id.empty() || !seen.insert(items[i].id).second) {
      out.push_back(
          {field + "/" + std::to_string(i) + "/id", "id.unique", "Varje rad behöver ett eget id."});
    }
  }
}

}  // namespace

std::string_view to_string(PlanState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.code;
  }
  return "unknown";
}

std::optional<PlanState> parse_plan_state(std::string_view text) {
  for (const auto& s : kStates) {
    if (s.code == text) return s.state;
  }
  return std::nullopt;
}

std::string_view swedish_name(PlanState state) {
  for (const auto& s : kStates) {
    if (s.state == state) return s.swedish;
  }
  return "Okänd";
}

std::string_view to_string(PlanKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.code;
  }
  return "unknown";
}

std::optional<PlanKind> parse_plan_kind(std::string_view text) {
  for (const auto& k : kKinds) {
    if (k.code == text) return k.kind;
  }
  return std::nullopt;
}

std::string_view swedish_name(PlanKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.swedish;
  }
  return "Plan";
}

std::string_view to_string(ParticipantKind kind) {
  for (const auto& [k, code] : kParticipantKinds) {
    if (k == kind) return code;
  }
  return "unknown";
}

std::optional<ParticipantKind> parse_participant_kind(std::string_view text) {
  for (const auto& [k, code] : kParticipantKinds) {
    if (code == text) return k;
  }
  return std::nullopt;
}

std::string_view to_string(EventKind kind) {
  for (const auto& [k, code] : kEvents) {
    if (k == kind) return code;
  }
  return "unknown";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
  for (const auto& [k, code] : kEvents) {
    if (code == text) return k;
  }
  return std::nullopt;
}

std::optional<std::chrono::year_month_day> parse_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int y = number(0, 4);
  const int m = number(5, 2);
  const int d = number(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y},
                                         std::chrono::month{static_cast<unsigned>(m)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string legal_reference(core::Instant at, const LegalBasis& basis) {
  return "HSL 16 kap. 4 §, " + sol_content_paragraph(at, basis);
}

std::string legal_reference(PlanKind kind, core::Instant at, const LegalBasis& basis) {
  return is_care_plan(kind) ? care_plan_paragraph(kind) : legal_reference(at, basis);
}

std::vector<core::FieldError> content_problems(const Plan& p) {
  std::vector<core::FieldError> out;
  check_ids(p.participants, "participants", out);
  check_ids(p.needs, "needs", out);
  check_ids(p.interventions, "interventions", out);
  check_ids(p.other_measures, "otherMeasures", out);
  check_ids(p.goals, "goals", out);
  check_ids(p.follow_ups, "followUps", out);
  for (std::size_t i = 0; i < p.participants.size(); ++i) {
    const auto& part = p.participants[i];
    const std::string at = "participants/" + std::to_string(i);
    if (part.kind == ParticipantKind::unit && !part.unit_id)
      out.push_back({at + "/unitId", "required", "Ange enheten som deltar."});
    if (part.kind != ParticipantKind::unit && blank(part.name))
      out.push_back({at + "/name", "required", "Ange deltagarens namn."});
    // Närstående take part only if the person does not object (HSL 16:4, SoL 10:9).
    if (part.kind == ParticipantKind::relative && p.person_objects_to_relatives) {
      out.push_back({at + "/kind", "sip.relative_objected",
                     "Personen motsätter sig att närstående deltar (HSL 16 kap. 4 §, SoL 10 kap. "
                     "9 §)."});
    }
  }
  for (std::size_t i = 0; i < p.needs.size(); ++i) {
    if (blank(p.needs[i].description))
      out.push_back(
          {"needs/" + std::to_string(i) + "/description", "required", "Beskriv behovet."});
  }
  std::set<std::string> need_ids;
  for (const auto& n : p.needs) need_ids.insert(n.id);
  for (std::size_t i = 0; i < p.interventions.size(); ++i) {
    const auto& iv = p.interventions[i];
    const std::string at = "interventions/" + std::to_string(i);
    if (blank(iv.description))
      out.push_back({at + "/description", "required", "Beskriv insatsen."});
    if (iv.unit_id.empty())
      out.push_back({at + "/unitId", "required", "Ange den ansvariga enheten."});
    if (iv.need_id && !need_ids.contains(*iv.need_id))
      out.push_back({at + "/needId", "reference", "Behovet finns inte i planen."});
  }
  for (std::size_t i = 0; i < p.other_measures.size(); ++i) {
    const std::string at = "otherMeasures/" + std::to_string(i);
    if (blank(p.other_measures[i].description))
      out.push_back({at + "/description", "required", "Beskriv åtgärden."});
    if (blank(p.other_measures[i].actor))
      out.push_back({at + "/actor", "required", "Ange vem som vidtar åtgärden."});
  }
  if (p.patient_view && p.patient_view_not_obtained) {
    out.push_back({"patientViewNotObtained", "sip.contradiction",
                   "Ange antingen patientens inställning eller varför den inte gick att få veta."});
  }
  if (p.consulted_relatives && p.relatives_not_consulted_reason) {
    out.push_back({"relativesNotConsultedReason", "sip.contradiction",
                   "Närstående kan inte både ha deltagit i samrådet och inte ha tillfrågats."});
  }
  if (p.no_other_measures && !p.other_measures.empty()) {
    out.push_back({"noOtherMeasures", "sip.contradiction",
                   "Planen kan inte både sakna och ha åtgärder av andra."});
  }
  for (std::size_t i = 0; i < p.goals.size(); ++i) {
    const auto& g = p.goals[i];
    const std::string at = "goals/" + std::to_string(i);
    if (blank(g.own_words) && blank(g.measurable_target)) {
      out.push_back({at + "/ownWords", "required",
                     "Skriv målet med personens egna ord eller som mätbart mål."});
    }
    if (g.target_date && !parse_calendar_date(*g.target_date))
      out.push_back({at + "/targetDate", "date", "Ange datum som ÅÅÅÅ-MM-DD."});
  }
  for (std::size_t i = 0; i < p.follow_ups.size(); ++i) {
    if (!parse_calendar_date(p.follow_ups[i].due_date)) {
      out.push_back(
          {"followUps/" + std::to_string(i) + "/dueDate", "date", "Ange datum som ÅÅÅÅ-MM-DD."});
    }
  }
  return out;
}

std::vector<core::FieldError> activation_problems(const Plan& p, core::Instant at,
                                                  const LegalBasis& basis) {
  std::vector<core::FieldError> out = content_problems(p);
  if (is_care_plan(p.kind)) {
    auto missing = care_plan_problems(p);
    out.insert(out.end(), missing.begin(), missing.end());
    return out;
  }
  const std::string sol = sol_content_paragraph(at, basis);
  if (!p.consent_in_force()) {
    out.push_back({"consent", "sip.consent_required",
                   "Planen upprättas bara om personen samtycker (HSL 16 kap. 4 §, " + sol + ")."});
  }
  // Item 1: vilka insatser som behövs.
  if (p.interventions.empty()) {
    out.push_back(
        {"interventions", "sip.item1_interventions",
         "Av planen ska framgå vilka insatser som behövs (HSL 16 kap. 4 § p. 1, " + sol + ")."});
  }
  // Item 2: vilka insatser respektive huvudman ska svara för — and the premise of a SIP, needs
  // from both the region and the municipality (HSL 16:4 första meningen).
  bool region = false;
  bool municipality = false;
  for (const auto& iv : p.interventions) {
    region = region || iv.responsible == PrincipalKind::region;
    municipality = municipality || iv.responsible == PrincipalKind::municipality;
  }
  if (!p.interventions.empty() && !(region && municipality)) {
    out.push_back({"interventions", "sip.item2_both_principals",
                   "Av planen ska framgå vilka insatser regionen respektive kommunen svarar för; "
                   "SIP gäller insatser från båda (HSL 16 kap. 4 § p. 2, " +
                       sol + ")."});
  }
  // Item 3: vilka åtgärder som vidtas av någon annan än regionen eller kommunen — stated, even
  // when the answer is none.
  if (p.other_measures.empty() && !p.no_other_measures) {
    out.push_back({"otherMeasures", "sip.item3_other_measures",
                   "Av planen ska framgå vilka åtgärder andra än region och kommun vidtar, eller "
                   "att inga sådana finns (HSL 16 kap. 4 § p. 3, " +
                       sol + ")."});
  }
  // Item 4: vem av huvudmännen som har det övergripande ansvaret.
  if (!p.overall_responsible) {
    out.push_back({"overallResponsible", "sip.item4_overall_responsibility",
                   "Av planen ska framgå vilken huvudman som har det övergripande ansvaret (HSL 16 "
                   "kap. 4 § p. 4, " +
                       sol + ")."});
  }
  return out;
}

std::optional<TransitionError> may_edit(const Plan& p) {
  if (p.state == PlanState::closed) return refused("sip.closed", "Planen är avslutad.");
  // A samordnad vårdplan rests on LPT 7 a § / LRV 12 a §, not on consent.
  if (!is_care_plan(p.kind) && !p.consent_in_force()) {
    return refused(
        "sip.consent_required",
        "Planen kan bara upprättas och ändras med personens samtycke (HSL 16 kap. 4 §).");
  }
  return std::nullopt;
}

std::optional<TransitionError> apply(Plan& p, const Event& ev, const LegalBasis& basis) {
  if (ev.at < p.initiated_at)
    return refused("sip.before_start", "Händelsen ligger före planens start.");
  if (p.state == PlanState::closed) return refused("sip.closed", "Planen är avslutad.");
  const bool care_plan = is_care_plan(p.kind);
  if (care_plan && ev.kind == EventKind::activate) {
    return refused("care_plan.established_by_approval",
                   "En samordnad vårdplan är upprättad när de ansvariga enheterna har justerat "
                   "den (" +
                       care_plan_paragraph(p.kind) + ").");
  }
  if (care_plan && (ev.kind == EventKind::give_consent || ev.kind == EventKind::withdraw_consent)) {
    return refused("care_plan.no_consent",
                   "En samordnad vårdplan upprättas i samråd med patienten, inte på samtycke (" +
                       care_plan_paragraph(p.kind) + ").");
  }
  switch (ev.kind) {
    case EventKind::approve:
      if (!ev.approval) return refused("care_plan.approval", "Justeringen saknar enhet.");
      return approve(p, *ev.approval);
    case EventKind::activate: {
      if (p.state != PlanState::draft)
        return refused("sip.not_draft", "Bara ett utkast kan fastställas.");
      auto problems = activation_problems(p, ev.at, basis);
      if (!problems.empty()) {
        return TransitionError{
            "sip.incomplete",
            "Planen saknar det som lagen kräver (" + legal_reference(ev.at, basis) + ").",
            std::move(problems)};
      }
      p.state = PlanState::active;
      p.activated_at = ev.at;
      return std::nullopt;
    }
    case EventKind::start_follow_up: {
      if (p.state != PlanState::active)
        return refused("sip.not_active", "Bara en aktiv plan kan följas upp.");
      bool planned = false;
      for (const auto& f : p.follow_ups) planned = planned || !f.held_at;
      if (!planned) {
        return refused("sip.no_follow_up",
                       "Planera en uppföljning (datum) i planen innan den följs upp.");
      }
      p.state = PlanState::under_follow_up;
      return std::nullopt;
    }
    case EventKind::complete_follow_up: {
      if (p.state != PlanState::under_follow_up)
        return refused("sip.not_under_follow_up", "Ingen uppföljning pågår.");
      if (!ev.outcome || blank(*ev.outcome)) {
        return TransitionError{"sip.outcome_required",
                               "Skriv uppföljningens resultat.",
                               {{"outcome", "required", "Skriv uppföljningens resultat."}}};
      }
      if (ev.next_follow_up && !parse_calendar_date(*ev.next_follow_up)) {
        return TransitionError{"sip.date",
                               "Ange datum som ÅÅÅÅ-MM-DD.",
                               {{"nextFollowUp", "date", "Ange datum som ÅÅÅÅ-MM-DD."}}};
      }
      if (!care_plan && !p.consent_in_force()) {
        return refused("sip.consent_required",
                       "Samtycket är återkallat; planen kan bara avslutas (HSL 16 kap. 4 §).");
      }
      // The outcome belongs to the earliest follow-up not yet held (start_follow_up made sure
      // there is one).
      FollowUp* current = nullptr;
      for (auto& f : p.follow_ups) {
        if (!f.held_at && (!current || f.due_date < current->due_date)) current = &f;
      }
      if (!current) return refused("sip.no_follow_up", "Ingen uppföljning är planerad.");
      current->held_at = ev.at;
      current->outcome = ev.outcome;
      if (ev.next_follow_up)
        p.follow_ups.push_back(
            {ev.new_follow_up_id, *ev.next_follow_up, std::nullopt, std::nullopt});
      p.state = PlanState::active;
      return std::nullopt;
    }
    case EventKind::close:
      p.state = PlanState::closed;
      p.closed_at = ev.at;
      p.close_reason = ev.reason;
      return std::nullopt;

    case EventKind::give_consent:
      if (!ev.consent || blank(ev.consent->scope)) {
        return TransitionError{"sip.consent_scope",
                               "Ange vad samtycket omfattar.",
                               {{"consent/scope", "required", "Ange vad samtycket omfattar."}}};
      }
      if (ev.consent->given_by != "person" && ev.consent->given_by != "legal_representative") {
        return TransitionError{
            "sip.consent_given_by",
            "Samtycke lämnas av personen eller en legal företrädare.",
            {{"consent/givenBy", "enum", "Ska vara person eller legal_representative."}}};
      }
      p.consent = ev.consent;
      return std::nullopt;

    case EventKind::withdraw_consent:
      if (!p.consent_in_force())
        return refused("sip.no_consent", "Det finns inget samtycke att återkalla.");
      p.consent->withdrawn_at = ev.at;
      return std::nullopt;
  }
  return refused("sip.unknown_event", "Okänd händelse.");
}

}  // namespace nara::domain::sip
