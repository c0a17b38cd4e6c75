#pragma once
// Follow-up indicators against målbild 2030 (issue 19; domain-rules §1.6, §4.3): a versioned
// catalogue of definitions, and their values per county, municipality and unit for each month.
// Pure: the facts come in (facts.hpp), the series go out.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/indicators/facts.hpp"

namespace nara::domain::indicators {

// What a value is: a share (0–1), per 1 000 inhabitants, days, Swedish kronor, a count, or an
// index (COC, UPC: 0–1).
enum class ValueUnit { share, per_1000, days, sek, count, index };
std::string_view to_string(ValueUnit unit);

// The level a unit series is kept at: the ward (episodes), the health centre (its clocks), the
// receiving unit (requests), the contacts' unit (continuity), the SIP's initiating unit.
enum class UnitLevel {
  none,
  ward,
  health_centre,
  receiving_unit,
  contact_unit,
  initiating_unit,
  relation_unit,
  acting_unit
};
std::string_view to_string(UnitLevel level);

struct Definition {
  std::string_view id;  // stable, e.g. "ready_days_per_1000_65"
  int version = 1;      // bumped when the definition's meaning changes
  std::string_view name_sv;
  std::string_view name_en;
  std::string_view numerator_sv;
  std::string_view numerator_en;
  std::string_view denominator_sv;  // empty for a count or a sum
  std::string_view denominator_en;
  ValueUnit unit = ValueUnit::share;
  std::string_view population_sv;  // who is counted, e.g. "invånare 65 år och äldre"
  std::string_view population_en;
  std::string_view period_sv;  // how a fact falls in a month, e.g. "utskrivningsmånad"
  std::string_view period_en;
  std::string_view source;  // paragraph, SKR/Socialstyrelsen reference, domain-rules section
  bool higher_is_better = true;
  UnitLevel unit_level = UnitLevel::none;
  // [S]/[M] choices the definition makes (e.g. the COC minimum of 3 contacts), named for readers.
  std::string_view notes_sv;
  std::string_view notes_en;
};

struct Catalogue {
  std::string_view version;  // e.g. "2026.1"; a changed definition makes a new version
  std::vector<Definition> definitions;
};
const Catalogue& catalogue();
const Definition* find_definition(std::string_view id);

// Choices the catalogue leaves to configuration ([M], domain-rules §4.3).
struct Parameters {
  int continuity_min_contacts = 3;    // COC/UPC only for persons with at least this many
  int continuity_window_months = 12;  // contacts counted in the 12 months up to the month's end
  int readmission_days = 30;
  int readmission_min_age = 65;
  int sip_population_min_age = 65;
  int small_cell_threshold = 5;  // counts 1–4 are shown as "<5" outside the unit's own staff
  int named_contact_min_age =
      65;  // named_contact_share: persons turning this age or more that year
  // The instant the data is as of (the service's clock). A statutory clock not yet due then, a
  // request or SIP follow-up not yet due, or a readmission window still open is not counted yet.
  // None: every clock and window counts as closed (an unmet clock is overdue).
  std::optional<core::Instant> as_of;
};

// One month's value. Counts are kept so a reader can check the value, and so cells can be
// suppressed (small-cell disclosure control) by who reads them.
struct Cell {
  std::optional<double> value;  // none: nothing to count (denominator 0)
  double numerator = 0;         // a sum for days and kronor
  double denominator = 0;       // 0 for counts and sums
  long count = 0;               // the number of facts (episodes, persons, SIPs …) behind it
  bool suppressed = false;      // set by suppress()
};

enum class Level { county, municipality, unit };
std::string_view to_string(Level level);

struct Series {
  std::string indicator_id;
  Level level = Level::county;
  std::string key;  // municipality code or unit id; empty for the county
  std::map<Month, Cell> months;
};

struct Query {
  Month from;
  Month to;                                // inclusive
  std::vector<std::string> indicator_ids;  // empty: every indicator in the catalogue
  Parameters parameters;
};

// Every requested indicator for the county, each municipality and each unit, month by month over
// [from, to]. A month with no facts still has its cell (value none or 0), so trends have no holes.
std::vector<Series> compute(const Facts& facts, const Query& query);

// The ids of the facts (episodes, SIPs, requests …) behind one cell: the drill-down. Same
// definitions as compute(); empty for indicators whose facts are persons' contacts.
std::vector<std::string> facts_behind(const Facts& facts, const Parameters& parameters,
                                      std::string_view indicator_id, Level level,
                                      std::string_view key, Month month);

// Statistical disclosure control: outside the unit's own staff a cell whose count, numerator or
// denominator is 1 to threshold−1 shows none of them (the reader sees "<5").
// Without the unit every one of the three is checked, which also hides sums of days or kronor
// that happen to be small: prefer the overload below.
Cell suppress(Cell cell, int threshold);
// The same with the value's unit: for a share or a count the count, numerator and denominator are
// checked; for days, kronor, per 1 000 and index values the numerator is a sum (of days, kronor,
// COC values) and the denominator a population, not a number of people, so only `count` (the
// episodes, SIPs or persons behind the cell) is.
Cell suppress(Cell cell, ValueUnit unit, int threshold);

}  // namespace nara::domain::indicators
