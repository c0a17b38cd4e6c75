// Issue 4 points 1–2: the episode's state machine and its statutory clocks (Lag 2017:612).
#include <gtest/gtest.h>

#include "domain/discharge/episode.hpp"

namespace nara::domain::discharge {
namespace {

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

Episode admitted(const char* when = "2026-11-02T08:00:00+01:00") {
  Episode e;
  e.admitted_at = at(when);
  e.ward_unit_id = "ward-1";
  return e;
}

Event ev(EventKind kind, const char* when) {
  return Event{kind, at(when), {}, std::nullopt, {}};
}

Needs both_principals() {
  return Needs{true, true, true};
}

// Admitted 2 Nov 08:00, needs from both principals assessed at 09:00, admission notice at 10:00
// with the planned discharge 6 Nov 10:00.
Episode notified_for_both_principals() {
  Episode e = admitted();
  Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
  assess.needs = both_principals();
  EXPECT_FALSE(apply(e, assess));
  Event notice = ev(EventKind::send_admission_notice, "2026-11-02T10:00:00+01:00");
  notice.planned_discharge = at("2026-11-06T10:00:00+01:00");
  EXPECT_FALSE(apply(e, notice));
  return e;
}

// A copy, so that finding in a temporary list of clocks never dangles.
std::optional<StatutoryClock> find(const std::vector<StatutoryClock>& all, ClockKind kind) {
  for (const auto& c : all) {
    if (c.kind == kind) return c;
  }
  return std::nullopt;
}

TEST(DischargeEpisode, LUS_TheWholeChainFromAdmissionToDischarge) {
  Episode e = admitted();
  Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
  assess.needs = both_principals();
  ASSERT_FALSE(apply(e, assess));
  EXPECT_EQ(e.state, EpisodeState::needs_assessed);
  Event notice = ev(EventKind::send_admission_notice, "2026-11-02T15:00:00+01:00");
  notice.planned_discharge = at("2026-11-06T10:00:00+01:00");
  ASSERT_FALSE(apply(e, notice));
  EXPECT_EQ(e.state, EpisodeState::notice_sent);
  ASSERT_FALSE(apply(e, ev(EventKind::acknowledge, "2026-11-02T16:00:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::planning);
  ASSERT_FALSE(apply(e, ev(EventKind::appoint_named_contact, "2026-11-03T09:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-05T10:00:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::ready);
  ASSERT_FALSE(apply(e, ev(EventKind::invite_sip, "2026-11-06T09:00:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::sip_invited);
  ASSERT_FALSE(apply(e, ev(EventKind::transfer_information, "2026-11-07T09:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::discharge, "2026-11-07T11:00:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::discharged);
  for (const auto& c : clocks(e, at("2026-11-08T00:00:00+01:00"))) {
    EXPECT_FALSE(c.breached) << to_string(c.kind);
    EXPECT_TRUE(c.met_at.has_value()) << to_string(c.kind);
  }
  // Ready 5 Nov before noon: liable 8 Nov (start) … but discharged 7 Nov: no liable day.
  EXPECT_EQ(
      compute_liability(liability_facts(e, at("2026-11-08T00:00:00+01:00")), LiabilityAgreement{})
          .liable_days,
      0);
}

TEST(DischargeEpisode, LUS2_1_AdmissionNoticeDueWithin24HoursOfAdmission) {
  Episode e = admitted("2026-11-02T08:00:00+01:00");
  Event assess = ev(EventKind::assess_needs, "2026-11-02T08:30:00+01:00");
  assess.needs = both_principals();
  ASSERT_FALSE(apply(e, assess));
  const auto before = clocks(e, at("2026-11-03T08:00:00+01:00"));
  ASSERT_TRUE(find(before, ClockKind::admission_notice).has_value());
  EXPECT_EQ(find(before, ClockKind::admission_notice)->due, at("2026-11-03T08:30:00+01:00"));
  EXPECT_FALSE(find(before, ClockKind::admission_notice)->breached);
  EXPECT_TRUE(
      find(clocks(e, at("2026-11-03T08:31:00+01:00")), ClockKind::admission_notice)->breached);
}

TEST(DischargeEpisode, LUS2_3_ALaterAssessmentStartsItsOwn24Hours) {
  Episode e = admitted("2026-11-02T08:00:00+01:00");
  Event assess = ev(EventKind::assess_needs, "2026-11-04T14:00:00+01:00");
  assess.needs = Needs{false, true, false};
  ASSERT_FALSE(apply(e, assess));
  EXPECT_EQ(find(clocks(e, e.admitted_at), ClockKind::admission_notice)->due,
            at("2026-11-05T14:00:00+01:00"));
}

TEST(DischargeEpisode, LUS2_2_TheNoticeMustCarryThePlannedDischarge) {
  Episode e = admitted();
  Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
  assess.needs = both_principals();
  ASSERT_FALSE(apply(e, assess));
  const auto err = apply(e, ev(EventKind::send_admission_notice, "2026-11-02T10:00:00+01:00"));
  ASSERT_TRUE(err);
  EXPECT_EQ(err->rule, "episode.planned_discharge_required");
  EXPECT_EQ(e.state, EpisodeState::needs_assessed);  // nothing changed
}

TEST(DischargeEpisode, LUS2_1_NoNoticeWithoutAssessedNeeds) {
  Episode e = admitted();
  Event notice = ev(EventKind::send_admission_notice, "2026-11-02T10:00:00+01:00");
  notice.planned_discharge = at("2026-11-06T10:00:00+01:00");
  EXPECT_EQ(apply(e, notice)->rule, "episode.no_needs");
}

TEST(DischargeEpisode, LUS4_3_SipInvitationWithinThreeCalendarDaysOfTheReadyNotice) {
  Episode e = admitted();
  Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
  assess.needs = both_principals();
  ASSERT_FALSE(apply(e, assess));
  ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-05T16:00:00+01:00")));
  const auto clock = find(clocks(e, at("2026-11-08T23:59:00+01:00")), ClockKind::sip_invitation);
  ASSERT_TRUE(clock.has_value());
  EXPECT_EQ(clock->due, at("2026-11-08T23:59:59.999999+01:00"));
  EXPECT_FALSE(clock->breached);
  EXPECT_TRUE(
      find(clocks(e, at("2026-11-09T00:00:01+01:00")), ClockKind::sip_invitation)->breached);
}

TEST(DischargeEpisode, LUS4_1_NoSipInvitationWhenOnlyOnePrincipalIsNeeded) {
  Episode e = admitted();
  Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
  assess.needs = Needs{true, false, false};
  ASSERT_FALSE(apply(e, assess));
  ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-05T10:00:00+01:00")));
  EXPECT_EQ(apply(e, ev(EventKind::invite_sip, "2026-11-05T11:00:00+01:00"))->rule,
            "episode.sip_not_required");
  EXPECT_FALSE(find(clocks(e, e.admitted_at), ClockKind::sip_invitation).has_value());
}

TEST(DischargeEpisode, LUS4_1_DischargeToOutpatientCompulsoryCareHasACoordinatedCarePlanNotSip) {
  for (const auto care : {OutpatientCompulsoryCare::lpt, OutpatientCompulsoryCare::lrv}) {
    Episode e = admitted();
    Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
    assess.needs = both_principals();
    assess.needs.compulsory_care = care;
    ASSERT_FALSE(apply(e, assess));
    EXPECT_FALSE(e.needs.sip_required());
    ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-05T10:00:00+01:00")));
    // No SIP invitation clock (4 kap. 3 §) and no SIP precondition for liability (5 kap. 3 § 3).
    EXPECT_FALSE(find(clocks(e, at("2026-11-20T10:00:00+01:00")), ClockKind::sip_invitation));
    EXPECT_FALSE(liability_facts(e, at("2026-11-20T10:00:00+01:00")).sip_required);
    const auto refused = apply(e, ev(EventKind::invite_sip, "2026-11-05T11:00:00+01:00"));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->rule, "episode.coordinated_care_plan");
    EXPECT_NE(refused->reason.find("LPT 7 a §"), std::string::npos);
    // The other clocks still run: the admission notice and the named contact (2 kap. 1, 5 §§).
    EXPECT_TRUE(find(clocks(e, e.admitted_at), ClockKind::admission_notice));
  }
  EXPECT_EQ(parse_outpatient_compulsory_care("lrv"), OutpatientCompulsoryCare::lrv);
  EXPECT_FALSE(parse_outpatient_compulsory_care("öpt"));
  EXPECT_EQ(to_string(OutpatientCompulsoryCare::lpt), "lpt");
}

TEST(DischargeEpisode, LUS2_5_DischargeWithoutNamedContactIsABreach) {
  Episode e = notified_for_both_principals();
  ASSERT_FALSE(apply(e, ev(EventKind::discharge, "2026-11-06T10:00:00+01:00")));
  EXPECT_TRUE(find(clocks(e, at("2026-11-06T12:00:00+01:00")), ClockKind::named_contact)->breached);
}

TEST(DischargeEpisode, LUS3_2_InformationNoLaterThanTheDayOfDischarge) {
  Episode e = admitted();
  Event assess = ev(EventKind::assess_needs, "2026-11-02T09:00:00+01:00");
  assess.needs = Needs{true, false, false};
  ASSERT_FALSE(apply(e, assess));
  ASSERT_FALSE(apply(e, ev(EventKind::discharge, "2026-11-06T10:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::transfer_information, "2026-11-06T23:00:00+01:00")));
  EXPECT_FALSE(
      find(clocks(e, at("2026-11-07T12:00:00+01:00")), ClockKind::information_transfer)->breached);
  Episode late = admitted();
  ASSERT_FALSE(apply(late, assess));
  ASSERT_FALSE(apply(late, ev(EventKind::discharge, "2026-11-06T10:00:00+01:00")));
  ASSERT_FALSE(apply(late, ev(EventKind::transfer_information, "2026-11-07T00:30:00+01:00")));
  EXPECT_TRUE(find(clocks(late, at("2026-11-07T12:00:00+01:00")), ClockKind::information_transfer)
                  ->breached);
}

TEST(DischargeEpisode, InvalidTransitionsAreRefusedWithAReasonAndChangeNothing) {
  Episode e = admitted();
  EXPECT_EQ(apply(e, ev(EventKind::invite_sip, "2026-11-02T09:00:00+01:00"))->rule,
            "episode.not_ready");
  EXPECT_EQ(apply(e, ev(EventKind::withdraw_ready, "2026-11-02T09:00:00+01:00"))->rule,
            "episode.not_ready");
  EXPECT_EQ(apply(e, ev(EventKind::cancel_discharge, "2026-11-02T09:00:00+01:00"))->rule,
            "episode.not_discharged");
  EXPECT_EQ(apply(e, ev(EventKind::mark_ready, "2026-11-01T09:00:00+01:00"))->rule,
            "episode.before_admission");
  ASSERT_FALSE(apply(e, ev(EventKind::death, "2026-11-03T09:00:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::deceased);
  EXPECT_EQ(apply(e, ev(EventKind::discharge, "2026-11-03T10:00:00+01:00"))->rule,
            "episode.closed");
  EXPECT_EQ(e.state, EpisodeState::deceased);
}

TEST(DischargeEpisode, WithdrawnReadyAndCancelledDischargeReturnToWhereTheyWere) {
  Episode e = notified_for_both_principals();
  ASSERT_FALSE(apply(e, ev(EventKind::acknowledge, "2026-11-02T11:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-04T10:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::withdraw_ready, "2026-11-05T10:00:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::planning);
  EXPECT_FALSE(
      find(clocks(e, at("2026-11-09T00:00:00+01:00")), ClockKind::sip_invitation).has_value());
  ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-06T10:00:00+01:00")));
  EXPECT_EQ(apply(e, ev(EventKind::transfer_ward, "2026-11-06T11:00:00+01:00"))->rule,
            "episode.same_ward");
  Event move = ev(EventKind::transfer_ward, "2026-11-06T11:00:00+01:00");
  move.ward_unit_id = "ward-2";
  ASSERT_FALSE(apply(e, move));
  EXPECT_EQ(e.ward_unit_id, "ward-2");
  EXPECT_EQ(e.state, EpisodeState::ready);
  ASSERT_FALSE(apply(e, ev(EventKind::discharge, "2026-11-07T10:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::cancel_discharge, "2026-11-07T10:05:00+01:00")));
  EXPECT_EQ(e.state, EpisodeState::ready);
  EXPECT_FALSE(e.discharged_at);
}

}  // namespace
}  // namespace nara::domain::discharge
