// Person-based indicators (issue 19; domain-rules §4.3): continuity of care per person and unit
// (COC, UPC) over a sliding window of months, and the share of persons 65+ in a unit's care who
// have a named care contact. Both are computed from the persons' own facts, then summed into the
// cells; no single fact is "behind" a cell, so they have no drill-down.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators::detail {
namespace {

// A 64-bit hash of a short string, eight bytes at a time with a strong mixer (MurmurHash3's
// finaliser): contacts are hashed four strings each, so this is on the hot path.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ text.size();
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    h = mix(h ^ word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, text.data() + i, text.size() - i);
  return mix(h ^ tail ^ (static_cast<std::uint64_t>(text.size() - i) << 59));
}

// Exact string → dense id, open addressing over (hash, id) slots with the texts in one arena.
// std::unordered_map<std::string_view, int> would chase a bucket, a node and the key's text in
// the facts for each of 1.5 million contacts; here a lookup is one slot and one arena read, and
// for the few units and caregivers both stay in cache.
class FlatInterner {
 public:
  int intern(std::string_view text) { return intern(text, hash_text(text)); }
  int intern(std::string_view text, std::uint64_t hash) {
    if (slots_.empty()) grow(1024);
    size_t at = static_cast<size_t>(hash) & (slots_.size() - 1);
    for (;; at = (at + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[at];
      if (slot.id < 0) break;
      if (slot.hash == hash && view(slot) == text) return slot.id;
    }
    const int id = static_cast<int>(texts_.size());
    slots_[at] = {hash, id, static_cast<std::uint32_t>(arena_.size()),
                  static_cast<std::uint32_t>(text.size())};
    texts_.push_back(slots_[at]);
    arena_.append(text);
    if (texts_.size() * 2 > slots_.size()) grow(slots_.size() * 2);
    return id;
  }
  // Asks for the slot `hash` starts at to be brought into the cache: the persons' table is
  // megabytes, and a lookup that waits for memory costs more than the rest of a contact.
  void prefetch(std::uint64_t hash) const {
    if (!slots_.empty())
      __builtin_prefetch(&slots_[static_cast<size_t>(hash) & (slots_.size() - 1)]);
  }
  [[nodiscard]] size_t size() const { return texts_.size(); }
  [[nodiscard]] std::string_view text(int id) const {
    return view(texts_[static_cast<size_t>(id)]);
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    int id = -1;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
  };
  [[nodiscard]] std::string_view view(const Slot& slot) const {
    return std::string_view(arena_).substr(slot.offset, slot.length);
  }
  void grow(size_t capacity) {
    slots_.assign(capacity, Slot{});
    for (const Slot& entry : texts_) {
      size_t at = static_cast<size_t>(entry.hash) & (capacity - 1);
      while (slots_[at].id >= 0) at = (at + 1) & (capacity - 1);
      slots_[at] = entry;
    }
  }
  std::vector<Slot> slots_;
  std::vector<Slot> texts_;  // by id
  std::string arena_;
};

// One contact inside the continuity windows, reduced to ids.
struct Visit {
  int person;
  int unit;  // FlatInterner id of the contacts' units
  int caregiver;
  int month;
};

// The continuity sums of one unit for one month.
struct ContinuitySums {
  double coc = 0;
  long coc_persons = 0;
  double upc = 0;
  long upc_persons = 0;
};

void emit_continuity(Sink& sink, int unit, int municipality,
                     const std::vector<ContinuitySums>& months) {
  Contribution contribution;
  contribution.unit = unit;
  contribution.municipality = municipality;
  for (int m = 0; m < static_cast<int>(months.size()); ++m) {
    const ContinuitySums& sums = months[static_cast<size_t>(m)];
    contribution.month = m;
    if (sums.coc_persons > 0 && sink.wants(Slot::continuity_coc)) {
      contribution.slot = Slot::continuity_coc;
      contribution.numerator = sums.coc;
      contribution.denominator = static_cast<double>(sums.coc_persons);
      contribution.count = sums.coc_persons;
      sink.add(contribution);
    }
    if (sums.upc_persons > 0 && sink.wants(Slot::continuity_upc)) {
      contribution.slot = Slot::continuity_upc;
      contribution.numerator = sums.upc;
      contribution.denominator = static_cast<double>(sums.upc_persons);
      contribution.count = sums.upc_persons;
      sink.add(contribution);
    }
  }
}

// Sweeps one person's contacts with one unit (sorted by month) month by month, adding the month
// entering the window and removing the one leaving it, so Σ nⱼ² is kept without recounting.
void sweep(const Visit* begin, const Visit* end, int months, int window, long min_contacts,
           std::vector<std::pair<int, long>>& per_caregiver, std::vector<ContinuitySums>& target) {
  per_caregiver.clear();
  const auto count_of = [&](int caregiver) -> long& {
    for (auto& [id, n] : per_caregiver) {
      if (id == caregiver) return n;
    }
    return per_caregiver.emplace_back(caregiver, 0).second;
  };
  long contacts_in_window = 0;
  long sum_of_squares = 0;
  const Visit* entering = begin;
  const Visit* leaving = begin;
  const int first = std::max(0, begin->month);
  const int last = std::min(months - 1, (end - 1)->month + window - 1);
  for (int m = first; m <= last; ++m) {
    for (; entering != end && entering->month <= m; ++entering) {
      long& n = count_of(entering->caregiver);
      sum_of_squares += 2 * n + 1;  // (n + 1)² − n²
      ++n;
      ++contacts_in_window;
    }
    for (; leaving != entering && leaving->month <= m - window; ++leaving) {
      long& n = count_of(leaving->caregiver);
      sum_of_squares -= 2 * n - 1;  // n² − (n − 1)²
      --n;
      --contacts_in_window;
    }
    if (contacts_in_window < min_contacts) continue;
    const auto total = static_cast<double>(contacts_in_window);
    ContinuitySums& cell = target[static_cast<size_t>(m)];
    if (contacts_in_window >= 2) {  // COC is 0/0 for a single contact
      cell.coc += static_cast<double>(sum_of_squares - contacts_in_window) / (total * (total - 1));
      ++cell.coc_persons;
    }
    long most = 0;
    for (const auto& entry : per_caregiver) most = std::max(most, entry.second);
    cell.upc += static_cast<double>(most) / total;
    ++cell.upc_persons;
  }
}

// The same sums, already made per unit and month (ContinuityTally): each month of the period is
// filled from its tally, as the sweep over the contacts would have.
void visit_continuity_tallies(const Facts& facts, Context& context, Sink& sink, bool wanted) {
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  std::vector<int> units;  // Interner ids, in first-seen order
  std::vector<int> unit_municipality;
  std::vector<std::vector<ContinuitySums>> sums;
  for (const ContinuityTally& tally : facts.continuity_tallies) {
    const int municipality = context.municipalities.intern(tally.municipality_code);
    const int unit = context.units.intern(tally.unit_id);
    if (!wanted || unit < 0) continue;
    const auto at = std::find(units.begin(), units.end(), unit);
    const auto index = static_cast<size_t>(at - units.begin());
    if (at == units.end()) {
      units.push_back(unit);
      unit_municipality.push_back(municipality);
      sums.emplace_back(static_cast<size_t>(months));
      sink.unit_seen(Slot::continuity_coc, unit);
      sink.unit_seen(Slot::continuity_upc, unit);
    }
    const int month = calendar.month_index(tally.month);
    if (month < 0 || month >= months) continue;
    ContinuitySums& cell = sums[index][static_cast<size_t>(month)];
    cell.coc += tally.coc_sum;
    cell.coc_persons += tally.coc_persons;
    cell.upc += tally.upc_sum;
    cell.upc_persons += tally.upc_persons;
  }
  for (size_t i = 0; i < units.size(); ++i)
    emit_continuity(sink, units[i], unit_municipality[i], sums[i]);
}

}  // namespace

// COC (Bice & Boxerman 1977) = (Σ nⱼ² − N) / (N(N − 1)); UPC = max nⱼ / N (domain-rules §4.3), for
// each person and unit with N ≥ continuity_min_contacts contacts in the continuity_window_months
// months ending with the month; the cell is the mean over those persons. One sequential pass
// reduces each contact to ids (exact string interning), a counting sort puts each person's
// contacts together, and each (person, unit) is swept once.
void visit_contacts(const Facts& facts, Context& context, Sink& sink) {
  const bool wanted = sink.wants(Slot::continuity_coc) || sink.wants(Slot::continuity_upc);
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  if (facts.contacts.empty() && !facts.continuity_tallies.empty()) {
    visit_continuity_tallies(facts, context, sink, wanted);
    return;
  }
  const int window = std::max(1, context.parameters.continuity_window_months);
  const long min_contacts = std::max(1, context.parameters.continuity_min_contacts);
  const int earliest = -(window - 1);  // the first month of the window ending with month 0

  // Units of contacts, their Interner ids and municipalities (a contact names its unit's).
  FlatInterner contact_units;
  std::vector<int> unit_id;
  std::vector<int> unit_municipality;
  FlatInterner persons;
  FlatInterner caregivers;
  std::vector<Visit> visits;
  if (wanted) visits.reserve(facts.contacts.size());
  // In blocks: first each contact's month, unit and person hash (prefetching the person's slot),
  // then the persons and caregivers, by when the slots have arrived.
  constexpr size_t kBlock = 32;
  std::array<std::uint64_t, kBlock> person_hash{};
  std::array<int, kBlock> visit_month{};
  std::array<int, kBlock> visit_unit{};
  const auto& contacts = facts.contacts;
  for (size_t block = 0; block < contacts.size(); block += kBlock) {
    const size_t block_end = std::min(contacts.size(), block + kBlock);
    for (size_t i = block; i < block_end; ++i) {
      const ContactFact& contact = contacts[i];
      const int unit = contact_units.intern(contact.unit_id);
      if (static_cast<size_t>(unit) == unit_id.size()) {
        unit_id.push_back(context.units.intern(contact.unit_id));
        unit_municipality.push_back(context.municipalities.intern(contact.municipality_code));
        if (wanted && unit_id.back() >= 0) {
          sink.unit_seen(Slot::continuity_coc, unit_id.back());
          sink.unit_seen(Slot::continuity_upc, unit_id.back());
        }
      }
      const int municipality = unit_municipality[static_cast<size_t>(unit)];
      if (municipality < 0
              ? !contact.municipality_code.empty()
              : context.municipalities.text(municipality) != contact.municipality_code) {
        context.municipalities.intern(contact.municipality_code);  // a unit naming another one
      }
      const size_t k = i - block;
      visit_unit[k] = unit;
      visit_month[k] = wanted ? calendar.month_index(contact.at) : months;
      if (visit_month[k] < earliest || visit_month[k] >= months) continue;
      person_hash[k] = hash_text(contact.person_id);
      persons.prefetch(person_hash[k]);
    }
    for (size_t i = block; i < block_end; ++i) {
      const size_t k = i - block;
      if (visit_month[k] < earliest || visit_month[k] >= months) continue;
      visits.push_back({persons.intern(contacts[i].person_id, person_hash[k]), visit_unit[k],
                        caregivers.intern(contacts[i].caregiver_key), visit_month[k]});
    }
  }
  if (!wanted) return;

  // Each person's contacts together (a counting sort by person), then by unit and month.
  std::vector<size_t> person_start(persons.size() + 1, 0);
  for (const Visit& visit : visits) ++person_start[static_cast<size_t>(visit.person) + 1];
  for (size_t p = 1; p < person_start.size(); ++p) person_start[p] += person_start[p - 1];
  std::vector<Visit> by_person(visits.size());
  {
    std::vector<size_t> next(person_start.begin(), person_start.end() - 1);
    for (const Visit& visit : visits) by_person[next[static_cast<size_t>(visit.person)]++] = visit;
  }
  visits = {};

  std::vector<std::vector<ContinuitySums>> sums(contact_units.size());
  std::vector<std::pair<int, long>> per_caregiver;
  for (size_t p = 0; p + 1 < person_start.size(); ++p) {
    Visit* const begin = by_person.data() + person_start[p];
    Visit* const end = by_person.data() + person_start[p + 1];
    if (end - begin < min_contacts) continue;  // never enough contacts in any window
    std::sort(begin, end, [](const Visit& a, const Visit& b) {
      return a.unit != b.unit ? a.unit < b.unit : a.month < b.month;
    });
    for (Visit* run = begin; run != end;) {
      Visit* run_end = run;
      while (run_end != end && run_end->unit == run->unit) ++run_end;
      if (run_end - run >= min_contacts) {
        auto& target = sums[static_cast<size_t>(run->unit)];
        if (target.empty()) target.resize(static_cast<size_t>(months));
        sweep(run, run_end, months, window, min_contacts, per_caregiver, target);
      }
      run = run_end;
    }
  }
  for (size_t unit = 0; unit < sums.size(); ++unit) {
    if (!sums[unit].empty())
      emit_continuity(sink, unit_id[unit], unit_municipality[unit], sums[unit]);
  }
}

}  // namespace nara::domain::indicators::detail
