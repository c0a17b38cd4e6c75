#include "domain/discharge/liability.hpp"

#include <date/date.h>

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
}  // namespace

LocalDate liability_start(core::Instant sent, const LiabilityAgreement& agreement) {
  const int offset =
      agreement.offset_days + (agreement.noon_rule && core::stockholm::is_after_noon(sent) ? 1 : 0);
  return core::stockholm::add_calendar_days(core::stockholm::local_date(sent), offset);
}

std::string liable_municipality(const std::string& folkbokforing_code,
                                const std::optional<std::string>& placing_code) {
  return placing_code.value_or(folkbokforing_code);
}

LiabilityResult compute_liability(const LiabilityFacts& facts,
                                  const LiabilityAgreement& agreement) {
  LiabilityResult result;
  if (facts.ready_periods.empty()) return result;  // 5:1: liability only after utskrivningsklar
  const LocalDate first_notice_day = core::stockholm::local_date(facts.ready_periods.front().sent);
  const core::Instant end = facts.discharged_at.value_or(facts.until);
  const LocalDate last_day = core::stockholm::local_date(end);
  result.start = liability_start(facts.ready_periods.front().sent, agreement);

  std::string missing;
  if (!facts.admission_notice_in_time) {
    missing = "Inskrivningsmeddelandet skickades inte i tid (5 kap. 3 § 1).";
  } else if (facts.sip_required && !facts.sip_invitation_in_time) {
    missing = "Kallelse till SIP skickades inte inom tre dagar (5 kap. 3 § 3).";
  }

  for (auto day = first_notice_day; std::chrono::sys_days(day) <= std::chrono::sys_days(last_day);
       day = core::stockholm::add_calendar_days(day, 1)) {
    // The period in force on this day: the last notice sent on or before it.
    const LiabilityFacts::ReadyPeriod* period = &facts.ready_periods.front();
    for (const auto& p : facts.ready_periods) {
      if (std::chrono::sys_days(core::stockholm::local_date(p.sent)) <= std::chrono::sys_days(day))
        period = &p;
    }
    LiabilityDay d{day, DayStatus::liable, "", 0};
    const LocalDate start = liability_start(period->sent, agreement);
    const bool withdrawn = period->withdrawn &&
                           std::chrono::sys_days(core::stockholm::local_date(*period->withdrawn)) <=
                               std::chrono::sys_days(day);
    if (withdrawn) {
      d.status = DayStatus::not_ready;
      d.reason = "Utskrivningsklar återtagen: patienten behöver åter slutenvård (5 kap. 1 §).";
    } else if (std::chrono::sys_days(day) < std::chrono::sys_days(start)) {
      d.status = DayStatus::before_start;
      d.reason = "Före betalningsansvarets start " + iso(start) + " (5 kap. 4 §).";
    } else if (facts.discharged_at &&
               std::chrono::sys_days(day) == std::chrono::sys_days(last_day) &&
               !agreement.count_discharge_day) {
      d.status = DayStatus::discharge_day;
      d.reason = "Utskrivningsdagen räknas inte som vårddygn enligt överenskommelsen.";
    } else if (!missing.empty()) {
      d.status = DayStatus::precondition_missing;
      d.reason = missing;
    } else if (in_ranges(day, facts.region_not_ready)) {
      d.status = DayStatus::region_not_ready;
      d.reason = "Regionens öppna vård hade inte insatserna på plats (5 kap. 5 §).";
    } else {
      const int year = static_cast<int>(day.year());
      const auto amount = agreement.amount_per_day_by_year.find(year);
      d.reason = "Betalningsansvar (5 kap. 1 och 4 §§).";
      if (amount == agreement.amount_per_day_by_year.end()) {
        result.problems.push_back("Inget belopp per vårddygn för " + std::to_string(year) + " i " +
                                  agreement.name + ".");
      } else {
        d.amount = amount->second;
      }
      ++result.liable_days;
      result.total_amount += d.amount;
    }
    result.days.push_back(std::move(d));
  }
  return result;
}

}  // namespace nara::domain::discharge
