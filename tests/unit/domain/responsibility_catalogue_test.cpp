// Issue 5 point 3: the responsibility catalogue's rules as a table of decisions.
#include <gtest/gtest.h>

#include "domain/responsibility/catalogue.hpp"

namespace nara::domain::responsibility {
namespace {

using registry::PrincipalKind;
using registry::UnitKind;
using std::chrono::year;

Rule rule(Condition when, PrincipalKind principal, UnitKind unit, std::string note = {}) {
  return Rule{when, principal, unit, std::move(note)};
}

// A small agreement shaped like the typical county agreements: home health care passes to the
// municipality for those who cannot visit the health centre or live in residential care.
CatalogueVersion agreement() {
  CatalogueVersion c;
  c.id = "v1";
  c.version = 1;
  c.title = "Test";
  c.valid_from = year{2026} / 1 / 1;
  c.services = {
      {"home_health_wound_care",
       "Såromläggning",
       {rule({std::nullopt, std::nullopt, true, std::nullopt}, PrincipalKind::region,
             UnitKind::health_centre, "barn"),
        rule({Residence::residential_care, std::nullopt, std::nullopt, std::nullopt},
             PrincipalKind::municipality, UnitKind::home_health_care),
        rule({std::nullopt, false, std::nullopt, std::nullopt}, PrincipalKind::municipality,
             UnitKind::home_health_care),
        rule({}, PrincipalKind::region, UnitKind::health_centre)},
       false},
      {"physician_home_visit",
       "Läkarbesök i hemmet",
       {rule({}, PrincipalKind::region, UnitKind::health_centre)},
       false},
      {"home_care_personal_care",
       "Personlig omvårdnad",
       {rule({std::nullopt, std::nullopt, std::nullopt, false}, PrincipalKind::municipality,
             UnitKind::home_care)},
       false},
  };
  return c;
}

struct Row {
  const char* service;
  Residence residence;
  bool can_visit;
  bool under_18;
  bool lss;
  std::optional<PrincipalKind> principal;  // none: no decision
  std::optional<UnitKind> unit;
  const char* no_decision_rule;
};

TEST(ResponsibilityCatalogue, TableOfDecisions) {
  constexpr auto home = Residence::ordinary_home;
  constexpr auto saebo = Residence::residential_care;
  constexpr auto region = PrincipalKind::region;
  constexpr auto municipality = PrincipalKind::municipality;
  const std::vector<Row> table{
      // Wound care: health centre for those who can come, home health care for those who cannot
      // or live in SÄBO, the region for children whatever else holds.
      {"home_health_wound_care", home, true, false, false, region, UnitKind::health_centre, ""},
      {"home_health_wound_care", home, false, false, false, municipality,
       UnitKind::home_health_care, ""},
      {"home_health_wound_care", saebo, true, false, false, municipality,
       UnitKind::home_health_care, ""},
      {"home_health_wound_care", saebo, false, false, false, municipality,
       UnitKind::home_health_care, ""},
      {"home_health_wound_care", home, false, true, false, region, UnitKind::health_centre, ""},
      {"home_health_wound_care", saebo, false, true, true, region, UnitKind::health_centre, ""},
      {"physician_home_visit", saebo, false, false, false, region, UnitKind::health_centre, ""},
      {"physician_home_visit", home, true, true, true, region, UnitKind::health_centre, ""},
      {"home_care_personal_care", home, false, false, false, municipality, UnitKind::home_care, ""},
      // A service no rule covers for this person, and one the catalogue does not know.
      {"home_care_personal_care", home, false, false, true, std::nullopt, std::nullopt,
       "catalogue.no_rule"},
      {"school_health", home, true, true, false, std::nullopt, std::nullopt,
       "catalogue.unknown_service"},
  };
  const auto catalogue = agreement();
  for (const auto& row : table) {
    SCOPED_TRACE(std::string(row.service) + " " + std::string(to_string(row.residence)) +
                 " visit=" + std::to_string(row.can_visit) +
                 " u18=" + std::to_string(row.under_18) + " lss=" + std::to_string(row.lss));
    const auto d = decide(catalogue, row.service,
                          PersonContext{row.residence, row.can_visit, row.under_18, row.lss});
    if (row.principal) {
      ASSERT_TRUE(d.suggestion);
      EXPECT_FALSE(d.none);
      EXPECT_EQ(d.suggestion->principal, *row.principal);
      EXPECT_EQ(d.suggestion->unit_kind, *row.unit);
    } else {
      ASSERT_TRUE(d.none);
      EXPECT_FALSE(d.suggestion);
      EXPECT_EQ(d.none->rule, row.no_decision_rule);
    }
  }
}

TEST(ResponsibilityCatalogue, FirstMatchingRuleDecidesAndIsNamed) {
  const auto d = decide(agreement(), "home_health_wound_care",
                        PersonContext{Residence::residential_care, false, true, false});
  ASSERT_TRUE(d.suggestion);
  EXPECT_EQ(d.suggestion->rule_index, 0U);
  EXPECT_EQ(d.suggestion->note, "barn");
}

TEST(ResponsibilityCatalogue, VersionInForceByDate) {
  auto v1 = agreement();
  v1.valid_to = year{2026} / 6 / 30;
  auto v2 = agreement();
  v2.id = "v2";
  v2.version = 2;
  v2.valid_from = year{2026} / 7 / 1;
  const std::vector<CatalogueVersion> versions{v1, v2};
  EXPECT_EQ(in_force(versions, year{2025} / 12 / 31), nullptr);
  EXPECT_EQ(in_force(versions, year{2026} / 6 / 30)->id, "v1");
  EXPECT_EQ(in_force(versions, year{2026} / 7 / 1)->id, "v2");
  EXPECT_EQ(in_force(versions, year{2040} / 1 / 1)->id, "v2");  // open-ended
}

TEST(ResponsibilityCatalogue, ValidationNamesTheField) {
  auto c = agreement();
  c.valid_to = year{2025} / 1 / 1;
  c.services[1].code = c.services[0].code;
  c.services[2].rules.clear();
  std::vector<std::string> fields;
  for (const auto& e : validate(c)) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"validTo", "serviceTypes/1/code", "serviceTypes/2/rules"}));
  EXPECT_TRUE(validate(agreement()).empty());
}

}  // namespace
}  // namespace nara::domain::responsibility
