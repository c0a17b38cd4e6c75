// Proactive identification (issue 19 p. 3): the mest sjuka äldre (Socialstyrelsen 2011,
// domain-rules §4.1), the LACE readmission risk (van Walraven et al., CMAJ 2010;182:551–7) and the
// ranked proactive list. Every figure is explained in words a nurse can check against the record.
#include "domain/indicators/risk.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/stockholm_time.hpp"

namespace nara::domain::indicators {
namespace {

using Days = std::chrono::sys_days;

Days day_of(core::Instant instant) {
  return Days{core::stockholm::local_date(instant)};
}

// The same date `months` months earlier; a day the month lacks becomes its last (31 May − 3
// months = 28/29 February).
Days months_before(LocalDate date, int months) {
  const Month month = date.year() / date.month() - std::chrono::months{months};
  const LocalDate last{month / std::chrono::last};
  return Days{date.day() > last.day() ? last : LocalDate{month / date.day()}};
}

std::string number_text(double value, bool swedish) {
  char buffer[32];
  if (std::floor(value) == value) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    if (swedish) std::replace(buffer, buffer + sizeof buffer, '.', ',');
  }
  return buffer;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// One stay seen from the reference day: its local dates, and whether it was still going on.
struct DatedStay {
  const Stay* stay;
  Days admitted;
  std::optional<Days> discharged;  // none: in hospital on the reference day
};

std::vector<DatedStay> dated_stays(const PersonHistory& person, Days reference) {
  std::vector<DatedStay> out;
  for (const Stay& stay : person.stays) {
    const Days admitted = day_of(stay.admitted_at);
    if (admitted > reference) continue;  // after the reference day: not yet history
    std::optional<Days> discharged;
    if (stay.discharged_at) {
      discharged = day_of(*stay.discharged_at);
      if (*discharged > reference) discharged.reset();  // still in hospital then
    }
    out.push_back({&stay, admitted, discharged});
  }
  return out;
}

Criterion criterion(std::string id, std::string sv, std::string en, bool met, bool known,
                    std::optional<double> value) {
  return Criterion{std::move(id), std::move(sv), std::move(en), met, known, value};
}

}  // namespace

// Socialstyrelsen, "De mest sjuka äldre" (2011; domain-rules §4.1): 65+ with omfattande sjukvård
// (≥ 3 inskrivningar, > 19 vårddagar, ≥ 3 diagnoser i ≥ 3 ICD-10-grupper or > 7 läkarbesök i
// öppen specialistvård, the last 12 months) and/or omfattande omsorg (permanent SÄBO or ≥ 25
// timmar hemtjänst per månad). The thresholds and the combination are FrailtyCriteria [S]. The
// 12 months are the local dates after the same date a year before, up to the reference day.
FrailtyAssessment assess_frailty(const PersonHistory& person, LocalDate reference_day,
                                 const FrailtyCriteria& criteria) {
  const Days reference{reference_day};
  const Days window_first = months_before(reference_day, 12) + std::chrono::days{1};
  const auto stays = dated_stays(person, reference);

  int admissions = 0;
  long inpatient_days = 0;
  std::set<int> chapters;
  for (const DatedStay& stay : stays) {
    if (stay.admitted >= window_first) ++admissions;
    // Vårddagar: the nights from the admission date up to the discharge date (or the reference
    // day while in hospital), those inside the window.
    const Days end = stay.discharged.value_or(reference);
    const Days from = std::max(stay.admitted, window_first);
    if (end > from) inpatient_days += (end - from).count();
    if (end >= window_first) {
      for (const auto& code : stay.stay->diagnoses) {
        if (const int chapter = icd10_chapter(code); chapter > 0) chapters.insert(chapter);
      }
    }
  }

  FrailtyAssessment out;
  const bool age_known = person.age.has_value();
  const bool old_enough = age_known && *person.age >= criteria.min_age;
  out.criteria.push_back(criterion(
      "age",
      age_known ? "Ålder " + std::to_string(*person.age) + " år (gräns " +
                      std::to_string(criteria.min_age) + ")"
                : "Ålder okänd",
      age_known ? "Age " + std::to_string(*person.age) + " (threshold " +
                      std::to_string(criteria.min_age) + ")"
                : "Age unknown",
      old_enough, age_known, age_known ? std::optional<double>{*person.age} : std::nullopt));

  const bool many_admissions = admissions >= criteria.min_admissions_12m;
  out.criteria.push_back(criterion(
      "admissions_12m",
      plural(admissions, "inskrivning", "inskrivningar") + " i slutenvård senaste 12 mån (gräns " +
          std::to_string(criteria.min_admissions_12m) + ")",
      plural(admissions, "inpatient admission", "inpatient admissions") +
          " in the last 12 months (threshold " + std::to_string(criteria.min_admissions_12m) + ")",
      many_admissions, true, admissions));

  const bool many_days = inpatient_days >= criteria.min_inpatient_days_12m;
  const int days = static_cast<int>(inpatient_days);
  out.criteria.push_back(criterion(
      "inpatient_days_12m",
      plural(days, "vårddygn", "vårddygn") + " senaste 12 mån (gräns " +
          std::to_string(criteria.min_inpatient_days_12m) + ")",
      plural(days, "inpatient day", "inpatient days") + " in the last 12 months (threshold " +
          std::to_string(criteria.min_inpatient_days_12m) + ")",
      many_days, true, static_cast<double>(inpatient_days)));

  const int groups = static_cast<int>(chapters.size());
  const bool many_groups = groups >= criteria.min_diagnosis_groups_12m;
  out.criteria.push_back(criterion(
      "diagnosis_groups_12m",
      "Diagnoser i " + plural(groups, "ICD-10-kapitel", "ICD-10-kapitel") +
          " senaste 12 mån (gräns " + std::to_string(criteria.min_diagnosis_groups_12m) + ")",
      "Diagnoses in " + plural(groups, "ICD-10 chapter", "ICD-10 chapters") +
          " in the last 12 months (threshold " + std::to_string(criteria.min_diagnosis_groups_12m) +
          ")",
      many_groups, true, groups));

  // Öppen specialistvård is not in Nära: unknown, never counted as met.
  const auto& visits = person.specialist_physician_visits_12m;
  const bool many_visits = visits && *visits >= criteria.min_specialist_visits_12m;
  out.criteria.push_back(criterion(
      "specialist_visits_12m",
      visits ? plural(*visits, "läkarbesök", "läkarbesök") +
                   " i öppen specialistvård senaste 12 mån (gräns " +
                   std::to_string(criteria.min_specialist_visits_12m) + ")"
             : "Läkarbesök i öppen specialistvård: uppgift finns inte i Nära",
      visits ? plural(*visits, "specialist outpatient physician visit",
                      "specialist outpatient physician visits") +
                   " in the last 12 months (threshold " +
                   std::to_string(criteria.min_specialist_visits_12m) + ")"
             : "Specialist outpatient physician visits: not held in Nära",
      many_visits, visits.has_value(), visits ? std::optional<double>{*visits} : std::nullopt));

  out.criteria.push_back(
      criterion("permanent_residential_care",
                person.permanent_residential_care ? "Permanent särskilt boende"
                                                  : "Inget permanent särskilt boende",
                person.permanent_residential_care ? "Permanent residential care"
                                                  : "No permanent residential care",
                person.permanent_residential_care, true, std::nullopt));

  const auto& hours = person.home_care_hours_last_month;
  const bool many_hours = hours && *hours >= criteria.min_home_care_hours_month;
  out.criteria.push_back(
      criterion("home_care_hours_month",
                hours ? number_text(*hours, true) + " timmar hemtjänst senaste månaden (gräns " +
                            number_text(criteria.min_home_care_hours_month, true) + ")"
                      : "Timmar hemtjänst: uppgift saknas",
                hours ? number_text(*hours, false) + " hours of home care last month (threshold " +
                            number_text(criteria.min_home_care_hours_month, false) + ")"
                      : "Hours of home care: not known",
                many_hours, hours.has_value(), hours));

  const int care_criteria_met = static_cast<int>(many_admissions) + static_cast<int>(many_days) +
                                static_cast<int>(many_groups) + static_cast<int>(many_visits);
  out.extensive_care = care_criteria_met >= std::max(1, criteria.min_care_criteria);
  out.extensive_social_care = person.permanent_residential_care || many_hours;
  out.most_ill =
      old_enough && (criteria.require_both ? out.extensive_care && out.extensive_social_care
                                           : out.extensive_care || out.extensive_social_care);
  return out;
}

namespace {

// van Walraven 2010, L: length of stay in days.
int length_points(long days) {
  if (days < 1) return 0;
  if (days <= 3) return static_cast<int>(days);
  if (days <= 6) return 4;
  if (days <= 13) return 5;
  return 7;
}

// van Walraven 2010, C: Charlson index 0–3 as is, 4 or more 5 points.
int comorbidity_points(int charlson_index) {
  return charlson_index >= 4 ? 5 : charlson_index;
}

std::string points(int n) {
  return " (" + std::to_string(n) + " p)";
}

std::string band_of(int total) {
  if (total >= 10) return "high";
  if (total >= 5) return "moderate";
  return "low";
}

}  // namespace

// LACE (van Walraven et al., CMAJ 2010): the index stay is the person's current stay on the
// reference day (its length so far), else the latest discharged one.
LaceScore lace(const PersonHistory& person, LocalDate reference_day) {
  const Days reference{reference_day};
  const auto stays = dated_stays(person, reference);
  LaceScore score;
  score.band = "low";
  const DatedStay* index = nullptr;
  for (const DatedStay& stay : stays) {
    if (index == nullptr) {
      index = &stay;
      continue;
    }
    const bool current = !stay.discharged;
    const bool index_current = !index->discharged;
    if (current != index_current) {
      if (current) index = &stay;
    } else if (current ? stay.stay->admitted_at > index->stay->admitted_at
                       : *stay.stay->discharged_at > *index->stay->discharged_at) {
      index = &stay;
    }
  }
  if (index == nullptr) return score;
  score.index_episode_id = index->stay->episode_id;

  // L: calendar days from admission to discharge (or to the reference day while in hospital).
  const long length = (index->discharged.value_or(reference) - index->admitted).count();
  const int l = length_points(length);
  const int length_days = static_cast<int>(length);
  const bool ongoing = !index->discharged;
  score.factors.push_back({'L', l, 7,
                           std::string(ongoing ? "Vårdtid hittills " : "Vårdtid ") +
                               plural(length_days, "dygn", "dygn") + points(l),
                           std::string(ongoing ? "Length of stay so far " : "Length of stay ") +
                               plural(length_days, "day", "days") + points(l)});

  // A: an acute (emergent) admission is 3 points; planned or not recorded, 0.
  const AdmissionKind kind = index->stay->admission_kind;
  const int a = kind == AdmissionKind::acute ? 3 : 0;
  score.factors.push_back(
      {'A', a, 3,
       std::string(kind == AdmissionKind::acute     ? "Akut inskrivning"
                   : kind == AdmissionKind::planned ? "Planerad inskrivning"
                                                    : "Inskrivningssätt okänt") +
           points(a),
       std::string(kind == AdmissionKind::acute     ? "Acute admission"
                   : kind == AdmissionKind::planned ? "Planned admission"
                                                    : "Admission kind not recorded") +
           points(a)});

  // C: Charlson index (Quan 2005 coding, 1987 weights) of the index stay's diagnoses.
  const CharlsonResult comorbidity = charlson(index->stay->diagnoses);
  score.charlson_conditions = comorbidity.conditions;
  const int c = comorbidity_points(comorbidity.index);
  std::string names_sv;
  std::string names_en;
  for (const auto& id : comorbidity.conditions) {
    const CharlsonCondition* condition = find_charlson_condition(id);
    names_sv += (names_sv.empty() ? "" : ", ") + std::string(condition->name_sv);
    names_en += (names_en.empty() ? "" : ", ") + std::string(condition->name_en);
  }
  const std::string charlson_text = "Charlson " + std::to_string(comorbidity.index);
  score.factors.push_back(
      {'C', c, 5,
       charlson_text + (names_sv.empty() ? ": inga av Charlsons diagnoser" : ": " + names_sv) +
           points(c),
       charlson_text + (names_en.empty() ? ": none of Charlson's conditions" : ": " + names_en) +
           points(c)});

  // E: emergency department visits in the 6 months before the admission, at most 4. Nära holds
  // no ED visits, so the acute admissions of those months stand in for them.
  const LocalDate admitted_date{index->admitted};
  const Days six_months_before = months_before(admitted_date, 6);
  int acute_before = 0;
  for (const DatedStay& stay : stays) {
    if (&stay == index || stay.stay->admission_kind != AdmissionKind::acute) continue;
    if (stay.stay->admitted_at < index->stay->admitted_at && stay.admitted >= six_months_before) {
      ++acute_before;
    }
  }
  const int e = std::min(acute_before, 4);
  score.factors.push_back(
      {'E', e, 4,
       plural(acute_before, "akut inskrivning", "akuta inskrivningar") +
           " de 6 månaderna före inskrivningen" + points(e) +
           "; Nära har inga akutbesök och räknar akuta inskrivningar i stället",
       plural(acute_before, "acute admission", "acute admissions") +
           " in the 6 months before the admission" + points(e) +
           "; Nära holds no emergency visits and counts acute admissions instead"});

  score.total = l + a + c + e;
  score.band = band_of(score.total);
  return score;
}

namespace {

const Criterion* find(const FrailtyAssessment& frailty, std::string_view id) {
  for (const auto& criterion : frailty.criteria) {
    if (criterion.id == id) return &criterion;
  }
  return nullptr;
}

int met_count(const FrailtyAssessment& frailty) {
  return static_cast<int>(std::count_if(frailty.criteria.begin(), frailty.criteria.end(),
                                        [](const Criterion& c) { return c.met && c.id != "age"; }));
}

int value_of(const Criterion* criterion) {
  return criterion && criterion->value ? static_cast<int>(*criterion->value) : 0;
}

void add_reasons(ProactiveRow& row, int min_lace) {
  const auto add = [&](std::string sv, std::string en) {
    row.reasons_sv.push_back(std::move(sv));
    row.reasons_en.push_back(std::move(en));
  };
  const auto met = [&](std::string_view id) {
    const Criterion* criterion = find(row.frailty, id);
    return criterion != nullptr && criterion->met ? criterion : nullptr;
  };
  if (const auto* c = met("admissions_12m")) {
    add(plural(value_of(c), "inskrivning", "inskrivningar") + " senaste 12 mån",
        plural(value_of(c), "admission", "admissions") + " in the last 12 months");
  }
  if (const auto* c = met("inpatient_days_12m")) {
    add(plural(value_of(c), "vårddygn", "vårddygn") + " senaste 12 mån",
        plural(value_of(c), "inpatient day", "inpatient days") + " in the last 12 months");
  }
  if (row.risk.index_episode_id && (row.risk.total >= min_lace || row.risk.band != "low")) {
    const bool high = row.risk.band == "high";
    add("LACE " + std::to_string(row.risk.total) + (high ? " (hög risk)" : " (måttlig risk)"),
        "LACE " + std::to_string(row.risk.total) + (high ? " (high risk)" : " (moderate risk)"));
  }
  if (!row.risk.charlson_conditions.empty()) {
    std::string sv;
    std::string en;
    for (const auto& id : row.risk.charlson_conditions) {
      const CharlsonCondition* condition = find_charlson_condition(id);
      sv += (sv.empty() ? "" : ", ") + std::string(condition->name_sv);
      en += (en.empty() ? "" : ", ") + std::string(condition->name_en);
    }
    add(std::move(sv), std::move(en));
  }
  if (const auto* c = met("diagnosis_groups_12m")) {
    add("Diagnoser i " + std::to_string(value_of(c)) + " ICD-10-kapitel",
        "Diagnoses in " + std::to_string(value_of(c)) + " ICD-10 chapters");
  }
  if (met("permanent_residential_care")) {
    add("Permanent särskilt boende", "Permanent residential care");
  }
  if (const auto* c = met("home_care_hours_month")) {
    add(number_text(*c->value, true) + " timmar hemtjänst per månad",
        number_text(*c->value, false) + " hours of home care a month");
  }
  if (const auto* c = met("specialist_visits_12m")) {
    add(plural(value_of(c), "läkarbesök", "läkarbesök") + " i specialistvård senaste 12 mån",
        plural(value_of(c), "specialist visit", "specialist visits") + " in the last 12 months");
  }
}

void add_gaps(ProactiveRow& row, const PersonHistory& person) {
  if (!person.has_named_contact) {
    row.gaps_sv.emplace_back("Ingen fast vårdkontakt");
    row.gaps_en.emplace_back("No named care contact");
  }
  if (!person.has_active_sip) {
    row.gaps_sv.emplace_back("Ingen aktiv SIP");
    row.gaps_en.emplace_back("No active SIP");
  }
  if (!person.has_home_health_care) {
    row.gaps_sv.emplace_back("Ingen hemsjukvård");
    row.gaps_en.emplace_back("No home health care");
  }
}

}  // namespace

// Issue 19 p. 3: persons who are mest sjuka äldre or whose LACE is at least `min_lace`, highest
// LACE first, then the most criteria met, then mest sjuka äldre first; a person assessed "no
// action" whose review date is still ahead is listed after all the others, in the same order.
std::vector<ProactiveRow> proactive_list(const std::vector<PersonHistory>& persons,
                                         LocalDate reference_day, const FrailtyCriteria& criteria,
                                         int min_lace) {
  std::vector<ProactiveRow> rows;
  for (const PersonHistory& person : persons) {
    ProactiveRow row;
    row.person_id = person.person_id;
    row.frailty = assess_frailty(person, reference_day, criteria);
    row.risk = lace(person, reference_day);
    if (!row.frailty.most_ill && !(row.risk.index_episode_id && row.risk.total >= min_lace)) {
      continue;
    }
    add_reasons(row, min_lace);
    add_gaps(row, person);
    row.review_pending = person.last_action == ActionKind::assessed_no_action &&
                         person.next_review_on &&
                         Days{*person.next_review_on} > Days{reference_day};
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ProactiveRow& a, const ProactiveRow& b) {
    if (a.review_pending != b.review_pending) return b.review_pending;
    if (a.risk.total != b.risk.total) return a.risk.total > b.risk.total;
    const int met_a = met_count(a.frailty);
    const int met_b = met_count(b.frailty);
    if (met_a != met_b) return met_a > met_b;
    if (a.frailty.most_ill != b.frailty.most_ill) return a.frailty.most_ill;
    return a.person_id < b.person_id;
  });
  return rows;
}

}  // namespace nara::domain::indicators
