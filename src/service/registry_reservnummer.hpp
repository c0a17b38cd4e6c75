#pragma once
// The region's own reservnummer for a person Nära registers without a Swedish identity: the
// HL7 v2 ingest (hl7.unknown-person = reservnummer) and the FHIR import issue them from this one
// series, so two feeds never hand out the same number.
#include <chrono>
#include <optional>
#include <string_view>

#include "core/identifiers.hpp"
#include "store/database.hpp"

namespace nara::service {

// The identifier system a region reservnummer is registered with (persons.identifier_system).
inline constexpr std::string_view kRegionReservnummerSystem = "urn:nara:local-reservnummer";

// The next free Västernorrland reservnummer for a person born on `birth_date`: yyyymmddNNNR
// (domain-rules §5.1), NNN one more than the region reservnummer of that date Nära already holds.
// Nothing when all 999 of the date are taken. Runs in the caller's write transaction, so the
// person inserted with it in the same transaction is counted by the next call.
std::optional<core::PersonIdentifier> next_region_reservnummer(
    store::Transaction& tx, std::chrono::year_month_day birth_date);

}  // namespace nara::service
