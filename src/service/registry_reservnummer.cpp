#include "service/registry_reservnummer.hpp"

#include <date/date.h>

#include <cstdio>

namespace nara::service {

std::optional<core::PersonIdentifier> next_region_reservnummer(
    store::Transaction& tx, std::chrono::year_month_day birth_date) {
  const std::string prefix = date::format("%Y%m%d", std::chrono::sys_days(birth_date));
  // The range lets the unique index on persons.identifier find the date's numbers; the pattern
  // keeps personnummer of the same date out.
  const auto used = tx.query(
      "SELECT COUNT(*) FROM persons WHERE identifier >= ? AND identifier <= ? AND identifier "
      "LIKE ?",
      prefix + "000R", prefix + "999R", prefix + "%R");
  const auto serial = used.row(0).int64(0) + 1;
  if (serial > 999) return std::nullopt;
  char digits[4];
  std::snprintf(digits, sizeof digits, "%03d", static_cast<int>(serial));
  auto number = core::PersonIdentifier::try_parse_local_reservnummer(
      prefix + digits + "R", core::LocalReservnummerIssuer::region_vasternorrland);
  if (!number) return std::nullopt;
  return std::move(number).value();
}

}  // namespace nara::service
