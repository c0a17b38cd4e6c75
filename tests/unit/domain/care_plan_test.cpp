// The samordnad vårdplan at discharge to öppen psykiatrisk tvångsvård (LPT 7 a §) or öppen
// rättspsykiatrisk vård (LRV 12 a §), which replaces the SIP there (2017:612 4 kap. 1 §;
// domain-rules §1.2 row 9 and notes).
#include "domain/sip/care_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/sip/plan.hpp"

namespace nara::domain::sip {
namespace {

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

// A plan with the four items and the consultation: the region's psychiatric clinic and the
// municipality's home care answer for one insats each.
Plan complete_care_plan(PlanKind kind = PlanKind::care_plan_lpt) {
  Plan p;
  p.kind = kind;
  p.initiated_by = PrincipalKind::region;
  p.initiated_at = at("2026-11-20T09:00:00+01:00");
  p.needs = {{"n1", "Medicinering med depåinjektion", PrincipalKind::region},
             {"n2", "Stöd i boendet", PrincipalKind::municipality}};
  p.interventions = {
      {"i1", "Depåinjektion var fjärde vecka", PrincipalKind::region, "psykiatrimottagning", "n1",
       std::nullopt, "Beslutad av chefsöverläkaren 2026-11-20"},
      {"i2", "Boendestöd två gånger i veckan", PrincipalKind::municipality, "boendestod", "n2",
       std::nullopt, "Biståndsbeslut 2026-11-19"}};
  p.no_other_measures = true;
  p.patient_view = "Patienten accepterar injektionerna men vill ha boendestöd på förmiddagar.";
  p.consulted_patient = true;
  p.consulted_relatives = true;
  return p;
}

Approval approval(const std::string& unit, const char* when = "2026-11-21T10:00:00+01:00") {
  return {unit, unit, "user-" + unit, "Namn", at(when)};
}

Event approve_event(const std::string& unit, const char* when = "2026-11-21T10:00:00+01:00") {
  Event e;
  e.kind = EventKind::approve;
  e.at = at(when);
  e.approval = approval(unit, when);
  return e;
}

bool has_rule(const std::vector<core::FieldError>& errors, const std::string& rule) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const core::FieldError& e) { return e.rule == rule; });
}

TEST(CarePlan, LPT_7a_KindsAndLegalReference) {
  EXPECT_EQ(parse_plan_kind("lpt"), PlanKind::care_plan_lpt);
  EXPECT_EQ(parse_plan_kind("lrv"), PlanKind::care_plan_lrv);
  EXPECT_EQ(parse_plan_kind("sip"), PlanKind::sip);
  EXPECT_FALSE(parse_plan_kind("LPT"));
  const auto now = at("2026-11-20T09:00:00+01:00");
  EXPECT_EQ(legal_reference(PlanKind::care_plan_lpt, now), "LPT 7 a §");
  EXPECT_EQ(legal_reference(PlanKind::care_plan_lrv, now), "LRV 12 a §");
  EXPECT_EQ(legal_reference(PlanKind::sip, now), legal_reference(now));
}

TEST(CarePlan, LPT_7a_EstablishedWhenEveryResponsibleUnitHasApproved) {
  Plan p = complete_care_plan();
  EXPECT_EQ(missing_approvals(p), (std::vector<std::string>{"boendestod", "psykiatrimottagning"}));
  EXPECT_FALSE(apply(p, approve_event("psykiatrimottagning")));
  EXPECT_EQ(p.state, PlanState::draft);  // one unit has approved, the other has not
  EXPECT_EQ(missing_approvals(p), std::vector<std::string>{"boendestod"});
  EXPECT_FALSE(apply(p, approve_event("boendestod", "2026-11-22T08:30:00+01:00")));
  EXPECT_EQ(p.state, PlanState::active);
  EXPECT_EQ(p.activated_at, at("2026-11-22T08:30:00+01:00"));
  EXPECT_TRUE(missing_approvals(p).empty());
}

TEST(CarePlan, LPT_7a_ApprovalAgainByTheSameUnitReplacesTheFirst) {
  Plan p = complete_care_plan();
  EXPECT_FALSE(apply(p, approve_event("psykiatrimottagning")));
  EXPECT_FALSE(apply(p, approve_event("psykiatrimottagning", "2026-11-21T11:00:00+01:00")));
  ASSERT_EQ(p.approvals.size(), 1U);
  EXPECT_EQ(p.approvals[0].at, at("2026-11-21T11:00:00+01:00"));
  EXPECT_EQ(p.state, PlanState::draft);
}

TEST(CarePlan, LPT_7a_3st_OnlyAResponsibleUnitApproves) {
  Plan p = complete_care_plan();
  const auto refused = apply(p, approve_event("vardcentral"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "care_plan.unit_not_responsible");
  EXPECT_TRUE(p.approvals.empty());
}

TEST(CarePlan, LPT_7a_p1_NeedsAsAssessedByRegionOrMunicipality) {
  Plan p = complete_care_plan();
  p.needs[1].assessed_by.reset();
  auto refused = apply(p, approve_event("boendestod"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "care_plan.incomplete");
  EXPECT_TRUE(has_rule(refused->errors, "care_plan.item1_assessed_by"));
  EXPECT_EQ(refused->errors[0].field, "needs/1/assessedBy");
  p.needs.clear();
  p.interventions[0].need_id.reset();
  p.interventions[1].need_id.reset();
  EXPECT_TRUE(has_rule(care_plan_problems(p), "care_plan.item1_needs"));
}

TEST(CarePlan, LPT_7a_p2_DecisionsAndThePatientsView) {
  Plan p = complete_care_plan();
  p.interventions[1].decision = "  ";
  auto problems = care_plan_problems(p);
  ASSERT_TRUE(has_rule(problems, "care_plan.item2_decision"));
  EXPECT_EQ(problems[0].field, "interventions/1/decision");

  p = complete_care_plan();
  p.patient_view.reset();
  EXPECT_TRUE(has_rule(care_plan_problems(p), "care_plan.item2_patient_view"));
  // "Så långt det är möjligt": a stated reason is enough.
  p.patient_view_not_obtained = "Patienten ville inte ta ställning vid samrådet.";
  EXPECT_TRUE(care_plan_problems(p).empty());
  // Both at once contradict each other.
  p.patient_view = "Positiv";
  EXPECT_TRUE(has_rule(content_problems(p), "sip.contradiction"));

  p = complete_care_plan();
  p.interventions.clear();
  EXPECT_TRUE(has_rule(care_plan_problems(p), "care_plan.item2_decisions"));
}

TEST(CarePlan, LPT_7a_p4_MeasuresByOthersOrNone) {
  Plan p = complete_care_plan();
  p.no_other_measures = false;
  EXPECT_TRUE(has_rule(care_plan_problems(p), "care_plan.item4_other_measures"));
  p.other_measures = {{"o1", "Förvaltarskap", "Överförmyndarnämnden"}};
  EXPECT_TRUE(care_plan_problems(p).empty());
}

TEST(CarePlan, LPT_7a_3st_ConsultationWithPatientAndRelativesUnlessInappropriate) {
  Plan p = complete_care_plan();
  p.consulted_patient = false;
  EXPECT_TRUE(has_rule(care_plan_problems(p), "care_plan.consult_patient"));
  p = complete_care_plan();
  p.consulted_relatives = false;
  EXPECT_TRUE(has_rule(care_plan_problems(p), "care_plan.consult_relatives"));
  p.relatives_not_consulted_reason = "Patienten har ingen kontakt med sina närstående.";
  EXPECT_TRUE(care_plan_problems(p).empty());
}

TEST(CarePlan, LPT_7a_NeedsNoConsentAndIsNotActivatedByHand) {
  Plan p = complete_care_plan();
  EXPECT_FALSE(p.consent_in_force());
  EXPECT_FALSE(may_edit(p));  // no consent needed to draw it up
  Event activate;
  activate.kind = EventKind::activate;
  activate.at = at("2026-11-21T10:00:00+01:00");
  auto refused = apply(p, activate);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "care_plan.established_by_approval");
  Event consent;
  consent.kind = EventKind::give_consent;
  consent.at = activate.at;
  consent.consent = Consent{"person", activate.at, "allt", "u", std::nullopt};
  refused = apply(p, consent);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "care_plan.no_consent");
  EXPECT_FALSE(p.consent);
}

TEST(CarePlan, LPT_7a_AChangedPlanMustBeApprovedAgain) {
  Plan p = complete_care_plan();
  ASSERT_FALSE(apply(p, approve_event("psykiatrimottagning")));
  ASSERT_FALSE(apply(p, approve_event("boendestod")));
  ASSERT_EQ(p.state, PlanState::active);
  revise(p);
  EXPECT_EQ(p.state, PlanState::draft);
  EXPECT_TRUE(p.approvals.empty());
  EXPECT_FALSE(p.activated_at);
  // An established plan cannot be approved again without a change.
  ASSERT_FALSE(apply(p, approve_event("psykiatrimottagning")));
  ASSERT_FALSE(apply(p, approve_event("boendestod")));
  const auto refused = apply(p, approve_event("boendestod"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "care_plan.not_draft");
}

TEST(CarePlan, LUS_4_1_ASipIsNotApprovedButActivated) {
  Plan p = complete_care_plan(PlanKind::sip);
  const auto refused = apply(p, approve_event("boendestod"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "sip.approve_care_plan_only");
  revise(p);  // a SIP is not affected
  EXPECT_EQ(p.state, PlanState::draft);
}

TEST(CarePlan, LRV_12a_CitesItsOwnParagraph) {
  Plan p = complete_care_plan(PlanKind::care_plan_lrv);
  p.consulted_patient = false;
  const auto problems = care_plan_problems(p);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].detail.find("LRV 12 a §"), std::string::npos);
}

}  // namespace
}  // namespace nara::domain::sip
