// The indicators read from inpatient episodes (issue 19; Lag 2017:612, SKR, Socialstyrelsen):
// days ready for discharge, discharge within the offset, payment liability, the statutory
// clocks, and readmissions. One pass over the episodes; readmissions look the person's later
// admissions up in an index built once.
#include <algorithm>
#include <array>
#include <limits>
#include <unordered_map>

#include "core/stockholm_time.hpp"
#include "domain/discharge/compliance.hpp"
#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators::detail {
namespace {

using discharge::ClockKind;
using discharge::ClockOutcome;
using discharge::EpisodeState;

constexpr std::array kWardSlots = {
    Slot::ready_days_per_1000_65,
    Slot::ready_days_mean,
    Slot::ready_days_median,
    Slot::discharged_within_offset_share,
    Slot::liability_days,
    Slot::liability_amount,
    Slot::admission_notice_24h_share,
    Slot::readmission_30d_65,
    Slot::readmission_30d_unplanned_65,
};
constexpr std::array kHealthCentreSlots = {
    Slot::sip_invitation_3_days_share,
    Slot::named_contact_before_discharge_share,
};

template <size_t N>
bool wants_any(const Sink& sink, const std::array<Slot, N>& slots) {
  return std::any_of(slots.begin(), slots.end(), [&](Slot slot) { return sink.wants(slot); });
}

// Every admission of every person that really happened (a cancelled one was registered in error),
// sorted by person and time, so "the person's next admissions after this discharge" is a binary
// search.
class AdmissionIndex {
 public:
  explicit AdmissionIndex(const std::vector<EpisodeFact>& episodes) {
    person_of_episode_.reserve(episodes.size());
    std::unordered_map<std::string_view, int> person_ids;
    person_ids.reserve(episodes.size());
    for (const auto& fact : episodes) {
      const auto [it, added] =
          person_ids.try_emplace(fact.person_id, static_cast<int>(person_ids.size()));
      person_of_episode_.push_back(it->second);
      if (fact.episode.state == EpisodeState::cancelled) continue;
      admissions_.push_back(
          {it->second, fact.episode.admitted_at, fact.admission_kind == AdmissionKind::acute});
    }
    std::sort(admissions_.begin(), admissions_.end(), [](const Admission& a, const Admission& b) {
      return a.person != b.person ? a.person < b.person : a.at < b.at;
    });
    first_of_person_.assign(person_ids.size() + 1, 0);
    for (const auto& admission : admissions_)
      ++first_of_person_[static_cast<size_t>(admission.person) + 1];
    for (size_t p = 1; p < first_of_person_.size(); ++p) {
      first_of_person_[p] += first_of_person_[p - 1];
    }
  }

  struct Readmitted {
    bool any = false;
    bool acute = false;
  };

  // Admissions of the episode's person strictly after `discharged_at` whose Stockholm date is at
  // most `days` calendar days after the discharge date.
  [[nodiscard]] Readmitted after(size_t episode, core::Instant discharged_at, int discharge_day,
                                 int days, const Calendar& calendar) const {
    const auto person = static_cast<size_t>(person_of_episode_[episode]);
    const auto begin = admissions_.begin() + first_of_person_[person];
    const auto end = admissions_.begin() + first_of_person_[person + 1];
    auto next = std::upper_bound(begin, end, discharged_at,
                                 [](core::Instant at, const Admission& a) { return at < a.at; });
    Readmitted result;
    for (; next != end && !result.acute; ++next) {
      if (calendar.day_number(next->at) - discharge_day > days) break;
      result.any = true;
      result.acute = next->acute;
    }
    return result;
  }

 private:
  struct Admission {
    int person;
    core::Instant at;
    bool acute;
  };
  std::vector<int> person_of_episode_;
  std::vector<Admission> admissions_;
  std::vector<long> first_of_person_;  // offsets into admissions_, one past the last person
};

// A statutory clock's outcome as the compliance report counts it (issue 6): met in time is the
// numerator; met late and overdue are in the denominator; a clock not yet due, or one that lapsed
// with the episode, is not counted.
void add_clock(Sink& sink, Contribution contribution, const discharge::Episode& episode,
               const discharge::StatutoryClock& clock, core::Instant judged_at) {
  const auto outcome = discharge::clock_outcome(episode, clock, judged_at);
  if (!outcome || *outcome == ClockOutcome::open_not_due) return;
  contribution.numerator = *outcome == ClockOutcome::met_in_time ? 1 : 0;
  contribution.denominator = 1;
  sink.add(contribution);
}

}  // namespace

void visit_episodes(const Facts& facts, Context& context, Sink& sink) {
  const bool want_any = wants_any(sink, kWardSlots) || wants_any(sink, kHealthCentreSlots);
  const bool want_clocks = sink.wants(Slot::admission_notice_24h_share) ||
                           sink.wants(Slot::sip_invitation_3_days_share) ||
                           sink.wants(Slot::named_contact_before_discharge_share);
  const bool want_readmissions =
      sink.wants(Slot::readmission_30d_65) || sink.wants(Slot::readmission_30d_unplanned_65);
  const Calendar& calendar = context.calendar;
  const Parameters& parameters = context.parameters;
  const int months = calendar.months();
  const auto in_period = [months](int month) { return month >= 0 && month < months; };
  // None: judged as if long after, so an unmet clock is overdue and every window has closed.
  const core::Instant judged_at = context.as_of.value_or(core::Instant::max());
  // The Stockholm date of as_of; without it every window has closed, as if long after.
  const int as_of_day =
      context.as_of ? calendar.day_number(*context.as_of) : std::numeric_limits<int>::max();

  std::optional<AdmissionIndex> admissions;
  if (want_readmissions) admissions.emplace(facts.episodes);

  for (size_t index = 0; index < facts.episodes.size(); ++index) {
    const EpisodeFact& fact = facts.episodes[index];
    const int municipality = context.municipalities.intern(fact.municipality_code);
    if (!want_any) continue;
    const int ward = context.units.intern(fact.ward_unit_id);
    const int health_centre = context.units.intern(fact.health_centre_unit_id);
    if (ward >= 0) {
      for (const Slot slot : kWardSlots) sink.unit_seen(slot, ward);
    }
    if (health_centre >= 0) {
      for (const Slot slot : kHealthCentreSlots) sink.unit_seen(slot, health_centre);
    }
    const discharge::Episode& episode = fact.episode;
    Contribution at_ward;
    at_ward.municipality = municipality;
    at_ward.unit = ward;
    at_ward.fact_id = fact.id;
    Contribution at_health_centre = at_ward;
    at_health_centre.unit = health_centre;

    const bool discharged =
        episode.state == EpisodeState::discharged && episode.discharged_at.has_value();
    const int discharge_month = discharged ? calendar.month_index(*episode.discharged_at) : -1;

    if (want_clocks && !fact.imported) {
      for (const auto& clock : discharge::clocks(episode, judged_at)) {
        if (clock.kind == ClockKind::admission_notice) {
          // 2017:612 2 kap. 1 och 3 §§, counted in the month of admission.
          at_ward.slot = Slot::admission_notice_24h_share;
          at_ward.month = calendar.month_index(episode.admitted_at);
          if (sink.wants(at_ward.slot) && in_period(at_ward.month)) {
            add_clock(sink, at_ward, episode, clock, judged_at);
          }
        } else if (clock.kind == ClockKind::sip_invitation) {
          // 2017:612 4 kap. 3 §: the clock of the ready notice in force, in that notice's month.
          at_health_centre.slot = Slot::sip_invitation_3_days_share;
          at_health_centre.month = calendar.month_index(episode.ready_periods.back().sent);
          if (sink.wants(at_health_centre.slot) && in_period(at_health_centre.month)) {
            add_clock(sink, at_health_centre, episode, clock, judged_at);
          }
        } else if (clock.kind == ClockKind::named_contact && discharged && health_centre >= 0) {
          // 2017:612 2 kap. 5 §: appointed before the patient leaves; the discharge month.
          at_health_centre.slot = Slot::named_contact_before_discharge_share;
          at_health_centre.month = discharge_month;
          if (sink.wants(at_health_centre.slot) && in_period(discharge_month)) {
            add_clock(sink, at_health_centre, episode, clock, judged_at);
          }
        }
      }
    }

    if (!discharged || !in_period(discharge_month)) continue;
    at_ward.month = discharge_month;
    const int discharge_day = calendar.day_number(*episode.discharged_at);

    // SKR, dagar som utskrivningsklar (domain-rules §4.3): calendar days from the date of the
    // ready notice in force to the discharge date — the notice's day is day 0 and not counted,
    // so a same-day discharge is 0 days and the next-day discharge 1.
    if (episode.ready_in_force()) {
      const core::Instant notice = episode.ready_periods.back().sent;
      const int ready_days = std::max(0, discharge_day - calendar.day_number(notice));
      if (ready_days >= 1) {
        at_ward.numerator = ready_days;
        at_ward.denominator = 0;  // per 1 000: the population is the denominator
        at_ward.slot = Slot::ready_days_per_1000_65;
        if (sink.wants(at_ward.slot)) sink.add(at_ward);
        at_ward.denominator = 1;
        at_ward.slot = Slot::ready_days_mean;
        if (sink.wants(at_ward.slot)) sink.add(at_ward);
        at_ward.slot = Slot::ready_days_median;
        at_ward.sample = ready_days;
        if (sink.wants(at_ward.slot)) sink.add(at_ward);
      }
      // 2017:612 5 kap. 4 §: liability starts offset_days after the notice, one more when it was
      // sent after 12.00; the discharge day is no vårddygn, so leaving on the start day is in time.
      at_ward.slot = Slot::discharged_within_offset_share;
      if (sink.wants(at_ward.slot)) {
        const int allowed = fact.offset_days + (core::stockholm::is_after_noon(notice) ? 1 : 0);
        at_ward.numerator = ready_days <= allowed ? 1 : 0;
        at_ward.denominator = 1;
        sink.add(at_ward);
      }
    }

    // 2017:612 5 kap. 1–6 §§: the liability as the discharge domain computed it; only episodes
    // with liability are summed (and counted).
    at_ward.denominator = 0;
    if (fact.liability_days > 0 && sink.wants(Slot::liability_days)) {
      at_ward.slot = Slot::liability_days;
      at_ward.numerator = fact.liability_days;
      sink.add(at_ward);
    }
    if (fact.liability_amount > 0 && sink.wants(Slot::liability_amount)) {
      at_ward.slot = Slot::liability_amount;
      at_ward.numerator = static_cast<double>(fact.liability_amount);
      sink.add(at_ward);
    }

    // Socialstyrelsen, återinskrivning inom 30 dagar (domain-rules §4.3): the index stay is a
    // discharge (alive: a death ends the episode as deceased, not discharged) of a person aged
    // readmission_min_age or more at admission, counted once its window has closed.
    if (admissions && fact.age_at_admission >= parameters.readmission_min_age) {
      const int window_end_day = discharge_day + parameters.readmission_days;
      if (as_of_day <= window_end_day) continue;
      const auto readmitted = admissions->after(index, *episode.discharged_at, discharge_day,
                                                parameters.readmission_days, calendar);
      at_ward.denominator = 1;
      at_ward.slot = Slot::readmission_30d_65;
      at_ward.numerator = readmitted.any ? 1 : 0;
      if (sink.wants(at_ward.slot)) sink.add(at_ward);
      at_ward.slot = Slot::readmission_30d_unplanned_65;
      at_ward.numerator = readmitted.acute ? 1 : 0;
      if (sink.wants(at_ward.slot)) sink.add(at_ward);
    }
  }
}

}  // namespace nara::domain::indicators::detail
