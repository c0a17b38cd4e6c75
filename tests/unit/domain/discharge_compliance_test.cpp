// Issue 6: deadline compliance per clock kind and responsible unit (Lag 2017:612), counted from
// the clocks the episode defines; "now" and the month are passed in.
#include <gtest/gtest.h>

#include "domain/discharge/compliance.hpp"

namespace nara::domain::discharge {
namespace {

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

Event ev(EventKind kind, const char* when) {
  return Event{kind, at(when), {}, std::nullopt, {}};
}

// Admitted on `day` 08:00 to ward-1, needs from both principals assessed at 09:00.
Episode assessed(const char* admitted, const char* assessed_at) {
  Episode e;
  e.admitted_at = at(admitted);
  e.ward_unit_id = "ward-1";
  Event assess = ev(EventKind::assess_needs, assessed_at);
  assess.needs = Needs{true, true, true};
  EXPECT_FALSE(apply(e, assess));
  return e;
}

void notify(Episode& e, const char* when, const char* planned) {
  Event notice = ev(EventKind::send_admission_notice, when);
  notice.planned_discharge = at(planned);
  ASSERT_FALSE(apply(e, notice));
}

const ComplianceRow* row(const std::vector<ComplianceRow>& rows, ClockKind kind,
                         const std::string& unit) {
  for (const auto& r : rows) {
    if (r.kind == kind && r.unit_id == unit) return &r;
  }
  return nullptr;
}

const core::Instant kNovember = at("2026-11-01T00:00:00+01:00");
const core::Instant kDecember = at("2026-12-01T00:00:00+01:00");

TEST(DeadlineCompliance, LUS2_1_AdmissionNoticeWithin24HoursIsMetInTimeAndAfterIsLate) {
  Episode in_time = assessed("2026-11-02T08:00:00+01:00", "2026-11-02T09:00:00+01:00");
  notify(in_time, "2026-11-02T20:00:00+01:00", "2026-11-10T10:00:00+01:00");
  Episode late = assessed("2026-11-02T08:00:00+01:00", "2026-11-02T09:00:00+01:00");
  notify(late, "2026-11-04T08:00:00+01:00", "2026-11-10T10:00:00+01:00");
  const auto rows = deadline_compliance({{in_time, "hc-1"}, {late, "hc-1"}}, kNovember, kDecember,
                                        at("2026-11-05T00:00:00+01:00"));
  const auto* r = row(rows, ClockKind::admission_notice, "ward-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.met_in_time, 1);
  EXPECT_EQ(r->counts.met_late, 1);
  EXPECT_EQ(r->counts.open_overdue, 0);
  EXPECT_DOUBLE_EQ(*r->counts.share(ClockOutcome::met_in_time), 0.5);
}

TEST(DeadlineCompliance, LUS2_1_UnsentNoticeIsOverdueAfter24HoursAndNotYetDueBefore) {
  const Episode e = assessed("2026-11-20T08:00:00+01:00", "2026-11-20T09:00:00+01:00");
  auto rows = deadline_compliance({{e, ""}}, kNovember, kDecember, at("2026-11-20T12:00:00+01:00"));
  auto* r = row(rows, ClockKind::admission_notice, "ward-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.open_not_due, 1);
  EXPECT_EQ(r->counts.due(), 0);
  EXPECT_FALSE(r->counts.share(ClockOutcome::met_in_time));  // nothing due yet: no share
  rows = deadline_compliance({{e, ""}}, kNovember, kDecember, at("2026-11-21T09:00:01+01:00"));
  r = row(rows, ClockKind::admission_notice, "ward-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->counts.open_overdue, 1);
  EXPECT_DOUBLE_EQ(*r->counts.share(ClockOutcome::open_overdue), 1.0);
}

TEST(DeadlineCompliance, LUS2_5_And4_3_OutpatientClocksCountForTheNotifiedHealthCentre) {
  Episode e = assessed("2026-11-02T08:00:00+01:00", "2026-11-02T09:00:00+01:00");
  notify(e, "2026-11-02T10:00:00+01:00", "2026-11-06T10:00:00+01:00");
  ASSERT_FALSE(apply(e, ev(EventKind::appoint_named_contact, "2026-11-03T09:00:00+01:00")));
  ASSERT_FALSE(apply(e, ev(EventKind::mark_ready, "2026-11-05T10:00:00+01:00")));
  // 4 kap. 3 §: three days after 5 Nov is the end of 8 Nov; invited on 9 Nov is late.
  ASSERT_FALSE(apply(e, ev(EventKind::invite_sip, "2026-11-09T09:00:00+01:00")));
  const auto rows =
      deadline_compliance({{e, "hc-1"}}, kNovember, kDecember, at("2026-11-10T00:00:00+01:00"));
  const auto* named = row(rows, ClockKind::named_contact, "hc-1");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->counts.met_in_time, 1);
  const auto* sip = row(rows, ClockKind::sip_invitation, "hc-1");
  ASSERT_TRUE(sip);
  EXPECT_EQ(sip->counts.met_late, 1);
  EXPECT_FALSE(row(rows, ClockKind::sip_invitation, "ward-1"));
}

TEST(DeadlineCompliance, LUS3_2_InformationNotTransferredByTheDayOfDischargeIsOverdue) {
  Episode e = assessed("2026-11-02T08:00:00+01:00", "2026-11-02T09:00:00+01:00");
  notify(e, "2026-11-02T10:00:00+01:00", "2026-11-06T10:00:00+01:00");
  ASSERT_FALSE(apply(e, ev(EventKind::discharge, "2026-11-06T11:00:00+01:00")));
  const auto rows =
      deadline_compliance({{e, "hc-1"}}, kNovember, kDecember, at("2026-11-07T00:30:00+01:00"));
  const auto* info = row(rows, ClockKind::information_transfer, "ward-1");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->counts.open_overdue, 1);
  // 2 kap. 5 §: discharged without a named contact.
  const auto* named = row(rows, ClockKind::named_contact, "hc-1");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->counts.open_overdue, 1);
}

TEST(DeadlineCompliance, LUS_ClocksCountInTheMonthTheyAreDue) {
  // Assessed 31 Oct 12:00: the notice is due 1 Nov 12:00, so November counts it, October not.
  Episode e = assessed("2026-10-31T08:00:00+01:00", "2026-10-31T12:00:00+01:00");
  notify(e, "2026-10-31T13:00:00+01:00", "2026-12-03T10:00:00+01:00");
  const auto now = at("2026-12-10T00:00:00+01:00");
  const auto october =
      deadline_compliance({{e, "hc-1"}}, at("2026-10-01T00:00:00+02:00"), kNovember, now);
  EXPECT_FALSE(row(october, ClockKind::admission_notice, "ward-1"));
  const auto november = deadline_compliance({{e, "hc-1"}}, kNovember, kDecember, now);
  ASSERT_TRUE(row(november, ClockKind::admission_notice, "ward-1"));
  EXPECT_FALSE(row(november, ClockKind::named_contact, "hc-1"));  // due 3 Dec: December's
}

TEST(DeadlineCompliance, LUS_ADeathEndsTheDutiesNotYetDue) {
  Episode e = assessed("2026-11-02T08:00:00+01:00", "2026-11-02T09:00:00+01:00");
  notify(e, "2026-11-04T10:00:00+01:00", "2026-11-20T10:00:00+01:00");  // notice late
  ASSERT_FALSE(apply(e, ev(EventKind::death, "2026-11-05T10:00:00+01:00")));
  const auto rows =
      deadline_compliance({{e, "hc-1"}}, kNovember, kDecember, at("2026-11-25T00:00:00+01:00"));
  const auto* notice = row(rows, ClockKind::admission_notice, "ward-1");
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->counts.met_late, 1);
  EXPECT_FALSE(row(rows, ClockKind::named_contact, "hc-1"));  // due 20 Nov, after the death
}

TEST(DeadlineCompliance, LUS_CancelledEpisodesHaveNoClocks) {
  Episode e = assessed("2026-11-02T08:00:00+01:00", "2026-11-02T09:00:00+01:00");
  ASSERT_FALSE(apply(e, ev(EventKind::cancel, "2026-11-02T10:00:00+01:00")));
  EXPECT_TRUE(deadline_compliance({{e, ""}}, kNovember, kDecember, at("2026-11-25T00:00:00+01:00"))
                  .empty());
}

}  // namespace
}  // namespace nara::domain::discharge
