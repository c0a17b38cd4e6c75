#include "domain/registry/model.hpp"

#include <array>
#include <cctype>

namespace nara::domain::registry {

namespace {
struct UnitKindInfo {
  UnitKind kind;
  std::string_view code;
  std::string_view swedish;
};
constexpr std::array<UnitKindInfo, 7> kUnitKinds{{
    {UnitKind::hospital, "hospital", "Sjukhus"},
    {UnitKind::hospital_ward, "hospital_ward", "Vårdavdelning"},
    {UnitKind::health_centre, "health_centre", "Hälsocentral"},
    {UnitKind::home_health_care, "home_health_care", "Kommunal hemsjukvård"},
    {UnitKind::home_care, "home_care", "Hemtjänst"},
    {UnitKind::residential_care, "residential_care", "Särskilt boende"},
    {UnitKind::administration, "administration", "Administration"},
}};

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}
}  // namespace

std::string_view to_string(PrincipalKind kind) {
  return kind == PrincipalKind::region ? "region" : "municipality";
}

std::optional<PrincipalKind> parse_principal_kind(std::string_view text) {
  if (text == "region") return PrincipalKind::region;
  if (text == "municipality") return PrincipalKind::municipality;
  return std::nullopt;
}

std::string_view to_string(UnitKind kind) {
  for (const auto& k : kUnitKinds) {
    if (k.kind == kind) return k.code;
  }
  return "unknown";
}

std::string_view swedish_name(UnitKind kind) {
  for (const auto& k : kUnitKinds) {
    if (k.kind == kind) return k.swedish;
  }
  return "Okänd";
}

std::optional<UnitKind> parse_unit_kind(std::string_view text) {
  for (const auto& k : kUnitKinds) {
    if (k.code == text) return k.kind;
  }
  return std::nullopt;
}

// Organisationsnummer: ten digits written NNNNNN-NNNN whose last digit is a Luhn check digit
// (Skatteverket, SKV 709), the same modulus-10 rule as personnummer.
std::optional<std::string> check_organisation_number(std::string_view text) {
  if (text.size() != 11 || text[6] != '-' || !all_digits(text.substr(0, 6)) ||
      !all_digits(text.substr(7))) {
    return "organisation_number.format";
  }
  std::string digits(text.substr(0, 6));
  digits += text.substr(7);
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    int d = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  const int check = (10 - sum % 10) % 10;
  if (check != digits[9] - '0') return "organisation_number.checksum";
  return std::nullopt;
}

// Kommunkod (SCB): two digits of the county (län, 01–25) and two of the municipality.
std::optional<std::string> check_municipality_code(std::string_view text) {
  if (text.size() != 4 || !all_digits(text)) return "municipality_code.format";
  if (check_county_code(text.substr(0, 2))) return "municipality_code.county";
  return std::nullopt;
}

std::optional<std::string> check_county_code(std::string_view text) {
  if (text.size() != 2 || !all_digits(text)) return "county_code.format";
  const int code = (text[0] - '0') * 10 + (text[1] - '0');
  if (code < 1 || code > 25) return "county_code.range";
  return std::nullopt;
}

std::optional<std::string> check_username(std::string_view text) {
  if (text.size() < 3 || text.size() > 64) return "username.length";
  for (char c : text) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return "username.characters";
  }
  return std::nullopt;
}

// Length over composition rules (NIST SP 800-63B 5.1.1.2): at least 12 characters, at most 256.
std::optional<std::string> check_password_strength(std::string_view password) {
  if (password.size() < 12) return "password.min_length";
  if (password.size() > 256) return "password.max_length";
  return std::nullopt;
}

}  // namespace nara::domain::registry
