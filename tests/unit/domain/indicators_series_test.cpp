// Issue 19: the shape of compute()'s answer (which series exist, a cell for every month, their
// order), the drill-down facts_behind() with the same definitions, small-cell suppression, and
// the catalogue as docs/follow-up.md lists it.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "domain/indicators/indicators.hpp"
#include "indicators_test_support.hpp"

namespace nara::domain::indicators {
namespace {

using test::at;
using test::cell;
using test::cohort;
using test::episode;
using test::find_series;
using test::month;
using test::query;

constexpr Month kMarch = month(2026, 3);

Facts two_wards() {
  Facts facts;
  facts.population = {cohort("2281", month(1950, 1), 2000), cohort("2262", month(1950, 1), 1000),
                      cohort("2280", month(1950, 1), 500)};  // 2280: inhabitants, no facts
  facts.episodes = {
      episode("e1", "p1", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
              "2026-03-05T10:00:00+01:00", "ward-b", "2281"),
      episode("e2", "p2", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
              "2026-03-04T10:00:00+01:00", "ward-a", "2262"),
      episode("e3", "p3", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
              "2026-03-02T18:00:00+01:00", "ward-a", "2262"),  // 0 ready days
  };
  RequestFact request;
  request.id = "r1";
  request.to_unit_id = "home-care-1";
  request.to_municipality_code = "2284";  // a municipality only requests name
  request.due_at = at("2026-03-10T12:00:00+01:00");
  facts.requests = {request};
  return facts;
}

TEST(IndicatorSeries, Issue19_EveryMunicipalityInPopulationOrFactsAndTheIndicatorsOwnUnits) {
  const auto all = compute(two_wards(), query(month(2026, 1), kMarch));
  for (const char* code : {"2262", "2280", "2281", "2284"}) {
    EXPECT_NE(find_series(all, "ready_days_mean", Level::municipality, code), nullptr) << code;
    EXPECT_NE(find_series(all, "requests_answered_in_time_share", Level::municipality, code),
              nullptr)
        << code;
  }
  EXPECT_NE(find_series(all, "ready_days_mean", Level::unit, "ward-a"), nullptr);
  // A ward is not a unit of the request indicator, nor the receiving unit one of the wards'.
  EXPECT_EQ(find_series(all, "requests_answered_in_time_share", Level::unit, "ward-a"), nullptr);
  EXPECT_EQ(find_series(all, "ready_days_mean", Level::unit, "home-care-1"), nullptr);
  // 19 indicators × (county + 4 municipalities) + ward indicators' 2 wards × 9 + 1 receiving unit.
  EXPECT_EQ(all.size(), 19u * 5u + 2u * 9u + 1u);
}

TEST(IndicatorSeries, Issue19_EveryMonthHasACell_NoneForSharesZeroForSums) {
  const auto all = compute(two_wards(), query(month(2026, 1), kMarch));
  for (const auto& series : all) {
    EXPECT_EQ(series.months.size(), 3u) << series.indicator_id << " " << series.key;
  }
  const Month january = month(2026, 1);
  EXPECT_FALSE(cell(all, "ready_days_mean", Level::unit, "ward-a", january).value.has_value());
  EXPECT_FALSE(cell(all, "readmission_30d_65", Level::county, "", january).value.has_value());
  EXPECT_DOUBLE_EQ(*cell(all, "liability_days", Level::unit, "ward-a", january).value, 0);
  EXPECT_DOUBLE_EQ(*cell(all, "proactive_actions", Level::county, "", january).value, 0);
  // A rate with inhabitants and no facts is 0; without inhabitants (2284) it has no value.
  EXPECT_DOUBLE_EQ(*cell(all, "sips_per_1000_65", Level::municipality, "2280", january).value, 0);
  EXPECT_FALSE(cell(all, "sips_per_1000_65", Level::municipality, "2284", january).value);
}

TEST(IndicatorSeries, Issue19_OrderIsRequestedIndicatorsThenCountyMunicipalitiesUnitsByKey) {
  const auto all =
      compute(two_wards(), query(kMarch, kMarch, {"liability_days", "ready_days_mean"}));
  ASSERT_EQ(all.size(), 2u * (1 + 4 + 2));
  std::vector<std::string> keys;
  for (size_t i = 0; i < 7; ++i) keys.push_back(all[i].key);
  EXPECT_EQ(all[0].indicator_id, "liability_days");
  EXPECT_EQ(all[7].indicator_id, "ready_days_mean");
  EXPECT_EQ(keys,
            (std::vector<std::string>{"", "2262", "2280", "2281", "2284", "ward-a", "ward-b"}));
  EXPECT_EQ(all[0].level, Level::county);
  EXPECT_EQ(all[5].level, Level::unit);
}

TEST(IndicatorSeries, Issue19_UnknownIndicatorOrReversedPeriodIsRefused) {
  EXPECT_THROW(compute(Facts{}, query(kMarch, kMarch, {"no_such_indicator"})),
               std::invalid_argument);
  EXPECT_THROW(compute(Facts{}, query(kMarch, month(2026, 2))), std::invalid_argument);
  EXPECT_THROW(facts_behind(Facts{}, {}, "no_such_indicator", Level::county, "", kMarch),
               std::invalid_argument);
}

TEST(IndicatorFacts, Issue19_FactsBehind_TheEpisodesSummedOrInTheDenominator) {
  const Facts facts = two_wards();
  // Ready-day mean: episodes with ≥ 1 ready day (e3 has 0).
  EXPECT_EQ(facts_behind(facts, {}, "ready_days_mean", Level::county, "", kMarch),
            (std::vector<std::string>{"e1", "e2"}));
  EXPECT_EQ(facts_behind(facts, {}, "ready_days_mean", Level::municipality, "2262", kMarch),
            (std::vector<std::string>{"e2"}));
  // The offset share's denominator: every episode with a notice, e3 included.
  EXPECT_EQ(
      facts_behind(facts, {}, "discharged_within_offset_share", Level::unit, "ward-a", kMarch),
      (std::vector<std::string>{"e2", "e3"}));
  EXPECT_TRUE(
      facts_behind(facts, {}, "ready_days_mean", Level::county, "", month(2026, 2)).empty());
  EXPECT_TRUE(facts_behind(facts, {}, "ready_days_mean", Level::unit, "nowhere", kMarch).empty());
  EXPECT_EQ(facts_behind(facts, {}, "requests_answered_in_time_share", Level::unit, "home-care-1",
                         kMarch),
            (std::vector<std::string>{"r1"}));
}

TEST(IndicatorFacts, Issue19_FactsBehind_AgreesWithComputesCountForEveryEpisodeIndicator) {
  Facts facts = two_wards();
  facts.episodes[0].liability_days = 2;
  facts.episodes[0].liability_amount = 20000;
  facts.episodes.push_back(episode("e4", "p1", "2026-03-20T08:00:00+01:00", nullptr,
                                   "2026-03-25T08:00:00+01:00", "ward-b", "2281"));
  const auto all = compute(facts, query(kMarch, kMarch));
  for (const auto& series : all) {
    if (series.indicator_id.rfind("continuity", 0) == 0 ||
        series.indicator_id == "named_contact_share" ||
        series.indicator_id == "proactive_actions") {
      continue;
    }
    const auto ids = facts_behind(facts, {}, series.indicator_id, series.level, series.key, kMarch);
    EXPECT_EQ(static_cast<long>(ids.size()), series.months.at(kMarch).count)
        << series.indicator_id << " " << series.key;
  }
  // Readmission: e1 (p1, 5 March) readmitted by e4 (20 March); both are index stays.
  EXPECT_EQ(facts_behind(facts, {}, "readmission_30d_65", Level::unit, "ward-b", kMarch),
            (std::vector<std::string>{"e1", "e4"}));
}

TEST(IndicatorFacts, Issue19_FactsBehind_SipListedOnceForTwoFollowUpsInAMonth) {
  Facts facts;
  SipFact sip;
  sip.id = "s1";
  sip.initiated_by_unit_id = "hc-1";
  sip.created_at = at("2026-01-10T10:00:00+01:00");
  sip.follow_ups = {{test::date(2026, 3, 2), std::nullopt},
                    {test::date(2026, 3, 20), std::nullopt}};
  facts.sips = {sip};
  EXPECT_EQ(facts_behind(facts, {}, "sip_follow_up_on_time_share", Level::unit, "hc-1", kMarch),
            (std::vector<std::string>{"s1"}));
  EXPECT_TRUE(facts_behind(facts, {}, "continuity_coc", Level::county, "", kMarch).empty());
}

Cell counted(long count, double numerator, double denominator) {
  Cell c;
  c.value = denominator > 0 ? numerator / denominator : numerator;
  c.count = count;
  c.numerator = numerator;
  c.denominator = denominator;
  return c;
}

TEST(IndicatorSuppression, Issue19_CountsOneToFourAreHiddenFiveAndZeroShown) {
  const Cell four = suppress(counted(4, 2, 4), ValueUnit::share, 5);
  EXPECT_TRUE(four.suppressed);
  EXPECT_FALSE(four.value.has_value());
  EXPECT_EQ(four.count, 0);
  EXPECT_DOUBLE_EQ(four.numerator, 0);
  EXPECT_DOUBLE_EQ(four.denominator, 0);
  const Cell five = suppress(counted(5, 5, 5), ValueUnit::share, 5);
  EXPECT_FALSE(five.suppressed);
  EXPECT_DOUBLE_EQ(*five.value, 1.0);
  Cell empty;
  EXPECT_FALSE(suppress(empty, ValueUnit::share, 5).suppressed);
  EXPECT_FALSE(suppress(counted(0, 0, 0), ValueUnit::count, 5).suppressed);
}

TEST(IndicatorSuppression, Issue19_ShareWithASmallNumeratorIsHidden) {
  // 3 of 40: the three could be recognised.
  EXPECT_TRUE(suppress(counted(40, 3, 40), ValueUnit::share, 5).suppressed);
  EXPECT_FALSE(suppress(counted(40, 0, 40), ValueUnit::share, 5).suppressed);
  EXPECT_TRUE(suppress(counted(40, 3, 40), 5).suppressed);
}

TEST(IndicatorSuppression, Issue19_SumsOfDaysAndKronorAreJudgedByTheirCount) {
  // 7 episodes with 3 liable days between them: the days are no persons.
  EXPECT_FALSE(suppress(counted(7, 3, 0), ValueUnit::days, 5).suppressed);
  EXPECT_TRUE(suppress(counted(2, 30, 0), ValueUnit::sek, 5).suppressed);
  // Per 1 000: 6 SIPs over 2 inhabitants is still 6 SIPs.
  EXPECT_FALSE(suppress(counted(6, 6, 2), ValueUnit::per_1000, 5).suppressed);
  // Index: Σ COC of 2.5 over 10 persons.
  EXPECT_FALSE(suppress(counted(10, 2.5, 10), ValueUnit::index, 5).suppressed);
  // Without the unit every figure is checked, so the small sum is hidden too.
  EXPECT_TRUE(suppress(counted(7, 3, 0), 5).suppressed);
}

TEST(IndicatorCatalogue, Issue19_TheNineteenIdsOfDocsFollowUpInOrderWithSources) {
  const std::vector<std::string> expected = {"ready_days_per_1000_65",
                                             "ready_days_mean",
                                             "ready_days_median",
                                             "discharged_within_offset_share",
                                             "liability_days",
                                             "liability_amount",
                                             "admission_notice_24h_share",
                                             "sip_invitation_3_days_share",
                                             "named_contact_before_discharge_share",
                                             "readmission_30d_65",
                                             "readmission_30d_unplanned_65",
                                             "sips_per_1000_65",
                                             "sip_follow_up_on_time_share",
                                             "sip_person_took_part_share",
                                             "requests_answered_in_time_share",
                                             "continuity_coc",
                                             "continuity_upc",
                                             "named_contact_share",
                                             "proactive_actions"};
  const Catalogue& c = catalogue();
  EXPECT_EQ(c.version, "2026.1");
  ASSERT_EQ(c.definitions.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const Definition& d = c.definitions[i];
    EXPECT_EQ(d.id, expected[i]);
    EXPECT_FALSE(d.name_sv.empty()) << d.id;
    EXPECT_FALSE(d.name_en.empty()) << d.id;
    EXPECT_FALSE(d.source.empty()) << d.id;
    EXPECT_NE(d.unit_level, UnitLevel::none) << d.id;
    EXPECT_EQ(find_definition(d.id), &d);
  }
  EXPECT_EQ(find_definition("nope"), nullptr);
  EXPECT_EQ(find_definition("ready_days_per_1000_65")->unit, ValueUnit::per_1000);
  EXPECT_FALSE(find_definition("ready_days_per_1000_65")->higher_is_better);
  EXPECT_EQ(find_definition("continuity_coc")->unit_level, UnitLevel::contact_unit);
  EXPECT_EQ(find_definition("proactive_actions")->unit, ValueUnit::count);
  EXPECT_EQ(to_string(UnitLevel::health_centre), "health_centre");
  EXPECT_EQ(to_string(ValueUnit::per_1000), "per_1000");
  EXPECT_EQ(to_string(Level::municipality), "municipality");
}

}  // namespace
}  // namespace nara::domain::indicators
