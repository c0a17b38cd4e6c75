#include "store/access_repository.hpp"

namespace nara::store {

void AccessRepository::insert_care_relation(const CareRelationRow& r,
                                            const std::optional<std::string>& created_by) {
  tx_.query(
      "INSERT INTO care_relations (id, person_id, unit_id, origin, reason, source_id, started_at, "
      "ended_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      r.id, r.person_id, r.unit_id, r.origin, optional_value(r.reason), optional_value(r.source_id),
      r.started_at, optional_value(r.ended_at), optional_value(created_by));
}

bool AccessRepository::end_care_relation(const std::string& id, const std::string& ended_at) {
  return tx_.query("UPDATE care_relations SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                   ended_at, id)
             .affected_rows == 1;
}

std::int64_t AccessRepository::end_relations_from_source(const std::string& source_id,
                                                         const std::string& ended_at) {
  return tx_
      .query("UPDATE care_relations SET ended_at = ? WHERE source_id = ? AND ended_at IS NULL",
             ended_at, source_id)
      .affected_rows;
}

bool AccessRepository::has_active_relation(const std::string& unit_id,
                                           const std::string& person_id) {
  return !tx_.query(
                 "SELECT 1 FROM care_relations WHERE unit_id = ? AND person_id = ? AND ended_at IS "
                 "NULL",
                 unit_id, person_id)
              .empty();
}

std::vector<CareRelationRow> AccessRepository::relations_of_person(const std::string& person_id,
                                                                   bool active_only) {
  const auto rs = tx_.query(
      "SELECT cr.id, cr.person_id, cr.unit_id, u.name, cr.origin, cr.reason, cr.source_id, "
      "cr.started_at, cr.ended_at "
      "FROM care_relations cr JOIN units u ON u.id = cr.unit_id WHERE cr.person_id = ? "
      "AND (? = 0 OR cr.ended_at IS NULL) ORDER BY cr.started_at, cr.id",
      person_id, std::int64_t{active_only ? 1 : 0});
  std::vector<CareRelationRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Row r = rs.row(i);
    out.push_back(CareRelationRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                                  r.optional_text(5), r.optional_text(6), r.text(7),
                                  r.optional_text(8)});
  }
  return out;
}

}  // namespace nara::store
