#pragma once
// Internals of the indicator computation (issue 19), shared by the files that visit one kind of
// fact each. Not part of the contract: compute() and facts_behind() in indicators.hpp are.
//
// The shape: each visitor reads its facts once, decides per fact which indicator cells it falls
// in (month, municipality, unit) and what it adds there (a Contribution), and hands that to a
// Sink. compute() sinks into per-cell accumulators; facts_behind() sinks into a list of fact ids
// for one cell. Both therefore use the very same definitions.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "domain/indicators/facts.hpp"
#include "domain/indicators/indicators.hpp"

namespace nara::domain::indicators::detail {

// The catalogue's indicators, in catalogue order (docs/follow-up.md); catalogue.cpp checks that
// the two agree.
enum class Slot : std::uint8_t {
  ready_days_per_1000_65,
  ready_days_mean,
  ready_days_median,
  discharged_within_offset_share,
  liability_days,
  liability_amount,
  admission_notice_24h_share,
  sip_invitation_3_days_share,
  named_contact_before_discharge_share,
  readmission_30d_65,
  readmission_30d_unplanned_65,
  sips_per_1000_65,
  sip_follow_up_on_time_share,
  sip_person_took_part_share,
  requests_answered_in_time_share,
  continuity_coc,
  continuity_upc,
  named_contact_share,
  proactive_actions,
};
inline constexpr int kSlotCount = 19;
inline int index_of(Slot slot) {
  return static_cast<int>(slot);
}

// How a cell's value follows from what was added to it.
enum class Aggregation {
  share,          // numerator / denominator; none when the denominator is 0
  mean,           // Σ values / number of facts; none when there are none
  median,         // median of the samples; none when there are none
  sum,            // Σ values; 0 when there are no facts
  rate_per_1000,  // Σ values × 1000 / inhabitants 65+; none without inhabitants
  count,          // number of facts; 0 when there are none
};
Aggregation aggregation_of(Slot slot);
std::optional<Slot> slot_of(std::string_view indicator_id);

// Month boundaries and local days of Europe/Stockholm for one query, converted once: a fact's
// month and local date are then found by binary search among instants instead of a time-zone
// lookup per fact. Instants outside the tables fall back to core::stockholm, so every answer is
// the same as the direct conversion.
class Calendar {
 public:
  // Output months [from, to]; `lead_months` earlier months are kept for windows that reach back
  // (continuity); local days are tabulated from the first of those to `tail_days` after `to`.
  Calendar(Month from, Month to, int lead_months, int tail_days);

  [[nodiscard]] int months() const { return months_; }
  [[nodiscard]] int lead_months() const { return lead_; }
  [[nodiscard]] Month month_at(int index) const;
  // Index of the month (relative to `from`) whose Stockholm local time contains `instant`:
  // negative for lead months; −lead−1 before the table and months() after it.
  [[nodiscard]] int month_index(core::Instant instant) const;
  [[nodiscard]] int month_index(Month month) const;
  // The first instant of month `index` (−lead ≤ index ≤ months()): local midnight of its 1st.
  [[nodiscard]] core::Instant month_start(int index) const;
  // The Stockholm local date of `instant` as days since 1970-01-01.
  [[nodiscard]] int day_number(core::Instant instant) const;
  [[nodiscard]] static int day_number(LocalDate date);

 private:
  Month from_;
  int months_ = 0;
  int lead_ = 0;
  std::vector<core::Instant> month_starts_;  // lead + months + 1 boundaries
  int first_day_ = 0;
  std::vector<core::Instant> day_starts_;  // local midnights, one past the last day
};

// Ids for strings seen in the facts (municipality codes, unit ids), so cells are found by index.
// The empty string is "none" (−1).
class Interner {
 public:
  int intern(std::string_view text);
  [[nodiscard]] int find(std::string_view text) const;
  [[nodiscard]] const std::string& text(int id) const { return texts_[static_cast<size_t>(id)]; }
  [[nodiscard]] int size() const { return static_cast<int>(texts_.size()); }

 private:
  std::deque<std::string> texts_;  // stable addresses: the map's keys view them
  std::unordered_map<std::string_view, int> ids_;
  std::string_view last_text_;  // facts often repeat the previous one: skip the hash then
  int last_id_ = -1;
};

// Which levels a contribution goes to. Most facts count in the county, their municipality and
// their unit at once; person-based shares are deduplicated per level and sent level by level.
enum LevelMask : std::uint8_t {
  kCounty = 1,
  kMunicipality = 2,
  kUnit = 4,
  kAllLevels = kCounty | kMunicipality | kUnit,
};

struct Contribution {
  Slot slot = Slot::ready_days_per_1000_65;
  int month = 0;          // Calendar index; cells exist for 0 ≤ month < months()
  int municipality = -1;  // Interner id, −1: none (then only the county)
  int unit = -1;          // Interner id, −1: none
  double numerator = 0;
  double denominator = 0;
  long count = 1;     // facts behind the cell (episodes, SIPs …); 0: adds to no count
  double sample = 0;  // the value a median is taken over
  std::uint8_t levels = kAllLevels;
  std::string_view fact_id;  // for the drill-down; empty for person-based indicators
};

class Sink {
 public:
  virtual ~Sink() = default;
  [[nodiscard]] virtual bool wants(Slot slot) const = 0;
  // `unit` appears in the facts this indicator reads: it gets a series even with no cell filled.
  virtual void unit_seen(Slot slot, int unit) = 0;
  virtual void add(const Contribution& contribution) = 0;

 protected:
  Sink() = default;
  Sink(const Sink&) = default;
  Sink& operator=(const Sink&) = default;
};

struct Context {
  const Parameters& parameters;
  const Calendar& calendar;
  Interner& municipalities;
  Interner& units;
  // Parameters::as_of, or none: every clock and window counts as closed.
  std::optional<core::Instant> as_of;
};

// The visitors, one per kind of fact; each interns every municipality code it reads, whether or
// not the sink wants its indicators, so the set of municipality series never depends on which
// indicators were asked for.
void visit_episodes(const Facts& facts, Context& context, Sink& sink);
void visit_sips(const Facts& facts, Context& context, Sink& sink);
void visit_requests(const Facts& facts, Context& context, Sink& sink);
void visit_actions(const Facts& facts, Context& context, Sink& sink);
void visit_contacts(const Facts& facts, Context& context, Sink& sink);   // continuity
void visit_relations(const Facts& facts, Context& context, Sink& sink);  // named contacts

// Inhabitants 65+ per month (Calendar index 0 … months()−1) of the county and each municipality.
struct Population65 {
  std::vector<double> county;
  std::vector<std::vector<double>> by_municipality;  // by Interner id; empty: none
};
Population65 population_65(const Facts& facts, const Calendar& calendar, Interner& municipalities,
                           int min_age);

}  // namespace nara::domain::indicators::detail
