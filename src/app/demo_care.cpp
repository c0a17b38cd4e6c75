#include "app/demo_care.hpp"

#include <algorithm>

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

bool in_hospital(const std::vector<StayOutline>& stays, core::Instant at) {
  for (const auto& s : stays) {
    if (s.admitted_at <= at && at < s.ended_at) return true;
  }
  return false;
}

std::string role_for(const CountyUnit& unit) {
  if (unit.kind == "health_centre") return "district_nurse";
  if (unit.kind == "home_health_care") return "home_health_care_nurse";
  if (unit.kind == "home_care") return "home_care_staff";
  return "sip_coordinator";
}

// What the proactive list showed when the decision was made (docs/follow-up.md: kept with it).
constexpr const char* kActionReasons =
    R"([{"sv":"Tre eller fler inskrivningar i slutenvård de senaste 12 månaderna","en":"Three or more inpatient admissions in the last 12 months"},{"sv":"Diagnoser i minst tre diagnosgrupper","en":"Diagnoses in at least three groups"}])";

}  // namespace

std::string staff_of(const CountyUnit& unit, std::string_view role, Random& random) {
  const auto users = unit.users_in(role);
  if (!users.empty()) return random.pick(users);
  if (unit.staff.empty()) return {};
  return unit.staff[random.below(unit.staff.size())].user_id;
}

CareWriter::CareWriter(store::Transaction& tx, const County& county, const Window& window,
                       std::uint64_t seed, IdSource& ids, BulkInserter& episodes)
    : county_(county),
      window_(window),
      seed_(seed),
      ids_(ids),
      named_contacts_(tx, "named_contacts",
                      {"id", "person_id", "kind", "user_id", "unit_id", "valid_from", "valid_to",
                       "source", "source_id", "created_at"}),
      plans_(tx, "coordinated_plans",
             {"id", "person_id", "state", "initiated_by_unit_id", "episode_id", "content",
              "version", "created_at", "updated_at", "kind"}),
      plan_versions_(tx, "coordinated_plan_versions",
                     {"plan_id", "version", "state", "content", "change", "changed_fields",
                      "changed_by", "changed_by_name", "unit_id", "changed_at"}),
      meetings_(tx, "sip_meetings",
                {"id", "plan_id", "starts_at", "place", "state", "invited_by", "invited_at",
                 "outcome", "held_at"}),
      requests_(tx, "care_requests",
                {"id", "person_id", "type", "from_unit_id", "to_unit_id", "description", "state",
                 "sent_by", "sent_at", "due_at", "received_at", "accepted_at", "declined_at",
                 "decline_reason", "done_at", "cancelled_at", "version"}),
      request_events_(tx, "care_request_events",
                      {"id", "request_id", "seq", "kind", "at", "user_id", "unit_id", "reason"}),
      contacts_(tx, "care_contacts",
                {"id", "person_id", "unit_id", "caregiver_key", "profession", "kind", "at",
                 "source", "recorded_at"}),
      home_care_hours_(tx, "home_care_hours", {"person_id", "month", "unit_id", "hours"}),
      actions_(tx, "proactive_actions",
               {"id", "person_id", "unit_id", "kind", "note", "next_review_on", "risk_score",
                "reasons", "recorded_by", "recorded_at"}),
      relations_(tx, "care_relations",
                 {"id", "person_id", "unit_id", "origin", "source_id", "started_at", "ended_at"}) {
  plans_.after(episodes);
  for (auto* child : {&plan_versions_, &meetings_, &relations_}) child->after(plans_);
  request_events_.after(requests_);
}

std::optional<CareWriter::Period> CareWriter::in_window(const Resident& r, int from_day,
                                                        core::Instant end) const {
  if (from_day == kNever) return std::nullopt;
  const auto from = std::max(window_.start, instant_of_day(from_day) + hours(9));
  const auto until = r.died_at ? std::min(*r.died_at, end) : end;
  if (from >= until) return std::nullopt;
  return Period{from, until};
}

const CountyUnit* CareWriter::health_centre(const Resident& r) const {
  if (r.health_centre < 0) return nullptr;
  return municipality(r).health_centres[static_cast<std::size_t>(r.health_centre)];
}

void CareWriter::write(const Resident& r, std::size_t index,
                       const std::vector<StayOutline>& stays) {
  if (r.citizen) return;  // the walkthrough's own story (docs/web.md)
  Random random(seed_, kCare, index);
  write_named_contacts(r, random, stays);
  Random sip_random(seed_, kSips, index);
  write_sips(r, sip_random, stays);
  write_requests(r, random, stays);
  Random contact_random(seed_, kContacts, index);
  write_contacts(r, contact_random, stays);
  write_home_care_hours(r, random);
  write_proactive_action(r, random, stays);
}

void CareWriter::write_named_contacts(const Resident& r, Random& random,
                                      const std::vector<StayOutline>& stays) {
  const CountyUnit* centre = health_centre(r);
  const store::Value valid_to =
      r.died_at ? store::Value{db_time(*r.died_at)} : store::Value{nullptr};
  if (centre && r.age >= 65) {
    // Fast vårdkontakt: from the first stay that appointed one (2 kap. 5 §), else for most of
    // those in municipal care and some of the other elderly, named at the health centre.
    const StayOutline* appointing = nullptr;
    for (const auto& s : stays) {
      if (s.named_contact_at && !s.named_contact_user_id.empty()) {
        appointing = &s;
        break;
      }
    }
    const int in_care_from =
        std::min({r.home_care_from, r.home_health_care_from, r.residential_care_from});
    const double share = in_care_from != kNever ? 0.80 : r.age >= 75 ? 0.30 : 0.15;
    if (appointing) {
      const std::string at = db_time(*appointing->named_contact_at);
      named_contacts_.add(ids_.next(), r.id, std::string("fast_vardkontakt"),
                          appointing->named_contact_user_id, centre->id, at, valid_to,
                          std::string("episode"), appointing->episode_id, at);
    } else if (random.chance(share)) {
      const int from_day = in_care_from != kNever ? in_care_from : r.listed_from;
      auto from = instant_of_day(from_day) + days(random.between(3, 60)) + hours(10);
      if (from >= history_end_of(r, window_)) from = history_end_of(r, window_) - days(1);
      if (!r.died_at || from < *r.died_at) {
        const std::string user = staff_of(*centre, "district_nurse", random);
        const std::string at = db_time(from);
        named_contacts_.add(ids_.next(), r.id, std::string("fast_vardkontakt"), user, centre->id,
                            at, valid_to, std::string("manual"), nullptr, at);
      }
    }
  }
  // Fast omsorgskontakt in home care (SoL 2025:400 10:7).
  if (r.home_care_group >= 0 && r.home_care_from != kNever && random.chance(0.7)) {
    const auto& group = *municipality(r).home_care[static_cast<std::size_t>(r.home_care_group)];
    const auto from = instant_of_day(r.home_care_from) + days(random.between(3, 30)) + hours(10);
    if (from < history_end_of(r, window_) && (!r.died_at || from < *r.died_at)) {
      const std::string at = db_time(from);
      named_contacts_.add(ids_.next(), r.id, std::string("fast_omsorgskontakt"),
                          staff_of(group, "home_care_staff", random), group.id, at, valid_to,
                          std::string("manual"), nullptr, at);
    }
  }
}

void CareWriter::write_requests(const Resident& r, Random& random,
                                const std::vector<StayOutline>& stays) {
  const auto& m = municipality(r);
  const CountyUnit* centre = health_centre(r);
  // After a stay that needed home health care, the health centre asks for it.
  for (const auto& s : stays) {
    if (centre && s.discharged && s.municipal_health_care && random.chance(0.3)) {
      write_request(r, random, s.ended_at + hours_of(2.0 + 40.0 * random.uniform()),
                    "home_health_care_intervention", *centre, *m.home_health_care);
    }
  }
  if (const auto period = in_window(r, r.home_health_care_from, history_end_of(r, window_));
      period && centre) {
    const double per_year = r.most_ill ? 4.0 : 2.0;
    for (auto t = period->from + days_of(random.exponential(365.0 / per_year)); t < period->until;
         t += days_of(random.exponential(365.0 / per_year))) {
      const double u = random.uniform();
      if (u < 0.35)
        write_request(r, random, t, "home_health_care_intervention", *centre, *m.home_health_care);
      else if (u < 0.65)
        write_request(r, random, t, "physician_home_visit", *m.home_health_care, *centre);
      else if (u < 0.85)
        write_request(r, random, t, "medication_list_update", *m.home_health_care, *centre);
      else if (u < 0.95)
        write_request(r, random, t, "rehabilitation", *centre, *m.home_health_care);
      else
        write_request(r, random, t, "assistive_device", *centre, *m.home_health_care);
    }
  }
  if (const auto period = in_window(r, r.home_care_from, history_end_of(r, window_));
      period && r.home_care_group >= 0) {
    const auto& group = *m.home_care[static_cast<std::size_t>(r.home_care_group)];
    for (auto t = period->from + days_of(random.exponential(730.0)); t < period->until;
         t += days_of(random.exponential(730.0))) {
      write_request(r, random, t, "home_care_intervention", *m.social_office, group);
    }
  }
}

void CareWriter::write_request(const Resident& r, Random& random, core::Instant sent,
                               const char* type, const CountyUnit& from, const CountyUnit& to) {
  const auto end = history_end_of(r, window_);
  if (sent >= end) return;
  const std::string type_text(type);
  const auto to_answer = type_text == "assistive_device" || type_text == "rehabilitation" ? days(7)
                         : type_text == "physician_home_visit"                            ? days(3)
                                                                                          : days(2);
  const auto due = sent + to_answer;
  // In a settled history a request still due at its end would be open today: that one is the
  // living demo's to have, not the history's.
  if (window_.settled && due >= end) return;
  // A settled history's late step falls between the due time and the end instead of after it.
  const auto settled_or_none = [&](core::Instant after) -> std::optional<core::Instant> {
    if (!window_.settled) return std::nullopt;
    return after + (end - after) / 2;
  };
  const std::string sender = staff_of(from, role_for(from), random);
  const std::string recipient = staff_of(to, role_for(to), random);
  if (sender.empty() || recipient.empty()) return;
  // Answered (accepted or declined) before the due time in about 85 % (§4.3's "i tid").
  std::optional<core::Instant> answered;
  const double u = random.uniform();
  if (u < 0.86)
    answered = sent + scaled(due - sent, 0.05 + 0.9 * random.uniform());
  else if (u < 0.95)
    answered = due + hours_of(2.0 + 94.0 * random.uniform());
  if (answered && *answered >= end) answered = settled_or_none(due);
  std::optional<core::Instant> received = sent + hours_of(0.2 + 7.8 * random.uniform());
  if (answered && *received > *answered) received = sent + (*answered - sent) / 2;
  if (*received >= end) received.reset();
  const bool declined = answered && random.chance(0.08);
  std::optional<core::Instant> done;
  if (answered && !declined && (window_.settled || random.chance(0.7))) {
    done = *answered + days_of(1.0 + 9.0 * random.uniform());
    if (*done >= end) done = settled_or_none(*answered);
  }
  std::optional<core::Instant> cancelled;
  if (!answered && (window_.settled || (due < end - days(30) && random.chance(0.5)))) {
    cancelled = due + days_of(2.0 + 10.0 * random.uniform());
    if (*cancelled >= end) cancelled = settled_or_none(due);
  }
  const std::string state = cancelled  ? "cancelled"
                            : done     ? "done"
                            : declined ? "declined"
                            : answered ? "accepted"
                            : received ? "received"
                                       : "sent";
  const auto text = [](const std::optional<core::Instant>& at) -> store::Value {
    return at ? store::Value{db_time(*at)} : store::Value{nullptr};
  };
  const std::string id = ids_.next();
  requests_.add(id, r.id, type_text, from.id, to.id,
                std::string("Begäran om insats efter bedömning (demo)"), state, sender,
                db_time(sent), db_time(due), text(received),
                declined ? store::Value{nullptr} : text(answered),
                declined ? text(answered) : store::Value{nullptr},
                declined ? store::Value{std::string("Insatsen ges redan av annan enhet (demo)")}
                         : store::Value{nullptr},
                text(done), text(cancelled), std::int64_t{1});
  std::int64_t seq = 0;
  const auto event = [&](const char* kind, const std::optional<core::Instant>& at,
                         const std::string& user, const CountyUnit& unit) {
    if (!at) return;
    request_events_.add(ids_.next(), id, ++seq, std::string(kind), db_time(*at), user, unit.id,
                        nullptr);
  };
  request_events_.add(ids_.next(), id, ++seq, std::string("send"), db_time(sent), sender, from.id,
                      nullptr);
  event("receive", received, recipient, to);
  event(declined ? "decline" : "accept", answered, recipient, to);
  event("complete", done, recipient, to);
  event("cancel", cancelled, sender, from);
}

void CareWriter::write_contacts(const Resident& r, Random& random,
                                const std::vector<StayOutline>& stays) {
  const auto& m = municipality(r);
  // Home care visits as the visit plan records them (one a week kept, two for the heaviest
  // needs): enough for continuity over twelve months without a row per daily visit.
  if (const auto period = in_window(r, r.home_care_from, history_end_of(r, window_));
      period && r.home_care_group >= 0) {
    write_contact_series(r, random, stays,
                         *m.home_care[static_cast<std::size_t>(r.home_care_group)], *period,
                         r.most_ill ? 2.0 : 1.0);
  }
  if (const auto period = in_window(r, r.home_health_care_from, history_end_of(r, window_))) {
    write_contact_series(r, random, stays, *m.home_health_care, *period, r.most_ill ? 1.0 : 0.5);
  }
  const CountyUnit* centre = health_centre(r);
  if (!centre) return;
  const int stays_in_window = static_cast<int>(stays.size());
  double per_year = r.most_ill    ? 10.0
                    : r.age >= 85 ? 4.5
                    : r.age >= 75 ? 3.5
                    : r.age >= 65 ? 2.0
                                  : 0.0;
  if (r.age < 65 && stays_in_window >= 2) per_year = 2.0;
  if (r.home_health_care_from != kNever) per_year += 2.0;
  if (per_year <= 0) return;
  if (const auto period = in_window(r, r.listed_from, history_end_of(r, window_))) {
    write_contact_series(r, random, stays, *centre, *period, per_year / 52.0);
  }
}

void CareWriter::write_contact_series(const Resident& r, Random& random,
                                      const std::vector<StayOutline>& stays, const CountyUnit& unit,
                                      const Period& period, double per_week) {
  const bool centre = unit.kind == "health_centre";
  const bool home_care = unit.kind == "home_care";
  // Each person has their own caregiver (and, at a health centre, their own physician and
  // nurse); how often they meet them is the unit's continuity.
  const int own_nurse = static_cast<int>(random.below(static_cast<std::size_t>(unit.caregivers)));
  const int own_physician =
      static_cast<int>(random.below(static_cast<std::size_t>(unit.caregivers)));
  const std::vector<std::string> nurses = unit.users_in(centre      ? "district_nurse"
                                                        : home_care ? "home_care_staff"
                                                                    : "home_health_care_nurse");
  const std::vector<std::string> physicians =
      centre ? unit.users_in("physician") : std::vector<std::string>{};
  const double mean_gap_days = 7.0 / per_week;
  for (auto t = period.from + days_of(random.exponential(mean_gap_days)); t < period.until;
       t += days_of(random.exponential(mean_gap_days))) {
    const auto day = std::chrono::floor<days>(t);
    const auto at = day + hours_of(6.0 + 13.0 * random.uniform());  // 07–20 local
    if (at >= period.until || at < period.from || in_hospital(stays, at)) continue;
    const bool physician = centre && random.chance(0.45);
    const bool therapist = !centre && !home_care && random.chance(0.15);
    const int own = physician ? own_physician : own_nurse;
    const int who = random.chance(unit.continuity)
                        ? own
                        : static_cast<int>(random.below(static_cast<std::size_t>(unit.caregivers)));
    const auto& staff = physician ? physicians : nurses;
    const char* letter = physician ? "l" : therapist ? "t" : "s";
    const std::string caregiver = !therapist && who < static_cast<int>(staff.size())
                                      ? staff[static_cast<std::size_t>(who)]
                                      : "cg:" + unit.hsa_id + ":" + letter + std::to_string(who);
    const std::string profession = physician   ? "physician"
                                   : therapist ? "therapist"
                                   : home_care ? "home_care"
                                               : "nurse";
    std::string kind = "home_visit";
    if (centre) {
      const double u = random.uniform();
      kind = u < 0.55 ? "visit" : u < 0.9 ? "phone" : "video";
    } else if (!home_care && random.chance(0.1)) {
      kind = "phone";
    }
    const std::string at_text = db_time(at);
    contacts_.add(ids_.next(), r.id, unit.id, caregiver, profession, kind, at_text,
                  std::string("demo"), at_text);
  }
}

void CareWriter::write_home_care_hours(const Resident& r, Random& random) {
  // Hours are granted by the decision, not events of the person's own: they run to the window's
  // end whatever history_end says, so last month's hours are whole.
  const auto period = in_window(r, r.home_care_from, window_.end);
  if (!period || r.home_care_group < 0) return;
  const auto& group = *municipality(r).home_care[static_cast<std::size_t>(r.home_care_group)];
  // Granted hours a month: most under 20, the heaviest 25 or more (the mest sjuka äldre's
  // "omfattande omsorg", domain-rules §4.1).
  const double base =
      r.most_ill ? 15.0 + 30.0 * random.uniform() : std::min(120.0, random.lognormal(9.0, 0.8));
  using namespace std::chrono;
  const auto first = year_month_day{floor<days>(period->from)};
  const auto last = year_month_day{floor<days>(period->until - microseconds(1))};
  for (auto month = first.year() / first.month(); month <= last.year() / last.month();
       month += months(1)) {
    const auto month_start = core::Instant{sys_days{month / 1}};
    const auto month_end = core::Instant{sys_days{(month + months(1)) / 1}};
    const auto covered = std::min(month_end, period->until) - std::max(month_start, period->from);
    const double share = static_cast<double>(covered.count()) /
                         static_cast<double>((month_end - month_start).count());
    const double hours_granted =
        std::max(0.0, std::round(2.0 * base * share * (1.0 + 0.12 * random.normal())) / 2.0);
    char label[16];
    std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(month.year()),
                  static_cast<unsigned>(month.month()));
    home_care_hours_.add(r.id, std::string(label), group.id, hours_granted);
  }
}

void CareWriter::write_proactive_action(const Resident& r, Random& random,
                                        const std::vector<StayOutline>& stays) {
  const CountyUnit* centre = health_centre(r);
  if (!centre || r.died_at || r.age < 65) return;
  int recent = 0;
  for (const auto& s : stays) {
    if (s.admitted_at >= history_end_of(r, window_) - days(365)) ++recent;
  }
  if (!(r.most_ill ? random.chance(0.2) : recent >= 2 && random.chance(0.03))) return;
  const auto at = history_end_of(r, window_) - days(random.between(3, 120)) +
                  hours_of(7.0 + 8.0 * random.uniform());
  const double u = random.uniform();
  const char* kind = u < 0.35   ? "assessed_no_action"
                     : u < 0.60 ? "offer_sip"
                     : u < 0.75 ? "appoint_named_contact"
                                : "plan_home_visit";
  const bool assessed = std::string_view(kind) == "assessed_no_action";
  const auto review = window_.reference_day + days(random.between(30, 120));
  actions_.add(ids_.next(), r.id, centre->id, std::string(kind),
               std::string(assessed ? "Bedömd, stabil just nu; ses vid nästa kontroll (demo)"
                                    : "Beslut efter genomgång av proaktiva listan (demo)"),
               assessed ? store::Value{db_date(review)} : store::Value{nullptr},
               std::int64_t{random.between(10, 16)}, std::string(kActionReasons),
               staff_of(*centre, "district_nurse", random), db_time(at));
}

void CareWriter::finish(RowCounts& counts) {
  for (auto* inserter : {&named_contacts_, &plans_, &plan_versions_, &meetings_, &requests_,
                         &request_events_, &contacts_, &home_care_hours_, &actions_, &relations_}) {
    inserter->flush();
    counts[inserter->table()] += inserter->rows();
  }
}

}  // namespace nara::app::synthetic
