#pragma once
// FHIR R4 Bundles to import (issue 20 point 3; docs/fhir.md, "Import"): the Patient,
// Organization, Practitioner, Encounter and Condition entries of a transaction Bundle read into
// plain values, with what the import uses checked against R4 (types, required elements, codes,
// dates). Every fault is named by its FHIRPath, e.g. Bundle.entry[12].resource.birthDate, so the
// whole bundle can be refused with an OperationOutcome that points at it. Other resource types
// are counted, not read. Pure: no I/O, no clock, no database — the importer resolves references
// and decides where things go.
#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/identifiers.hpp"
#include "core/problem.hpp"

namespace nara::interop::fhir::import {

// A bundle larger than this is refused whole (413), before it is parsed.
inline constexpr std::size_t kMaxBundleBytes = std::size_t{50} * 1024 * 1024;
// The identifier system of a URI, which is how an entry's fullUrl (a urn:uuid) is kept as a key.
inline constexpr std::string_view kUriSystem = "urn:ietf:rfc:3986";
inline constexpr std::string_view kPersonnummerSystem = "urn:oid:1.2.752.129.2.1.3.1";
inline constexpr std::string_view kSamordningsnummerSystem = "urn:oid:1.2.752.129.2.1.3.3";

// Where a resource came from in its source: an identifier, or the entry's fullUrl.
struct Key {
  std::string system;
  std::string value;
};

// A reference as written, and where.
struct Reference {
  std::string target;      // urn:uuid:…, Patient/123, or an absolute URL
  std::string expression;  // Bundle.entry[3].resource.subject
};

struct Coding {
  std::string system;
  std::string code;
  std::string display;
};

// A FHIR dateTime: an instant when it has a time, else the date as sent ("1987", "1987-05",
// "1987-05-12") with the instants its precision spans, from midnight in Stockholm.
struct DateTime {
  std::optional<core::Instant> instant;
  std::string partial;
  core::Instant earliest;
  core::Instant latest;
};

struct Entry {
  std::size_t index = 0;  // in Bundle.entry
  std::string full_url;   // "" when absent
  std::string type;       // resourceType
  std::string id;         // resource.id, "" when absent
  bool imported = false;  // one of the five types the import keeps
};

struct Patient {
  std::size_t entry = 0;
  std::vector<Key> keys;  // identifiers, then the fullUrl
  // A personnummer or samordningsnummer among the identifiers, valid as of `today`.
  std::optional<core::PersonIdentifier> swedish;
  std::string given_name;
  std::string family_name;
  std::optional<std::chrono::year_month_day> birth_date;  // absent also for a partial date
  std::optional<std::string> legal_sex;                   // female | male
  std::optional<std::chrono::year_month_day> deceased_on;
};

struct Organization {
  std::size_t entry = 0;
  std::vector<Key> keys;
  std::optional<std::string> name;
  std::optional<std::string> type_code;
  std::optional<bool> active;
};

struct Practitioner {
  std::size_t entry = 0;
  std::vector<Key> keys;
  std::string given_name;
  std::string family_name;
  std::string profession = "other";  // physician | nurse | other
};

struct Encounter {
  std::size_t entry = 0;
  std::vector<Key> keys;
  std::string status;
  std::string class_code;
  std::optional<Coding> type;
  Reference subject;
  std::optional<Reference> practitioner;  // the first participant.individual
  std::optional<Reference> service_provider;
  core::Instant start;
  std::optional<core::Instant> end;
};

struct Condition {
  std::size_t entry = 0;
  std::vector<Key> keys;
  Coding code;                            // the first coding
  std::optional<std::string> icd10_code;  // "I501": an ICD-10 coding, without its dot
  std::optional<std::string> clinical_status;
  std::optional<std::string> verification_status;
  std::optional<DateTime> onset;
  std::optional<DateTime> abatement;
  std::optional<DateTime> recorded;
  Reference subject;
  std::optional<Reference> encounter;
};

struct Bundle {
  std::string type;  // transaction | collection
  std::vector<Entry> entries;
  std::vector<Patient> patients;
  std::vector<Organization> organizations;
  std::vector<Practitioner> practitioners;
  std::vector<Encounter> encounters;
  std::vector<Condition> conditions;
  std::map<std::string, std::size_t> not_imported;  // resource type → entries
  // Faults: an empty list means the bundle can be imported. `status` is 400 when one of them
  // makes a resource invalid R4, else 422 (valid R4 that Nära cannot take).
  std::vector<core::FieldError> errors;
  int status = 0;
  // Worth telling, not a fault (an identifier with the personnummer system that is not one).
  std::vector<core::FieldError> warnings;

  // The entry of a fullUrl, and of "Type/id" for entries with a resource id.
  std::unordered_map<std::string, std::size_t> by_url;
};

// Reads a parsed Bundle. `today` (Stockholm) decides the century of a 10-digit personnummer.
Bundle read_bundle(const boost::json::value& root, std::chrono::year_month_day today);

// The entry a reference names within the bundle: its fullUrl, or "Type/id" of an entry.
std::optional<std::size_t> find_in_bundle(const Bundle& bundle, std::string_view reference);

// Parses FHIR date and dateTime values (R4 §2.24.0.1); nothing when the text is not one.
std::optional<std::chrono::year_month_day> parse_full_date(std::string_view text);
std::optional<DateTime> parse_date_time(std::string_view text);

// Limits of the strict JSON reading of a bundle (src/http/json_input): a bundle is larger and
// deeper than an API body, but still bounded.
inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxStringLength = std::size_t{8} * 1024 * 1024;
inline constexpr std::size_t kMaxElements = std::size_t{20} * 1000 * 1000;

}  // namespace nara::interop::fhir::import
