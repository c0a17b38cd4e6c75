// The indicators read from SIPs, requests between units and proactive-list actions (issue 19):
// one pass over each kind of fact.
#include <array>
#include <limits>

#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators::detail {

namespace {

// The indicators kept per SIP-initiating unit.
constexpr std::array kSipSlots = {
    Slot::sips_per_1000_65,
    Slot::sip_follow_up_on_time_share,
    Slot::sip_person_took_part_share,
};

}  // namespace

void visit_sips(const Facts& facts, Context& context, Sink& sink) {
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  const auto in_period = [months](int month) { return month >= 0 && month < months; };
  // The Stockholm date of as_of; without it every window has closed, as if long after.
  const int as_of_day =
      context.as_of ? calendar.day_number(*context.as_of) : std::numeric_limits<int>::max();
  const bool want_any = sink.wants(Slot::sips_per_1000_65) ||
                        sink.wants(Slot::sip_follow_up_on_time_share) ||
                        sink.wants(Slot::sip_person_took_part_share);
  for (const SipFact& sip : facts.sips) {
    const int municipality = context.municipalities.intern(sip.municipality_code);
    if (!want_any) continue;
    const int unit = context.units.intern(sip.initiated_by_unit_id);
    if (unit >= 0) {
      for (const Slot slot : kSipSlots) sink.unit_seen(slot, unit);
    }
    Contribution contribution;
    contribution.municipality = municipality;
    contribution.unit = unit;
    contribution.fact_id = sip.id;

    contribution.month = calendar.month_index(sip.created_at);
    if (in_period(contribution.month)) {
      // HSL 16 kap. 4 §, SoL 10 kap. 8 §: SIPs started (created) in the month, persons 65+, per
      // 1 000 inhabitants 65+ (the population is added as the denominator later).
      if (sip.age_at_start >= context.parameters.sip_population_min_age &&
          sink.wants(Slot::sips_per_1000_65)) {
        contribution.slot = Slot::sips_per_1000_65;
        contribution.numerator = 1;
        contribution.denominator = 0;
        sink.add(contribution);
      }
      // HSL 16 kap. 4 § 2 st.: the plan is drawn up together with the person when possible.
      if (sink.wants(Slot::sip_person_took_part_share)) {
        contribution.slot = Slot::sip_person_took_part_share;
        contribution.numerator = sip.person_took_part ? 1 : 0;
        contribution.denominator = 1;
        sink.add(contribution);
      }
    }

    // domain-rules §2.2: follow-ups in the month they were due; held on time when held on or
    // before that date (Stockholm). One not held counts once its date has passed.
    if (!sink.wants(Slot::sip_follow_up_on_time_share)) continue;
    contribution.slot = Slot::sip_follow_up_on_time_share;
    contribution.denominator = 1;
    for (const auto& follow_up : sip.follow_ups) {
      contribution.month = calendar.month_index(follow_up.due.year() / follow_up.due.month());
      if (!in_period(contribution.month)) continue;
      const int due_day = Calendar::day_number(follow_up.due);
      if (follow_up.held_at) {
        contribution.numerator = calendar.day_number(*follow_up.held_at) <= due_day ? 1 : 0;
      } else {
        if (as_of_day <= due_day) continue;  // still open, not yet late
        contribution.numerator = 0;
      }
      sink.add(contribution);
    }
  }
}

void visit_requests(const Facts& facts, Context& context, Sink& sink) {
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  const bool wanted = sink.wants(Slot::requests_answered_in_time_share);
  Contribution contribution;
  contribution.slot = Slot::requests_answered_in_time_share;
  contribution.denominator = 1;
  for (const RequestFact& request : facts.requests) {
    const int municipality = context.municipalities.intern(request.to_municipality_code);
    if (!wanted) continue;
    const int unit = context.units.intern(request.to_unit_id);
    if (unit >= 0) sink.unit_seen(contribution.slot, unit);
    // Counted in the month the answer was due; cancelled requests and those without a due time
    // are not counted. In time: answered (accepted or declined) no later than due.
    if (request.cancelled || !request.due_at) continue;
    contribution.month = calendar.month_index(*request.due_at);
    if (contribution.month < 0 || contribution.month >= months) continue;
    if (request.answered_at) {
      contribution.numerator = *request.answered_at <= *request.due_at ? 1 : 0;
    } else {
      if (context.as_of && *context.as_of <= *request.due_at) continue;  // not yet due
      contribution.numerator = 0;
    }
    contribution.municipality = municipality;
    contribution.unit = unit;
    contribution.fact_id = request.id;
    sink.add(contribution);
  }
}

void visit_actions(const Facts& facts, Context& context, Sink& sink) {
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  const bool wanted = sink.wants(Slot::proactive_actions);
  Contribution contribution;
  contribution.slot = Slot::proactive_actions;
  contribution.numerator = 1;
  for (const ActionFact& action : facts.actions) {
    const int municipality = context.municipalities.intern(action.municipality_code);
    if (!wanted) continue;
    const int unit = context.units.intern(action.unit_id);
    if (unit >= 0) sink.unit_seen(contribution.slot, unit);
    // Issue 19 p. 3: every action recorded in the month, whatever its kind.
    contribution.month = calendar.month_index(action.at);
    if (contribution.month < 0 || contribution.month >= months) continue;
    contribution.municipality = municipality;
    contribution.unit = unit;
    sink.add(contribution);
  }
}

}  // namespace nara::domain::indicators::detail
