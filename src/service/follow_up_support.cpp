#include "service/follow_up_support.hpp"

#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"

namespace nara::service {

core::Instant month_start(domain::indicators::Month month) {
  return core::stockholm::start_of_day(std::chrono::year_month_day{month / 1});
}

std::string county_name(store::Transaction& tx) {
  const auto rs =
      tx.query("SELECT name FROM principals WHERE kind = 'region' ORDER BY name LIMIT 1");
  return rs.empty() ? std::string() : rs.row(0).text(0);
}

std::vector<domain::access::AuditEntry> list_access_entries(
    const domain::access::Actor& actor, const core::Clock& clock, const std::string& object_type,
    const std::string& object_id, const std::vector<std::string>& persons) {
  // One entry naming everyone listed: a list must not cost an entry per person, and each
  // person's log extract still shows the access (docs/access.md).
  return {list_read_entry(actor, clock, object_type, object_id, persons)};
}

std::string display_identifier(const std::string& canonical, const std::string& kind) {
  if ((kind == "personnummer" || kind == "samordningsnummer") && canonical.size() == 12)
    return canonical.substr(0, 8) + "-" + canonical.substr(8);
  return canonical;
}

}  // namespace nara::service
