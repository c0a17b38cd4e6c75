// compute(), facts_behind() and suppress() (issue 19): the visitors in the other files decide
// what each fact adds to which cell; here those contributions are summed into cells (compute) or
// the facts behind one cell are listed (facts_behind), and cells are turned into series.
#include "domain/indicators/indicators.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>

#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators {
namespace {

using detail::Aggregation;
using detail::Contribution;
using detail::Slot;

// SKR, utskrivningsklara per 1 000 invånare 65+: the denominator's age is the definition's, not a
// local choice (it is in the indicators' ids).
constexpr int kPopulationMinAge = 65;

struct Accumulated {
  double numerator = 0;
  double denominator = 0;
  long count = 0;
};

// One series' cells while they are being summed; allocated on first use.
struct Row {
  std::vector<Accumulated> cells;
  std::vector<std::vector<double>> samples;  // the median's values, per month
};

class Accumulator final : public detail::Sink {
 public:
  Accumulator(const std::array<bool, detail::kSlotCount>& wanted, int months)
      : wanted_(wanted), months_(months) {}

  [[nodiscard]] bool wants(Slot slot) const override { return wanted_[slot_index(slot)]; }

  void unit_seen(Slot slot, int unit) override {
    auto& present = stores_[slot_index(slot)].unit_present;
    if (present.size() <= static_cast<size_t>(unit)) present.resize(static_cast<size_t>(unit) + 1);
    present[static_cast<size_t>(unit)] = 1;
  }

  void add(const Contribution& contribution) override {
    if (!wants(contribution.slot) || contribution.month < 0 || contribution.month >= months_) {
      return;
    }
    Store& store = stores_[slot_index(contribution.slot)];
    if (contribution.levels & detail::kCounty) put(store.county, contribution);
    if ((contribution.levels & detail::kMunicipality) && contribution.municipality >= 0) {
      put(row(store.municipality, contribution.municipality), contribution);
    }
    if ((contribution.levels & detail::kUnit) && contribution.unit >= 0) {
      put(row(store.unit, contribution.unit), contribution);
    }
  }

  struct Store {
    Row county;
    std::vector<Row> municipality;  // by Interner id
    std::vector<Row> unit;          // by Interner id
    std::vector<char> unit_present;
  };
  [[nodiscard]] const Store& store(Slot slot) const { return stores_[slot_index(slot)]; }

 private:
  static size_t slot_index(Slot slot) { return static_cast<size_t>(detail::index_of(slot)); }

  static Row& row(std::vector<Row>& rows, int id) {
    if (rows.size() <= static_cast<size_t>(id)) rows.resize(static_cast<size_t>(id) + 1);
    return rows[static_cast<size_t>(id)];
  }

  void put(Row& target, const Contribution& contribution) {
    if (target.cells.empty()) target.cells.resize(static_cast<size_t>(months_));
    Accumulated& cell = target.cells[static_cast<size_t>(contribution.month)];
    cell.numerator += contribution.numerator;
    cell.denominator += contribution.denominator;
    cell.count += contribution.count;
    if (contribution.slot == Slot::ready_days_median) {
      if (target.samples.empty()) target.samples.resize(static_cast<size_t>(months_));
      target.samples[static_cast<size_t>(contribution.month)].push_back(contribution.sample);
    }
  }

  std::array<bool, detail::kSlotCount> wanted_;
  int months_;
  std::array<Store, detail::kSlotCount> stores_;
};

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<long>(middle));
  return (lower + upper) / 2;
}

// A cell's value from what was summed, by how the indicator aggregates. A sum or count with no
// facts is 0; a share, mean, median or rate without a denominator has no value.
Cell make_cell(Aggregation aggregation, const Row* row, size_t month, double population) {
  Accumulated sums;
  if (row != nullptr && !row->cells.empty()) sums = row->cells[month];
  Cell cell;
  cell.count = sums.count;
  switch (aggregation) {
    case Aggregation::share:
    case Aggregation::mean:
      cell.numerator = sums.numerator;
      cell.denominator = sums.denominator;
      if (sums.denominator > 0) cell.value = sums.numerator / sums.denominator;
      break;
    case Aggregation::median:
      if (row != nullptr && !row->samples.empty()) cell.value = median(row->samples[month]);
      break;
    case Aggregation::sum:
      cell.numerator = sums.numerator;
      cell.value = sums.numerator;
      break;
    case Aggregation::rate_per_1000:
      cell.numerator = sums.numerator;
      cell.denominator = population;
      if (population > 0) cell.value = sums.numerator * 1000 / population;
      break;
    case Aggregation::count:
      cell.numerator = static_cast<double>(sums.count);
      cell.value = static_cast<double>(sums.count);
      break;
  }
  return cell;
}

Series make_series(Slot slot, Level level, std::string key, const Row* row,
                   const detail::Calendar& calendar, const std::vector<double>* population) {
  Series series;
  series.indicator_id =
      std::string(catalogue().definitions[static_cast<size_t>(detail::index_of(slot))].id);
  series.level = level;
  series.key = std::move(key);
  const Aggregation aggregation = detail::aggregation_of(slot);
  for (int m = 0; m < calendar.months(); ++m) {
    const auto month = static_cast<size_t>(m);
    const double inhabitants =
        population != nullptr && !population->empty() ? (*population)[month] : 0.0;
    series.months.emplace(calendar.month_at(m), make_cell(aggregation, row, month, inhabitants));
  }
  return series;
}

Slot require_slot(std::string_view indicator_id) {
  const auto slot = detail::slot_of(indicator_id);
  if (!slot) throw std::invalid_argument("unknown indicator: " + std::string(indicator_id));
  return *slot;
}

// Ids sorted by their text, for a stable order of series.
std::vector<int> sorted_ids(const detail::Interner& interner, const std::vector<char>* present) {
  std::vector<int> ids;
  for (int id = 0; id < interner.size(); ++id) {
    if (present == nullptr ||
        (static_cast<size_t>(id) < present->size() && (*present)[static_cast<size_t>(id)])) {
      ids.push_back(id);
    }
  }
  std::sort(ids.begin(), ids.end(),
            [&](int a, int b) { return interner.text(a) < interner.text(b); });
  return ids;
}

void visit_all(const Facts& facts, detail::Context& context, detail::Sink& sink) {
  detail::visit_episodes(facts, context, sink);
  detail::visit_sips(facts, context, sink);
  detail::visit_requests(facts, context, sink);
  detail::visit_actions(facts, context, sink);
  detail::visit_contacts(facts, context, sink);
  detail::visit_relations(facts, context, sink);
}

// The day table reaches this far past the last month, for readmission windows.
int tail_days(const Parameters& parameters) {
  return std::max(0, parameters.readmission_days) + 2;
}

}  // namespace

std::vector<Series> compute(const Facts& facts, const Query& query) {
  if (query.to < query.from) throw std::invalid_argument("from is after to");
  std::vector<Slot> slots;
  std::array<bool, detail::kSlotCount> wanted{};
  const auto want = [&](Slot slot) {
    if (!wanted[static_cast<size_t>(detail::index_of(slot))]) slots.push_back(slot);
    wanted[static_cast<size_t>(detail::index_of(slot))] = true;
  };
  if (query.indicator_ids.empty()) {
    for (int i = 0; i < detail::kSlotCount; ++i) want(static_cast<Slot>(i));
  } else {
    for (const auto& id : query.indicator_ids) want(require_slot(id));
  }

  const Parameters& parameters = query.parameters;
  const detail::Calendar calendar(query.from, query.to,
                                  std::max(0, parameters.continuity_window_months - 1),
                                  tail_days(parameters));
  detail::Interner municipalities;
  detail::Interner units;
  detail::Context context{parameters, calendar, municipalities, units, parameters.as_of};
  Accumulator accumulator(wanted, calendar.months());
  visit_all(facts, context, accumulator);
  const detail::Population65 population =
      detail::population_65(facts, calendar, municipalities, kPopulationMinAge);

  const std::vector<int> municipality_order = sorted_ids(municipalities, nullptr);
  std::vector<Series> out;
  for (const Slot slot : slots) {
    const auto& store = accumulator.store(slot);
    out.push_back(
        make_series(slot, Level::county, "", &store.county, calendar, &population.county));
    for (const int id : municipality_order) {
      const auto index = static_cast<size_t>(id);
      const Row* row = index < store.municipality.size() ? &store.municipality[index] : nullptr;
      const std::vector<double>* inhabitants =
          index < population.by_municipality.size() ? &population.by_municipality[index] : nullptr;
      out.push_back(make_series(slot, Level::municipality, municipalities.text(id), row, calendar,
                                inhabitants));
    }
    // A unit's rate per 1 000 has the county's inhabitants as its denominator (catalogue notes).
    for (const int id : sorted_ids(units, &store.unit_present)) {
      const auto index = static_cast<size_t>(id);
      const Row* row = index < store.unit.size() ? &store.unit[index] : nullptr;
      out.push_back(
          make_series(slot, Level::unit, units.text(id), row, calendar, &population.county));
    }
  }
  return out;
}

namespace {

// Lists the facts behind one cell: those in its denominator, or for sums and counts those summed.
class Collector final : public detail::Sink {
 public:
  Collector(Slot slot, Level level, int key) : slot_(slot), level_(level), key_(key) {}

  [[nodiscard]] bool wants(Slot slot) const override { return slot == slot_; }
  void unit_seen(Slot, int) override {}
  void add(const Contribution& contribution) override {
    if (contribution.slot != slot_ || contribution.month != 0 || contribution.count <= 0 ||
        contribution.fact_id.empty() || !matches(contribution)) {
      return;
    }
    if (seen_.insert(contribution.fact_id).second) ids_.emplace_back(contribution.fact_id);
  }
  std::vector<std::string> take() { return std::move(ids_); }

 private:
  [[nodiscard]] bool matches(const Contribution& contribution) const {
    switch (level_) {
      case Level::county:
        return (contribution.levels & detail::kCounty) != 0;
      case Level::municipality:
        return key_ >= 0 && (contribution.levels & detail::kMunicipality) != 0 &&
               contribution.municipality == key_;
      case Level::unit:
        return key_ >= 0 && (contribution.levels & detail::kUnit) != 0 && contribution.unit == key_;
    }
    return false;
  }

  Slot slot_;
  Level level_;
  int key_;
  std::unordered_set<std::string_view> seen_;  // a SIP with two follow-ups due in one month
  std::vector<std::string> ids_;
};

}  // namespace

std::vector<std::string> facts_behind(const Facts& facts, const Parameters& parameters,
                                      std::string_view indicator_id, Level level,
                                      std::string_view key, Month month) {
  const Slot slot = require_slot(indicator_id);
  const detail::Calendar calendar(month, month, 0, tail_days(parameters));
  detail::Interner municipalities;
  detail::Interner units;
  int key_id = -1;
  if (level == Level::municipality) key_id = municipalities.intern(key);
  if (level == Level::unit) key_id = units.intern(key);
  detail::Context context{parameters, calendar, municipalities, units, parameters.as_of};
  Collector collector(slot, level, key_id);
  switch (slot) {
    case Slot::ready_days_per_1000_65:
    case Slot::ready_days_mean:
    case Slot::ready_days_median:
    case Slot::discharged_within_offset_share:
    case Slot::liability_days:
    case Slot::liability_amount:
    case Slot::admission_notice_24h_share:
    case Slot::sip_invitation_3_days_share:
    case Slot::named_contact_before_discharge_share:
    case Slot::readmission_30d_65:
    case Slot::readmission_30d_unplanned_65:
      detail::visit_episodes(facts, context, collector);
      break;
    case Slot::sips_per_1000_65:
    case Slot::sip_follow_up_on_time_share:
    case Slot::sip_person_took_part_share:
      detail::visit_sips(facts, context, collector);
      break;
    case Slot::requests_answered_in_time_share:
      detail::visit_requests(facts, context, collector);
      break;
    case Slot::continuity_coc:
    case Slot::continuity_upc:
    case Slot::named_contact_share:
    case Slot::proactive_actions:
      break;  // persons' contacts, relations and actions: no fact ids to list
  }
  return collector.take();
}

namespace {

bool is_small(double value, int threshold) {
  return value >= 1 && value <= threshold - 1;
}

Cell suppressed_cell() {
  Cell cell;
  cell.suppressed = true;
  return cell;
}

}  // namespace

// Small-cell disclosure control (issue 19; PDL/OSL confidentiality, domain-rules §3): a cell
// built on 1 to threshold−1 facts (or whose numerator or denominator is such a count) is shown
// as "<threshold" with none of its figures; 0 is not hidden, it discloses no one.
Cell suppress(Cell cell, int threshold) {
  if (is_small(static_cast<double>(cell.count), threshold) || is_small(cell.numerator, threshold) ||
      is_small(cell.denominator, threshold)) {
    return suppressed_cell();
  }
  return cell;
}

Cell suppress(Cell cell, ValueUnit unit, int threshold) {
  const bool counts_people = unit == ValueUnit::share || unit == ValueUnit::count;
  if (!counts_people) {
    return is_small(static_cast<double>(cell.count), threshold) ? suppressed_cell() : cell;
  }
  return suppress(cell, threshold);
}

}  // namespace nara::domain::indicators
