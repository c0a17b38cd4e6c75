// Person-based indicators (issue 19; domain-rules §4.3): continuity of care per person and unit
// (COC, UPC) over a sliding window of months, and the share of persons 65+ in a unit's care who
// have a named care contact. Both are computed from the persons' own facts, then summed into the
// cells; no single fact is "behind" a cell, so they have no drill-down.
#include <algorithm>
#include <functional>
#include <unordered_map>

#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators::detail {
namespace {

struct PersonUnit {
  std::string_view person;
  std::string_view unit;
  bool operator==(const PersonUnit&) const = default;
};

struct PersonUnitHash {
  size_t operator()(const PersonUnit& key) const noexcept {
    const size_t a = std::hash<std::string_view>{}(key.person);
    const size_t b = std::hash<std::string_view>{}(key.unit);
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  }
};

// The continuity sums of one (unit, municipality) for one month.
struct ContinuitySums {
  double coc = 0;
  long coc_persons = 0;
  double upc = 0;
  long upc_persons = 0;
};

// Contacts of one person with one unit inside the window, reduced to (month, caregiver).
struct Visit {
  int month;
  int caregiver;
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

}  // namespace

// COC (Bice & Boxerman 1977) = (Σ nⱼ² − N) / (N(N − 1)); UPC = max nⱼ / N (domain-rules §4.3), for
// each person and unit with N ≥ continuity_min_contacts contacts in the continuity_window_months
// months ending with the month; the cell is the mean over those persons. Contacts are grouped by
// (person, unit) once and each group is swept month by month, adding the month entering the
// window and removing the one leaving it, so Σ nⱼ² is kept without recounting.
void visit_contacts(const Facts& facts, Context& context, Sink& sink) {
  const bool wanted = sink.wants(Slot::continuity_coc) || sink.wants(Slot::continuity_upc);
  if (!wanted) {
    for (const auto& contact : facts.contacts)
      context.municipalities.intern(contact.municipality_code);
    return;
  }
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  const int window = std::max(1, context.parameters.continuity_window_months);
  const long min_contacts = std::max(1, context.parameters.continuity_min_contacts);
  const int earliest = -(window - 1);  // the first month of the window ending with month 0

  const size_t contact_count = facts.contacts.size();
  std::unordered_map<PersonUnit, int, PersonUnitHash> group_of;
  group_of.reserve(contact_count / 4 + 16);
  std::vector<int> group_of_contact(contact_count, -1);
  std::vector<int> month_of_contact(contact_count, 0);
  std::vector<int> group_size;
  std::vector<int> group_unit;
  std::vector<int> group_municipality;
  PersonUnit previous{};
  int previous_group = -1;
  for (size_t i = 0; i < contact_count; ++i) {
    const ContactFact& contact = facts.contacts[i];
    const int municipality = context.municipalities.intern(contact.municipality_code);
    const int unit = context.units.intern(contact.unit_id);
    if (unit >= 0) {
      sink.unit_seen(Slot::continuity_coc, unit);
      sink.unit_seen(Slot::continuity_upc, unit);
    }
    const int month = calendar.month_index(contact.at);
    if (month < earliest || month >= months) continue;
    const PersonUnit key{contact.person_id, contact.unit_id};
    if (previous_group < 0 || !(key == previous)) {
      const auto [it, added] = group_of.try_emplace(key, static_cast<int>(group_size.size()));
      if (added) {
        group_size.push_back(0);
        group_unit.push_back(unit);
        group_municipality.push_back(municipality);
      }
      previous = key;
      previous_group = it->second;
    }
    group_of_contact[i] = previous_group;
    month_of_contact[i] = month;
    ++group_size[static_cast<size_t>(previous_group)];
  }

  // The contacts of each group, contiguous.
  std::vector<size_t> group_start(group_size.size() + 1, 0);
  for (size_t g = 0; g < group_size.size(); ++g) {
    group_start[g + 1] = group_start[g] + static_cast<size_t>(group_size[g]);
  }
  std::vector<size_t> by_group(group_start.back());
  {
    std::vector<size_t> next(group_start.begin(), group_start.end() - 1);
    for (size_t i = 0; i < contact_count; ++i) {
      if (group_of_contact[i] >= 0) by_group[next[static_cast<size_t>(group_of_contact[i])]++] = i;
    }
  }

  // Sums per (unit, municipality): a unit normally has one municipality, but nothing breaks if not.
  std::unordered_map<long long, size_t> sums_of;
  std::vector<std::pair<int, int>> sums_key;
  std::vector<std::vector<ContinuitySums>> sums;

  std::vector<Visit> visits;
  std::vector<std::string_view> caregivers;
  std::vector<long> per_caregiver;
  for (size_t g = 0; g < group_size.size(); ++g) {
    if (group_size[g] < min_contacts) continue;  // never enough contacts in any window
    visits.clear();
    caregivers.clear();
    for (size_t k = group_start[g]; k < group_start[g + 1]; ++k) {
      const size_t i = by_group[k];
      const std::string_view caregiver = facts.contacts[i].caregiver_key;
      const auto found = std::find(caregivers.begin(), caregivers.end(), caregiver);
      const auto id = static_cast<int>(found - caregivers.begin());
      if (found == caregivers.end()) caregivers.push_back(caregiver);
      visits.push_back({month_of_contact[i], id});
    }
    std::sort(visits.begin(), visits.end(),
              [](const Visit& a, const Visit& b) { return a.month < b.month; });
    per_caregiver.assign(caregivers.size(), 0);

    const long long sums_key_value =
        (static_cast<long long>(group_unit[g]) << 32) ^ (group_municipality[g] & 0xffffffffLL);
    const auto [sums_it, sums_added] = sums_of.try_emplace(sums_key_value, sums.size());
    if (sums_added) {
      sums_key.emplace_back(group_unit[g], group_municipality[g]);
      sums.emplace_back(static_cast<size_t>(months));
    }
    std::vector<ContinuitySums>& target = sums[sums_it->second];

    long contacts_in_window = 0;
    long sum_of_squares = 0;
    size_t entering = 0;
    size_t leaving = 0;
    const int first = std::max(0, visits.front().month);
    const int last = std::min(months - 1, visits.back().month + window - 1);
    for (int m = first; m <= last; ++m) {
      for (; entering < visits.size() && visits[entering].month <= m; ++entering) {
        long& n = per_caregiver[static_cast<size_t>(visits[entering].caregiver)];
        sum_of_squares += 2 * n + 1;  // (n + 1)² − n²
        ++n;
        ++contacts_in_window;
      }
      for (; leaving < entering && visits[leaving].month <= m - window; ++leaving) {
        long& n = per_caregiver[static_cast<size_t>(visits[leaving].caregiver)];
        sum_of_squares -= 2 * n - 1;  // n² − (n − 1)²
        --n;
        --contacts_in_window;
      }
      if (contacts_in_window < min_contacts) continue;
      const auto total = static_cast<double>(contacts_in_window);
      ContinuitySums& cell = target[static_cast<size_t>(m)];
      if (contacts_in_window >= 2) {  // COC is 0/0 for a single contact
        cell.coc +=
            static_cast<double>(sum_of_squares - contacts_in_window) / (total * (total - 1));
        ++cell.coc_persons;
      }
      cell.upc +=
          static_cast<double>(*std::max_element(per_caregiver.begin(), per_caregiver.end())) /
          total;
      ++cell.upc_persons;
    }
  }
  for (size_t s = 0; s < sums.size(); ++s) {
    emit_continuity(sink, sums_key[s].first, sums_key[s].second, sums[s]);
  }
}

}  // namespace nara::domain::indicators::detail
