#include "domain/sip/care_plan.hpp"

#include <algorithm>

namespace nara::domain::sip {

namespace {

bool blank(const std::optional<std::string>& s) {
  return !s || s->find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::string care_plan_paragraph(PlanKind kind) {
  return kind == PlanKind::care_plan_lrv ? "LRV 12 a §" : "LPT 7 a §";
}

std::vector<core::FieldError> care_plan_problems(const Plan& p) {
  std::vector<core::FieldError> out;
  const std::string law = care_plan_paragraph(p.kind);
  // Item 1: the need of insatser as the region and the municipality assessed it.
  if (p.needs.empty()) {
    out.push_back({"needs", "care_plan.item1_needs",
                   "Av planen ska framgå patientens behov av insatser enligt regionens och "
                   "kommunens bedömning (" +
                       law + " p. 1)."});
  }
  for (std::size_t i = 0; i < p.needs.size(); ++i) {
    if (!p.needs[i].assessed_by) {
      out.push_back({"needs/" + std::to_string(i) + "/assessedBy", "care_plan.item1_assessed_by",
                     "Ange om regionen eller kommunen har bedömt behovet (" + law + " p. 1)."});
    }
  }
  // Item 2: the decisions made, and as far as possible the patient's view of them.
  if (p.interventions.empty()) {
    out.push_back({"interventions", "care_plan.item2_decisions",
                   "Av planen ska framgå de beslut om insatser som regionen eller kommunen har "
                   "fattat (" +
                       law + " p. 2)."});
  }
  for (std::size_t i = 0; i < p.interventions.size(); ++i) {
    if (blank(p.interventions[i].decision)) {
      out.push_back({"interventions/" + std::to_string(i) + "/decision", "care_plan.item2_decision",
                     "Ange beslutet om insatsen och när det fattades (" + law + " p. 2)."});
    }
  }
  if (blank(p.patient_view) && blank(p.patient_view_not_obtained)) {
    out.push_back({"patientView", "care_plan.item2_patient_view",
                   "Ange hur patienten ställer sig till besluten, eller varför det inte gick att "
                   "få veta (" +
                       law + " p. 2)."});
  }
  // Item 3, the responsible unit of each insats, is required of every plan (content_problems).
  // Item 4: measures by others than the region and the municipality, or that there are none.
  if (p.other_measures.empty() && !p.no_other_measures) {
    out.push_back({"otherMeasures", "care_plan.item4_other_measures",
                   "Av planen ska framgå vilka åtgärder andra än regionen och kommunen vidtar, "
                   "eller att inga sådana finns (" +
                       law + " p. 4)."});
  }
  // Drawn up in consultation with the patient and, unless inappropriate, the närstående.
  if (!p.consulted_patient) {
    out.push_back({"consultedPatient", "care_plan.consult_patient",
                   "Planen upprättas i samråd med patienten (" + law + ")."});
  }
  if (!p.consulted_relatives && blank(p.relatives_not_consulted_reason)) {
    out.push_back({"consultedRelatives", "care_plan.consult_relatives",
                   "Planen upprättas i samråd med närstående om det inte är olämpligt; ange "
                   "annars varför det är olämpligt (" +
                       law + ")."});
  }
  return out;
}

std::set<std::string> responsible_units(const Plan& p) {
  std::set<std::string> out;
  for (const auto& iv : p.interventions) {
    if (!iv.unit_id.empty()) out.insert(iv.unit_id);
  }
  return out;
}

std::vector<std::string> missing_approvals(const Plan& p) {
  std::vector<std::string> out;
  for (const auto& unit : responsible_units(p)) {
    const bool approved = std::any_of(p.approvals.begin(), p.approvals.end(),
                                      [&](const Approval& a) { return a.unit_id == unit; });
    if (!approved) out.push_back(unit);
  }
  return out;
}

void revise(Plan& p) {
  if (!is_care_plan(p.kind) || p.state == PlanState::closed) return;
  p.approvals.clear();
  p.state = PlanState::draft;
  p.activated_at.reset();
}

std::optional<TransitionError> approve(Plan& p, const Approval& approval) {
  if (!is_care_plan(p.kind)) {
    return TransitionError{"sip.approve_care_plan_only",
                           "Bara en samordnad vårdplan (LPT 7 a §, LRV 12 a §) justeras av "
                           "enheterna; en SIP fastställs.",
                           {}};
  }
  const std::string law = care_plan_paragraph(p.kind);
  if (p.state != PlanState::draft) {
    return TransitionError{
        "care_plan.not_draft",
        "Planen är redan upprättad; ändras den ska den justeras på nytt (" + law + ").",
        {}};
  }
  if (!responsible_units(p).contains(approval.unit_id)) {
    return TransitionError{
        "care_plan.unit_not_responsible",
        "Planen justeras av de enheter som ansvarar för insatser enligt den (" + law + ").",
        {}};
  }
  auto problems = activation_problems(p, approval.at);
  if (!problems.empty()) {
    return TransitionError{"care_plan.incomplete",
                           "Planen saknar det som lagen kräver (" + law + ").",
                           std::move(problems)};
  }
  std::erase_if(p.approvals, [&](const Approval& a) { return a.unit_id == approval.unit_id; });
  p.approvals.push_back(approval);
  // "Planen är upprättad när den har justerats av de enheter som ansvarar för insatser enligt
  // planen" (LPT 7 a § 3 st.).
  if (missing_approvals(p).empty()) {
    p.state = PlanState::active;
    p.activated_at = approval.at;
  }
  return std::nullopt;
}

}  // namespace nara::domain::sip
