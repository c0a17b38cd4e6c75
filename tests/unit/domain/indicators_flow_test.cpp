// Issue 19: the indicators read from SIPs (HSL 16 kap. 4 §), requests between units and
// proactive-list actions, each with its arithmetic written out.
#include <gtest/gtest.h>

#include "domain/indicators/indicators.hpp"
#include "indicators_test_support.hpp"

namespace nara::domain::indicators {
namespace {

using test::at;
using test::cell;
using test::cohort;
using test::date;
using test::month;
using test::query;

constexpr Month kMarch = month(2026, 3);

SipFact sip(const std::string& id, const char* created, int age, bool took_part = false) {
  SipFact fact;
  fact.id = id;
  fact.person_id = "p-" + id;
  fact.municipality_code = "2281";
  fact.initiated_by_unit_id = "hc-1";
  fact.age_at_start = age;
  fact.created_at = at(created);
  fact.person_took_part = took_part;
  return fact;
}

TEST(Indicators, HSL16_4_SipsPer1000_65_SipsStartedForPersons65PlusPerInhabitants65Plus) {
  Facts facts;
  facts.population = {cohort("2281", month(1950, 1), 2000)};
  facts.sips = {sip("a", "2026-03-02T10:00:00+01:00", 70),
                sip("b", "2026-03-15T10:00:00+01:00", 65),
                sip("c", "2026-03-31T23:30:00+02:00", 90),   // 31 March local (21:30Z)
                sip("d", "2026-03-10T10:00:00+01:00", 50),   // under 65: not counted
                sip("e", "2026-04-01T00:30:00+02:00", 80)};  // April local, though 31 March UTC
  const auto all = compute(facts, query(kMarch, kMarch, {"sips_per_1000_65"}));
  // 3 SIPs × 1000 / 2000 inhabitants 65+ = 1.5.
  const Cell rate = cell(all, "sips_per_1000_65", Level::municipality, "2281", kMarch);
  EXPECT_EQ(rate.count, 3);
  EXPECT_DOUBLE_EQ(rate.numerator, 3);
  EXPECT_DOUBLE_EQ(*rate.value, 1.5);
  EXPECT_DOUBLE_EQ(*cell(all, "sips_per_1000_65", Level::unit, "hc-1", kMarch).value, 1.5);
}

TEST(Indicators, HSL16_4_SipPersonTookPart_ShareOfSipsStartedInTheMonth) {
  Facts facts;
  facts.sips = {sip("a", "2026-03-02T10:00:00+01:00", 70, true),
                sip("b", "2026-03-03T10:00:00+01:00", 40, true),
                sip("c", "2026-03-04T10:00:00+01:00", 80, false),
                sip("d", "2026-03-05T10:00:00+01:00", 80, false)};
  const auto all = compute(facts, query(kMarch, kMarch, {"sip_person_took_part_share"}));
  // 2 of 4, all ages.
  EXPECT_DOUBLE_EQ(*cell(all, "sip_person_took_part_share", Level::county, "", kMarch).value, 0.5);
}

TEST(Indicators, Section2_2_SipFollowUpOnTime_HeldByTheDueDateInStockholm) {
  Facts facts;
  auto plan = sip("a", "2026-01-10T10:00:00+01:00", 80);
  plan.follow_ups = {
      {date(2026, 3, 10), at("2026-03-10T23:30:00+01:00")},  // on the day, late evening: on time
      {date(2026, 3, 10), at("2026-03-11T00:10:00+01:00")},  // the next day: late
      {date(2026, 3, 20), std::nullopt},                     // not held
      {date(2026, 4, 2), std::nullopt},                      // due in April
  };
  facts.sips = {plan};
  Parameters parameters;
  parameters.as_of = at("2026-03-20T15:00:00+01:00");  // the 20 March follow-up is still open
  auto all = compute(facts, query(kMarch, kMarch, {"sip_follow_up_on_time_share"}, parameters));
  Cell share = cell(all, "sip_follow_up_on_time_share", Level::unit, "hc-1", kMarch);
  // 1 on time of 2 due.
  EXPECT_DOUBLE_EQ(share.denominator, 2);
  EXPECT_DOUBLE_EQ(*share.value, 0.5);
  parameters.as_of = at("2026-03-21T00:00:00+01:00");  // now past due: 1 of 3
  all = compute(facts, query(kMarch, kMarch, {"sip_follow_up_on_time_share"}, parameters));
  share = cell(all, "sip_follow_up_on_time_share", Level::unit, "hc-1", kMarch);
  EXPECT_DOUBLE_EQ(share.denominator, 3);
  EXPECT_DOUBLE_EQ(*share.value, 1.0 / 3.0);
}

RequestFact request(const std::string& id, const char* due, const char* answered,
                    bool cancelled = false) {
  RequestFact fact;
  fact.id = id;
  fact.to_unit_id = "home-care-1";
  fact.to_municipality_code = "2262";
  fact.sent_at = at("2026-03-01T08:00:00+01:00");
  if (due != nullptr) fact.due_at = at(due);
  if (answered != nullptr) fact.answered_at = at(answered);
  fact.cancelled = cancelled;
  return fact;
}

TEST(Indicators, Requests_AnsweredInTime_ByDueMonthCancelledAndOpenLeftOut) {
  Facts facts;
  facts.requests = {
      request("in", "2026-03-10T12:00:00+01:00", "2026-03-10T12:00:00+01:00"),  // at due: in time
      request("late", "2026-03-10T12:00:00+01:00", "2026-03-10T12:00:01+01:00"),
      request("cancelled", "2026-03-10T12:00:00+01:00", nullptr, true),
      request("no-due", nullptr, nullptr),
      request("open", "2026-03-31T12:00:00+02:00", nullptr),  // not yet due as of 20 March
      request("overdue", "2026-03-15T12:00:00+01:00", nullptr),
      request("april", "2026-04-01T00:30:00+02:00", nullptr),  // 31 March UTC, April locally
  };
  Parameters parameters;
  parameters.as_of = at("2026-03-20T12:00:00+01:00");
  const auto all =
      compute(facts, query(kMarch, kMarch, {"requests_answered_in_time_share"}, parameters));
  // Due in March and counted: in, late, overdue = 3; in time: 1.
  const Cell share =
      cell(all, "requests_answered_in_time_share", Level::unit, "home-care-1", kMarch);
  EXPECT_DOUBLE_EQ(share.denominator, 3);
  EXPECT_DOUBLE_EQ(*share.value, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(
      cell(all, "requests_answered_in_time_share", Level::municipality, "2262", kMarch).denominator,
      3);
}

TEST(Indicators, Issue19_ProactiveActions_CountInTheMonthRecordedPerActingUnit) {
  Facts facts;
  const auto action = [](const char* when, const std::string& unit) {
    return ActionFact{"p", unit, "2281", ActionKind::offer_sip, at(when)};
  };
  facts.actions = {
      action("2026-03-01T00:10:00+01:00", "hc-1"), action("2026-03-15T10:00:00+01:00", "hc-1"),
      action("2026-03-31T23:59:00+02:00", "hc-2"), action("2026-04-01T00:00:00+02:00", "hc-1")};
  const auto all = compute(facts, query(kMarch, month(2026, 5), {"proactive_actions"}));
  EXPECT_DOUBLE_EQ(*cell(all, "proactive_actions", Level::county, "", kMarch).value, 3);
  EXPECT_DOUBLE_EQ(*cell(all, "proactive_actions", Level::unit, "hc-1", kMarch).value, 2);
  EXPECT_DOUBLE_EQ(*cell(all, "proactive_actions", Level::unit, "hc-1", month(2026, 4)).value, 1);
  // May: no actions, a count of nothing is 0.
  const Cell may = cell(all, "proactive_actions", Level::unit, "hc-2", month(2026, 5));
  EXPECT_DOUBLE_EQ(*may.value, 0);
  EXPECT_EQ(may.count, 0);
}

}  // namespace
}  // namespace nara::domain::indicators
