#include "domain/discharge/liability.hpp"

#include <date/date.h>

#include <algorithm>

#include "core/stockholm_time.hpp"

namespace nara::domain::discharge {

namespace {
std::string iso(LocalDate d) {
  return date::format("%F", std::chrono::sys_days(d));
}

bool in_ranges(LocalDate d, const std::vector<std::pair<LocalDate, LocalDate>>& ranges) {
  for (const auto& [from, to] : ranges) {
    if (std::chrono::sys_days(d) >= std::chrono::sys_days(from) &&
        std::chrono::sys_days(d) <= std::chrono::sys_days(to)) {
      return true;
    }
  }
  return false;
}
bool in_period(const AgreementTerms& a, LocalDate date) {
  const auto d = std::chrono::sys_days(date);
  return std::chrono::sys_days(a.valid_from) <= d &&
         (!a.valid_to || d <= std::chrono::sys_days(*a.valid_to));
}

// 5:3: the preconditions every liable day needs; empty when they hold.
std::string missing_precondition(const LiabilityFacts& facts) {
  if (!facts.admission_notice_in_time)
    return "Inskrivningsmeddelandet skickades inte i tid (5 kap. 3 § 1).";
  if (facts.sip_required && !facts.sip_invitation_in_time)
    return "Kallelse till SIP skickades inte inom tre dagar (5 kap. 3 § 3).";
  return {};
}

// 5:4: the first day liability may run for a notice sent at `sent`, and (when asked) the rule
// that set it.
LocalDate start_day(core::Instant sent, const LiabilityAgreement& agreement, CareSetting setting,
                    std::string* rule) {
  const LocalDate notice_day = core::stockholm::local_date(sent);
  int days = agreement.offset_days;
  if (rule) *rule = agreement.id ? "5 kap. 4 §, lokal överenskommelse" : "5 kap. 4 §";
  if (setting == CareSetting::psychiatric) {
    if (agreement.psychiatric_offset_days) {
      days = *agreement.psychiatric_offset_days;
      if (rule) *rule = "lokal överenskommelse för sluten psykiatrisk vård";
    } else if (notice_day.year() == std::chrono::year{2018}) {
      // Prop. 2017/18:12: during 2018, for sluten psykiatrisk vård, "30 dagar efter det att en
      // underrättelse ... har skickats", unless region and municipality agreed another time (an
      // agreement's psychiatric days, above). The transitional rule has no noon rule and no day 0.
      if (rule) *rule = "övergångsbestämmelse 2018 för sluten psykiatrisk vård, prop. 2017/18:12";
      return core::stockholm::add_calendar_days(notice_day, 30);
    }
  }
  // [S] With day 0 counted, the notice day is the first of the offset days.
  const int offset = days - (agreement.count_day0 ? 1 : 0) +
                     (agreement.noon_rule && core::stockholm::is_after_noon(sent) ? 1 : 0);
  return core::stockholm::add_calendar_days(notice_day, offset);
}

// compute_liability, and with kExplain false liability_totals: one loop over the days, so the
// two count alike; the explanation (each day's status and reason, the problems) is made only when
// asked for. Each notice's day, start and withdrawal are converted once, not on every day.
template <bool kExplain>
LiabilityResult count_days(const LiabilityFacts& facts, const LiabilityAgreement& agreement) {
  LiabilityResult result;
  if (facts.ready_periods.empty()) return result;  // 5:1: liability only after utskrivningsklar
  const LocalDate first_notice_day = core::stockholm::local_date(facts.ready_periods.front().sent);
  const core::Instant end = facts.discharged_at.value_or(facts.until);
  const LocalDate last_day = core::stockholm::local_date(end);

  struct Period {
    LocalDate notice_day;
    LocalDate start;
    std::string start_rule;  // kExplain only
    std::optional<LocalDate> withdrawn_day;
  };
  std::vector<Period> periods;
  periods.reserve(facts.ready_periods.size());
  for (const auto& p : facts.ready_periods) {
    Period period{core::stockholm::local_date(p.sent), {}, {}, std::nullopt};
    period.start =
        start_day(p.sent, agreement, facts.care_setting, kExplain ? &period.start_rule : nullptr);
    if (p.withdrawn) period.withdrawn_day = core::stockholm::local_date(*p.withdrawn);
    periods.push_back(std::move(period));
  }
  result.start = periods.front().start;

  const std::string missing = missing_precondition(facts);

  for (auto day = first_notice_day; std::chrono::sys_days(day) <= std::chrono::sys_days(last_day);
       day = core::stockholm::add_calendar_days(day, 1)) {
    // The period in force on this day: the last notice sent on or before it.
    const Period* period = &periods.front();
    for (const auto& p : periods) {
      if (std::chrono::sys_days(p.notice_day) <= std::chrono::sys_days(day)) period = &p;
    }
    LiabilityDay d{day, DayStatus::liable, "", 0};
    const LocalDate start = period->start;
    const bool withdrawn = period->withdrawn_day && std::chrono::sys_days(*period->withdrawn_day) <=
                                                        std::chrono::sys_days(day);
    if (withdrawn) {
      d.status = DayStatus::not_ready;
      if constexpr (kExplain)
        d.reason = "Utskrivningsklar återtagen: patienten behöver åter slutenvård (5 kap. 1 §).";
    } else if (std::chrono::sys_days(day) < std::chrono::sys_days(start)) {
      d.status = DayStatus::before_start;
      if constexpr (kExplain)
        d.reason =
            "Före betalningsansvarets start " + iso(start) + " (" + period->start_rule + ").";
    } else if (facts.discharged_at &&
               std::chrono::sys_days(day) == std::chrono::sys_days(last_day) &&
               !agreement.count_discharge_day) {
      d.status = DayStatus::discharge_day;
      if constexpr (kExplain)
        d.reason = "Utskrivningsdagen räknas inte som vårddygn enligt överenskommelsen.";
    } else if (!missing.empty()) {
      d.status = DayStatus::precondition_missing;
      if constexpr (kExplain) d.reason = missing;
    } else if (in_ranges(day, facts.region_not_ready)) {
      d.status = DayStatus::region_not_ready;
      if constexpr (kExplain)
        d.reason = "Regionens öppna vård hade inte insatserna på plats (5 kap. 5 §).";
    } else {
      const int year = static_cast<int>(day.year());
      const auto amount = agreement.amount_per_day_by_year.find(year);
      if constexpr (kExplain) d.reason = "Betalningsansvar (5 kap. 1 och 4 §§).";
      if (amount == agreement.amount_per_day_by_year.end()) {
        if constexpr (kExplain)
          result.problems.push_back("Inget belopp per vårddygn för " + std::to_string(year) +
                                    " i " + agreement.name + ".");
      } else {
        d.amount = amount->second;
      }
      ++result.liable_days;
      result.total_amount += d.amount;
    }
    if constexpr (kExplain) result.days.push_back(std::move(d));
  }
  return result;
}

}  // namespace

std::string_view to_string(LiabilityModel model) {
  switch (model) {
    case LiabilityModel::per_episode:
      return "per_episode";
    case LiabilityModel::monthly_average:
      return "monthly_average";
  }
  return "per_episode";
}

std::string_view to_string(CareSetting setting) {
  return setting == CareSetting::psychiatric ? "psychiatric" : "somatic";
}

std::optional<LocalDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t len = i == 0 ? 4 : 2;
    for (std::size_t k = 0; k < len; ++k, ++at) {
      const char c = text[at];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
    ++at;  // the '-'
  }
  const LocalDate date{std::chrono::year{parts[0]},
                       std::chrono::month{static_cast<unsigned>(parts[1])},
                       std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_iso_date(LocalDate date) {
  return iso(date);
}

std::optional<LiabilityModel> parse_liability_model(std::string_view text) {
  if (text == "per_episode") return LiabilityModel::per_episode;
  if (text == "monthly_average") return LiabilityModel::monthly_average;
  return std::nullopt;
}

LiabilityStart liability_start(core::Instant sent, const LiabilityAgreement& agreement,
                               CareSetting setting) {
  LiabilityStart start;
  start.date = start_day(sent, agreement, setting, &start.rule);
  return start;
}

std::string liable_municipality(const std::string& folkbokforing_code,
                                const std::optional<std::string>& placing_code) {
  return placing_code.value_or(folkbokforing_code);
}

LiabilityResult compute_liability(const LiabilityFacts& facts,
                                  const LiabilityAgreement& agreement) {
  return count_days<true>(facts, agreement);
}

LiabilityTotals liability_totals(const LiabilityFacts& facts, const LiabilityAgreement& agreement) {
  const auto result = count_days<false>(facts, agreement);
  return {result.liable_days, result.total_amount};
}

const AgreementTerms* agreement_in_force(const std::vector<AgreementTerms>& agreements,
                                         const std::string& municipality_code, LocalDate date) {
  const AgreementTerms* region_wide = nullptr;
  for (const auto& a : agreements) {
    if (!in_period(a, date)) continue;
    if (a.municipality_code == municipality_code) return &a;
    if (!a.municipality_code && !region_wide) region_wide = &a;
  }
  return region_wide;
}

LiabilityAgreement effective_agreement(const AgreementTerms* local,
                                       const std::map<int, long>& statutory_amounts) {
  LiabilityAgreement a;
  a.amount_per_day_by_year = statutory_amounts;
  if (!local) return a;
  a.id = local->id;
  a.name = local->name;
  a.offset_days = local->offset_days.value_or(a.offset_days);
  a.noon_rule = local->noon_rule.value_or(a.noon_rule);
  a.count_discharge_day = local->count_discharge_day.value_or(a.count_discharge_day);
  a.model = local->model;
  // [S] "dygn 0 inräknat" is what the averaging agreements say; the statute counts from the day
  // after the notice.
  a.count_day0 = local->count_day0.value_or(a.model == LiabilityModel::monthly_average);
  a.average_threshold_days = local->average_threshold_days.value_or(0);
  a.psychiatric_offset_days = local->psychiatric_offset_days;
  for (const auto& [year, amount] : local->amount_per_day_by_year)
    a.amount_per_day_by_year[year] = amount;
  return a;
}

int average_ready_days(const LiabilityFacts& facts, const LiabilityAgreement& agreement) {
  if (facts.ready_periods.empty() || !facts.discharged_at) return 0;
  const LocalDate first = core::stockholm::local_date(facts.ready_periods.front().sent);
  const LocalDate discharge_day = core::stockholm::local_date(*facts.discharged_at);
  int days = 0;
  for (auto day = first; std::chrono::sys_days(day) <= std::chrono::sys_days(discharge_day);
       day = core::stockholm::add_calendar_days(day, 1)) {
    const LiabilityFacts::ReadyPeriod* period = &facts.ready_periods.front();
    for (const auto& p : facts.ready_periods) {
      if (std::chrono::sys_days(core::stockholm::local_date(p.sent)) <= std::chrono::sys_days(day))
        period = &p;
    }
    const auto notice_day = core::stockholm::local_date(period->sent);
    const bool withdrawn = period->withdrawn &&
                           std::chrono::sys_days(core::stockholm::local_date(*period->withdrawn)) <=
                               std::chrono::sys_days(day);
    if (withdrawn || in_ranges(day, facts.region_not_ready)) continue;
    if (day == discharge_day && !agreement.count_discharge_day) continue;
    if (day == notice_day && !agreement.count_day0) continue;
    ++days;
  }
  return days;
}

MonthlyAverageResult monthly_average_liability(
    const std::vector<std::pair<std::string, LiabilityFacts>>& episodes,
    std::chrono::year_month month, const LiabilityAgreement& agreement) {
  MonthlyAverageResult result;
  for (const auto& [id, facts] : episodes) {
    if (facts.ready_periods.empty() || !facts.discharged_at) continue;
    const auto discharge_day = core::stockholm::local_date(*facts.discharged_at);
    if (discharge_day.year() / discharge_day.month() != month) continue;
    AverageEpisode e{id, average_ready_days(facts, agreement), false, ""};
    if (const auto missing = missing_precondition(facts); !missing.empty()) {
      e.reason = missing + " Vårdtillfället ingår inte i snittet.";
    } else {
      e.counted = true;
      e.reason =
          "Utskrivningsklara dygn från underrättelsen till utskrivningen ingår i snittet "
          "(lokal överenskommelse enligt 4 kap. 5 §).";
      ++result.episodes_counted;
      result.ready_days += e.ready_days;
    }
    result.episodes.push_back(std::move(e));
  }
  result.allowed_days = agreement.average_threshold_days * result.episodes_counted;
  result.liable_days = std::max(0, result.ready_days - result.allowed_days);
  const int year = static_cast<int>(month.year());
  const auto amount = agreement.amount_per_day_by_year.find(year);
  if (amount == agreement.amount_per_day_by_year.end()) {
    if (result.liable_days > 0) {
      result.problems.push_back("Inget belopp per vårddygn för " + std::to_string(year) + " i " +
                                agreement.name + ".");
    }
  } else {
    result.amount_per_day = amount->second;
  }
  result.amount = result.amount_per_day * result.liable_days;
  return result;
}

}  // namespace nara::domain::discharge
