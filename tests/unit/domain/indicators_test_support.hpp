#pragma once
// Hand-made facts for the indicator tests (issue 19): small builders so each test states only
// what its arithmetic depends on.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/indicators/indicators.hpp"

namespace nara::domain::indicators::test {

inline core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

constexpr Month month(int year, unsigned number) noexcept {
  return std::chrono::year{year} / std::chrono::month{number};
}

constexpr LocalDate date(int year, unsigned number, unsigned day) noexcept {
  return std::chrono::year{year} / std::chrono::month{number} / std::chrono::day{day};
}

// An episode on `ward` of `municipality`, admitted, made ready (when `ready` is given) and
// discharged (when `discharged` is given); no statutory clocks unless the test adds needs.
inline EpisodeFact episode(const std::string& id, const std::string& person, const char* admitted,
                           const char* ready, const char* discharged,
                           const std::string& ward = "ward-1",
                           const std::string& municipality = "2281") {
  EpisodeFact fact;
  fact.id = id;
  fact.person_id = person;
  fact.municipality_code = municipality;
  fact.ward_unit_id = ward;
  fact.age_at_admission = 80;
  fact.admission_kind = AdmissionKind::acute;
  fact.episode.admitted_at = at(admitted);
  fact.episode.ward_unit_id = ward;
  if (ready != nullptr) fact.episode.ready_periods.push_back({at(ready), std::nullopt});
  if (discharged != nullptr) {
    fact.episode.discharged_at = at(discharged);
    fact.episode.state = discharge::EpisodeState::discharged;
  } else {
    fact.episode.state =
        ready != nullptr ? discharge::EpisodeState::ready : discharge::EpisodeState::admitted;
  }
  return fact;
}

inline PopulationCohort cohort(const std::string& municipality, Month born, long count,
                               std::optional<Month> died = std::nullopt) {
  return PopulationCohort{municipality, born, died, count};
}

inline Query query(Month from, Month to, std::vector<std::string> ids = {},
                   Parameters parameters = {}) {
  Query q;
  q.from = from;
  q.to = to;
  q.indicator_ids = std::move(ids);
  q.parameters = std::move(parameters);
  return q;
}

inline const Series* find_series(const std::vector<Series>& all, std::string_view id, Level level,
                                 std::string_view key = "") {
  for (const auto& series : all) {
    if (series.indicator_id == id && series.level == level && series.key == key) return &series;
  }
  return nullptr;
}

// The cell, failing the test (and returning an empty cell) when the series or month is missing.
inline Cell cell(const std::vector<Series>& all, std::string_view id, Level level,
                 std::string_view key, Month in) {
  const Series* series = find_series(all, id, level, key);
  EXPECT_NE(series, nullptr) << id << " " << to_string(level) << " " << key;
  if (series == nullptr) return {};
  const auto found = series->months.find(in);
  EXPECT_NE(found, series->months.end()) << id << " has no cell for the month";
  return found == series->months.end() ? Cell{} : found->second;
}

}  // namespace nara::domain::indicators::test
