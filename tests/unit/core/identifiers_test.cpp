// Tests for person identifiers and HSA-id. Test names cite where each expectation comes from:
// Peer_* the personnummer project's shared cases, Skatteverket_* the official test numbers,
// DomainRules5_1_* / DomainRules5_2_* the vectors and rules in ../shared/design/domain-rules.md.
#include "core/identifiers.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace nara::core {
namespace {

using namespace std::chrono_literals;
using std::chrono::year_month_day;

// A fixed "today" for every test: parsing never reads a clock.
constexpr year_month_day reference_date{std::chrono::year{2026}, std::chrono::November,
                                        std::chrono::day{23}};

std::string shared_file(const std::string& relative) {
  return std::string(NARA_SHARED_DIR) + "/" + relative;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string sex_name(std::optional<LegalSex> sex) {
  if (!sex) {
    return "none";
  }
  return *sex == LegalSex::male ? "male" : "female";
}

// ---------------------------------------------------------------------------------------------
// Peer cases: every entry of peer-testcases-list.json in every written form.

struct PeerCase {
  std::string name;  // e.g. "case02_separated_format", for the test name
  std::string text;  // the written form under test
  std::string expected;
};

// One line summarising what the parser concluded, so each generated test is a single
// comparison whose failure message shows both sides.
std::string summarise(const ParseResult<PersonIdentifier>& result, bool include_canonical) {
  if (!result) {
    return "invalid";
  }
  const PersonIdentifier& id = result.value();
  std::string summary =
      "valid " + std::string(to_string(id.kind())) + " " + sex_name(id.legal_sex());
  if (include_canonical) {
    summary += " " + id.canonical();
  }
  return summary;
}

std::vector<PeerCase> load_peer_cases() {
  std::vector<PeerCase> cases;
  const boost::json::value list =
      boost::json::parse(read_file(shared_file("data/personnummer/peer-testcases-list.json")));
  int index = 0;
  for (const boost::json::value& entry_value : list.as_array()) {
    const boost::json::object& entry = entry_value.as_object();
    ++index;
    const bool valid = entry.at("valid").as_bool();
    const std::string kind =
        entry.at("type").as_string() == "con" ? "samordningsnummer" : "personnummer";
    const std::string sex = entry.at("isMale").as_bool() ? "male" : "female";
    const std::string long_format(entry.at("long_format").as_string());
    const std::string integer_form = std::to_string(entry.at("integer").as_int64());
    for (const char* form :
         {"long_format", "short_format", "separated_format", "separated_long", "integer"}) {
      const std::string text =
          std::string(form) == "integer" ? integer_form : std::string(entry.at(form).as_string());
      // A 10-digit form written with '-' or without separator says "under 100 this year", so
      // its century comes from the reference date, not from long_format: the peer reads
      // 0905271474 as 2009 while long_format says 1909. Only forms that fix the century (a
      // written century or a '+') are compared with long_format.
      const bool century_is_written = text.size() >= 12 || text.find('+') != std::string::npos;
      std::string expected = "invalid";
      if (valid) {
        expected = "valid ";
        expected.append(kind).append(" ").append(sex);
        if (century_is_written) {
          expected += " " + long_format;
        }
      }
      char name[64];
      std::snprintf(name, sizeof name, "case%02d_%s_%s", index, form, valid ? "valid" : "invalid");
      cases.push_back(PeerCase{name, text, expected});
    }
  }
  return cases;
}

// Readable parameter in test listings instead of a byte dump.
void PrintTo(const PeerCase& peer, std::ostream* out) {
  *out << '"' << peer.text << '"';
}

class PeerTestcases : public ::testing::TestWithParam<PeerCase> {};

TEST_P(PeerTestcases, AgreesWithPeerLibrary) {
  const PeerCase& peer = GetParam();
  const ParseResult<PersonIdentifier> result =
      PersonIdentifier::try_parse_personnummer(peer.text, reference_date);
  const bool century_is_written =
      peer.text.size() >= 12 || peer.text.find('+') != std::string::npos;
  EXPECT_EQ(summarise(result, century_is_written), peer.expected)
      << "input \"" << peer.text << "\"" << (result ? "" : " rule " + result.error().rule);
}

INSTANTIATE_TEST_SUITE_P(Peer, PeerTestcases, ::testing::ValuesIn(load_peer_cases()),
                         [](const ::testing::TestParamInfo<PeerCase>& param_info) {
                           return param_info.param.name;
                         });

// ---------------------------------------------------------------------------------------------
// Skatteverket's open test numbers: all 41,493 must parse, as personnummer, and never be
// revealed by masked(). One test with counters keeps this fast and the failure report short.

TEST(Skatteverket, Testpersonnummer_AllParseAsValidAndMaskHidesTheLastFour) {
  std::ifstream in(shared_file("data/personnummer/skatteverket-testpersonnummer.txt"));
  ASSERT_TRUE(in) << "cannot open skatteverket-testpersonnummer.txt";
  std::string line;
  std::size_t count = 0;
  std::vector<std::string> failures;
  while (std::getline(in, line)) {
    if (line.empty()) {
      continue;
    }
    ++count;
    const ParseResult<PersonIdentifier> parsed =
        PersonIdentifier::try_parse_personnummer(line, reference_date);
    std::string problem;
    if (!parsed) {
      problem = parsed.error().rule;
    } else if (parsed.value().canonical() != line) {
      problem = "canonical " + parsed.value().canonical();
    } else if (parsed.value().masked() != line.substr(0, 8) + "-****") {
      problem = "masked " + parsed.value().masked();
    }
    if (!problem.empty() && failures.size() < 10) {
      failures.push_back(line.append(": ").append(problem));
    }
  }
  EXPECT_EQ(count, 41493u);
  EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
}

TEST(Skatteverket, FOL18_OddSerialIsMaleEvenIsFemale) {
  EXPECT_EQ(
      PersonIdentifier::try_parse_personnummer("189001019802", reference_date).value().legal_sex(),
      LegalSex::female);
  EXPECT_EQ(
      PersonIdentifier::try_parse_personnummer("189001029819", reference_date).value().legal_sex(),
      LegalSex::male);
}

// ---------------------------------------------------------------------------------------------
// domain-rules §5.1 test vectors and rules.

TEST(DomainRules5_1, TestVector_640823_3234_IsPersonnummer) {
  const PersonIdentifier id = PersonIdentifier::parse("640823-3234", "identifier", reference_date);
  EXPECT_EQ(id.kind(), PersonIdentifierKind::personnummer);
  EXPECT_EQ(id.canonical(), "196408233234");
  EXPECT_EQ(id.display(), "19640823-3234");
  EXPECT_EQ(id.birth_date(), year_month_day{1964y / std::chrono::August / 23});
  EXPECT_EQ(id.legal_sex(), LegalSex::male);
  EXPECT_EQ(id.system_oid(), "1.2.752.129.2.1.3.1");
  EXPECT_EQ(id.fhir_system(), "http://electronichealth.se/identifier/personnummer");
}

TEST(DomainRules5_1, TestVector_701063_2391_IsSamordningsnummerWithDayMinus60) {
  const PersonIdentifier id = PersonIdentifier::parse("701063-2391", "identifier", reference_date);
  EXPECT_EQ(id.kind(), PersonIdentifierKind::samordningsnummer);
  EXPECT_EQ(id.canonical(), "197010632391");  // the register keeps day + 60
  EXPECT_EQ(id.birth_date(), year_month_day{1970y / std::chrono::October / 3});
  EXPECT_EQ(id.legal_sex(), LegalSex::male);
  EXPECT_EQ(id.system_oid(), "1.2.752.129.2.1.3.3");
  EXPECT_EQ(id.fhir_system(), "http://electronichealth.se/identifier/samordningsnummer");
}

TEST(DomainRules5_1, TestVector_811218_9876_IsPersonnummer) {
  const PersonIdentifier id = PersonIdentifier::parse("811218-9876", "identifier", reference_date);
  EXPECT_EQ(id.canonical(), "198112189876");
  EXPECT_EQ(id.legal_sex(), LegalSex::male);
}

TEST(DomainRules5_1, AllWrittenFormsGiveTheSameCanonicalForm) {
  for (const char* text :
       {"196408233234", "6408233234", "640823-3234", "19640823-3234", "  19640823-3234\t\n"}) {
    const ParseResult<PersonIdentifier> parsed =
        PersonIdentifier::try_parse_personnummer(text, reference_date);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(parsed.value().canonical(), "196408233234") << text;
  }
}

TEST(DomainRules5_1, PlusMeansHundredOrOlder) {
  EXPECT_EQ(PersonIdentifier::parse("121212+1212", "id", reference_date).canonical(),
            "191212121212");
  EXPECT_EQ(PersonIdentifier::parse("121212-1212", "id", reference_date).canonical(),
            "201212121212");
  EXPECT_EQ(PersonIdentifier::parse("19121212+1212", "id", reference_date).canonical(),
            "191212121212");
}

TEST(DomainRules5_1, PlusFromTheYearThePersonTurns100NotTheBirthday) {
  // Born 1926-12-24, so 99 on the reference date but turning 100 this year: written with '+'.
  EXPECT_EQ(PersonIdentifier::parse("261224+1238", "id", reference_date).canonical(),
            "192612241238");
  // With '-' it would be 2026-12-24, a date in the future.
  const ParseResult<PersonIdentifier> minus =
      PersonIdentifier::try_parse_personnummer("261224-1238", reference_date);
  ASSERT_FALSE(minus);
  EXPECT_EQ(minus.error().rule, "personnummer.century");
  // Written with the century, '+' for someone under 100 contradicts itself.
  const ParseResult<PersonIdentifier> young_plus =
      PersonIdentifier::try_parse_personnummer("20121212+1212", reference_date);
  ASSERT_FALSE(young_plus);
  EXPECT_EQ(young_plus.error().rule, "personnummer.century");
}

TEST(DomainRules5_1, CenturyMustBe18To20AndNotInTheFuture) {
  for (const char* text : {"171212121212", "211212121212", "20270101-1237"}) {
    const ParseResult<PersonIdentifier> parsed =
        PersonIdentifier::try_parse_personnummer(text, reference_date);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().rule, "personnummer.century") << text;
  }
}

TEST(DomainRules5_1, LeapDays) {
  EXPECT_TRUE(PersonIdentifier::try_parse_personnummer("20000229-1235", reference_date));
  EXPECT_TRUE(PersonIdentifier::try_parse_personnummer("0002291235", reference_date));
  EXPECT_TRUE(PersonIdentifier::try_parse_personnummer("20240229-1237", reference_date));
  for (const char* text : {"19000229-1235", "20230229-1238"}) {  // 1900 is not a leap year
    const ParseResult<PersonIdentifier> parsed =
        PersonIdentifier::try_parse_personnummer(text, reference_date);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().rule, "personnummer.date") << text;
  }
}

TEST(DomainRules5_1, InvalidDatesAreRejected) {
  // Checksums are correct, so only the date is wrong: month 13, day 00, day 32 (neither a
  // personnummer nor a samordningsnummer day), day 92 (samordningsnummer day 32), 31 February.
  for (const char* text :
       {"131301-1239", "121200-1232", "121232-1234", "121292-1231", "900231-1232"}) {
    const ParseResult<PersonIdentifier> parsed =
        PersonIdentifier::try_parse_personnummer(text, reference_date);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().rule, "personnummer.date") << text;
  }
}

TEST(DomainRules5_1, SerialNumber000IsRejected) {
  const ParseResult<PersonIdentifier> parsed =
      PersonIdentifier::try_parse_personnummer("201509160006", reference_date);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().rule, "personnummer.serial");
}

TEST(DomainRules5_1, WrongCheckDigitIsRejected) {
  const ParseResult<PersonIdentifier> parsed =
      PersonIdentifier::try_parse_personnummer("640823-3235", reference_date);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().rule, "personnummer.checksum");
  EXPECT_FALSE(parsed.error().detail.empty());
}

TEST(DomainRules5_1, MalformedTextIsAFormatError) {
  for (const char* text : {"", "   ", "abc", "19640823 3234", "640823*3234", "640823\u20133234",
                           "1964082332341", "64082-33234", "19640823-323a"}) {
    const ParseResult<PersonIdentifier> parsed =
        PersonIdentifier::try_parse_personnummer(text, reference_date);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().rule, "personnummer.format") << text;
  }
}

TEST(DomainRules5_1, LettersOnlyMeanReservnummerRightAfterTheDate) {
  const ParseResult<PersonIdentifier> typo =
      PersonIdentifier::try_parse("640823-32a4", reference_date);
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().rule, "personnummer.format");
  const ParseResult<PersonIdentifier> nrid_typo =
      PersonIdentifier::try_parse("19800101-Ab1", reference_date);
  ASSERT_FALSE(nrid_typo);
  EXPECT_EQ(nrid_typo.error().rule, "reservnummer.format");
}

TEST(DomainRules5_1, ReferenceDateMustBeReal) {
  EXPECT_THROW(
      (void)PersonIdentifier::try_parse_personnummer("640823-3234", year_month_day{2026y / 2 / 30}),
      std::invalid_argument);
}

TEST(DomainRules5_1, ParseThrowsProblemNamingFieldAndRule) {
  try {
    (void)PersonIdentifier::parse("640823-3235", "subject/identifier", reference_date);
    FAIL() << "expected ProblemError";
  } catch (const ProblemError& error) {
    ASSERT_EQ(error.problem().errors.size(), 1u);
    EXPECT_EQ(error.problem().status, 422);
    EXPECT_EQ(error.problem().errors[0].field, "subject/identifier");
    EXPECT_EQ(error.problem().errors[0].rule, "personnummer.checksum");
  }
}

TEST(DomainRules5_1, MaskedNeverShowsTheIndividualDigits) {
  const PersonIdentifier id = PersonIdentifier::parse("19121212-1212", "id", reference_date);
  EXPECT_EQ(id.masked(), "19121212-****");
  const PersonIdentifier samordning = PersonIdentifier::parse("701063-2391", "id", reference_date);
  EXPECT_EQ(samordning.masked(), "19701063-****");
  EXPECT_EQ(samordning.masked().find("2391"), std::string::npos);
}

TEST(DomainRules5_1, NationalReservnummer) {
  for (const char* text : {"19800101-AB12", "19800101AB12", "19800101ABC1", "19800101ZZZ9"}) {
    const ParseResult<PersonIdentifier> parsed = PersonIdentifier::try_parse(text, reference_date);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(parsed.value().kind(), PersonIdentifierKind::national_reservnummer) << text;
    EXPECT_EQ(parsed.value().canonical().size(), 12u) << text;
  }
  const PersonIdentifier id = PersonIdentifier::parse("19800101-AB12", "id", reference_date);
  EXPECT_EQ(id.canonical(), "19800101AB12");
  EXPECT_EQ(id.display(), "19800101-AB12");
  EXPECT_EQ(id.masked(), "19800101-****");
  EXPECT_EQ(id.system_oid(), "1.2.752.74.9.1");
  EXPECT_EQ(id.fhir_system(), "http://electronichealth.se/identifier/nationelltReservnummer");
  EXPECT_EQ(id.birth_date(), year_month_day{1980y / 1 / 1});
  EXPECT_EQ(id.legal_sex(), std::nullopt);
  // I, O, Q, V, W are excluded; lower case and a wrong letter/digit mix fail.
  for (const char* text :
       {"19800101AI12", "19800101OB12", "19800101ab12", "19800101A123", "19800101ABCD"}) {
    const ParseResult<PersonIdentifier> parsed = PersonIdentifier::try_parse(text, reference_date);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().rule, "reservnummer.format") << text;
  }
}

TEST(DomainRules5_1, NationalReservnummerWithShortDateIsRejected) {
  EXPECT_FALSE(PersonIdentifier::try_parse("1980010-AB12", reference_date));
  EXPECT_FALSE(PersonIdentifier::try_parse_national_reservnummer("1980010-AB12"));
}

TEST(DomainRules5_1, RegionStockholmReservnummerTestVectors) {
  for (const char* text : {"991981000010", "991945000023", "991993000032"}) {
    const ParseResult<PersonIdentifier> parsed = PersonIdentifier::try_parse_local_reservnummer(
        text, LocalReservnummerIssuer::region_stockholm);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(parsed.value().system_oid(), "1.2.752.97.3.1.3");
    EXPECT_EQ(parsed.value().fhir_system(), "urn:oid:1.2.752.97.3.1.3");
    EXPECT_EQ(parsed.value().birth_date(), std::nullopt);
  }
  const ParseResult<PersonIdentifier> wrong = PersonIdentifier::try_parse_local_reservnummer(
      "991981000011", LocalReservnummerIssuer::region_stockholm);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().rule, "reservnummer.checksum");
  EXPECT_EQ(PersonIdentifier::try_parse_local_reservnummer(
                "991981000010", LocalReservnummerIssuer::region_stockholm)
                .value()
                .masked(),
            "991981-******");
}

TEST(DomainRules5_1, VastraGotalandReservnummerTestVectors) {
  struct Vector {
    const char* text;
    std::optional<LegalSex> sex;
  };
  for (const Vector& vector :
       {Vector{"19810829M071", LegalSex::male}, Vector{"19450829K088", LegalSex::female},
        Vector{"19930829X802", std::nullopt}}) {
    const ParseResult<PersonIdentifier> parsed = PersonIdentifier::try_parse_local_reservnummer(
        vector.text, LocalReservnummerIssuer::vastra_gotalandsregionen);
    ASSERT_TRUE(parsed) << vector.text;
    EXPECT_EQ(parsed.value().legal_sex(), vector.sex) << vector.text;
    EXPECT_EQ(parsed.value().system_oid(), "1.2.752.113.11.0.2.1.1.1");
  }
  const ParseResult<PersonIdentifier> wrong = PersonIdentifier::try_parse_local_reservnummer(
      "19810829M072", LocalReservnummerIssuer::vastra_gotalandsregionen);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().rule, "reservnummer.checksum");
  EXPECT_FALSE(PersonIdentifier::try_parse_local_reservnummer(
      "19810829M051", LocalReservnummerIssuer::vastra_gotalandsregionen));  // gg 05
}

TEST(DomainRules5_1, VasternorrlandAndVasterbottenReservnummer) {
  const PersonIdentifier vasternorrland =
      PersonIdentifier::try_parse_local_reservnummer("19800101123R",
                                                     LocalReservnummerIssuer::region_vasternorrland)
          .value();
  EXPECT_EQ(vasternorrland.birth_date(), year_month_day{1980y / 1 / 1});
  EXPECT_EQ(vasternorrland.system_oid(), std::nullopt);  // no OID in the sources
  EXPECT_EQ(vasternorrland.fhir_system(), std::nullopt);
  EXPECT_EQ(vasternorrland.masked(), "19800101-****");
  EXPECT_TRUE(PersonIdentifier::try_parse_local_reservnummer(
      "19800101K123", LocalReservnummerIssuer::region_vasterbotten));
  for (const char* text : {"19800101123X", "22000101123R", "19801301123R", "19800132123R"}) {
    EXPECT_FALSE(PersonIdentifier::try_parse_local_reservnummer(
        text, LocalReservnummerIssuer::region_vasternorrland))
        << text;
  }
  for (const char* text : {"19800101B123", "17800101K123", "19800101K12"}) {
    EXPECT_FALSE(PersonIdentifier::try_parse_local_reservnummer(
        text, LocalReservnummerIssuer::region_vasterbotten))
        << text;
  }
}

TEST(DomainRules5_1, ParseForSystemAcceptsUriUrnOidAndBareOid) {
  EXPECT_TRUE(PersonIdentifier::try_parse_for_system(
      "http://electronichealth.se/identifier/personnummer", "640823-3234", reference_date));
  EXPECT_TRUE(PersonIdentifier::try_parse_for_system("urn:oid:1.2.752.129.2.1.3.1", "640823-3234",
                                                     reference_date));
  EXPECT_TRUE(
      PersonIdentifier::try_parse_for_system("1.2.752.97.3.1.3", "991981000010", reference_date));
  const ParseResult<PersonIdentifier> mismatch = PersonIdentifier::try_parse_for_system(
      "http://electronichealth.se/identifier/personnummer", "701063-2391", reference_date);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().rule, "identifier.system_mismatch");
  EXPECT_EQ(PersonIdentifier::parse_for_system("urn:oid:1.2.752.113.11.0.2.1.1.1", "19810829M071",
                                               "identifier", reference_date)
                .issuer(),
            LocalReservnummerIssuer::vastra_gotalandsregionen);
  EXPECT_THROW((void)PersonIdentifier::parse_for_system("urn:oid:1.2.3", "640823-3234",
                                                        "identifier", reference_date),
               ProblemError);
  const ParseResult<PersonIdentifier> unknown =
      PersonIdentifier::try_parse_for_system("urn:oid:1.2.3", "640823-3234", reference_date);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().rule, "identifier.system");
}

// ---------------------------------------------------------------------------------------------
// domain-rules §5.2 HSA-id.

TEST(DomainRules5_2, HsaIdValid) {
  const HsaId id = HsaId::parse("SE2321000016-1234", "unit/hsaId");
  EXPECT_EQ(id.value(), "SE2321000016-1234");
  EXPECT_EQ(id.organisation_number(), "2321000016");
  EXPECT_EQ(HsaId::system_oid, "1.2.752.129.2.1.4.1");
  EXPECT_EQ(HsaId::fhir_system, "urn:oid:1.2.752.29.4.19");
  EXPECT_TRUE(HsaId::try_parse("SE2321000016-abcDEF012345678901"));  // exactly 31 characters
}

TEST(DomainRules5_2, HsaIdInvalid) {
  struct Case {
    const char* text;
    const char* rule;
  };
  for (const Case& c :
       {Case{"SE2321000016-abcDEF0123456789012", "hsa_id.length"},
        Case{"SE2321000016-Åsa", "hsa_id.characters"},
        Case{"SE2321000016-a@b", "hsa_id.characters"}, Case{"SE2321000016-", "hsa_id.format"},
        Case{"SE232100001-12", "hsa_id.format"}, Case{"se2321000016-1", "hsa_id.format"},
        Case{"SE2321000016_1", "hsa_id.format"}, Case{"SE2321000016-a b", "hsa_id.format"},
        Case{"", "hsa_id.format"}}) {
    const ParseResult<HsaId> parsed = HsaId::try_parse(c.text);
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().rule, c.rule) << c.text;
  }
  EXPECT_THROW((void)HsaId::parse("SE1-1", "unit/hsaId"), ProblemError);
}

}  // namespace
}  // namespace nara::core
