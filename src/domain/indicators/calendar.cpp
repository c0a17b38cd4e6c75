// The Stockholm calendar of one query, the string interner and the population 65+ (issue 19).
#include <algorithm>

#include "core/stockholm_time.hpp"
#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators::detail {

namespace {

LocalDate first_day(Month month) {
  return LocalDate{month / std::chrono::day{1}};
}

}  // namespace

Calendar::Calendar(Month from, Month to, int lead_months, int tail_days)
    : from_(from),
      months_(static_cast<int>((to - from).count()) + 1),
      lead_(std::max(0, lead_months)) {
  month_starts_.reserve(static_cast<size_t>(lead_) + static_cast<size_t>(months_) + 1);
  for (int k = -lead_; k <= months_; ++k) {
    month_starts_.push_back(
        core::stockholm::start_of_day(first_day(from + std::chrono::months{k})));
  }
  const std::chrono::sys_days first{first_day(from - std::chrono::months{lead_})};
  const std::chrono::sys_days last =
      std::chrono::sys_days{first_day(to + std::chrono::months{1})} + std::chrono::days{tail_days};
  first_day_ = static_cast<int>(first.time_since_epoch().count());
  day_starts_.reserve(static_cast<size_t>((last - first).count() + 1));
  for (auto day = first; day <= last; day += std::chrono::days{1}) {
    day_starts_.push_back(core::stockholm::start_of_day(LocalDate{day}));
  }
}

Month Calendar::month_at(int index) const {
  return from_ + std::chrono::months{index};
}

int Calendar::month_index(core::Instant instant) const {
  const auto after = std::upper_bound(month_starts_.begin(), month_starts_.end(), instant);
  const auto position = static_cast<int>(after - month_starts_.begin()) - 1;
  if (position < 0) return -lead_ - 1;
  return std::min(position - lead_, months_);
}

int Calendar::month_index(Month month) const {
  return static_cast<int>((month - from_).count());
}

core::Instant Calendar::month_start(int index) const {
  const int position = index + lead_;
  return month_starts_[static_cast<size_t>(position)];
}

int Calendar::day_number(core::Instant instant) const {
  if (day_starts_.empty() || instant < day_starts_.front() || instant >= day_starts_.back()) {
    return day_number(core::stockholm::local_date(instant));
  }
  const auto after = std::upper_bound(day_starts_.begin(), day_starts_.end(), instant);
  return first_day_ + static_cast<int>(after - day_starts_.begin()) - 1;
}

int Calendar::day_number(LocalDate date) {
  return static_cast<int>(std::chrono::sys_days{date}.time_since_epoch().count());
}

int Interner::intern(std::string_view text) {
  if (text.empty()) return -1;
  if (last_id_ >= 0 && text == last_text_) return last_id_;
  auto found = ids_.find(text);
  if (found == ids_.end()) {
    texts_.emplace_back(text);
    found = ids_.emplace(texts_.back(), static_cast<int>(texts_.size()) - 1).first;
  }
  last_text_ = found->first;
  last_id_ = found->second;
  return last_id_;
}

int Interner::find(std::string_view text) const {
  if (text.empty()) return -1;
  const auto found = ids_.find(text);
  return found == ids_.end() ? -1 : found->second;
}

// SKR, utskrivningsklara per 1 000 invånare 65+ (domain-rules §4.3): a cohort counts in month M
// when it is `min_age` or older on M's first day and alive through M (died after M). A cohort is
// known by its birth month only: those born in M − 65 years turn 65 during M, so on the first day
// only the few born on the 1st are 65 and the cohort is counted from the month after. Cohorts of
// every municipality make the county's.
Population65 population_65(const Facts& facts, const Calendar& calendar, Interner& municipalities,
                           int min_age) {
  const int months = calendar.months();
  std::vector<double> county_change(static_cast<size_t>(months) + 1, 0.0);
  std::vector<std::vector<double>> municipality_change;
  const auto clamp = [months](int index) { return std::clamp(index, 0, months); };
  for (const auto& cohort : facts.population) {
    const int municipality = municipalities.intern(cohort.municipality_code);
    const int first =
        clamp(calendar.month_index(cohort.born + std::chrono::months{min_age * 12 + 1}));
    const int end = cohort.died ? clamp(calendar.month_index(*cohort.died)) : months;
    if (first >= end || cohort.count == 0) continue;
    const auto amount = static_cast<double>(cohort.count);
    county_change[static_cast<size_t>(first)] += amount;
    county_change[static_cast<size_t>(end)] -= amount;
    if (municipality < 0) continue;
    if (municipality_change.size() <= static_cast<size_t>(municipality)) {
      municipality_change.resize(static_cast<size_t>(municipality) + 1);
    }
    auto& change = municipality_change[static_cast<size_t>(municipality)];
    if (change.empty()) change.assign(static_cast<size_t>(months) + 1, 0.0);
    change[static_cast<size_t>(first)] += amount;
    change[static_cast<size_t>(end)] -= amount;
  }
  const auto running_sum = [months](const std::vector<double>& change) {
    std::vector<double> total(static_cast<size_t>(months), 0.0);
    double running = 0;
    for (int m = 0; m < months; ++m) {
      running += change[static_cast<size_t>(m)];
      total[static_cast<size_t>(m)] = running;
    }
    return total;
  };
  Population65 population;
  population.county = running_sum(county_change);
  population.by_municipality.resize(municipality_change.size());
  for (size_t i = 0; i < municipality_change.size(); ++i) {
    if (!municipality_change[i].empty()) {
      population.by_municipality[i] = running_sum(municipality_change[i]);
    }
  }
  return population;
}

}  // namespace nara::domain::indicators::detail
