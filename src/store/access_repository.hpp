#pragma once
// Care relations, consents, blocks and emergency accesses: the facts the access policy decides on.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace nara::store {

struct CareRelationRow {
  std::string id;
  std::string person_id;
  std::string unit_id;
  std::string unit_name;
  std::string origin;
  std::optional<std::string> reason;
  std::optional<std::string> source_id;
  std::string started_at;
  std::optional<std::string> ended_at;
};

class AccessRepository {
 public:
  explicit AccessRepository(Transaction& tx) : tx_(tx) {}

  void insert_care_relation(const CareRelationRow& row,
                            const std::optional<std::string>& created_by);
  bool end_care_relation(const std::string& id, const std::string& ended_at);
  // Ends the relations an event made (e.g. a discharge ends its admission's relation).
  std::int64_t end_relations_from_source(const std::string& source_id, const std::string& ended_at);
  bool has_active_relation(const std::string& unit_id, const std::string& person_id);
  std::vector<CareRelationRow> relations_of_person(const std::string& person_id, bool active_only);

  // SQL predicate, for list queries, that keeps only persons with an active relation to a unit.
  // Its single `?` is the unit id; the person column is `persons.id`.
  static constexpr const char* kRelatedToUnit =
      "EXISTS (SELECT 1 FROM care_relations cr WHERE cr.person_id = persons.id AND cr.unit_id = ? "
      "AND cr.ended_at IS NULL)";

 private:
  Transaction& tx_;
};

}  // namespace nara::store
