// Issue 5 point 1: the SIP plan's state machine, consent and the four items the law requires
// (HSL 16 kap. 4 §, SoL 2025:400 10 kap. 8–9 §§; domain-rules §2).
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/sip/plan.hpp"

namespace nara::domain::sip {
namespace {

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

Consent consent(const char* when = "2026-03-02T09:00:00+01:00") {
  return Consent{"person", at(when), "Hemsjukvård, hälsocentral och hemtjänst", "user-1",
                 std::nullopt};
}

Plan draft_with_consent() {
  Plan p;
  p.initiated_by = PrincipalKind::municipality;
  p.initiated_at = at("2026-03-02T08:00:00+01:00");
  p.consent = consent();
  return p;
}

// A plan holding all four items: interventions from both principals, measures by others, and
// the principal with the overall responsibility.
Plan complete_plan() {
  Plan p = draft_with_consent();
  p.needs = {{"n1", "Såromläggning tre gånger i veckan", std::nullopt},
             {"n2", "Hjälp med dusch", std::nullopt}};
  p.interventions = {{"i1", "Såromläggning", PrincipalKind::municipality, "hsl-unit", "n1",
                      std::nullopt, std::nullopt},
                     {"i2", "Läkarbedömning av såret", PrincipalKind::region, "hc-unit", "n1",
                      std::nullopt, std::nullopt},
                     {"i3", "Hemtjänst, dusch", PrincipalKind::municipality, "hemtjanst-unit", "n2",
                      std::nullopt, std::nullopt}};
  p.other_measures = {{"o1", "Bostadsanpassningsbidrag", "Kramfors kommun, bygglov (demo)"}};
  p.overall_responsible = PrincipalKind::municipality;
  p.follow_ups = {{"f1", "2026-04-15", std::nullopt, std::nullopt}};
  return p;
}

Event ev(EventKind kind, const char* when = "2026-03-03T10:00:00+01:00") {
  Event e;
  e.kind = kind;
  e.at = at(when);
  return e;
}

bool has_rule(const std::vector<core::FieldError>& errors, const std::string& rule) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const core::FieldError& e) { return e.rule == rule; });
}

TEST(SipPlan, HSL_16_4_CompletePlanBecomesActive) {
  Plan p = complete_plan();
  EXPECT_TRUE(activation_problems(p, at("2026-03-03T10:00:00+01:00")).empty());
  EXPECT_FALSE(apply(p, ev(EventKind::activate)));
  EXPECT_EQ(p.state, PlanState::active);
  EXPECT_EQ(p.activated_at, at("2026-03-03T10:00:00+01:00"));
}

TEST(SipPlan, HSL_16_4_ConsentRequiredBeforeActivation) {
  Plan p = complete_plan();
  p.consent.reset();
  const auto refused = apply(p, ev(EventKind::activate));
  ASSERT_TRUE(refused);
  EXPECT_TRUE(has_rule(refused->errors, "sip.consent_required"));
  EXPECT_EQ(p.state, PlanState::draft);  // a refusal changes nothing
}

TEST(SipPlan, HSL_16_4_p1_InterventionsRequired) {
  Plan p = complete_plan();
  p.interventions.clear();
  const auto refused = apply(p, ev(EventKind::activate));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->rule, "sip.incomplete");
  EXPECT_TRUE(has_rule(refused->errors, "sip.item1_interventions"));
  EXPECT_EQ(p.state, PlanState::draft);
}

TEST(SipPlan, HSL_16_4_p2_InterventionsOfBothPrincipalsRequired) {
  Plan p = complete_plan();
  p.interventions.erase(p.interventions.begin() + 1);  // only the municipality's remain
  const auto refused = apply(p, ev(EventKind::activate));
  ASSERT_TRUE(refused);
  EXPECT_TRUE(has_rule(refused->errors, "sip.item2_both_principals"));
}

TEST(SipPlan, HSL_16_4_p2_EachInterventionNamesItsUnit) {
  Plan p = complete_plan();
  p.interventions[0].unit_id.clear();
  const auto problems = activation_problems(p, at("2026-03-03T10:00:00+01:00"));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems.front().field, "interventions/0/unitId");
}

TEST(SipPlan, HSL_16_4_p3_MeasuresByOthersStatedOrExplicitlyNone) {
  Plan p = complete_plan();
  p.other_measures.clear();
  auto refused = apply(p, ev(EventKind::activate));
  ASSERT_TRUE(refused);
  EXPECT_TRUE(has_rule(refused->errors, "sip.item3_other_measures"));
  p.no_other_measures = true;  // "inga åtgärder av andra" is an answer
  EXPECT_FALSE(apply(p, ev(EventKind::activate)));
  EXPECT_EQ(p.state, PlanState::active);
}

TEST(SipPlan, HSL_16_4_p3_NoneAndSomeContradict) {
  Plan p = complete_plan();
  p.no_other_measures = true;
  EXPECT_TRUE(has_rule(content_problems(p), "sip.contradiction"));
}

TEST(SipPlan, HSL_16_4_p4_OverallResponsiblePrincipalRequired) {
  Plan p = complete_plan();
  p.overall_responsible.reset();
  const auto refused = apply(p, ev(EventKind::activate));
  ASSERT_TRUE(refused);
  EXPECT_TRUE(has_rule(refused->errors, "sip.item4_overall_responsibility"));
  EXPECT_EQ(refused->errors.size(), 1U);
}

TEST(SipPlan, HSL_16_4_EveryMissingItemIsNamedAtOnce) {
  Plan p = draft_with_consent();
  const auto problems = activation_problems(p, at("2026-03-03T10:00:00+01:00"));
  EXPECT_TRUE(has_rule(problems, "sip.item1_interventions"));
  EXPECT_TRUE(has_rule(problems, "sip.item3_other_measures"));
  EXPECT_TRUE(has_rule(problems, "sip.item4_overall_responsibility"));
}

TEST(SipPlan, SoL_10_9_RelativesOnlyUnlessThePersonObjects) {
  Plan p = complete_plan();
  p.participants = {{"p1", ParticipantKind::relative, std::nullopt, "Karin", "dotter"}};
  EXPECT_TRUE(content_problems(p).empty());
  p.person_objects_to_relatives = true;
  const auto problems = content_problems(p);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].rule, "sip.relative_objected");
  EXPECT_EQ(problems[0].field, "participants/0/kind");
}

TEST(SipPlan, SoL_2001_453_2_7_CitedBeforeTheNewActAnd_2025_400_10_8_After) {
  EXPECT_EQ(legal_reference(at("2025-06-30T12:00:00+02:00")),
            "HSL 16 kap. 4 §, SoL (2001:453) 2 kap. 7 §");
  EXPECT_EQ(legal_reference(at("2025-07-01T12:00:00+02:00")),
            "HSL 16 kap. 4 §, SoL (2025:400) 10 kap. 8 §");
  // The in-force date is data ([M] in domain-rules §2.1).
  LegalBasis later;
  later.new_sol_in_force = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  EXPECT_EQ(legal_reference(at("2025-07-01T12:00:00+02:00"), later),
            "HSL 16 kap. 4 §, SoL (2001:453) 2 kap. 7 §");
  Plan p = complete_plan();
  p.overall_responsible.reset();
  const auto problems = activation_problems(p, at("2025-06-30T12:00:00+02:00"));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].detail.find("2001:453"), std::string::npos);
}

TEST(SipPlan, StateMachine_DraftActiveFollowUpClosed) {
  Plan p = complete_plan();
  EXPECT_EQ(apply(p, ev(EventKind::start_follow_up))->rule, "sip.not_active");
  EXPECT_EQ(apply(p, ev(EventKind::complete_follow_up))->rule, "sip.not_under_follow_up");
  ASSERT_FALSE(apply(p, ev(EventKind::activate)));
  EXPECT_EQ(apply(p, ev(EventKind::activate))->rule, "sip.not_draft");
  ASSERT_FALSE(apply(p, ev(EventKind::start_follow_up, "2026-04-15T10:00:00+02:00")));
  EXPECT_EQ(p.state, PlanState::under_follow_up);
  Event done = ev(EventKind::complete_follow_up, "2026-04-15T11:00:00+02:00");
  EXPECT_EQ(apply(p, done)->rule, "sip.outcome_required");  // the outcome is the point
  done.outcome = "Såret läker; dusch fungerar med hemtjänst.";
  done.next_follow_up = "2026-06-01";
  done.new_follow_up_id = "f2";
  ASSERT_FALSE(apply(p, done));
  EXPECT_EQ(p.state, PlanState::active);
  ASSERT_EQ(p.follow_ups.size(), 2U);
  EXPECT_TRUE(p.follow_ups[0].held_at);
  EXPECT_EQ(p.follow_ups[0].outcome, done.outcome);
  EXPECT_EQ(p.follow_ups[1].due_date, "2026-06-01");
  Event close = ev(EventKind::close, "2026-06-01T10:00:00+02:00");
  close.reason = "Målen uppnådda.";
  ASSERT_FALSE(apply(p, close));
  EXPECT_EQ(p.state, PlanState::closed);
  EXPECT_EQ(apply(p, ev(EventKind::activate, "2026-06-02T10:00:00+02:00"))->rule, "sip.closed");
  EXPECT_EQ(may_edit(p)->rule, "sip.closed");
}

TEST(SipPlan, FollowUpNeedsAPlannedDate) {
  Plan p = complete_plan();
  p.follow_ups.clear();
  ASSERT_FALSE(apply(p, ev(EventKind::activate)));
  EXPECT_EQ(apply(p, ev(EventKind::start_follow_up))->rule, "sip.no_follow_up");
  EXPECT_EQ(p.state, PlanState::active);
}

TEST(SipPlan, HSL_16_4_WithdrawnConsentStopsEditingButNotClosing) {
  Plan p = complete_plan();
  ASSERT_FALSE(apply(p, ev(EventKind::activate)));
  ASSERT_FALSE(apply(p, ev(EventKind::withdraw_consent, "2026-03-10T10:00:00+01:00")));
  EXPECT_FALSE(p.consent_in_force());
  EXPECT_EQ(may_edit(p)->rule, "sip.consent_required");
  EXPECT_EQ(apply(p, ev(EventKind::withdraw_consent, "2026-03-11T10:00:00+01:00"))->rule,
            "sip.no_consent");
  // Given again, the plan can be worked on again.
  Event again = ev(EventKind::give_consent, "2026-03-12T10:00:00+01:00");
  again.consent = consent("2026-03-12T10:00:00+01:00");
  ASSERT_FALSE(apply(p, again));
  EXPECT_FALSE(may_edit(p));
  ASSERT_FALSE(apply(p, ev(EventKind::withdraw_consent, "2026-03-13T10:00:00+01:00")));
  EXPECT_FALSE(apply(p, ev(EventKind::close, "2026-03-14T10:00:00+01:00")));
  EXPECT_EQ(p.state, PlanState::closed);
}

TEST(SipPlan, HSL_16_4_ConsentNeedsScopeAndWhoGaveIt) {
  Plan p = draft_with_consent();
  Event give = ev(EventKind::give_consent);
  give.consent = consent();
  give.consent->scope = " ";
  EXPECT_EQ(apply(p, give)->rule, "sip.consent_scope");
  give.consent = consent();
  give.consent->given_by = "neighbour";
  EXPECT_EQ(apply(p, give)->errors.at(0).field, "consent/givenBy");
}

TEST(SipPlan, ContentProblemsNameTheField) {
  Plan p = complete_plan();
  p.interventions[1].need_id = "missing";
  p.goals = {{"g1", "", "", "2026-13-01", {}}};
  p.follow_ups[0].due_date = "15/4";
  const auto problems = content_problems(p);
  std::vector<std::string> fields;
  for (const auto& e : problems) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"interventions/1/needId", "goals/0/ownWords",
                                              "goals/0/targetDate", "followUps/0/dueDate"}));
}

TEST(SipPlan, CalendarDatesAreStrict) {
  EXPECT_TRUE(parse_calendar_date("2028-02-29"));
  EXPECT_FALSE(parse_calendar_date("2027-02-29"));
  EXPECT_FALSE(parse_calendar_date("2027-2-28"));
  EXPECT_FALSE(parse_calendar_date("2027-02-28T00"));
}

}  // namespace
}  // namespace nara::domain::sip
