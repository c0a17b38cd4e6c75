#pragma once
// Swedish person identifiers (personnummer, samordningsnummer, reservnummer) and HSA-id, as
// value types that can only hold a validated identifier. Rules and sources: domain-rules.md §5.
// Pure: no clock, no I/O. Anything that depends on "today" (the century of a 10-digit number)
// takes the reference date as a parameter.
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/parse_result.hpp"

namespace nara::core {

enum class PersonIdentifierKind {
  personnummer,
  samordningsnummer,
  national_reservnummer,
  local_reservnummer,
};

// Issuer of a local reservnummer. Each region uses its own format (HL7 Sweden basprofiler,
// PatientIdentifierConformancePatternSE.fsh), so a local reservnummer means nothing without it.
enum class LocalReservnummerIssuer {
  none,  // for the three national kinds
  region_stockholm,
  vastra_gotalandsregionen,
  region_vasternorrland,
  region_vasterbotten,
  // Nära's own issuer for the synthetic county (`nara demo --scale`): "SYN" and nine digits, the
  // last a Luhn check digit. No real person can hold one, so a generated inhabitant never carries
  // a number that could be someone's personnummer. Encodes neither birth date nor sex.
  nara_synthetic,
};

// Juridiskt kön as encoded in the number; absent where the identifier does not encode it.
enum class LegalSex { female, male };

std::string_view to_string(PersonIdentifierKind kind) noexcept;
std::string_view to_string(LocalReservnummerIssuer issuer) noexcept;

class PersonIdentifier {
 public:
  // Personnummer or samordningsnummer (day + 60) in any written form: YYYYMMDDNNNC, YYMMDDNNNC,
  // YYMMDD-NNNC, YYMMDD+NNNC, YYYYMMDD-NNNC, YYYYMMDD+NNNC; surrounding whitespace is ignored.
  // `reference_date` (today, from the injected Clock) decides the century of 10-digit forms and
  // rejects birth dates in the future. Rule ids:
  // personnummer.{format,century,date,serial,checksum}.
  static ParseResult<PersonIdentifier> try_parse_personnummer(
      std::string_view text, std::chrono::year_month_day reference_date);

  // Nationellt reservnummer (NRID): YYYYMMDD, optional '-', then two letters and two digits or
  // three letters and one digit (A–Z except I, O, Q, V, W). Rule id: reservnummer.format.
  static ParseResult<PersonIdentifier> try_parse_national_reservnummer(std::string_view text);

  // Local reservnummer of one region. Rule ids: reservnummer.format, reservnummer.checksum.
  static ParseResult<PersonIdentifier> try_parse_local_reservnummer(std::string_view text,
                                                                    LocalReservnummerIssuer issuer);

  // Personnummer, samordningsnummer or nationellt reservnummer, told apart by their shape (an
  // NRID has letters after the date), and Nära's synthetic reservnummer ("SYN…", a prefix no other
  // form has). Regional reservnummer are never guessed: the VGR and Västerbotten forms overlap, so
  // they need try_parse_local_reservnummer or try_parse_for_system.
  static ParseResult<PersonIdentifier> try_parse(std::string_view text,
                                                 std::chrono::year_month_day reference_date);

  // Parses `text` as an identifier of the given system: a FHIR system URI, "urn:oid:<oid>" or a
  // bare OID, as listed in domain-rules §5.1. Unknown system: rule identifier.system; a
  // samordningsnummer sent as personnummer (or the reverse): rule identifier.system_mismatch.
  static ParseResult<PersonIdentifier> try_parse_for_system(
      std::string_view system, std::string_view text, std::chrono::year_month_day reference_date);

  // Throwing variant of try_parse: raises ProblemError (422) naming `field` and the rule.
  static PersonIdentifier parse(std::string_view text, std::string_view field,
                                std::chrono::year_month_day reference_date);
  // Throwing variant of try_parse_for_system.
  static PersonIdentifier parse_for_system(std::string_view system, std::string_view text,
                                           std::string_view field,
                                           std::chrono::year_month_day reference_date);

  [[nodiscard]] PersonIdentifierKind kind() const noexcept { return kind_; }
  [[nodiscard]] LocalReservnummerIssuer issuer() const noexcept { return issuer_; }
  // Register form: 12 characters, no separator (RIV-TA), e.g. "191212121212".
  [[nodiscard]] const std::string& canonical() const noexcept { return canonical_; }
  // RIV-TA OID; absent for local reservnummer whose region has no published OID.
  [[nodiscard]] std::optional<std::string_view> system_oid() const noexcept;
  // HL7 Sweden FHIR Identifier.system; "urn:oid:<oid>" for local reservnummer with an OID.
  [[nodiscard]] std::optional<std::string> fhir_system() const;
  // For a samordningsnummer the real day (day − 60). Absent when the identifier holds no full,
  // real calendar date (Stockholm reservnummer carry only the year).
  [[nodiscard]] std::optional<std::chrono::year_month_day> birth_date() const noexcept {
    return birth_date_;
  }
  [[nodiscard]] std::optional<LegalSex> legal_sex() const noexcept { return legal_sex_; }
  // Human form: "YYYYMMDD-NNNC" for personnummer/samordningsnummer/NRID, canonical otherwise.
  [[nodiscard]] std::string display() const;
  // For operational logs: the date part followed by "-****"; never the individual digits.
  [[nodiscard]] std::string masked() const;

  friend bool operator==(const PersonIdentifier& a, const PersonIdentifier& b) noexcept {
    return a.kind_ == b.kind_ && a.issuer_ == b.issuer_ && a.canonical_ == b.canonical_;
  }
  friend std::strong_ordering operator<=>(const PersonIdentifier& a,
                                          const PersonIdentifier& b) noexcept;

 private:
  PersonIdentifier(PersonIdentifierKind kind, LocalReservnummerIssuer issuer, std::string canonical,
                   std::optional<std::chrono::year_month_day> birth_date,
                   std::optional<LegalSex> legal_sex);

  PersonIdentifierKind kind_;
  LocalReservnummerIssuer issuer_;
  std::string canonical_;
  std::optional<std::chrono::year_month_day> birth_date_;
  std::optional<LegalSex> legal_sex_;
};

// HSA-id of a unit or a member of staff: "SE" + the catalogue owner's organisationsnummer
// (10 digits) + "-" + [A-Za-z0-9]+, at most 31 characters (domain-rules §5.2).
// Rule ids: hsa_id.format, hsa_id.length, hsa_id.characters.
class HsaId {
 public:
  static constexpr std::string_view system_oid = "1.2.752.129.2.1.4.1";       // RIV-TA
  static constexpr std::string_view fhir_system = "urn:oid:1.2.752.29.4.19";  // HL7 Sweden
  static constexpr std::size_t max_length = 31;

  static ParseResult<HsaId> try_parse(std::string_view text);
  static HsaId parse(std::string_view text, std::string_view field);

  [[nodiscard]] const std::string& value() const noexcept { return value_; }
  // The catalogue owner's organisationsnummer, 10 digits without hyphen.
  [[nodiscard]] std::string_view organisation_number() const noexcept {
    return std::string_view(value_).substr(2, 10);
  }

  friend bool operator==(const HsaId&, const HsaId&) = default;
  friend auto operator<=>(const HsaId&, const HsaId&) = default;

 private:
  explicit HsaId(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

// Luhn (Skatteverket "modulus 10, vikterna 2 och 1") check digit for a string of digits,
// weighting the first digit 2. Exposed for tests and for other number series that use it.
int luhn_check_digit(std::string_view digits) noexcept;

}  // namespace nara::core
