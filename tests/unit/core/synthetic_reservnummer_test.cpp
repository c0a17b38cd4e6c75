// Issue 19 point 6: the synthetic county's own reservnummer ("SYN" + nine digits, the last a Luhn
// check digit), which no real person can hold.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/identifiers.hpp"

namespace nara::core {
namespace {

using namespace std::chrono_literals;
using std::chrono::year_month_day;

constexpr std::string_view kSystem = "urn:nara:synthetic-county:reservnummer";
const year_month_day kToday{2026y / 12 / 4};

TEST(SyntheticReservnummer, ParsesWithItsIssuerAndKeepsNoBirthDateOrSex) {
  const auto parsed = PersonIdentifier::try_parse_local_reservnummer(
      "SYN123456786", LocalReservnummerIssuer::nara_synthetic);
  ASSERT_TRUE(parsed);
  const PersonIdentifier& id = parsed.value();
  EXPECT_EQ(id.kind(), PersonIdentifierKind::local_reservnummer);
  EXPECT_EQ(id.issuer(), LocalReservnummerIssuer::nara_synthetic);
  EXPECT_EQ(id.canonical(), "SYN123456786");
  EXPECT_EQ(id.display(), "SYN123456786");
  EXPECT_EQ(id.birth_date(), std::nullopt);
  EXPECT_EQ(id.legal_sex(), std::nullopt);
  EXPECT_EQ(id.system_oid(), std::nullopt);  // deliberately none: not a national system
  EXPECT_EQ(id.fhir_system(), std::string(kSystem));
  EXPECT_EQ(to_string(id.issuer()), "nara_synthetic");
}

TEST(SyntheticReservnummer, MaskedShowsNoDigits) {
  const auto id = PersonIdentifier::try_parse_local_reservnummer(
                      "SYN000000019", LocalReservnummerIssuer::nara_synthetic)
                      .value();
  EXPECT_EQ(id.masked(), "SYN-*********");
}

TEST(SyntheticReservnummer, ParsesThroughItsSystemAndByItsPrefix) {
  const auto by_system = PersonIdentifier::try_parse_for_system(kSystem, "SYN000000019", kToday);
  ASSERT_TRUE(by_system);
  EXPECT_EQ(by_system.value().issuer(), LocalReservnummerIssuer::nara_synthetic);
  // The prefix is no other form's, so a search box can take it without a system.
  const auto guessed = PersonIdentifier::try_parse(" SYN000000019 ", kToday);
  ASSERT_TRUE(guessed);
  EXPECT_EQ(guessed.value(), by_system.value());
  // And a personnummer is still a personnummer under its own system, not under this one.
  EXPECT_FALSE(PersonIdentifier::try_parse_for_system(kSystem, "191212121212", kToday));
}

TEST(SyntheticReservnummer, RejectsWrongShapesAndCheckDigits) {
  for (const char* text : {"SYN12345678", "SYN1234567860", "SYM123456786", "syn123456786",
                           "SYN12345678A", "123456789012"}) {
    const auto parsed = PersonIdentifier::try_parse_local_reservnummer(
        text, LocalReservnummerIssuer::nara_synthetic);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().rule, "reservnummer.format") << text;
  }
  const auto wrong_check = PersonIdentifier::try_parse_local_reservnummer(
      "SYN123456787", LocalReservnummerIssuer::nara_synthetic);
  ASSERT_FALSE(wrong_check);
  EXPECT_EQ(wrong_check.error().rule, "reservnummer.checksum");
}

TEST(SyntheticReservnummer, EveryIssuerHasAName) {
  for (auto issuer :
       {LocalReservnummerIssuer::none, LocalReservnummerIssuer::region_stockholm,
        LocalReservnummerIssuer::vastra_gotalandsregionen,
        LocalReservnummerIssuer::region_vasternorrland,
        LocalReservnummerIssuer::region_vasterbotten, LocalReservnummerIssuer::nara_synthetic}) {
    EXPECT_NE(to_string(issuer), "unknown");
  }
}

}  // namespace
}  // namespace nara::core
