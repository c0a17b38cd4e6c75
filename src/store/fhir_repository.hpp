#pragma once
// The searches of the FHIR façade (docs/fhir.md) that must be answered in SQL: which persons
// match, how many, and one page of their ids in a stable order, with the reader's access as a
// predicate of the query (PDL 4:1), so totals and pages hold only what the reader may see. The rows
// themselves are read with the registry's and the episodes' repositories. Never decides policy.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace nara::store {

// One bound of a range search on a text column whose order is its value's order (ISO dates,
// instants in the store's fixed-width form): `column >= value` or `column < value`.
struct TextBound {
  bool at_least = true;  // >= when true, < when false
  std::string value;
};

struct PersonSearch {
  std::optional<std::string> id;
  std::optional<std::string> identifier;       // canonical, 12 characters
  std::optional<std::string> name_prefix;      // family or given name, as PersonFilter
  std::optional<std::string> family_prefix;    // the family name
  std::optional<std::string> given_prefix;     // a given name
  std::optional<std::string> legal_sex;        // "female" | "male"
  std::vector<TextBound> birth_date;           // "YYYY-MM-DD"
  std::vector<TextBound> updated_at;           // store time
  std::optional<std::string> related_to_unit;  // an active care relation to this unit (PDL 4:1)
  std::optional<std::string> only_person;      // a citizen's own record (PDL 5:5)
};

struct AssignmentSearch {
  std::optional<std::string> id;
  std::optional<std::string> user_id;
  std::optional<std::string> unit_id;
  std::optional<std::string> role;
  std::optional<bool> active;
};

struct IdPage {
  std::vector<std::string> ids;
  std::int64_t total = 0;  // matches in all, not only this page
};

class FhirRepository {
 public:
  explicit FhirRepository(Transaction& tx) : tx_(tx) {}

  // Ordered by family name, given name, id.
  IdPage persons(const PersonSearch& search, std::size_t offset, std::size_t limit);
  // Assignments of staff at a unit (never a citizen's or a system account's), ordered by id.
  IdPage staff_assignments(const AssignmentSearch& search, std::size_t offset, std::size_t limit);
  // Users with an assignment of the integration role: system accounts, not practitioners.
  std::vector<std::string> system_account_ids();
  // The time an inpatient episode was last changed.
  std::optional<std::string> episode_updated_at(const std::string& episode_id);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
