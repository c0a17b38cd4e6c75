#include "app/demo_stays.hpp"

#include <algorithm>
#include <array>

namespace nara::app::synthetic {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::microseconds;

microseconds days_of(double d) {
  return microseconds(static_cast<std::int64_t>(d * 86'400'000'000.0));
}
microseconds hours_of(double h) {
  return microseconds(static_cast<std::int64_t>(h * 3'600'000'000.0));
}

enum class WardKind { medicine, cardiology, orthopaedics, surgery, geriatrics, psychiatry };

struct MainDiagnosis {
  const char* code;  // ICD-10-SE
  int weight;
  WardKind ward;
  double stay_factor;  // length of stay relative to the age group's median
};

// Main diagnoses of stays of people 65+: the index diagnoses Socialstyrelsen names for the most
// ill elderly (hjärtsvikt, KOL, urinvägsinfektion, pneumoni, femurfraktur) first (§4.3).
const std::vector<MainDiagnosis>& elderly_diagnoses() {
  static const std::vector<MainDiagnosis> list{
      {"I50.9", 12, WardKind::cardiology, 1.1},  {"J18.9", 10, WardKind::medicine, 1.0},
      {"J44.1", 9, WardKind::medicine, 1.0},     {"N39.0", 8, WardKind::geriatrics, 0.9},
      {"S72.0", 6, WardKind::orthopaedics, 1.6}, {"I48.9", 6, WardKind::cardiology, 0.6},
      {"I63.9", 5, WardKind::medicine, 1.6},     {"I21.4", 4, WardKind::cardiology, 1.0},
      {"R29.6", 4, WardKind::geriatrics, 0.8},   {"E86.9", 3, WardKind::geriatrics, 0.7},
      {"F03.9", 3, WardKind::geriatrics, 1.4},   {"K56.6", 2, WardKind::surgery, 1.2},
      {"K80.2", 2, WardKind::surgery, 0.8},      {"C34.9", 2, WardKind::medicine, 1.3},
      {"C18.9", 2, WardKind::surgery, 1.5},      {"E11.6", 2, WardKind::medicine, 0.9},
      {"R55.9", 3, WardKind::medicine, 0.5},     {"A41.9", 3, WardKind::medicine, 1.5},
  };
  return list;
}

const std::vector<MainDiagnosis>& younger_diagnoses() {
  static const std::vector<MainDiagnosis> list{
      {"K35.8", 8, WardKind::surgery, 0.8},      {"R10.4", 8, WardKind::surgery, 0.5},
      {"S82.6", 5, WardKind::orthopaedics, 1.2}, {"S06.0", 4, WardKind::surgery, 0.5},
      {"J18.9", 6, WardKind::medicine, 1.0},     {"I21.4", 4, WardKind::cardiology, 1.0},
      {"F32.2", 4, WardKind::psychiatry, 3.0},   {"F20.0", 2, WardKind::psychiatry, 4.0},
      {"J45.9", 3, WardKind::medicine, 0.6},     {"K80.2", 5, WardKind::surgery, 0.8},
      {"N10.9", 3, WardKind::medicine, 1.0},     {"E10.1", 2, WardKind::medicine, 0.8},
      {"A09.9", 4, WardKind::medicine, 0.6},     {"I26.9", 2, WardKind::medicine, 1.2},
  };
  return list;
}

const std::vector<MainDiagnosis>& planned_diagnoses() {
  static const std::vector<MainDiagnosis> list{
      {"M16.1", 6, WardKind::orthopaedics, 1.0}, {"M17.1", 5, WardKind::orthopaedics, 1.0},
      {"K40.9", 4, WardKind::surgery, 0.5},      {"C18.9", 2, WardKind::surgery, 2.0},
      {"C50.9", 2, WardKind::surgery, 0.8},      {"I25.1", 3, WardKind::cardiology, 0.6},
      {"K80.2", 4, WardKind::surgery, 0.6},
  };
  return list;
}

// Conditions a stay's further diagnoses come from, across ICD-10 chapters (the "≥ 3 diagnoses
// in ≥ 3 groups" of the mest sjuka äldre counts chapters; domain-rules §4.1).
constexpr std::array<const char*, 20> kComorbidities{
    "I10.9", "E11.9", "I48.9", "I50.9", "J44.9", "N18.3", "F03.9", "E78.5", "M81.9", "D64.9",
    "G20.9", "I25.9", "F32.9", "E03.9", "H35.3", "M15.9", "G30.9", "C61.9", "K21.9", "L89.1"};

const MainDiagnosis& pick_weighted(Random& random, const std::vector<MainDiagnosis>& list) {
  int total = 0;
  for (const auto& d : list) total += d.weight;
  int pick = random.between(0, total - 1);
  for (const auto& d : list) {
    if (pick < d.weight) return d;
    pick -= d.weight;
  }
  return list.front();
}

// Stays a year per inhabitant by age (about 15 per 100 inhabitants over the county;
// Socialstyrelsen's patient register shows the steep rise with age).
double stays_per_year(int age) {
  if (age < 18) return 0.05;
  if (age < 45) return 0.06;
  if (age < 65) return 0.10;
  if (age < 75) return 0.22;
  if (age < 85) return 0.42;
  return 0.70;
}

// Days as utskrivningsklar before discharge, by municipality: the share discharged the day they
// are ready, and the median of the rest (domain-rules §4.3: SKR's medelvårdtid som
// utskrivningsklar differs a lot between municipalities; here Kramfors is slow and Ånge fast).
struct ReadyHabits {
  double same_day;
  double median_more;
};
ReadyHabits ready_habits(std::string_view code) {
  if (code == "2281") return {0.45, 1.1};  // Sundsvall
  if (code == "2260") return {0.60, 0.5};  // Ånge: fast
  if (code == "2262") return {0.50, 0.9};  // Timrå
  if (code == "2280") return {0.40, 1.4};  // Härnösand
  if (code == "2282") return {0.25, 2.0};  // Kramfors: slow
  if (code == "2283") return {0.35, 1.6};  // Sollefteå
  return {0.55, 0.7};                      // Örnsköldsvik
}

std::vector<std::string_view> ward_names(WardKind kind, bool alternate) {
  switch (kind) {
    case WardKind::cardiology:
      return {"Kardiologavdelning", "Medicinavdelning"};
    case WardKind::orthopaedics:
      return {"Ortopedavdelning", "Rehabiliteringsavdelning", "Kirurgavdelning"};
    case WardKind::surgery:
      return {"Kirurgavdelning", "Medicinavdelning"};
    case WardKind::geriatrics:
      return {"Geriatrisk avdelning", "Medicinavdelning"};
    case WardKind::psychiatry:
      return {"Psykiatrisk avdelning"};
    case WardKind::medicine:
      break;
  }
  if (alternate) return {"Medicinavdelning 2", "Medicinavdelning"};
  return {"Medicinavdelning 1", "Medicinavdelning"};
}

bool decision_in_force(int from_day, core::Instant at) {
  return from_day != kNever && instant_of_day(from_day) <= at;
}

}  // namespace

struct StayWriter::Stay {
  std::string id;
  const Ward* ward = nullptr;
  bool acute = true;
  core::Instant admitted_at;
  core::Instant end_at;  // discharge, death or cancellation
  std::string state = "discharged";
  std::vector<std::string> diagnoses;
  std::optional<core::Instant> assessed_at;
  bool social = false;
  bool municipal_health = false;
  bool region_outpatient = false;
  std::optional<core::Instant> notice_at;
  std::optional<core::Instant> planned_discharge;
  std::optional<core::Instant> acknowledged_at;
  std::optional<core::Instant> named_contact_at;
  std::string named_contact_user;
  std::optional<core::Instant> withdrawn_ready_at;  // the first ready period, withdrawn
  std::optional<core::Instant> withdrawn_at;
  std::optional<core::Instant> ready_at;  // the period in force
  std::optional<core::Instant> sip_invited_at;
  std::optional<core::Instant> information_at;
  const CountyUnit* health_centre = nullptr;
  const CountyUnit* home_health_care = nullptr;
  const CountyUnit* social_office = nullptr;
};

StayWriter::StayWriter(store::Transaction& tx, const County& county, const Window& window,
                       std::uint64_t seed, IdSource& ids)
    : county_(county),
      window_(window),
      seed_(seed),
      ids_(ids),
      episodes_(tx, "inpatient_episodes",
                {"id",
                 "person_id",
                 "ward_unit_id",
                 "external_visit_id",
                 "state",
                 "admitted_at",
                 "admission_kind",
                 "needs_assessed_at",
                 "needs_social_services",
                 "needs_municipal_health_care",
                 "needs_region_outpatient",
                 "admission_notice_sent_at",
                 "planned_discharge",
                 "first_acknowledged_at",
                 "named_contact_appointed_at",
                 "named_contact_user_id",
                 "sip_invitation_sent_at",
                 "information_transferred_at",
                 "discharged_at",
                 "ended_at",
                 "version",
                 "created_at",
                 "updated_at"}),
      diagnoses_(tx, "episode_diagnoses", {"episode_id", "rank", "icd10_code"}),
      ready_periods_(tx, "episode_ready_periods", {"episode_id", "seq", "sent_at", "withdrawn_at"}),
      events_(tx, "episode_events", {"id", "episode_id", "kind", "at", "source", "recorded_at"}),
      notices_(tx, "notices",
               {"id", "episode_id", "kind", "from_unit_id", "to_unit_id", "sent_at", "read_at",
                "acknowledged_at"}),
      relations_(tx, "care_relations",
                 {"id", "person_id", "unit_id", "origin", "source_id", "started_at", "ended_at"}) {
  for (auto* child : {&diagnoses_, &ready_periods_, &events_, &notices_, &relations_})
    child->after(episodes_);
}

std::vector<StayOutline> StayWriter::write(const Resident& r, std::size_t index) {
  std::vector<StayOutline> outlines;
  if (r.citizen) return outlines;
  Random random(seed_, kStays, index);
  const auto& m = county_.municipalities[static_cast<std::size_t>(r.municipality)];
  const double rate = stays_per_year(r.age) * r.frailty;
  // An unplanned return soon after discharge, beyond what the person's rate of stays gives
  // (Socialstyrelsen: about one in ten of those 65+, more among the most ill; §4.3).
  const double readmission = r.most_ill    ? 0.30
                             : r.age >= 65 ? 0.02 + 0.01 * std::min(r.frailty, 3.0)
                                           : 0.02;
  const auto birth = core::Instant{r.birth} + hours(12);
  const auto history_end = history_end_of(r, window_);
  const auto end = r.died_at ? std::min(*r.died_at, history_end) : history_end;
  // Starting two months early lets the first stays of the window follow earlier ones.
  auto t = std::max(window_.start - days(60), birth) + days_of(random.exponential(365.0 / rate));
  bool return_visit = false;
  core::Instant previous_end = birth;
  bool died_in_hospital = false;
  const auto habits = ready_habits(m.code);
  while (t < end) {
    Stay s;
    s.id = ids_.next();
    s.acute = return_visit ? random.chance(0.92) : random.chance(r.most_ill ? 0.85 : 0.70);
    s.admitted_at = t;
    const bool elderly = r.age >= 65;
    const MainDiagnosis& main =
        s.acute ? pick_weighted(random, elderly ? elderly_diagnoses() : younger_diagnoses())
                : pick_weighted(random, planned_diagnoses());
    if (!s.acute) {
      // Planned stays start on a weekday morning (07–10 local, 06–09 UTC).
      const auto day = std::chrono::floor<days>(t);
      const unsigned weekday = std::chrono::weekday(day).c_encoding();
      const auto monday_shift = weekday == 6 ? days(2) : weekday == 0 ? days(1) : days(0);
      s.admitted_at = day + monday_shift + hours_of(6.0 + 3.0 * random.uniform());
    }
    if (s.admitted_at < previous_end + hours(2)) s.admitted_at = previous_end + hours(2);
    if (s.admitted_at >= end) break;

    // The hospital of the municipality, sometimes the county hospital in Sundsvall; fractures
    // from Sollefteå's area are operated on in Sundsvall.
    std::string hospital = random.chance(0.12) ? "Sundsvall" : m.hospital;
    if (main.ward == WardKind::orthopaedics && hospital == "Sollefteå") hospital = "Sundsvall";
    if (main.ward == WardKind::psychiatry) hospital = "Sundsvall";
    const WardKind ward_kind = main.ward == WardKind::medicine && r.age >= 80 && random.chance(0.4)
                                   ? WardKind::geriatrics
                                   : main.ward;
    s.ward = &county_.ward(hospital, ward_names(ward_kind, random.chance(0.5)));

    s.diagnoses.push_back(main.code);
    const int further = r.most_ill ? random.between(2, 4)
                        : elderly  ? random.between(0, 3)
                                   : (random.chance(0.35) ? 1 : 0) + (random.chance(0.1) ? 1 : 0);
    for (int i = 0; i < further * 3 && static_cast<int>(s.diagnoses.size()) < 1 + further; ++i) {
      const std::string code = kComorbidities[random.below(kComorbidities.size())];
      if (std::find(s.diagnoses.begin(), s.diagnoses.end(), code) == s.diagnoses.end())
        s.diagnoses.push_back(code);
    }

    if (random.chance(0.012)) {
      // Admission cancelled (registered in error, or the patient left): no assessment.
      s.state = "cancelled";
      s.end_at = s.admitted_at + hours_of(0.5 + 5.5 * random.uniform());
      s.diagnoses.clear();
    } else {
      const double median_days = !s.acute      ? 2.5
                                 : r.most_ill  ? 6.0
                                 : r.age >= 80 ? 5.0
                                 : elderly     ? 4.0
                                               : 2.2;
      const double stay_days =
          std::clamp(random.lognormal(median_days * main.stay_factor, 0.75), 0.2, 45.0);
      auto discharge_day = std::chrono::floor<days>(s.admitted_at + days_of(stay_days));
      s.end_at = discharge_day + hours_of(9.0 + 6.0 * random.uniform());  // 10–16 local
      if (s.end_at < s.admitted_at + hours(3))
        s.end_at = s.admitted_at + hours_of(3.0 + 4.0 * random.uniform());

      // The assessment of needs after discharge (1 kap. 1 §), mostly within hours.
      s.assessed_at =
          s.admitted_at + (random.chance(0.9) ? hours_of(0.5 + 7.5 * random.uniform())
                                              : hours_of(24.0 + 48.0 * random.uniform()));
      if (*s.assessed_at >= s.end_at)
        s.assessed_at = s.admitted_at + (s.end_at - s.admitted_at) / 3;
      const bool has_home_care = decision_in_force(r.home_care_from, s.admitted_at) ||
                                 decision_in_force(r.residential_care_from, s.admitted_at);
      const bool has_home_health = decision_in_force(r.home_health_care_from, s.admitted_at);
      const double needs_share = r.most_ill || has_home_care || has_home_health ? 0.92
                                 : r.age >= 85                                  ? 0.65
                                 : r.age >= 75                                  ? 0.50
                                 : elderly                                      ? 0.30
                                                                                : 0.06;
      if (random.chance(needs_share)) {
        s.region_outpatient = r.health_centre >= 0 && random.chance(0.92);
        s.municipal_health = random.chance(has_home_health ? 0.9 : 0.35);
        s.social = random.chance(has_home_care ? 0.9 : 0.45);
        if (!s.region_outpatient && !s.municipal_health && !s.social) s.social = true;
        if (s.region_outpatient)
          s.health_centre = m.health_centres[static_cast<std::size_t>(r.health_centre)];
        if (s.municipal_health) s.home_health_care = m.home_health_care;
        if (s.social) s.social_office = m.social_office;

        // Inskrivningsmeddelande within 24 hours (2 kap. 1 och 3 §§): most in time, some late,
        // a few never sent.
        const double u = random.uniform();
        if (u < 0.95) {
          s.notice_at = *s.assessed_at + hours_of(0.3 + 11.7 * random.uniform());
        } else if (u < 0.985) {
          s.notice_at = *s.assessed_at + hours_of(25.0 + 35.0 * random.uniform());
        }
        if (s.notice_at && *s.notice_at >= s.end_at) s.notice_at.reset();
        if (s.notice_at) {
          s.planned_discharge =
              s.admitted_at + days_of(stay_days * (0.6 + 0.8 * random.uniform()) + 0.5);
          if (random.chance(0.97))
            s.acknowledged_at = *s.notice_at + hours_of(0.5 + 17.5 * random.uniform());
        }

        // Utskrivningsklar: days before discharge by the municipality's habits, with a long tail.
        if (s.notice_at && random.chance(0.92)) {
          const int ready_days =
              random.chance(habits.same_day)
                  ? 0
                  : std::min(40, 1 + static_cast<int>(random.lognormal(habits.median_more, 0.9)));
          auto ready = s.end_at - days(ready_days) - hours_of(1.0 + 3.0 * random.uniform());
          const auto earliest = *s.notice_at + hours(1);
          if (ready < earliest) {
            const auto shift = std::chrono::ceil<days>(earliest - ready);
            ready += shift;
            s.end_at += shift;
          }
          s.ready_at = ready;
          // Now and then the patient gets worse and the notice is withdrawn (a new one follows).
          const auto withdrawn_from = ready - hours_of(12.0 + 36.0 * random.uniform());
          if (random.chance(0.03) && withdrawn_from > earliest) {
            s.withdrawn_ready_at = withdrawn_from - hours_of(4.0 + 20.0 * random.uniform());
            if (*s.withdrawn_ready_at > earliest)
              s.withdrawn_at = withdrawn_from;
            else
              s.withdrawn_ready_at.reset();
          }
          // Kallelse till SIP within 3 days (4 kap. 3 §) while the patient is still here.
          const bool sip_required = s.region_outpatient && (s.social || s.municipal_health);
          const auto span = s.end_at - ready;
          const double v = random.uniform();
          if (sip_required && v < 0.84) {
            s.sip_invited_at = ready + scaled(std::min<microseconds>(span, days(3)),
                                              0.05 + 0.9 * random.uniform());
          } else if (sip_required && v < 0.92 && span > days_of(4.5)) {
            s.sip_invited_at =
                ready + days(4) + scaled(span - days(4), 0.1 + 0.8 * random.uniform());
          }
        }
        // Fast vårdkontakt before discharge (2 kap. 5 §).
        if (s.notice_at && s.region_outpatient && random.chance(0.74)) {
          s.named_contact_at =
              *s.notice_at + scaled(s.end_at - *s.notice_at, 0.05 + 0.85 * random.uniform());
          const auto nurses = s.health_centre->users_in("district_nurse");
          const auto physicians = s.health_centre->users_in("physician");
          s.named_contact_user = !nurses.empty() && (physicians.empty() || random.chance(0.7))
                                     ? random.pick(nurses)
                                     : random.pick(physicians);
        }
        // Information to the municipality and the health centre by the day of discharge (3:2).
        s.information_at = random.chance(0.95)
                               ? s.end_at - hours_of(3.0 * random.uniform())
                               : s.end_at + hours_of(20.0 + 30.0 * random.uniform());
      }
    }
    // Death during the stay ends it; still in hospital on the reference day: the demo's daily
    // batch keeps the open stays, so the history ends before them.
    if (r.died_at && *r.died_at < s.end_at && s.state != "cancelled") {
      s.state = "deceased";
      s.end_at = std::max(*r.died_at, s.admitted_at + hours(1));
    }
    if (s.end_at >= history_end || (s.state != "deceased" && r.died_at && s.end_at >= *r.died_at))
      break;
    if (s.admitted_at >= window_.start) write_stay(r, s);
    if (s.state != "deceased") {
      StayOutline o{s.id,
                    s.admitted_at,
                    s.end_at,
                    s.state == "discharged",
                    s.state == "cancelled",
                    s.region_outpatient,
                    s.municipal_health,
                    s.social,
                    s.sip_invited_at,
                    s.named_contact_at,
                    s.named_contact_user,
                    s.ward->unit->id};
      if (s.admitted_at >= window_.start) outlines.push_back(std::move(o));
    }
    if (s.state == "deceased") {
      died_in_hospital = true;
      break;
    }
    previous_end = s.end_at;
    return_visit = s.state == "discharged" && random.chance(readmission);
    if (return_visit) {
      // Truncated exponential over 1–30 days, mean about 10: a fifth within three days and two
      // in five within a week, as Läkartidningen 2021 reports for the most ill.
      const double u = random.uniform();
      t = s.end_at + days_of(0.3 - 10.0 * std::log(1.0 - u * (1.0 - std::exp(-2.9))));
    } else {
      t = s.end_at + days_of(random.exponential(365.0 / rate));
    }
  }
  // Many die in hospital after a short last stay (about a third of deaths).
  if (r.died_at && !died_in_hospital && *r.died_at >= window_.start && *r.died_at < history_end &&
      random.chance(0.35)) {
    Stay s;
    s.id = ids_.next();
    s.state = "deceased";
    s.end_at = *r.died_at;
    s.admitted_at = *r.died_at - hours_of(24.0 + 168.0 * random.uniform());
    const bool overlaps = s.admitted_at <= previous_end + hours(2) ||
                          (!outlines.empty() && s.admitted_at <= outlines.back().ended_at);
    if (!overlaps && s.admitted_at >= window_.start) {
      const MainDiagnosis& main =
          pick_weighted(random, r.age >= 65 ? elderly_diagnoses() : younger_diagnoses());
      s.diagnoses = {main.code, kComorbidities[random.below(kComorbidities.size())]};
      if (s.diagnoses[1] == s.diagnoses[0]) s.diagnoses.pop_back();
      s.ward = &county_.ward(
          m.hospital,
          ward_names(main.ward == WardKind::psychiatry ? WardKind::medicine : main.ward, false));
      s.assessed_at = s.admitted_at + hours_of(1.0 + 4.0 * random.uniform());
      write_stay(r, s);
    }
  }
  return outlines;
}

void StayWriter::write_stay(const Resident& r, const Stay& s) {
  const auto text = [](const std::optional<core::Instant>& at) -> store::Value {
    return at ? store::Value{db_time(*at)} : store::Value{nullptr};
  };
  const auto flag = [](bool b) { return std::int64_t{b ? 1 : 0}; };
  const bool discharged = s.state == "discharged";
  const std::string end_text = db_time(s.end_at);
  const std::string admitted_text = db_time(s.admitted_at);
  const std::string ward_id = s.ward->unit->id;
  // Steps after a death are not taken.
  const auto before_end = [&](const std::optional<core::Instant>& at) {
    return at && (discharged || *at < s.end_at) ? at : std::nullopt;
  };
  const auto notice_at = before_end(s.notice_at);
  const auto ready_at = before_end(s.ready_at);
  const auto withdrawn_ready_at = before_end(s.withdrawn_ready_at);
  const auto withdrawn_at = withdrawn_ready_at ? before_end(s.withdrawn_at) : std::nullopt;
  const auto invited_at = ready_at ? before_end(s.sip_invited_at) : std::nullopt;
  const auto named_at = notice_at ? before_end(s.named_contact_at) : std::nullopt;
  const auto information_at = discharged && notice_at ? s.information_at : std::nullopt;
  const auto acknowledged_at = notice_at ? s.acknowledged_at : std::nullopt;
  const auto assessed_at = s.state == "cancelled" ? std::nullopt : before_end(s.assessed_at);
  core::Instant last = s.end_at;
  if (information_at && *information_at > last) last = *information_at;
  if (acknowledged_at && *acknowledged_at > last) last = *acknowledged_at;

  episodes_.add(
      s.id, r.id, ward_id, "HIST-" + std::to_string(++episodes_written_), s.state, admitted_text,
      std::string(s.acute ? "acute" : "planned"), text(assessed_at), flag(s.social),
      flag(s.municipal_health), flag(s.region_outpatient), text(notice_at),
      text(notice_at ? s.planned_discharge : std::nullopt), text(acknowledged_at), text(named_at),
      named_at ? store::Value{s.named_contact_user} : store::Value{nullptr}, text(invited_at),
      text(information_at), discharged ? store::Value{end_text} : store::Value{nullptr},
      discharged ? store::Value{nullptr} : store::Value{end_text}, std::int64_t{1}, admitted_text,
      db_time(last));
  std::int64_t rank = 0;
  for (const auto& code : s.diagnoses) diagnoses_.add(s.id, ++rank, code);

  const auto event = [&](const char* kind, const std::optional<core::Instant>& at) {
    if (!at) return;
    const std::string at_text = db_time(*at);
    events_.add(ids_.next(), s.id, std::string(kind), at_text, std::string("demo"), at_text);
  };
  event("admit", s.admitted_at);
  event("assess_needs", assessed_at);
  event("send_admission_notice", notice_at);
  event("acknowledge", acknowledged_at);
  event("appoint_named_contact", named_at);
  event("mark_ready", withdrawn_ready_at);
  event("withdraw_ready", withdrawn_at);
  event("mark_ready", ready_at);
  event("invite_sip", invited_at);
  event("transfer_information", information_at);
  event(s.state == "discharged"  ? "discharge"
        : s.state == "cancelled" ? "cancel"
                                 : "death",
        s.end_at);

  std::int64_t seq = 0;
  if (withdrawn_ready_at && withdrawn_at)
    ready_periods_.add(s.id, ++seq, db_time(*withdrawn_ready_at), db_time(*withdrawn_at));
  if (ready_at) ready_periods_.add(s.id, ++seq, db_time(*ready_at), nullptr);

  // Notices to the units the assessment named; the demo's units as demo_episodes.cpp uses them.
  std::vector<const CountyUnit*> notified;
  for (const auto* unit : {s.health_centre, s.home_health_care, s.social_office}) {
    if (unit) notified.push_back(unit);
  }
  const auto notify = [&](const char* kind, const std::string& from,
                          const std::optional<core::Instant>& at,
                          const std::optional<core::Instant>& read) {
    if (!at) return;
    const std::string at_text = db_time(*at);
    for (const auto* unit : notified) {
      if (unit->id == from) continue;
      notices_.add(ids_.next(), s.id, std::string(kind), from, unit->id, at_text,
                   read ? store::Value{db_time(*read)} : store::Value{nullptr},
                   read && std::string_view(kind) == "admission_notice"
                       ? store::Value{db_time(*read)}
                       : store::Value{nullptr});
    }
  };
  notify("admission_notice", ward_id, notice_at, acknowledged_at);
  if (notice_at) {
    const auto read_soon = [](const std::optional<core::Instant>& at) {
      return at ? std::optional(*at + std::chrono::minutes(45)) : std::nullopt;
    };
    notify("ready_for_discharge", ward_id, withdrawn_ready_at, read_soon(withdrawn_ready_at));
    notify("ready_withdrawn", ward_id, withdrawn_at, read_soon(withdrawn_at));
    notify("ready_for_discharge", ward_id, ready_at, read_soon(ready_at));
    if (s.health_centre) notify("sip_invitation", s.health_centre->id, invited_at, invited_at);
    if (discharged) notify("discharged", ward_id, s.end_at, read_soon(s.end_at));
  }
  relations_.add(ids_.next(), r.id, ward_id, std::string("admission"), s.id, admitted_text,
                 end_text);
}

void StayWriter::finish(RowCounts& counts) {
  for (auto* inserter :
       {&episodes_, &diagnoses_, &ready_periods_, &events_, &notices_, &relations_}) {
    inserter->flush();
    counts[inserter->table()] += inserter->rows();
  }
}

}  // namespace nara::app::synthetic
