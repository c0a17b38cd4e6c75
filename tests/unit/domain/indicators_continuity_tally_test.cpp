// Issue 19 point 7: continuity kept as sums per unit and month (ContinuityTally) gives exactly the
// series the contacts give, so the follow-up can read a county's continuity without reading its
// millions of contacts (domain-rules §4.3).
#include <map>
#include <random>

#include "core/stockholm_time.hpp"
#include "indicators_test_support.hpp"

namespace nara::domain::indicators::test {
namespace {

ContactFact contact(const std::string& person, const std::string& unit,
                    const std::string& municipality, const std::string& caregiver,
                    core::Instant when) {
  ContactFact c;
  c.person_id = person;
  c.unit_id = unit;
  c.municipality_code = municipality;
  c.caregiver_key = caregiver;
  c.profession = Profession::nurse;
  c.at = when;
  return c;
}

// Tallies as the store keeps them: every unit series of the contacts' own computation, over the
// whole span the contacts cover.
std::vector<ContinuityTally> tallies_of(const Facts& facts, Month from, Month to) {
  const auto series = compute(facts, query(from, to, {"continuity_coc", "continuity_upc"}));
  std::map<std::pair<std::string, Month>, ContinuityTally> by_cell;
  std::map<std::string, std::string> municipality_of;
  for (const auto& c : facts.contacts) municipality_of[c.unit_id] = c.municipality_code;
  for (const auto& s : series) {
    if (s.level != Level::unit) continue;
    for (const auto& [month, cell] : s.months) {
      if (cell.count == 0) continue;
      auto& tally = by_cell[{s.key, month}];
      tally.unit_id = s.key;
      tally.municipality_code = municipality_of[s.key];
      tally.month = month;
      if (s.indicator_id == "continuity_coc") {
        tally.coc_sum = cell.numerator;
        tally.coc_persons = static_cast<long>(cell.denominator);
      } else {
        tally.upc_sum = cell.numerator;
        tally.upc_persons = static_cast<long>(cell.denominator);
      }
    }
  }
  std::vector<ContinuityTally> out;
  for (auto& [key, tally] : by_cell) out.push_back(tally);
  return out;
}

TEST(ContinuityTally, Section4_3_SumsPerUnitAndMonthGiveTheSeriesTheContactsGive) {
  // Eighty persons at three units in two municipalities, 1–9 contacts a month with 1–4
  // caregivers each, over two years; a fixed seed so a failure can be replayed.
  Facts facts;
  std::mt19937 random(20261204);
  const std::vector<std::pair<std::string, std::string>> units{
      {"hemtjanst-a", "2281"}, {"hemtjanst-b", "2281"}, {"hemsjukvard-c", "2282"}};
  for (int p = 0; p < 80; ++p) {
    const auto& [unit, municipality] = units[static_cast<size_t>(p) % units.size()];
    const int caregivers = 1 + static_cast<int>(random() % 4);
    for (int m = 0; m < 24; ++m) {
      if (random() % 3 == 0) continue;  // months without a contact
      const int contacts = 1 + static_cast<int>(random() % 9);
      for (int c = 0; c < contacts; ++c) {
        const Month in = month(2025, 1) + std::chrono::months(m);
        const auto day_of_month = static_cast<unsigned>(1 + random() % 28);
        const auto day = core::stockholm::start_of_day(in / std::chrono::day{day_of_month});
        facts.contacts.push_back(
            contact("person-" + std::to_string(p), unit, municipality,
                    "cg-" + std::to_string(random() % static_cast<unsigned>(caregivers)),
                    day + std::chrono::hours(9 + c % 8)));
      }
    }
  }
  const Month from = month(2025, 1);
  const Month to = month(2026, 12);
  Facts tallied;
  tallied.continuity_tallies = tallies_of(facts, from, to);
  ASSERT_FALSE(tallied.continuity_tallies.empty());

  // Any period inside the span, every level.
  for (const auto& [q_from, q_to] :
       {std::pair{from, to}, std::pair{month(2025, 7), month(2026, 3)}}) {
    const auto expected = compute(facts, query(q_from, q_to, {"continuity_coc", "continuity_upc"}));
    const auto actual = compute(tallied, query(q_from, q_to, {"continuity_coc", "continuity_upc"}));
    ASSERT_EQ(actual.size(), expected.size());
    for (const auto& e : expected) {
      const Series* a = find_series(actual, e.indicator_id, e.level, e.key);
      ASSERT_NE(a, nullptr) << e.indicator_id << " " << to_string(e.level) << " " << e.key;
      for (const auto& [m, cell] : e.months) {
        const Cell& got = a->months.at(m);
        EXPECT_EQ(got.count, cell.count);
        EXPECT_NEAR(got.numerator, cell.numerator, 1e-9);
        EXPECT_DOUBLE_EQ(got.denominator, cell.denominator);
        ASSERT_EQ(got.value.has_value(), cell.value.has_value());
        if (cell.value) {
          EXPECT_NEAR(*got.value, *cell.value, 1e-12);
        }
      }
    }
  }
}

TEST(ContinuityTally, ContactsWinWhenBothAreGiven) {
  // The tallies are a stored copy of what contacts give: when a caller has the contacts, they
  // are what counts (a stale tally must not mask them).
  Facts facts;
  const auto day = core::stockholm::start_of_day(date(2026, 3, 2));
  for (int i = 0; i < 3; ++i)
    facts.contacts.push_back(contact("p1", "unit-a", "2281", "cg-1", day + std::chrono::days(i)));
  facts.continuity_tallies.push_back({"unit-a", "2281", month(2026, 3), 0.0, 1, 0.0, 1});
  const auto series = compute(facts, query(month(2026, 3), month(2026, 3), {"continuity_coc"}));
  EXPECT_DOUBLE_EQ(
      cell(series, "continuity_coc", Level::unit, "unit-a", month(2026, 3)).value.value(), 1.0);
}

}  // namespace
}  // namespace nara::domain::indicators::test
