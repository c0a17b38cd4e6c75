// Issue 19, domain-rules §4.3: continuity of care (COC after Bice & Boxerman 1977, UPC) per person
// and unit over the 12 months up to a month's end, and the share of persons 65+ in a unit's care
// with a named care contact at the month's end.
#include <gtest/gtest.h>

#include "domain/indicators/indicators.hpp"
#include "indicators_test_support.hpp"

namespace nara::domain::indicators {
namespace {

using test::at;
using test::cell;
using test::month;
using test::query;

constexpr Month kMarch = month(2026, 3);

ContactFact contact(const std::string& person, const std::string& caregiver, const char* when,
                    const std::string& unit = "hc-1") {
  return ContactFact{person, unit, "2281", caregiver, Profession::nurse, at(when)};
}

std::vector<Series> continuity(const Facts& facts, Month from, Month to) {
  return compute(facts, query(from, to, {"continuity_coc", "continuity_upc"}));
}

TEST(Continuity, Section4_3_CocBiceBoxerman_OneContactIsNotCounted) {
  Facts facts;
  facts.contacts = {contact("p1", "nurse-a", "2026-03-05T10:00:00+01:00")};
  const auto all = continuity(facts, kMarch, kMarch);
  const Cell coc = cell(all, "continuity_coc", Level::unit, "hc-1", kMarch);
  EXPECT_FALSE(coc.value.has_value());
  EXPECT_EQ(coc.count, 0);
}

TEST(Continuity, Section4_3_CocBiceBoxerman_AllWithOneCaregiverIsOne) {
  Facts facts;
  facts.contacts = {contact("p1", "nurse-a", "2026-01-05T10:00:00+01:00"),
                    contact("p1", "nurse-a", "2026-02-05T10:00:00+01:00"),
                    contact("p1", "nurse-a", "2026-03-05T10:00:00+01:00")};
  const auto all = continuity(facts, kMarch, kMarch);
  // N = 3, n = (3): COC = (9 − 3) / (3 × 2) = 1; UPC = 3 / 3 = 1.
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_coc", Level::unit, "hc-1", kMarch).value, 1.0);
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_upc", Level::county, "", kMarch).value, 1.0);
}

TEST(Continuity, Section4_3_CocBiceBoxerman_TwoCaregiversSplitEvenly) {
  Facts facts;
  facts.contacts = {contact("p1", "nurse-a", "2026-01-05T10:00:00+01:00"),
                    contact("p1", "nurse-b", "2026-01-06T10:00:00+01:00"),
                    contact("p1", "nurse-a", "2026-02-05T10:00:00+01:00"),
                    contact("p1", "nurse-b", "2026-03-05T10:00:00+01:00")};
  const auto all = continuity(facts, kMarch, kMarch);
  // N = 4, n = (2, 2): COC = (4 + 4 − 4) / (4 × 3) = 1/3; UPC = 2 / 4 = 0.5.
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_coc", Level::unit, "hc-1", kMarch).value, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_upc", Level::unit, "hc-1", kMarch).value, 0.5);
}

TEST(Continuity, Section4_3_CocAndUpc_ThreeCaregiversAndTheMeanOverPersons) {
  Facts facts;
  // p1: N = 5, n = (3, 1, 1): COC = (9 + 1 + 1 − 5) / (5 × 4) = 0.3; UPC = 3/5 = 0.6.
  for (const char* when :
       {"2026-01-05T10:00:00+01:00", "2026-01-12T10:00:00+01:00", "2026-01-19T10:00:00+01:00"}) {
    facts.contacts.push_back(contact("p1", "nurse-a", when));
  }
  facts.contacts.push_back(contact("p1", "nurse-b", "2026-02-05T10:00:00+01:00"));
  facts.contacts.push_back(contact("p1", "nurse-c", "2026-03-05T10:00:00+01:00"));
  // p2: N = 3 with one caregiver: COC 1, UPC 1.
  for (const char* when :
       {"2026-02-05T10:00:00+01:00", "2026-02-12T10:00:00+01:00", "2026-03-19T10:00:00+01:00"}) {
    facts.contacts.push_back(contact("p2", "nurse-b", when));
  }
  const auto all = continuity(facts, kMarch, kMarch);
  // Mean over the 2 persons: COC (0.3 + 1) / 2 = 0.65; UPC (0.6 + 1) / 2 = 0.8.
  const Cell coc = cell(all, "continuity_coc", Level::municipality, "2281", kMarch);
  EXPECT_EQ(coc.count, 2);
  EXPECT_DOUBLE_EQ(coc.denominator, 2);
  EXPECT_DOUBLE_EQ(*coc.value, 0.65);
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_upc", Level::unit, "hc-1", kMarch).value, 0.8);
}

TEST(Continuity, Section4_3_Window_TwelveStockholmMonthsEndingWithTheMonth) {
  Facts facts;
  // Window of March 2026: April 2025 – March 2026 in Stockholm local time.
  facts.contacts = {
      // 31 March 2025 23:30 CEST is still March locally: outside the window (else COC < 1).
      contact("p1", "nurse-b", "2025-03-31T23:30:00+02:00"),
      contact("p1", "nurse-a", "2025-04-01T00:30:00+02:00"),  // 31 March UTC, April locally
      contact("p1", "nurse-a", "2025-12-10T10:00:00+01:00"),
      contact("p1", "nurse-a", "2026-03-31T23:30:00+02:00"),  // last hour of March locally
  };
  const auto all = continuity(facts, month(2026, 1), month(2026, 4));
  // March: N = 3, all nurse-a: COC 1.
  const Cell march = cell(all, "continuity_coc", Level::unit, "hc-1", kMarch);
  EXPECT_EQ(march.count, 1);
  EXPECT_DOUBLE_EQ(*march.value, 1.0);
  // February: window March 2025 – February 2026 holds nurse-b's March 2025 contact and two of
  // nurse-a's: N = 3, n = (1, 2): COC = (1 + 4 − 3) / 6 = 1/3. So the 31 March 2025 contact
  // leaves the window exactly when Stockholm's March 2026 begins.
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_coc", Level::unit, "hc-1", month(2026, 2)).value,
                   1.0 / 3.0);
  // April: the April 2025 contact has left the window: N = 2, no value.
  EXPECT_FALSE(cell(all, "continuity_upc", Level::unit, "hc-1", month(2026, 4)).value);
}

TEST(Continuity, Section4_3_PerPersonAndUnit_TwoUnitsAreTwoPersonsInTheCounty) {
  Facts facts;
  for (const char* when :
       {"2026-01-05T10:00:00+01:00", "2026-02-05T10:00:00+01:00", "2026-03-05T10:00:00+01:00"}) {
    facts.contacts.push_back(contact("p1", "nurse-a", when, "hc-1"));
    facts.contacts.push_back(contact("p1", "nurse-x", when, "home-care-1"));
  }
  facts.contacts.push_back(contact("p1", "nurse-y", "2026-03-06T10:00:00+01:00", "home-care-1"));
  const auto all = continuity(facts, kMarch, kMarch);
  // hc-1: COC 1. home-care-1: N = 4, n = (3, 1): (9 + 1 − 4) / 12 = 0.5. County: (1 + 0.5) / 2.
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_coc", Level::unit, "home-care-1", kMarch).value, 0.5);
  const Cell county = cell(all, "continuity_coc", Level::county, "", kMarch);
  EXPECT_EQ(county.count, 2);
  EXPECT_DOUBLE_EQ(*county.value, 0.75);
}

TEST(Continuity, Section4_3_MinimumContacts_IsAParameter) {
  Facts facts;
  facts.contacts = {contact("p1", "nurse-a", "2026-03-05T10:00:00+01:00"),
                    contact("p1", "nurse-b", "2026-03-06T10:00:00+01:00")};
  Parameters parameters;
  parameters.continuity_min_contacts = 2;
  const auto all = compute(facts, query(kMarch, kMarch, {"continuity_coc"}, parameters));
  // N = 2, n = (1, 1): COC = (1 + 1 − 2) / (2 × 1) = 0.
  EXPECT_DOUBLE_EQ(*cell(all, "continuity_coc", Level::unit, "hc-1", kMarch).value, 0.0);
}

RelationFact relation(const std::string& person, const std::string& unit, int birth_year,
                      const char* from, const char* to = nullptr) {
  RelationFact fact;
  fact.person_id = person;
  fact.unit_id = unit;
  fact.municipality_code = "2281";
  fact.birth_year = birth_year;
  fact.from = at(from);
  if (to != nullptr) fact.to = at(to);
  return fact;
}

TEST(Indicators, Section4_3_NamedContactShare_Persons65PlusInCareAtTheMonthsEnd) {
  Facts facts;
  facts.relations = {
      relation("p1", "hc-1", 1950, "2025-01-01T00:00:00+01:00"),
      relation("p1", "home-care-1", 1950, "2025-06-01T00:00:00+02:00"),  // same municipality
      relation("p2", "hc-1", 1961, "2025-01-01T00:00:00+01:00"),         // 64 in 2025, 65 in 2026
      relation("p3", "hc-1", 1970, "2025-01-01T00:00:00+01:00"),         // 56: not counted
      relation("p4", "hc-1", 0, "2025-01-01T00:00:00+01:00"),            // age unknown: not counted
      // Ended 20 January: in care at the end of December, not of January.
      relation("p5", "hc-1", 1940, "2025-01-01T00:00:00+01:00", "2026-01-20T10:00:00+01:00"),
  };
  facts.named_contacts = {
      // Valid from 15 January up to the first instant of February: held at January's end only.
      {"p1", "hc-1", at("2026-01-15T10:00:00+01:00"), at("2026-02-01T00:00:00+01:00")},
      {"p3", "hc-1", at("2025-01-01T00:00:00+01:00"), std::nullopt},
  };
  const auto all = compute(facts, query(month(2025, 12), month(2026, 2), {"named_contact_share"}));
  const std::string id = "named_contact_share";
  // December 2025: p1 and p5 (p2 is 64 that year); no named contact yet: 0 / 2.
  const Cell december = cell(all, id, Level::unit, "hc-1", month(2025, 12));
  EXPECT_DOUBLE_EQ(december.denominator, 2);
  EXPECT_DOUBLE_EQ(*december.value, 0.0);
  // January 2026 at hc-1: p1 (with a contact) and p2: 1 / 2.
  const Cell january = cell(all, id, Level::unit, "hc-1", month(2026, 1));
  EXPECT_DOUBLE_EQ(january.denominator, 2);
  EXPECT_DOUBLE_EQ(*january.value, 0.5);
  // The municipality counts p1 once though he has two units: 1 / 2.
  const Cell municipality = cell(all, id, Level::municipality, "2281", month(2026, 1));
  EXPECT_EQ(municipality.count, 2);
  EXPECT_DOUBLE_EQ(*municipality.value, 0.5);
  // home-care-1: p1 only, whose contact is at hc-1 (any unit counts): 1 / 1.
  EXPECT_DOUBLE_EQ(*cell(all, id, Level::unit, "home-care-1", month(2026, 1)).value, 1.0);
  // February: the contact ended on the first instant of February: 0 / 2 in the county.
  EXPECT_DOUBLE_EQ(*cell(all, id, Level::county, "", month(2026, 2)).value, 0.0);
}

}  // namespace
}  // namespace nara::domain::indicators
