#pragma once
// The proactive list's facts kept per unit (migration 0021, issue 19 point 7): each person in a
// unit's care who can meet a criterion, with the facts the list is assessed from, made anew for
// the persons whose facts changed (the triggers' `proactive_changes`) and for the whole unit when
// the local date changes. Names and personnummer are not kept; `names` reads them for the rows
// that are shown.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/follow_up_repository.hpp"

namespace nara::store {

// More changed persons than this and the unit's facts are made anew whole.
inline constexpr std::size_t kMaxPersonsRefreshedOneByOne = 256;

struct ProactiveChange {
  std::int64_t id = 0;
  std::string person_id;
};

// What a unit's kept facts are: made for `as_of_date` ("" if never made), with changes pending.
struct ProactiveUnitState {
  std::optional<std::string> as_of_date;  // none: the unit has no kept facts
  std::int64_t pending_changes = 0;
};

class ProactiveMembers {
 public:
  explicit ProactiveMembers(Transaction& tx) : tx_(tx) {}

  ProactiveUnitState state(const std::string& unit_id);
  // Makes writers start recording the unit's changes before its facts are first made. On
  // PostgreSQL it waits for every writer that may have missed the unit's state row to finish, so
  // a later read of the facts sees their writes (see the migration).
  void announce(const std::string& unit_id, core::Instant now);
  // Serialises the makers of one unit's facts (PostgreSQL; SQLite writes one at a time anyway).
  void lock_unit(const std::string& unit_id);
  std::vector<ProactiveChange> changes(const std::string& unit_id);

  // The unit's facts, all of them, made for `as_of_date`; `seen` are the changes they include.
  void replace_all(const std::string& unit_id, const std::vector<UnitPerson>& persons,
                   const std::string& as_of_date, core::Instant now,
                   const std::vector<ProactiveChange>& seen);
  // The facts of `changed` persons, of whom `persons` still belong on the unit's list.
  void replace_some(const std::string& unit_id, const std::vector<std::string>& changed,
                    const std::vector<UnitPerson>& persons,
                    const std::vector<ProactiveChange>& seen);
  // Units whose facts were last made before `before` (no one opened their list): forgotten, so
  // writers stop recording their changes and nothing is kept longer than it is used.
  void forget_units_older_than(const std::string& before);

  // The kept facts of persons born on or before `birth_cutoff` whose care relation with the unit
  // holds at `now`; each person's age is on `today`. Names are not filled in.
  std::vector<UnitPerson> read(const std::string& unit_id, core::Instant now,
                               const std::string& birth_cutoff, std::chrono::year_month_day today);
  // Name, identifier and kind of the given persons, for the rows shown.
  void fill_names(std::vector<UnitPerson*>& persons);

 private:
  void delete_changes(const std::vector<ProactiveChange>& seen);
  void insert(const std::string& unit_id, const UnitPerson& person);

  Transaction& tx_;
};

// The facts of one person as kept (JSON); the stays' sources go with them.
std::string encode_member_facts(const UnitPerson& person);
void decode_member_facts(std::string_view json, UnitPerson& person);

}  // namespace nara::store
