#include "core/identifiers.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace nara::core {
namespace {

using std::chrono::year_month_day;

FieldError invalid(std::string rule, std::string detail) {
  return FieldError{std::string(), std::move(rule), std::move(detail)};
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_upper_ascii(char c) noexcept {
  return c >= 'A' && c <= 'Z';
}
bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool all_digits(std::string_view text) noexcept {
  for (char c : text) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return !text.empty();
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_ascii_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_ascii_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// Precondition: all_digits(text) and text is short enough to fit an int.
int digits_value(std::string_view text) noexcept {
  int value = 0;
  for (char c : text) {
    value = value * 10 + (c - '0');
  }
  return value;
}

year_month_day make_date(int year, int month, int day) noexcept {
  return year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
}

// Birth date of a YYYYMMDD prefix when it is a real calendar date; reservnummer may carry an
// estimated or made-up date, so they only get a birth_date() when the date exists.
std::optional<year_month_day> real_date_of(std::string_view yyyymmdd) noexcept {
  if (yyyymmdd.size() != 8 || !all_digits(yyyymmdd)) {
    return std::nullopt;
  }
  year_month_day date =
      make_date(digits_value(yyyymmdd.substr(0, 4)), digits_value(yyyymmdd.substr(4, 2)),
                digits_value(yyyymmdd.substr(6, 2)));
  if (!date.ok()) {
    return std::nullopt;
  }
  return date;
}

// The date prefix the HL7 Sweden regexes use for regional reservnummer:
// (1[8-9]|2[0-1])\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]). A pattern, not a calendar check.
bool matches_hl7_date_prefix(std::string_view text) noexcept {
  if (text.size() < 8 || !all_digits(text.substr(0, 8))) {
    return false;
  }
  const int century = digits_value(text.substr(0, 2));
  const int month = digits_value(text.substr(4, 2));
  const int day = digits_value(text.substr(6, 2));
  return century >= 18 && century <= 21 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

struct IdentifierSystem {
  PersonIdentifierKind kind;
  LocalReservnummerIssuer issuer;
  std::string_view oid;       // empty: none published
  std::string_view fhir_uri;  // empty: none published, use urn:oid:<oid>
};

// domain-rules §5.1. Västernorrland and Västerbotten publish a format but, in the sources we
// have, no OID; identifiers of theirs can be validated but not exchanged with a system URI.
constexpr std::array<IdentifierSystem, 8> identifier_systems{{
    {PersonIdentifierKind::personnummer, LocalReservnummerIssuer::none, "1.2.752.129.2.1.3.1",
     "http://electronichealth.se/identifier/personnummer"},
    {PersonIdentifierKind::samordningsnummer, LocalReservnummerIssuer::none, "1.2.752.129.2.1.3.3",
     "http://electronichealth.se/identifier/samordningsnummer"},
    {PersonIdentifierKind::national_reservnummer, LocalReservnummerIssuer::none, "1.2.752.74.9.1",
     "http://electronichealth.se/identifier/nationelltReservnummer"},
    {PersonIdentifierKind::local_reservnummer, LocalReservnummerIssuer::region_stockholm,
     "1.2.752.97.3.1.3", ""},
    {PersonIdentifierKind::local_reservnummer, LocalReservnummerIssuer::vastra_gotalandsregionen,
     "1.2.752.113.11.0.2.1.1.1", ""},
    {PersonIdentifierKind::local_reservnummer, LocalReservnummerIssuer::region_vasternorrland, "",
     ""},
    {PersonIdentifierKind::local_reservnummer, LocalReservnummerIssuer::region_vasterbotten, "",
     ""},
    // Nära's synthetic county: a URN of its own and deliberately no OID, so nothing outside Nära
    // mistakes these persons for real ones.
    {PersonIdentifierKind::local_reservnummer, LocalReservnummerIssuer::nara_synthetic, "",
     "urn:nara:synthetic-county:reservnummer"},
}};

const IdentifierSystem& system_of(PersonIdentifierKind kind,
                                  LocalReservnummerIssuer issuer) noexcept {
  for (const IdentifierSystem& system : identifier_systems) {
    if (system.kind == kind && system.issuer == issuer) {
      return system;
    }
  }
  return identifier_systems.front();  // unreachable: every (kind, issuer) pair is listed
}

bool names_system(const IdentifierSystem& system, std::string_view name) noexcept {
  constexpr std::string_view urn_oid_prefix = "urn:oid:";
  if (!system.fhir_uri.empty() && name == system.fhir_uri) {
    return true;
  }
  if (system.oid.empty()) {
    return false;
  }
  if (name.substr(0, urn_oid_prefix.size()) == urn_oid_prefix) {
    name.remove_prefix(urn_oid_prefix.size());
  }
  return name == system.oid;
}

bool is_nrid_letter(char c) noexcept {
  return is_upper_ascii(c) && c != 'I' && c != 'O' && c != 'Q' && c != 'V' && c != 'W';
}

}  // namespace

int luhn_check_digit(std::string_view digits) noexcept {
  int sum = 0;
  bool doubled = true;  // weights 2, 1, 2, 1, ... from the first digit
  for (char c : digits) {
    int product = (c - '0') * (doubled ? 2 : 1);
    sum += product / 10 + product % 10;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

std::string_view to_string(PersonIdentifierKind kind) noexcept {
  switch (kind) {
    case PersonIdentifierKind::personnummer:
      return "personnummer";
    case PersonIdentifierKind::samordningsnummer:
      return "samordningsnummer";
    case PersonIdentifierKind::national_reservnummer:
      return "national_reservnummer";
    case PersonIdentifierKind::local_reservnummer:
      return "local_reservnummer";
  }
  return "unknown";
}

std::string_view to_string(LocalReservnummerIssuer issuer) noexcept {
  switch (issuer) {
    case LocalReservnummerIssuer::none:
      return "none";
    case LocalReservnummerIssuer::region_stockholm:
      return "region_stockholm";
    case LocalReservnummerIssuer::vastra_gotalandsregionen:
      return "vastra_gotalandsregionen";
    case LocalReservnummerIssuer::region_vasternorrland:
      return "region_vasternorrland";
    case LocalReservnummerIssuer::region_vasterbotten:
      return "region_vasterbotten";
    case LocalReservnummerIssuer::nara_synthetic:
      return "nara_synthetic";
  }
  return "unknown";
}

PersonIdentifier::PersonIdentifier(PersonIdentifierKind kind, LocalReservnummerIssuer issuer,
                                   std::string canonical, std::optional<year_month_day> birth_date,
                                   std::optional<LegalSex> legal_sex)
    : kind_(kind),
      issuer_(issuer),
      canonical_(std::move(canonical)),
      birth_date_(birth_date),
      legal_sex_(legal_sex) {}

ParseResult<PersonIdentifier> PersonIdentifier::try_parse_personnummer(
    std::string_view text, year_month_day reference_date) {
  text = trim(text);
  // Split the written form into an optional century, an optional separator and the ten digits
  // YYMMDDNNNC. Spaces inside the number are not a written form (the peer cases reject
  // "19090527 1474"), so only the ends are trimmed.
  std::string_view century_digits;
  char separator = '\0';
  std::string ten_digits;
  switch (text.size()) {
    case 10:
    case 12:
      century_digits = text.substr(0, text.size() - 10);
      ten_digits = text.substr(text.size() - 10);
      break;
    case 11:
    case 13: {
      const std::size_t separator_at = text.size() - 5;
      century_digits = text.substr(0, text.size() - 11);
      separator = text[separator_at];
      ten_digits = std::string(text.substr(century_digits.size(), 6)) +
                   std::string(text.substr(separator_at + 1));
      break;
    }
    default:
      return invalid("personnummer.format",
                     "Ange personnummer som ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN eller med 10 eller 12 "
                     "siffror.");
  }
  if ((separator != '\0' && separator != '-' && separator != '+') || !all_digits(ten_digits) ||
      (!century_digits.empty() && !all_digits(century_digits))) {
    return invalid("personnummer.format",
                   "Personnumret får bara innehålla siffror och skiljetecknet - eller +.");
  }

  if (!reference_date.ok()) {
    throw std::invalid_argument("try_parse_personnummer: reference date is not a calendar date");
  }
  const int reference_year = static_cast<int>(reference_date.year());
  const int two_digit_year = digits_value(std::string_view(ten_digits).substr(0, 2));
  int birth_year = 0;
  if (!century_digits.empty()) {
    const int century = digits_value(century_digits);
    if (century < 18 || century > 20) {
      return invalid("personnummer.century", "Århundradet måste vara 18, 19 eller 20.");
    }
    birth_year = century * 100 + two_digit_year;
    // With the century written out the separator carries no information, and the peer library
    // ignores it. We still refuse a '+' that contradicts the year: '+' is only ever written from
    // the year the person turns 100 (domain-rules §5.1), so such input is a typo.
    if (separator == '+' && reference_year - birth_year < 100) {
      return invalid("personnummer.century",
                     "Plustecken används bara för den som fyller 100 år eller mer i år.");
    }
  } else {
    // Skatteverket: '-' until the year the person turns 100, '+' from that year on. So the birth
    // year is the latest year ending in YY that is at most the reference year ('-'), or at most
    // the reference year − 100 ('+'). Like the peer library, a 10-digit number without a
    // separator is read as if written with '-'.
    const int latest_possible_year = separator == '+' ? reference_year - 100 : reference_year;
    const int years_back = ((latest_possible_year - two_digit_year) % 100 + 100) % 100;
    birth_year = latest_possible_year - years_back;
    if (birth_year < 1800) {
      return invalid("personnummer.century", "Födelseåret kan inte ligga före 1800.");
    }
  }

  const int month = digits_value(std::string_view(ten_digits).substr(2, 2));
  const int written_day = digits_value(std::string_view(ten_digits).substr(4, 2));
  // Samordningsnummer: the day of birth plus 60 (FOL 18 a §), so days 61–91.
  const bool is_samordningsnummer = written_day > 60;
  const int day = is_samordningsnummer ? written_day - 60 : written_day;
  const year_month_day birth_date = make_date(birth_year, month, day);
  if (month < 1 || month > 12 || day < 1 || !birth_date.ok()) {
    return invalid("personnummer.date",
                   is_samordningsnummer
                       ? "Datumet finns inte (samordningsnummer: dag minus 60 ska vara en riktig "
                         "dag)."
                       : "Datumet i personnumret finns inte i kalendern.");
  }
  if (std::chrono::sys_days{birth_date} > std::chrono::sys_days{reference_date}) {
    return invalid("personnummer.century", "Födelsedatumet ligger i framtiden.");
  }
  if (std::string_view(ten_digits).substr(6, 3) == "000") {
    return invalid("personnummer.serial", "Födelsenumret (siffrorna 7–9) kan inte vara 000.");
  }
  if (luhn_check_digit(std::string_view(ten_digits).substr(0, 9)) != ten_digits[9] - '0') {
    return invalid("personnummer.checksum", "Kontrollsiffran stämmer inte.");
  }

  const bool odd_serial = (ten_digits[8] - '0') % 2 == 1;
  return PersonIdentifier(is_samordningsnummer ? PersonIdentifierKind::samordningsnummer
                                               : PersonIdentifierKind::personnummer,
                          LocalReservnummerIssuer::none,
                          std::to_string(birth_year / 100) + ten_digits, birth_date,
                          odd_serial ? LegalSex::male : LegalSex::female);
}

ParseResult<PersonIdentifier> PersonIdentifier::try_parse_national_reservnummer(
    std::string_view text) {
  text = trim(text);
  std::string canonical(text);
  if (canonical.size() == 13 && canonical[8] == '-') {
    canonical.erase(8, 1);
  }
  const auto format_error = [] {
    return invalid("reservnummer.format",
                   "Nationellt reservnummer skrivs ÅÅÅÅMMDD följt av två bokstäver och två "
                   "siffror eller tre bokstäver och en siffra (inte I, O, Q, V, W).");
  };
  if (canonical.size() != 12 || !all_digits(std::string_view(canonical).substr(0, 8))) {
    return format_error();
  }
  const std::string_view suffix = std::string_view(canonical).substr(8);
  const bool two_letters = is_nrid_letter(suffix[0]) && is_nrid_letter(suffix[1]) &&
                           is_digit(suffix[2]) && is_digit(suffix[3]);
  const bool three_letters = is_nrid_letter(suffix[0]) && is_nrid_letter(suffix[1]) &&
                             is_nrid_letter(suffix[2]) && is_digit(suffix[3]);
  if (!two_letters && !three_letters) {
    return format_error();
  }
  std::optional<year_month_day> birth_date = real_date_of(std::string_view(canonical).substr(0, 8));
  return PersonIdentifier(PersonIdentifierKind::national_reservnummer,
                          LocalReservnummerIssuer::none, std::move(canonical), birth_date,
                          std::nullopt);
}

ParseResult<PersonIdentifier> PersonIdentifier::try_parse_local_reservnummer(
    std::string_view text, LocalReservnummerIssuer issuer) {
  text = trim(text);
  const auto format_error = [](std::string_view expected) {
    return invalid("reservnummer.format",
                   "Reservnumret har fel form för regionen, väntat " + std::string(expected) + ".");
  };
  const auto checksum_error = [] {
    return invalid("reservnummer.checksum", "Reservnumrets kontrollsiffra stämmer inte.");
  };
  std::optional<LegalSex> legal_sex;
  std::optional<year_month_day> birth_date;
  switch (issuer) {
    case LocalReservnummerIssuer::region_stockholm:
      // 99yyyyNNNNNC; Luhn over positions 5–11 (the year's last two digits and NNNNN).
      if (text.size() != 12 || !all_digits(text) || text.substr(0, 2) != "99") {
        return format_error("99ÅÅÅÅNNNNNK (12 siffror)");
      }
      if (luhn_check_digit(text.substr(4, 7)) != text[11] - '0') {
        return checksum_error();
      }
      break;
    case LocalReservnummerIssuer::vastra_gotalandsregionen: {
      // yyyymmdd[KMX]ggC, gg 06–89; Luhn over YYMMDD, the letter as K=5, M=7, X=8, and gg.
      const char letter = text.size() == 12 ? text[8] : '\0';
      if (text.size() != 12 || !all_digits(text.substr(0, 8)) ||
          (letter != 'K' && letter != 'M' && letter != 'X') || !all_digits(text.substr(9)) ||
          digits_value(text.substr(9, 2)) < 6 || digits_value(text.substr(9, 2)) > 89) {
        return format_error("ÅÅÅÅMMDD, K, M eller X, två siffror 06–89 och en kontrollsiffra");
      }
      const char letter_digit = letter == 'K' ? '5' : (letter == 'M' ? '7' : '8');
      const std::string luhn_input =
          std::string(text.substr(2, 6)) + letter_digit + std::string(text.substr(9, 2));
      if (luhn_check_digit(luhn_input) != text[11] - '0') {
        return checksum_error();
      }
      // gg 06–79: odd man, even woman; 80–89: sex unknown.
      const int gg = digits_value(text.substr(9, 2));
      if (gg <= 79) {
        legal_sex = gg % 2 == 1 ? LegalSex::male : LegalSex::female;
      }
      birth_date = real_date_of(text.substr(0, 8));
      break;
    }
    case LocalReservnummerIssuer::region_vasternorrland:
      // ^(1[8-9]|2[0-1])\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}R$
      if (text.size() != 12 || !matches_hl7_date_prefix(text) || !all_digits(text.substr(8, 3)) ||
          text[11] != 'R') {
        return format_error("ÅÅÅÅMMDD, tre siffror och R");
      }
      birth_date = real_date_of(text.substr(0, 8));
      break;
    case LocalReservnummerIssuer::region_vasterbotten:
      // (1[8-9]|2[0-1])\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(R|E|K|A)\d{3}
      if (text.size() != 12 || !matches_hl7_date_prefix(text) ||
          (text[8] != 'R' && text[8] != 'E' && text[8] != 'K' && text[8] != 'A') ||
          !all_digits(text.substr(9))) {
        return format_error("ÅÅÅÅMMDD, R, E, K eller A och tre siffror");
      }
      birth_date = real_date_of(text.substr(0, 8));
      break;
    case LocalReservnummerIssuer::nara_synthetic:
      // SYN + eight digits + a Luhn check digit over those eight; nothing else is encoded.
      if (text.size() != 12 || text.substr(0, 3) != "SYN" || !all_digits(text.substr(3))) {
        return format_error("SYN och nio siffror");
      }
      if (luhn_check_digit(text.substr(3, 8)) != text[11] - '0') {
        return checksum_error();
      }
      break;
    case LocalReservnummerIssuer::none:
      return invalid("identifier.system", "Ange vilken region som utfärdat reservnumret.");
  }
  return PersonIdentifier(PersonIdentifierKind::local_reservnummer, issuer, std::string(text),
                          birth_date, legal_sex);
}

ParseResult<PersonIdentifier> PersonIdentifier::try_parse(std::string_view text,
                                                          year_month_day reference_date) {
  // An NRID is the only accepted shape with a letter right after the 8-digit date (and an
  // optional '-'). Anything else is read as a personnummer, so a typo such as "640823-32a4"
  // is reported against the personnummer rules the user meant.
  const std::string_view trimmed = trim(text);
  if (trimmed.substr(0, 3) == "SYN") {
    return try_parse_local_reservnummer(trimmed, LocalReservnummerIssuer::nara_synthetic);
  }
  std::size_t after_date = 8;
  if (trimmed.size() > after_date && trimmed[after_date] == '-') {
    ++after_date;
  }
  const bool letter_after_date = trimmed.size() > after_date && all_digits(trimmed.substr(0, 8)) &&
                                 (is_upper_ascii(trimmed[after_date]) ||
                                  (trimmed[after_date] >= 'a' && trimmed[after_date] <= 'z'));
  if (letter_after_date) {
    return try_parse_national_reservnummer(trimmed);
  }
  return try_parse_personnummer(trimmed, reference_date);
}

ParseResult<PersonIdentifier> PersonIdentifier::try_parse_for_system(
    std::string_view system, std::string_view text, year_month_day reference_date) {
  system = trim(system);
  for (const IdentifierSystem& candidate : identifier_systems) {
    if (!names_system(candidate, system)) {
      continue;
    }
    switch (candidate.kind) {
      case PersonIdentifierKind::personnummer:
      case PersonIdentifierKind::samordningsnummer: {
        ParseResult<PersonIdentifier> parsed = try_parse_personnummer(text, reference_date);
        if (parsed && parsed.value().kind() != candidate.kind) {
          return invalid("identifier.system_mismatch",
                         candidate.kind == PersonIdentifierKind::personnummer
                             ? "Numret är ett samordningsnummer, inte ett personnummer."
                             : "Numret är ett personnummer, inte ett samordningsnummer.");
        }
        return parsed;
      }
      case PersonIdentifierKind::national_reservnummer:
        return try_parse_national_reservnummer(text);
      case PersonIdentifierKind::local_reservnummer:
        return try_parse_local_reservnummer(text, candidate.issuer);
    }
  }
  return invalid("identifier.system", "Okänt identifierarsystem för personer.");
}

PersonIdentifier PersonIdentifier::parse(std::string_view text, std::string_view field,
                                         year_month_day reference_date) {
  return try_parse(text, reference_date).value_or_throw(field);
}

PersonIdentifier PersonIdentifier::parse_for_system(std::string_view system, std::string_view text,
                                                    std::string_view field,
                                                    year_month_day reference_date) {
  return try_parse_for_system(system, text, reference_date).value_or_throw(field);
}

std::optional<std::string_view> PersonIdentifier::system_oid() const noexcept {
  const IdentifierSystem& system = system_of(kind_, issuer_);
  if (system.oid.empty()) {
    return std::nullopt;
  }
  return system.oid;
}

std::optional<std::string> PersonIdentifier::fhir_system() const {
  const IdentifierSystem& system = system_of(kind_, issuer_);
  if (!system.fhir_uri.empty()) {
    return std::string(system.fhir_uri);
  }
  if (!system.oid.empty()) {
    return "urn:oid:" + std::string(system.oid);
  }
  return std::nullopt;
}

std::string PersonIdentifier::display() const {
  if (kind_ == PersonIdentifierKind::local_reservnummer) {
    return canonical_;
  }
  return canonical_.substr(0, 8) + "-" + canonical_.substr(8);
}

std::string PersonIdentifier::masked() const {
  // Stockholm reservnummer hold only a year ("99" + yyyy); everything after it is individual.
  if (issuer_ == LocalReservnummerIssuer::region_stockholm) {
    return canonical_.substr(0, 6) + "-******";
  }
  // A synthetic reservnummer has no date part: every digit is individual.
  if (issuer_ == LocalReservnummerIssuer::nara_synthetic) {
    return "SYN-*********";
  }
  return canonical_.substr(0, 8) + "-****";
}

std::strong_ordering operator<=>(const PersonIdentifier& a, const PersonIdentifier& b) noexcept {
  if (auto order = a.kind_ <=> b.kind_; std::is_neq(order)) {
    return order;
  }
  if (auto order = a.issuer_ <=> b.issuer_; std::is_neq(order)) {
    return order;
  }
  return a.canonical_ <=> b.canonical_;
}

ParseResult<HsaId> HsaId::try_parse(std::string_view text) {
  text = trim(text);
  if (text.size() > max_length) {
    return invalid("hsa_id.length", "HSA-id får vara högst 31 tecken.");
  }
  // å, ä, ö and @ are called out by the HSA rules (§5.2); name them rather than "wrong format".
  // Non-ASCII bytes (UTF-8 å/ä/ö and anything else) and '@' get the same rule.
  for (char c : text) {
    if (c == '@' || static_cast<unsigned char>(c) >= 0x80) {
      return invalid("hsa_id.characters", "HSA-id får inte innehålla å, ä, ö eller @.");
    }
  }
  const auto format_error = [] {
    return invalid("hsa_id.format",
                   "HSA-id skrivs SE, organisationsnummer (10 siffror), bindestreck och en "
                   "eller flera bokstäver eller siffror.");
  };
  if (text.size() < 14 || text.substr(0, 2) != "SE" || !all_digits(text.substr(2, 10)) ||
      text[12] != '-') {
    return format_error();
  }
  for (char c : text.substr(13)) {
    const bool alphanumeric = is_digit(c) || is_upper_ascii(c) || (c >= 'a' && c <= 'z');
    if (!alphanumeric) {
      return format_error();
    }
  }
  return HsaId(std::string(text));
}

HsaId HsaId::parse(std::string_view text, std::string_view field) {
  return try_parse(text).value_or_throw(field);
}

}  // namespace nara::core
