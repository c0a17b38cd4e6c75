#pragma once
// Reading the follow-up's rows: instants, dates, ages and the kinds the tables store as text.
// Shared by the indicators' loaders (follow_up_repository.cpp) and the proactive list's
// (proactive_population.cpp); store-internal.
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/indicators/facts.hpp"
#include "store/database.hpp"
#include "store/time_codec.hpp"

namespace nara::store::follow_up_rows {

using domain::indicators::ActionKind;
using domain::indicators::AdmissionKind;
using domain::indicators::Month;

inline constexpr auto kYear = std::chrono::days(366);

// Statements are prepared once per connection and kept: an IN list of ids is padded (with its
// last id) to one of a few lengths so the kept statements stay few. At most 256 ids.
inline std::size_t id_list_length(std::size_t ids) {
  for (const std::size_t length : {1U, 4U, 16U, 64U})
    if (ids <= length) return length;
  return 256;
}
inline constexpr std::size_t kMaxIdList = 256;

inline std::optional<core::Instant> instant(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return from_db_time(r.text(i));
}

inline int number(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// "YYYY-MM…" → year_month; nullopt for anything shorter.
inline std::optional<Month> month_of(const std::optional<std::string>& text) {
  if (!text || text->size() < 7) return std::nullopt;
  return Month{
      std::chrono::year{number(std::string_view(*text).substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(number(std::string_view(*text).substr(5, 2)))}};
}

// Whole years from a "YYYY-MM-DD" birth date to `day`; 0 when the birth date is not known.
inline int age_on(const std::optional<std::string>& birth, std::chrono::year_month_day day) {
  if (!birth || birth->size() < 10) return 0;
  const std::string_view b(*birth);
  const int year = number(b.substr(0, 4));
  const auto month = static_cast<unsigned>(number(b.substr(5, 2)));
  const auto dom = static_cast<unsigned>(number(b.substr(8, 2)));
  int age = static_cast<int>(day.year()) - year;
  if (static_cast<unsigned>(day.month()) < month ||
      (static_cast<unsigned>(day.month()) == month && static_cast<unsigned>(day.day()) < dom))
    --age;
  return age;
}

inline std::optional<ActionKind> action_kind_of(const std::string& text) {
  if (text == "offer_sip") return ActionKind::offer_sip;
  if (text == "appoint_named_contact") return ActionKind::appoint_named_contact;
  if (text == "plan_home_visit") return ActionKind::plan_home_visit;
  if (text == "assessed_no_action") return ActionKind::assessed_no_action;
  return std::nullopt;
}

inline AdmissionKind admission_kind_of(const std::optional<std::string>& text) {
  if (text == "acute") return AdmissionKind::acute;
  if (text == "planned") return AdmissionKind::planned;
  return AdmissionKind::unknown;
}

inline std::chrono::year_month_day stored_date(std::string_view text) {
  return std::chrono::year_month_day{
      std::chrono::year{number(text.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(number(text.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(number(text.substr(8, 2)))}};
}

}  // namespace nara::store::follow_up_rows
