// named_contact_share (issue 19; 2017:612 2 kap. 5 §, HSL 7 kap. 3 §, domain-rules §4.3): of the
// persons 65+ with an active care relation at a month's end, the share with a named care contact
// valid then. Each person's relations and named contacts become month intervals once; a person
// is counted once per unit, once per municipality and once in the county, over difference arrays,
// so the work is per relation, not per relation and month.
#include <algorithm>
#include <unordered_map>

#include "domain/indicators/computation.hpp"

namespace nara::domain::indicators::detail {
namespace {

// Months [begin, end) (Calendar indices) at whose end something holds.
struct Span {
  int begin;
  int end;
};

struct RelationSpan {
  int person;
  int unit;
  int municipality;
  Span months;
};

struct NamedSpan {
  int person;
  Span months;
};

// Sorted, merged.
std::vector<Span> merged(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> out;
  for (const Span& span : spans) {
    if (!out.empty() && span.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, span.end);
    } else {
      out.push_back(span);
    }
  }
  return out;
}

// Per-month persons (denominator) and persons with a named contact (numerator) of one series, as
// difference arrays.
struct Changes {
  std::vector<long> persons;
  std::vector<long> with_contact;
  void ensure(int months) {
    if (persons.empty()) {
      persons.assign(static_cast<size_t>(months) + 1, 0);
      with_contact.assign(static_cast<size_t>(months) + 1, 0);
    }
  }
};

// Adds a person present over `present` (merged) and with a named contact over `named` (merged).
void add_person(Changes& changes, const std::vector<Span>& present,
                const std::vector<Span>& named) {
  for (const Span& span : present) {
    ++changes.persons[static_cast<size_t>(span.begin)];
    --changes.persons[static_cast<size_t>(span.end)];
    for (const Span& contact : named) {
      const int begin = std::max(span.begin, contact.begin);
      const int end = std::min(span.end, contact.end);
      if (begin >= end) continue;
      ++changes.with_contact[static_cast<size_t>(begin)];
      --changes.with_contact[static_cast<size_t>(end)];
    }
  }
}

Changes& changes_of(std::vector<Changes>& series, int id, int months) {
  if (series.size() <= static_cast<size_t>(id)) series.resize(static_cast<size_t>(id) + 1);
  Changes& changes = series[static_cast<size_t>(id)];
  changes.ensure(months);
  return changes;
}

void emit(Sink& sink, const Changes& changes, std::uint8_t levels, int municipality, int unit) {
  Contribution contribution;
  contribution.slot = Slot::named_contact_share;
  contribution.levels = levels;
  contribution.municipality = municipality;
  contribution.unit = unit;
  long persons = 0;
  long with_contact = 0;
  for (size_t m = 0; m + 1 < changes.persons.size(); ++m) {
    persons += changes.persons[m];
    with_contact += changes.with_contact[m];
    if (persons == 0) continue;
    contribution.month = static_cast<int>(m);
    contribution.numerator = static_cast<double>(with_contact);
    contribution.denominator = static_cast<double>(persons);
    contribution.count = persons;
    sink.add(contribution);
  }
}

}  // namespace

void visit_relations(const Facts& facts, Context& context, Sink& sink) {
  const bool wanted = sink.wants(Slot::named_contact_share);
  for (const RelationFact& relation : facts.relations) {
    context.municipalities.intern(relation.municipality_code);
    if (!wanted) continue;
    const int unit = context.units.intern(relation.unit_id);
    if (unit >= 0) sink.unit_seen(Slot::named_contact_share, unit);
  }
  if (!wanted) return;
  const Calendar& calendar = context.calendar;
  const int months = calendar.months();
  // Held at a month's end means held at its last instant: from < end of month ≤ to. With the
  // month k that contains an instant t, that is months [k(from), k(to)).
  const auto span_of = [&](core::Instant from, const std::optional<core::Instant>& to) {
    return Span{std::clamp(calendar.month_index(from), 0, months),
                to ? std::clamp(calendar.month_index(*to), 0, months) : months};
  };

  std::unordered_map<std::string_view, int> person_of;
  person_of.reserve(facts.relations.size());
  std::vector<RelationSpan> relations;
  relations.reserve(facts.relations.size());
  for (const RelationFact& relation : facts.relations) {
    if (relation.birth_year == 0) continue;  // age unknown: not counted
    Span span = span_of(relation.from, relation.to);
    // Persons turning named_contact_min_age or more in the month's year.
    const Month first_aged{
        std::chrono::year{relation.birth_year + context.parameters.named_contact_min_age},
        std::chrono::January};
    span.begin = std::max(span.begin, std::clamp(calendar.month_index(first_aged), 0, months));
    if (span.begin >= span.end) continue;
    const auto [it, added] =
        person_of.try_emplace(relation.person_id, static_cast<int>(person_of.size()));
    relations.push_back({it->second, context.units.intern(relation.unit_id),
                         context.municipalities.intern(relation.municipality_code), span});
  }
  std::vector<NamedSpan> named;
  for (const NamedContactFact& contact : facts.named_contacts) {
    const auto person = person_of.find(contact.person_id);
    if (person == person_of.end()) continue;
    const Span span = span_of(contact.from, contact.to);
    if (span.begin < span.end) named.push_back({person->second, span});
  }
  std::sort(relations.begin(), relations.end(),
            [](const RelationSpan& a, const RelationSpan& b) { return a.person < b.person; });
  std::sort(named.begin(), named.end(),
            [](const NamedSpan& a, const NamedSpan& b) { return a.person < b.person; });

  Changes county;
  county.ensure(months);
  std::vector<Changes> by_municipality;
  std::vector<Changes> by_unit;
  std::vector<Span> spans;
  size_t named_at = 0;
  for (size_t first = 0; first < relations.size();) {
    const int person = relations[first].person;
    size_t last = first;
    while (last < relations.size() && relations[last].person == person) ++last;
    while (named_at < named.size() && named[named_at].person < person) ++named_at;
    spans.clear();
    for (; named_at < named.size() && named[named_at].person == person; ++named_at) {
      spans.push_back(named[named_at].months);
    }
    const std::vector<Span> with_contact = merged(spans);

    const auto add_grouped = [&](auto key_of, std::vector<Changes>* series) {
      std::sort(
          relations.begin() + static_cast<long>(first), relations.begin() + static_cast<long>(last),
          [&](const RelationSpan& a, const RelationSpan& b) { return key_of(a) < key_of(b); });
      for (size_t i = first; i < last;) {
        const int key = key_of(relations[i]);
        spans.clear();
        for (; i < last && key_of(relations[i]) == key; ++i) spans.push_back(relations[i].months);
        if (series == nullptr) {
          add_person(county, merged(spans), with_contact);
        } else if (key >= 0) {
          add_person(changes_of(*series, key, months), merged(spans), with_contact);
        }
      }
    };
    add_grouped([](const RelationSpan&) { return 0; }, nullptr);
    add_grouped([](const RelationSpan& r) { return r.municipality; }, &by_municipality);
    add_grouped([](const RelationSpan& r) { return r.unit; }, &by_unit);
    first = last;
  }

  emit(sink, county, kCounty, -1, -1);
  for (size_t id = 0; id < by_municipality.size(); ++id) {
    if (!by_municipality[id].persons.empty()) {
      emit(sink, by_municipality[id], kMunicipality, static_cast<int>(id), -1);
    }
  }
  for (size_t id = 0; id < by_unit.size(); ++id) {
    if (!by_unit[id].persons.empty()) emit(sink, by_unit[id], kUnit, -1, static_cast<int>(id));
  }
}

}  // namespace nara::domain::indicators::detail
