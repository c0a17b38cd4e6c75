#include "store/fhir_repository.hpp"

#include "store/access_repository.hpp"
#include "store/text_search.hpp"

namespace nara::store {

namespace {

// A WHERE clause built from the conditions a search names, with its parameters in order.
class Conditions {
 public:
  void add(std::string_view condition) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
  }
  void add(std::string_view condition, Value param) {
    add(condition);
    params_.push_back(std::move(param));
  }
  void add_bounds(const std::string& column, const std::vector<TextBound>& bounds) {
    for (const auto& b : bounds) add(column + (b.at_least ? " >= ?" : " < ?"), b.value);
  }
  void param(Value value) { params_.push_back(std::move(value)); }
  [[nodiscard]] const std::string& sql() const { return sql_; }
  [[nodiscard]] const std::vector<Value>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<Value> params_;
};

IdPage counted_page(Transaction& tx, const std::string& from, const Conditions& where,
                    const std::string& order_by, std::size_t offset, std::size_t limit) {
  IdPage page;
  page.total = tx.run("SELECT COUNT(*) FROM " + from + where.sql(), where.params()).row(0).int64(0);
  if (limit == 0 || offset >= static_cast<std::size_t>(page.total)) return page;
  std::vector<Value> params = where.params();
  params.emplace_back(static_cast<std::int64_t>(limit));
  params.emplace_back(static_cast<std::int64_t>(offset));
  const auto rows =
      tx.run("SELECT id FROM " + from + where.sql() + " ORDER BY " + order_by + " LIMIT ? OFFSET ?",
             params);
  page.ids.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) page.ids.push_back(rows.row(i).text(0));
  return page;
}

}  // namespace

IdPage FhirRepository::persons(const PersonSearch& s, std::size_t offset, std::size_t limit) {
  Conditions where;
  if (s.id) where.add("id = ?", *s.id);
  if (s.only_person) where.add("id = ?", *s.only_person);
  if (s.identifier) where.add("identifier = ?", *s.identifier);
  if (s.name_prefix) {
    // The key is "family given", lower-cased: a name starts it or follows a space in it.
    const std::string pattern = like_prefix(search_key(*s.name_prefix));
    where.add("(search_key LIKE ? ESCAPE '\\' OR search_key LIKE ? ESCAPE '\\')", pattern);
    where.param("% " + pattern);
  }
  if (s.family_prefix) {
    where.add("search_key LIKE ? ESCAPE '\\'", like_prefix(search_key(*s.family_prefix)));
  }
  if (s.given_prefix) {
    where.add("search_key LIKE ? ESCAPE '\\'", "% " + like_prefix(search_key(*s.given_prefix)));
  }
  if (s.legal_sex) where.add("legal_sex = ?", *s.legal_sex);
  where.add_bounds("birth_date", s.birth_date);
  where.add_bounds("updated_at", s.updated_at);
  if (s.related_to_unit) where.add(AccessRepository::kRelatedToUnit, *s.related_to_unit);
  return counted_page(tx_, "persons", where, "family_name, given_name, id", offset, limit);
}

IdPage FhirRepository::staff_assignments(const AssignmentSearch& s, std::size_t offset,
                                         std::size_t limit) {
  Conditions where;
  where.add("role NOT IN ('citizen', 'integration') AND unit_id IS NOT NULL");
  if (s.id) where.add("id = ?", *s.id);
  if (s.user_id) where.add("user_id = ?", *s.user_id);
  if (s.unit_id) where.add("unit_id = ?", *s.unit_id);
  if (s.role) where.add("role = ?", *s.role);
  if (s.active) where.add("active = ?", std::int64_t{*s.active ? 1 : 0});
  return counted_page(tx_, "assignments", where, "id", offset, limit);
}

std::vector<std::string> FhirRepository::system_account_ids() {
  const auto rows =
      tx_.query("SELECT DISTINCT user_id FROM assignments WHERE role = 'integration'");
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.row(i).text(0));
  return ids;
}

std::optional<std::string> FhirRepository::episode_updated_at(const std::string& episode_id) {
  const auto rows = tx_.query("SELECT updated_at FROM inpatient_episodes WHERE id = ?", episode_id);
  if (rows.empty()) return std::nullopt;
  return rows.row(0).text(0);
}

}  // namespace nara::store
