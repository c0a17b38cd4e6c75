// Charlson comorbidity index from ICD-10 codes (issue 19, the C of LACE): the 17 conditions as
// Quan et al. coded them for ICD-10 (Med Care 2005;43:1130–9, table 1), weighted as Charlson et
// al. did (J Chronic Dis 1987;40:373–83): 1 for myocardial infarction, heart failure, peripheral
// vascular disease, cerebrovascular disease, dementia, chronic pulmonary disease, rheumatic
// disease, peptic ulcer, mild liver disease and diabetes without complications; 2 for diabetes
// with complications, hemiplegia/paraplegia, renal disease and malignancy; 3 for moderate or
// severe liver disease; 6 for metastatic solid tumour and AIDS/HIV. Where a condition has a
// milder and a graver form only the graver counts (liver disease, diabetes, cancer).
#include <algorithm>
#include <cctype>

#include "domain/indicators/risk.hpp"

namespace nara::domain::indicators {
namespace {

// Codes from `low` to `high` (inclusive) compared on their first `low.size()` characters, so
// "I21"–"I22" takes I21.x and I22.x, and "I252"–"I252" takes I25.2 with any further digits.
struct CodeRange {
  std::string_view low;
  std::string_view high;
};

struct ConditionCodes {
  CharlsonCondition condition;
  std::vector<CodeRange> codes;
};

CodeRange one(std::string_view code) {
  return {code, code};
}

const std::vector<ConditionCodes>& table() {
  static const std::vector<ConditionCodes> conditions = {
      {{"myocardial_infarction", 1, "Hjärtinfarkt", "Myocardial infarction"},
       {{"I21", "I22"}, one("I252")}},
      {{"congestive_heart_failure", 1, "Hjärtsvikt", "Congestive heart failure"},
       {one("I099"),
        one("I110"),
        one("I130"),
        one("I132"),
        one("I255"),
        one("I420"),
        {"I425", "I429"},
        one("I43"),
        one("I50"),
        one("P290")}},
      {{"peripheral_vascular_disease", 1, "Perifer kärlsjukdom", "Peripheral vascular disease"},
       {{"I70", "I71"},
        one("I731"),
        one("I738"),
        one("I739"),
        one("I771"),
        one("I790"),
        one("I792"),
        one("K551"),
        one("K558"),
        one("K559"),
        one("Z958"),
        one("Z959")}},
      {{"cerebrovascular_disease", 1, "Cerebrovaskulär sjukdom", "Cerebrovascular disease"},
       {{"G45", "G46"}, one("H340"), {"I60", "I69"}}},
      {{"dementia", 1, "Demens", "Dementia"},
       {{"F00", "F03"}, one("F051"), one("G30"), one("G311")}},
      {{"chronic_pulmonary_disease", 1, "Kronisk lungsjukdom", "Chronic pulmonary disease"},
       {one("I278"),
        one("I279"),
        {"J40", "J47"},
        {"J60", "J67"},
        one("J684"),
        one("J701"),
        one("J703")}},
      {{"rheumatic_disease", 1, "Reumatisk sjukdom", "Rheumatic disease"},
       {{"M05", "M06"}, one("M315"), {"M32", "M34"}, one("M351"), one("M353"), one("M360")}},
      {{"peptic_ulcer_disease", 1, "Magsår", "Peptic ulcer disease"}, {{"K25", "K28"}}},
      {{"mild_liver_disease", 1, "Lätt leversjukdom", "Mild liver disease"},
       {one("B18"),
        {"K700", "K703"},
        one("K709"),
        {"K713", "K715"},
        one("K717"),
        {"K73", "K74"},
        one("K760"),
        {"K762", "K764"},
        one("K768"),
        one("K769"),
        one("Z944")}},
      {{"diabetes_without_complications", 1, "Diabetes utan organkomplikation",
        "Diabetes without chronic complication"},
       {{"E100", "E101"},
        one("E106"),
        {"E108", "E109"},
        {"E110", "E111"},
        one("E116"),
        {"E118", "E119"},
        {"E120", "E121"},
        one("E126"),
        {"E128", "E129"},
        {"E130", "E131"},
        one("E136"),
        {"E138", "E139"},
        {"E140", "E141"},
        one("E146"),
        {"E148", "E149"}}},
      {{"diabetes_with_complications", 2, "Diabetes med organkomplikation",
        "Diabetes with chronic complication"},
       {{"E102", "E105"},
        one("E107"),
        {"E112", "E115"},
        one("E117"),
        {"E122", "E125"},
        one("E127"),
        {"E132", "E135"},
        one("E137"),
        {"E142", "E145"},
        one("E147")}},
      {{"hemiplegia_or_paraplegia", 2, "Hemiplegi eller paraplegi", "Hemiplegia or paraplegia"},
       {one("G041"), one("G114"), {"G801", "G802"}, {"G81", "G82"}, {"G830", "G834"}, one("G839")}},
      {{"renal_disease", 2, "Njursjukdom", "Renal disease"},
       {one("I120"),
        one("I131"),
        {"N032", "N037"},
        {"N052", "N057"},
        {"N18", "N19"},
        one("N250"),
        {"Z490", "Z492"},
        one("Z940"),
        one("Z992")}},
      {{"malignancy", 2, "Cancer", "Malignancy"},
       {{"C00", "C26"},
        {"C30", "C34"},
        {"C37", "C41"},
        one("C43"),
        {"C45", "C58"},
        {"C60", "C76"},
        {"C81", "C85"},
        one("C88"),
        {"C90", "C97"}}},
      {{"moderate_or_severe_liver_disease", 3, "Medelsvår eller svår leversjukdom",
        "Moderate or severe liver disease"},
       {one("I850"),
        one("I859"),
        one("I864"),
        one("I982"),
        one("K704"),
        one("K711"),
        one("K721"),
        one("K729"),
        {"K765", "K767"}}},
      {{"metastatic_solid_tumour", 6, "Metastaserad solid tumör", "Metastatic solid tumour"},
       {{"C77", "C80"}}},
      {{"aids_hiv", 6, "Aids/hiv", "AIDS/HIV"}, {{"B20", "B22"}, one("B24")}},
  };
  return conditions;
}

// "i50.9 " → "I509": ICD-10-SE is written with or without the dot.
std::string normalised(std::string_view code) {
  std::string out;
  for (const char c : code) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

bool in_range(std::string_view code, const CodeRange& range) {
  if (code.size() < range.low.size()) return false;
  const std::string_view head = code.substr(0, range.low.size());
  return head >= range.low && head <= range.high;
}

// The milder form yields to the graver one (Quan 2005 / Charlson 1987 hierarchy).
constexpr std::pair<std::string_view, std::string_view> kHierarchy[] = {
    {"mild_liver_disease", "moderate_or_severe_liver_disease"},
    {"diabetes_without_complications", "diabetes_with_complications"},
    {"malignancy", "metastatic_solid_tumour"},
};

}  // namespace

const std::vector<CharlsonCondition>& charlson_conditions() {
  static const std::vector<CharlsonCondition> conditions = [] {
    std::vector<CharlsonCondition> out;
    for (const auto& entry : table()) out.push_back(entry.condition);
    return out;
  }();
  return conditions;
}

const CharlsonCondition* find_charlson_condition(std::string_view id) {
  for (const auto& condition : charlson_conditions()) {
    if (condition.id == id) return &condition;
  }
  return nullptr;
}

CharlsonResult charlson(const std::vector<std::string>& icd10_codes) {
  std::vector<std::string> codes;
  codes.reserve(icd10_codes.size());
  for (const auto& code : icd10_codes) codes.push_back(normalised(code));
  std::vector<bool> present(table().size(), false);
  for (size_t i = 0; i < table().size(); ++i) {
    present[i] = std::any_of(codes.begin(), codes.end(), [&](const std::string& code) {
      return std::any_of(table()[i].codes.begin(), table()[i].codes.end(),
                         [&](const CodeRange& range) { return in_range(code, range); });
    });
  }
  const auto index_of = [](std::string_view id) {
    for (size_t i = 0; i < table().size(); ++i) {
      if (table()[i].condition.id == id) return i;
    }
    return table().size();
  };
  for (const auto& [milder, graver] : kHierarchy) {
    if (present[index_of(graver)]) present[index_of(milder)] = false;
  }
  CharlsonResult result;
  for (size_t i = 0; i < table().size(); ++i) {
    if (!present[i]) continue;
    result.index += table()[i].condition.weight;
    result.conditions.emplace_back(table()[i].condition.id);
  }
  return result;
}

// WHO ICD-10 (2019) chapters by their code ranges; within a letter the chapter boundary is D50
// (II/III) and H60 (VII/VIII); U is chapter XXII (codes for special purposes).
int icd10_chapter(std::string_view code) {
  const std::string text = normalised(code);
  if (text.size() < 3 || !std::isalpha(static_cast<unsigned char>(text[0])) ||
      !std::isdigit(static_cast<unsigned char>(text[1])) ||
      !std::isdigit(static_cast<unsigned char>(text[2]))) {
    return 0;
  }
  const int number = (text[1] - '0') * 10 + (text[2] - '0');
  switch (text[0]) {
    case 'A':
    case 'B':
      return 1;
    case 'C':
      return 2;
    case 'D':
      return number < 50 ? 2 : 3;
    case 'E':
      return 4;
    case 'F':
      return 5;
    case 'G':
      return 6;
    case 'H':
      return number < 60 ? 7 : 8;
    case 'I':
      return 9;
    case 'J':
      return 10;
    case 'K':
      return 11;
    case 'L':
      return 12;
    case 'M':
      return 13;
    case 'N':
      return 14;
    case 'O':
      return 15;
    case 'P':
      return 16;
    case 'Q':
      return 17;
    case 'R':
      return 18;
    case 'S':
    case 'T':
      return 19;
    case 'V':
    case 'W':
    case 'X':
    case 'Y':
      return 20;
    case 'Z':
      return 21;
    case 'U':
      return 22;
    default:
      return 0;
  }
}

}  // namespace nara::domain::indicators
