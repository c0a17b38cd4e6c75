#pragma once
// What the follow-up's indicator reads, drill-down and proactive list share.
#include <string>

#include "domain/access/actor.hpp"
#include "domain/access/audit.hpp"
#include "domain/indicators/facts.hpp"
#include "domain/indicators/indicators.hpp"
#include "service/context.hpp"
#include "store/database.hpp"

namespace nara::service {

// Every fact of the indicators for [from, to), payment liability counted per episode.
// Local midnight on the first day of `month` in Stockholm: where a follow-up month begins.
core::Instant month_start(domain::indicators::Month month);

// Two read transactions, one of them on a second thread.
domain::indicators::Facts load_indicator_facts(store::Database& db, core::Instant from,
                                               core::Instant to, core::Instant now);

// 403 for anyone but unit managers and county administrators, the attempt logged as denied.
void require_follow_up_reader(const ServiceContext& ctx, const domain::access::Actor& actor,
                              const std::string& object_id);

// The catalogue's definition; 404 naming `id` for an unknown indicator.
const domain::indicators::Definition& known_indicator(const std::string& id);

// The region's name, for the county-wide series ("" when there is none).
std::string county_name(store::Transaction& tx);

// The audit of a list shown: every person on it is an access to their data (PDL 4:3).
std::vector<domain::access::AuditEntry> list_access_entries(
    const domain::access::Actor& actor, const core::Clock& clock, const std::string& object_type,
    const std::string& object_id, const std::vector<std::string>& persons);

// "YYYYMMDD-NNNN" for a personnummer or samordningsnummer, the canonical form otherwise.
std::string display_identifier(const std::string& canonical, const std::string& kind);

}  // namespace nara::service
