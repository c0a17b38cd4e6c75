#include "service/retention.hpp"

#include <date/date.h>

#include "core/problem.hpp"
#include "service/audit_log.hpp"
#include "store/audit_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

std::int64_t apply_log_retention(store::Database& db, const core::Clock& clock, int years) {
  if (years < kMinimumLogRetentionYears) {
    core::throw_field_error("logRetentionYears", "retention.minimum",
                            "Loggar ska sparas minst fem år (HSLF-FS 2016:40 4 kap. 9 §).");
  }
  const auto now = clock.now();
  const auto day = date::floor<date::days>(now);
  const date::year_month_day today{day};
  auto then = today - date::years{years};
  if (!then.ok()) then = then.year() / then.month() / date::last;  // 29 February
  const core::Instant cutoff = date::sys_days{then} + (now - day);
  return db.write([&](store::Transaction& tx) {
    const auto removed =
        store::prune_audit_log(tx, store::to_db_time(cutoff), store::to_db_time(now));
    domain::access::Actor system;
    auto entry = audit_entry(system, clock, domain::access::AuditAction::update, "audit_retention",
                             std::nullopt, std::nullopt);
    entry.outcome =
        "removed " + std::to_string(removed) + " entries older than " + store::to_db_time(cutoff);
    AuditLog::record_in(tx, {entry});
    return removed;
  });
}

}  // namespace nara::service
