// Issue 19 p. 3: Charlson (Quan 2005 ICD-10 coding, Charlson 1987 weights), LACE (van Walraven
// 2010), the mest sjuka äldre (Socialstyrelsen 2011, domain-rules §4.1) and the proactive list.
#include <gtest/gtest.h>

#include "domain/indicators/risk.hpp"
#include "indicators_test_support.hpp"

namespace nara::domain::indicators {
namespace {

using test::at;
using test::date;

constexpr LocalDate kReference = date(2026, 12, 4);

TEST(Charlson, Quan2005_ConditionsAndCharlson1987Weights) {
  // Heart failure (1) + COPD (1) + renal disease (2) = 4; R52 is none of the 17.
  const auto result = charlson({"I50.9", "J44.1", "N18.5", "R52"});
  EXPECT_EQ(result.index, 4);
  EXPECT_EQ(result.conditions,
            (std::vector<std::string>{"congestive_heart_failure", "chronic_pulmonary_disease",
                                      "renal_disease"}));
  // Written without the dot and in lower case, and a condition named twice counts once.
  EXPECT_EQ(charlson({"i509", "I500"}).index, 1);
  // AIDS/HIV weighs 6, hemiplegia 2, dementia 1.
  EXPECT_EQ(charlson({"B20.1", "G81.9", "F01.5"}).index, 9);
}

TEST(Charlson, Quan2005_CodeRangesAreExact) {
  EXPECT_EQ(charlson({"I42.4"}).index, 0);  // I42.0 and I42.5–I42.9 only
  EXPECT_EQ(charlson({"I42.5"}).index, 1);
  EXPECT_EQ(charlson({"I25.2"}).conditions, std::vector<std::string>{"myocardial_infarction"});
  EXPECT_EQ(charlson({"I25.1"}).index, 0);
  EXPECT_EQ(charlson({"C44.3"}).index, 0);  // skin other than melanoma is not a malignancy
  EXPECT_EQ(charlson({"C43.9"}).index, 2);
}

TEST(Charlson, Charlson1987_Hierarchy_OnlyTheGraverFormCounts) {
  // Mild (K70.3, 1) and moderate/severe liver disease (K72.1, 3): 3, not 4.
  EXPECT_EQ(charlson({"K70.3", "K72.1"}).conditions,
            std::vector<std::string>{"moderate_or_severe_liver_disease"});
  EXPECT_EQ(charlson({"K70.3", "K72.1"}).index, 3);
  // Diabetes uncomplicated (E11.9, 1) and with complications (E11.2, 2): 2.
  EXPECT_EQ(charlson({"E11.9", "E11.2"}).index, 2);
  EXPECT_EQ(charlson({"E11.9"}).index, 1);
  // Lung cancer (C34.1, 2) with metastases (C78.0, 6): 6.
  EXPECT_EQ(charlson({"C34.1", "C78.0"}).index, 6);
  EXPECT_EQ(charlson({"C34.1", "C78.0"}).conditions,
            std::vector<std::string>{"metastatic_solid_tumour"});
  EXPECT_EQ(charlson_conditions().size(), 17u);
}

TEST(Charlson, Section4_1_Icd10Chapters_AsWho) {
  EXPECT_EQ(icd10_chapter("A41.9"), 1);
  EXPECT_EQ(icd10_chapter("D48.9"), 2);
  EXPECT_EQ(icd10_chapter("D50.0"), 3);
  EXPECT_EQ(icd10_chapter("H59.0"), 7);
  EXPECT_EQ(icd10_chapter("H60.1"), 8);
  EXPECT_EQ(icd10_chapter("I50.9"), 9);
  EXPECT_EQ(icd10_chapter("T81.4"), 19);
  EXPECT_EQ(icd10_chapter("W19"), 20);
  EXPECT_EQ(icd10_chapter("Z99.2"), 21);
  EXPECT_EQ(icd10_chapter("U07.1"), 22);
  EXPECT_EQ(icd10_chapter("X"), 0);
  EXPECT_EQ(icd10_chapter("150"), 0);
}

Stay stay(const std::string& id, const char* admitted, const char* discharged,
          AdmissionKind kind = AdmissionKind::acute, std::vector<std::string> diagnoses = {}) {
  Stay s;
  s.episode_id = id;
  s.admitted_at = at(admitted);
  if (discharged != nullptr) s.discharged_at = at(discharged);
  s.admission_kind = kind;
  s.diagnoses = std::move(diagnoses);
  return s;
}

PersonHistory person(std::vector<Stay> stays, int age = 84) {
  PersonHistory p;
  p.person_id = "p";
  p.age = age;
  p.stays = std::move(stays);
  return p;
}

const LaceFactor& factor(const LaceScore& score, char letter) {
  for (const auto& f : score.factors) {
    if (f.letter == letter) return f;
  }
  ADD_FAILURE() << "no factor " << letter;
  static const LaceFactor none;
  return none;
}

TEST(Lace, VanWalraven2010_LengthOfStayPoints) {
  // LOS in calendar days → points: 0→0, 1→1, 2→2, 3→3, 4–6→4, 7–13→5, ≥14→7.
  const std::vector<std::pair<const char*, int>> cases = {
      {"2026-11-01T18:00:00+01:00", 0}, {"2026-11-02T10:00:00+01:00", 1},
      {"2026-11-03T10:00:00+01:00", 2}, {"2026-11-04T10:00:00+01:00", 3},
      {"2026-11-05T10:00:00+01:00", 4}, {"2026-11-07T10:00:00+01:00", 4},
      {"2026-11-08T10:00:00+01:00", 5}, {"2026-11-14T10:00:00+01:00", 5},
      {"2026-11-15T10:00:00+01:00", 7}};
  for (const auto& [discharged, points] : cases) {
    const auto score =
        lace(person({stay("s", "2026-11-01T08:00:00+01:00", discharged, AdmissionKind::planned)}),
             kReference);
    EXPECT_EQ(factor(score, 'L').points, points) << discharged;
  }
}

TEST(Lace, VanWalraven2010_HighBand_ExplainedFactorByFactor) {
  // Index: acute, 5 days (4 p), heart failure + COPD = Charlson 2 (2 p), one acute admission
  // three months before (1 p): 4 + 3 + 2 + 1 = 10, high.
  const auto score =
      lace(person({stay("earlier", "2026-08-10T08:00:00+02:00", "2026-08-12T10:00:00+02:00"),
                   stay("index", "2026-11-10T08:00:00+01:00", "2026-11-15T10:00:00+01:00",
                        AdmissionKind::acute, {"I50.9", "J44.1"})}),
           kReference);
  EXPECT_EQ(score.index_episode_id, "index");
  EXPECT_EQ(score.total, 10);
  EXPECT_EQ(score.band, "high");
  ASSERT_EQ(score.factors.size(), 4u);
  EXPECT_EQ(score.factors[0].explanation_sv, "Vårdtid 5 dygn (4 p)");
  EXPECT_EQ(score.factors[0].explanation_en, "Length of stay 5 days (4 p)");
  EXPECT_EQ(score.factors[1].explanation_sv, "Akut inskrivning (3 p)");
  EXPECT_EQ(score.factors[2].explanation_sv, "Charlson 2: Hjärtsvikt, Kronisk lungsjukdom (2 p)");
  EXPECT_EQ(factor(score, 'E').points, 1);
  EXPECT_NE(factor(score, 'E').explanation_sv.find("akutbesök"), std::string::npos);
  EXPECT_EQ(score.charlson_conditions,
            (std::vector<std::string>{"congestive_heart_failure", "chronic_pulmonary_disease"}));
}

TEST(Lace, VanWalraven2010_Bands_FourLowFiveModerateNineModerate) {
  // 2 days planned, nothing else: 2, low. Planned 4 days + Charlson 0: 4, low.
  auto score = lace(person({stay("s", "2026-11-01T08:00:00+01:00", "2026-11-05T10:00:00+01:00",
                                 AdmissionKind::planned)}),
                    kReference);
  EXPECT_EQ(score.total, 4);
  EXPECT_EQ(score.band, "low");
  // 1 day acute + heart failure: 1 + 3 + 1 = 5, moderate.
  score = lace(person({stay("s", "2026-11-01T08:00:00+01:00", "2026-11-02T10:00:00+01:00",
                            AdmissionKind::acute, {"I50.9"})}),
               kReference);
  EXPECT_EQ(score.total, 5);
  EXPECT_EQ(score.band, "moderate");
  // 7 days acute + Charlson 1: 5 + 3 + 1 = 9, moderate.
  score = lace(person({stay("s", "2026-11-01T08:00:00+01:00", "2026-11-08T10:00:00+01:00",
                            AdmissionKind::acute, {"I50.9"})}),
               kReference);
  EXPECT_EQ(score.total, 9);
  EXPECT_EQ(score.band, "moderate");
}

TEST(Lace, VanWalraven2010_CapsCharlsonFourOrMoreIsFiveAndAtMostFourVisits) {
  std::vector<Stay> stays;
  // Six acute admissions in the six months before the index.
  for (const char* when :
       {"2026-06-01T08:00:00+02:00", "2026-07-01T08:00:00+02:00", "2026-08-01T08:00:00+02:00",
        "2026-09-01T08:00:00+02:00", "2026-09-15T08:00:00+02:00", "2026-10-01T08:00:00+02:00"}) {
    stays.push_back(stay(std::string("before-") + when, when, when));
  }
  // Index: 20 days (7), acute (3), metastatic cancer + heart failure = Charlson 7 → 5.
  stays.push_back(stay("index", "2026-11-01T08:00:00+01:00", "2026-11-21T10:00:00+01:00",
                       AdmissionKind::acute, {"C78.0", "I50.9"}));
  const auto score = lace(person(stays), kReference);
  EXPECT_EQ(factor(score, 'C').points, 5);
  EXPECT_EQ(factor(score, 'E').points, 4);
  EXPECT_EQ(score.total, 7 + 3 + 5 + 4);
}

TEST(Lace, VanWalraven2010_EmergencyWindowIsSixMonthsBeforeTheAdmission) {
  // Index admitted 10 November: 10 May counts, 9 May does not; a planned one never counts.
  const auto score =
      lace(person({stay("in", "2026-05-10T08:00:00+02:00", "2026-05-11T08:00:00+02:00"),
                   stay("out", "2026-05-09T08:00:00+02:00", "2026-05-09T18:00:00+02:00"),
                   stay("planned", "2026-09-01T08:00:00+02:00", "2026-09-02T08:00:00+02:00",
                        AdmissionKind::planned),
                   stay("index", "2026-11-10T08:00:00+01:00", "2026-11-11T10:00:00+01:00")}),
           kReference);
  EXPECT_EQ(factor(score, 'E').points, 1);
}

TEST(Lace, VanWalraven2010_InHospitalNowScoresTheCurrentStaySoFar) {
  const auto score =
      lace(person({stay("old", "2026-10-01T08:00:00+02:00", "2026-10-20T08:00:00+02:00"),
                   stay("now", "2026-12-01T08:00:00+01:00", nullptr, AdmissionKind::unknown)}),
           kReference);
  EXPECT_EQ(score.index_episode_id, "now");
  EXPECT_EQ(factor(score, 'L').explanation_sv, "Vårdtid hittills 3 dygn (3 p)");
  EXPECT_EQ(factor(score, 'A').points, 0);  // kind not recorded: no points, and said so
  EXPECT_EQ(factor(score, 'A').explanation_sv, "Inskrivningssätt okänt (0 p)");
}

TEST(Lace, VanWalraven2010_NoStayNoScore) {
  const auto score = lace(person({}), kReference);
  EXPECT_FALSE(score.index_episode_id.has_value());
  EXPECT_EQ(score.total, 0);
  EXPECT_TRUE(score.factors.empty());
}

const Criterion& criterion(const FrailtyAssessment& a, std::string_view id) {
  for (const auto& c : a.criteria) {
    if (c.id == id) return c;
  }
  ADD_FAILURE() << "no criterion " << id;
  static const Criterion none;
  return none;
}

std::vector<Stay> admissions(std::initializer_list<const char*> days) {
  std::vector<Stay> out;
  int n = 0;
  for (const char* day : days) out.push_back(stay("s" + std::to_string(++n), day, day));
  return out;
}

TEST(Frailty, Section4_1_ThreeAdmissionsIn12MonthsMakeExtensiveCare) {
  const auto assessment =
      assess_frailty(person(admissions({"2026-02-01T08:00:00+01:00", "2026-06-01T08:00:00+02:00",
                                        "2026-11-01T08:00:00+01:00"})),
                     kReference);
  EXPECT_TRUE(criterion(assessment, "admissions_12m").met);
  EXPECT_DOUBLE_EQ(*criterion(assessment, "admissions_12m").value, 3);
  EXPECT_TRUE(assessment.extensive_care);
  EXPECT_FALSE(assessment.extensive_social_care);
  EXPECT_TRUE(assessment.most_ill);
}

TEST(Frailty, Section4_1_TwelveMonthsEndOnTheReferenceDay) {
  // 4 December 2025 is 12 months before: outside; 5 December 2025 inside. Two admissions.
  const auto assessment =
      assess_frailty(person(admissions({"2025-12-04T10:00:00+01:00", "2025-12-05T10:00:00+01:00",
                                        "2026-06-01T08:00:00+02:00"})),
                     kReference);
  EXPECT_DOUBLE_EQ(*criterion(assessment, "admissions_12m").value, 2);
  EXPECT_FALSE(assessment.most_ill);
}

TEST(Frailty, Section4_1_UnderTheMinimumAgeIsNeverMostIll) {
  const auto assessment =
      assess_frailty(person(admissions({"2026-02-01T08:00:00+01:00", "2026-06-01T08:00:00+02:00",
                                        "2026-11-01T08:00:00+01:00"}),
                            64),
                     kReference);
  EXPECT_TRUE(assessment.extensive_care);
  EXPECT_FALSE(assessment.most_ill);
}

TEST(Frailty, Section4_1_InpatientDays_NineteenIsNotEnoughTwentyIs) {
  // 1 → 20 November: 19 nights; 1 → 21 November: 20.
  auto assessment = assess_frailty(
      person({stay("s", "2026-11-01T08:00:00+01:00", "2026-11-20T08:00:00+01:00")}), kReference);
  EXPECT_DOUBLE_EQ(*criterion(assessment, "inpatient_days_12m").value, 19);
  EXPECT_FALSE(assessment.most_ill);
  assessment = assess_frailty(
      person({stay("s", "2026-11-01T08:00:00+01:00", "2026-11-21T08:00:00+01:00")}), kReference);
  EXPECT_TRUE(criterion(assessment, "inpatient_days_12m").met);
  EXPECT_TRUE(assessment.most_ill);
}

TEST(Frailty, Section4_1_DiagnosesInThreeIcd10Chapters) {
  // I50 (IX), J44 (X), E11 (IV) and I10 (IX again): 3 chapters.
  const auto assessment =
      assess_frailty(person({stay("s", "2026-11-01T08:00:00+01:00", "2026-11-02T08:00:00+01:00",
                                  AdmissionKind::acute, {"I50.9", "J44.1", "E11.9", "I10"})}),
                     kReference);
  EXPECT_DOUBLE_EQ(*criterion(assessment, "diagnosis_groups_12m").value, 3);
  EXPECT_TRUE(assessment.most_ill);
}

TEST(Frailty, Section4_1_UnknownPartsAreNamedAndNeverMet) {
  const auto assessment = assess_frailty(person({}), kReference);
  const Criterion& visits = criterion(assessment, "specialist_visits_12m");
  EXPECT_FALSE(visits.known);
  EXPECT_FALSE(visits.met);
  EXPECT_NE(visits.text_sv.find("finns inte i Nära"), std::string::npos);
  const Criterion& hours = criterion(assessment, "home_care_hours_month");
  EXPECT_FALSE(hours.known);
  EXPECT_FALSE(hours.met);
  EXPECT_FALSE(assessment.most_ill);
}

TEST(Frailty, Section4_1_HomeCareHoursAndSaboMakeExtensiveSocialCare) {
  PersonHistory p = person({});
  p.home_care_hours_last_month = 24.5;
  EXPECT_FALSE(assess_frailty(p, kReference).extensive_social_care);
  p.home_care_hours_last_month = 25;
  auto assessment = assess_frailty(p, kReference);
  EXPECT_TRUE(criterion(assessment, "home_care_hours_month").known);
  EXPECT_TRUE(assessment.extensive_social_care);
  EXPECT_TRUE(assessment.most_ill);
  p.home_care_hours_last_month.reset();
  p.permanent_residential_care = true;
  EXPECT_TRUE(assess_frailty(p, kReference).most_ill);
}

TEST(Frailty, Section4_1_KarngruppRequiresBothAndMinCareCriteriaIsConfigurable) {
  PersonHistory p = person(admissions(
      {"2026-02-01T08:00:00+01:00", "2026-06-01T08:00:00+02:00", "2026-11-01T08:00:00+01:00"}));
  p.specialist_physician_visits_12m = 8;
  FrailtyCriteria both;
  both.require_both = true;
  EXPECT_FALSE(assess_frailty(p, kReference, both).most_ill);  // no extensive social care
  p.permanent_residential_care = true;
  EXPECT_TRUE(assess_frailty(p, kReference, both).most_ill);
  FrailtyCriteria two;
  two.min_care_criteria = 2;
  p.permanent_residential_care = false;
  EXPECT_TRUE(assess_frailty(p, kReference, two).extensive_care);  // admissions + visits
  p.specialist_physician_visits_12m = 7;
  EXPECT_FALSE(assess_frailty(p, kReference, two).extensive_care);
}

PersonHistory listed(const std::string& id, int length_days, bool acute,
                     std::vector<std::string> diagnoses = {}) {
  PersonHistory p = person({});
  p.person_id = id;
  const auto admitted = at("2026-11-01T08:00:00+01:00");
  Stay s = stay("index-" + id, "2026-11-01T08:00:00+01:00", nullptr,
                acute ? AdmissionKind::acute : AdmissionKind::planned, std::move(diagnoses));
  s.discharged_at = admitted + std::chrono::days{length_days};
  p.stays = {s};
  return p;
}

TEST(ProactiveList, Issue19_RankedByLaceThenCriteria_ReviewPendingLast) {
  // a: 14 days (7) + acute (3) + heart failure (1) = 11.
  PersonHistory a = listed("a", 14, true, {"I50.9"});
  // b: 5 days (4) planned + SÄBO: LACE 4 but mest sjuka äldre.
  PersonHistory b = listed("b", 5, false);
  b.permanent_residential_care = true;
  b.has_named_contact = true;
  // c: neither: not listed.
  PersonHistory c = listed("c", 2, false);
  // d: LACE 14 + 3 = 17 with heart failure and COPD … but assessed, review on 1 Jan 2027.
  PersonHistory d = listed("d", 20, true, {"I50.9", "J44.1", "N18.5"});
  d.last_action = ActionKind::assessed_no_action;
  d.next_review_on = date(2027, 1, 1);
  // e: assessed, review date passed: back in the ranking; 14 days acute: 10.
  PersonHistory e = listed("e", 14, true);
  e.last_action = ActionKind::assessed_no_action;
  e.next_review_on = date(2026, 12, 1);

  const auto rows = proactive_list({a, b, c, d, e}, kReference);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].person_id, "a");
  EXPECT_EQ(rows[1].person_id, "e");
  EXPECT_EQ(rows[2].person_id, "b");
  EXPECT_EQ(rows[3].person_id, "d");
  EXPECT_TRUE(rows[3].review_pending);
  EXPECT_FALSE(rows[1].review_pending);

  EXPECT_EQ(rows[0].risk.total, 11);
  EXPECT_EQ(rows[0].reasons_sv.front(), "LACE 11 (hög risk)");
  EXPECT_EQ(rows[0].reasons_sv.at(1), "Hjärtsvikt");
  EXPECT_EQ(rows[0].reasons_en.front(), "LACE 11 (high risk)");
  EXPECT_EQ(rows[0].gaps_sv, (std::vector<std::string>{"Ingen fast vårdkontakt", "Ingen aktiv SIP",
                                                       "Ingen hemsjukvård"}));
  EXPECT_TRUE(rows[2].frailty.most_ill);
  EXPECT_EQ(rows[2].reasons_sv.front(), "Permanent särskilt boende");
  EXPECT_EQ(rows[2].gaps_sv, (std::vector<std::string>{"Ingen aktiv SIP", "Ingen hemsjukvård"}));
}

TEST(ProactiveList, Issue19_AdmissionsComeFirstAmongTheReasons) {
  PersonHistory p = person(admissions(
      {"2026-02-01T08:00:00+01:00", "2026-06-01T08:00:00+02:00", "2026-11-01T08:00:00+01:00"}));
  const auto rows = proactive_list({p}, kReference);
  ASSERT_EQ(rows.size(), 1u);
  // LACE of the 1 November stay: 0 days (0) + acute (3) + Charlson 0 + the June admission in
  // the six months before (1) = 4, low: not a reason of its own.
  EXPECT_EQ(rows[0].risk.total, 4);
  EXPECT_EQ(rows[0].reasons_sv, std::vector<std::string>{"3 inskrivningar senaste 12 mån"});
  EXPECT_EQ(rows[0].reasons_en, std::vector<std::string>{"3 admissions in the last 12 months"});
}

TEST(ProactiveList, Issue19_ModerateLaceIsAReasonButNotEnoughToBeListed) {
  // 1 day acute with heart failure: 1 + 3 + 1 + 0 = 5, moderate, below min_lace 10.
  PersonHistory p = listed("p", 1, true, {"I50.9"});
  EXPECT_TRUE(proactive_list({p}, kReference).empty());
  const auto rows = proactive_list({p}, kReference, {}, 5);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].reasons_sv.front(), "LACE 5 (måttlig risk)");
}

}  // namespace
}  // namespace nara::domain::indicators
