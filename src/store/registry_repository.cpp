#include "store/registry_repository.hpp"

#include "store/access_repository.hpp"
#include "store/text_search.hpp"

namespace nara::store {

using namespace domain::registry;

namespace {

constexpr const char* kPrincipalColumns =
    "id, kind, name, organisation_number, area_code, version, created_at, updated_at";
constexpr const char* kProviderColumns =
    "id, name, hsa_id, organisation_number, version, created_at, updated_at";
constexpr const char* kUnitColumns =
    "id, care_provider_id, parent_unit_id, hsa_id, name, kind, municipality_code, locality, "
    "latitude, "
    "longitude, active, version, created_at, updated_at, psychiatric_care";
constexpr const char* kPersonColumns =
    "id, identifier, identifier_kind, identifier_system, given_name, family_name, birth_date, "
    "legal_sex, "
    "municipality_code, street_address, postal_code, locality, latitude, longitude, "
    "protected_identity, "
    "deceased_on, version, created_at, updated_at";
constexpr const char* kUserColumns =
    "id, username, display_name, hsa_id, person_id, active, version, created_at, updated_at";

Stamp stamp_at(const Row& r, std::size_t first) {
  return Stamp{r.int64(first), r.text(first + 1), r.text(first + 2)};
}

Principal principal_from(const Row& r) {
  return Principal{r.text(0), parse_principal_kind(r.text(1)).value_or(PrincipalKind::region),
                   r.text(2), r.text(3),
                   r.text(4), stamp_at(r, 5)};
}

CareProvider provider_from(const Row& r) {
  return CareProvider{r.text(0), r.text(1), r.text(2), r.text(3), {}, stamp_at(r, 4)};
}

Unit unit_from(const Row& r) {
  Unit u;
  u.id = r.text(0);
  u.care_provider_id = r.text(1);
  u.parent_unit_id = r.optional_text(2);
  u.hsa_id = r.text(3);
  u.name = r.text(4);
  u.kind = parse_unit_kind(r.text(5)).value_or(UnitKind::administration);
  u.municipality_code = r.text(6);
  u.locality = r.optional_text(7);
  u.latitude = r.optional_real(8);
  u.longitude = r.optional_real(9);
  u.active = r.boolean(10);
  u.stamp = stamp_at(r, 11);
  u.psychiatric_care = r.boolean(14);
  return u;
}

Person person_from(const Row& r) {
  Person p;
  p.id = r.text(0);
  p.identifier = r.text(1);
  p.identifier_kind = r.text(2);
  p.identifier_system = r.text(3);
  p.given_name = r.text(4);
  p.family_name = r.text(5);
  p.birth_date = r.optional_text(6);
  p.legal_sex = r.optional_text(7);
  p.municipality_code = r.optional_text(8);
  p.address = Address{r.optional_text(9), r.optional_text(10), r.optional_text(11)};
  p.latitude = r.optional_real(12);
  p.longitude = r.optional_real(13);
  p.protected_identity = r.boolean(14);
  p.deceased_on = r.optional_text(15);
  p.stamp = stamp_at(r, 16);
  return p;
}

User user_from(const Row& r) {
  return User{r.text(0),          r.text(1),    r.text(2),     r.optional_text(3),
              r.optional_text(4), r.boolean(5), stamp_at(r, 6)};
}

Value opt(const std::optional<std::string>& v) {
  return optional_value(v);
}
Value opt(const std::optional<double>& v) {
  return v ? Value{*v} : Value{nullptr};
}
std::int64_t flag(bool b) {
  return b ? 1 : 0;
}
std::int64_t limit_plus_one(const PageRequest& page) {
  return static_cast<std::int64_t>(page.limit) + 1;
}

// Cuts the extra row fetched to learn whether another page follows.
template <class T, class KeyFn>
Page<T> to_page(std::vector<T> items, const PageRequest& page, KeyFn key) {
  Page<T> out;
  if (items.size() > page.limit) {
    items.resize(page.limit);
    out.next = key(items.back());
  }
  out.items = std::move(items);
  return out;
}

std::string after_or_empty(const PageRequest& page, std::size_t i) {
  return page.after && page.after->size() > i ? (*page.after)[i] : std::string{};
}

}  // namespace

// ---- Principals ----

Page<Principal> RegistryRepository::list_principals(const PageRequest& page) {
  const auto rs = tx_.query(
      std::string("SELECT ") + kPrincipalColumns +
          " FROM principals WHERE (kind, name, id) > (?, ?, ?) ORDER BY kind DESC, name, id "
          "LIMIT ?",
      after_or_empty(page, 0), after_or_empty(page, 1), after_or_empty(page, 2),
      limit_plus_one(page));
  std::vector<Principal> items;
  for (std::size_t i = 0; i < rs.size(); ++i) items.push_back(principal_from(rs.row(i)));
  return to_page(std::move(items), page, [](const Principal& p) {
    return std::vector<std::string>{std::string(to_string(p.kind)), p.name, p.id};
  });
}

std::optional<Principal> RegistryRepository::find_principal(const std::string& id) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kPrincipalColumns + " FROM principals WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  return principal_from(rs.row(0));
}

void RegistryRepository::insert_principal(const Principal& p) {
  tx_.query(
      "INSERT INTO principals (id, kind, name, organisation_number, area_code, version, "
      "created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
      p.id, std::string(to_string(p.kind)), p.name, p.organisation_number, p.area_code,
      p.stamp.created_at, p.stamp.updated_at);
}

bool RegistryRepository::update_principal(const Principal& p, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE principals SET name = ?, organisation_number = ?, version = version + 1, "
                "updated_at = ? "
                "WHERE id = ? AND version = ?",
                p.name, p.organisation_number, p.stamp.updated_at, p.id, expected_version)
             .affected_rows == 1;
}

// ---- Care providers ----

namespace {
void load_owners(Transaction& tx, CareProvider& provider) {
  const auto rs = tx.query(
      "SELECT principal_id FROM care_provider_owners WHERE care_provider_id = ? ORDER BY "
      "principal_id",
      provider.id);
  for (std::size_t i = 0; i < rs.size(); ++i)
    provider.owner_principal_ids.push_back(rs.row(i).text(0));
}
void write_owners(Transaction& tx, const CareProvider& provider) {
  tx.query("DELETE FROM care_provider_owners WHERE care_provider_id = ?", provider.id);
  for (const auto& owner : provider.owner_principal_ids) {
    tx.query("INSERT INTO care_provider_owners (care_provider_id, principal_id) VALUES (?, ?)",
             provider.id, owner);
  }
}
}  // namespace

Page<CareProvider> RegistryRepository::list_care_providers(const PageRequest& page) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kProviderColumns +
                    " FROM care_providers WHERE (name, id) > (?, ?) ORDER BY name, id LIMIT ?",
                after_or_empty(page, 0), after_or_empty(page, 1), limit_plus_one(page));
  std::vector<CareProvider> items;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    items.push_back(provider_from(rs.row(i)));
    load_owners(tx_, items.back());
  }
  return to_page(std::move(items), page, [](const CareProvider& p) {
    return std::vector<std::string>{p.name, p.id};
  });
}

std::optional<CareProvider> RegistryRepository::find_care_provider(const std::string& id) {
  const auto rs = tx_.query(
      std::string("SELECT ") + kProviderColumns + " FROM care_providers WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  CareProvider p = provider_from(rs.row(0));
  load_owners(tx_, p);
  return p;
}

void RegistryRepository::insert_care_provider(const CareProvider& p) {
  tx_.query(
      "INSERT INTO care_providers (id, name, hsa_id, organisation_number, version, created_at, "
      "updated_at) "
      "VALUES (?, ?, ?, ?, 1, ?, ?)",
      p.id, p.name, p.hsa_id, p.organisation_number, p.stamp.created_at, p.stamp.updated_at);
  write_owners(tx_, p);
}

bool RegistryRepository::update_care_provider(const CareProvider& p,
                                              std::int64_t expected_version) {
  const bool updated =
      tx_.query(
             "UPDATE care_providers SET name = ?, organisation_number = ?, version = version + 1, "
             "updated_at = ? "
             "WHERE id = ? AND version = ?",
             p.name, p.organisation_number, p.stamp.updated_at, p.id, expected_version)
          .affected_rows == 1;
  if (updated) write_owners(tx_, p);
  return updated;
}

// ---- Units ----

Page<Unit> RegistryRepository::list_units(const UnitFilter& filter, const PageRequest& page) {
  const std::string kind = filter.kind ? std::string(to_string(*filter.kind)) : std::string{};
  const auto rs = tx_.query(
      std::string("SELECT ") + kUnitColumns +
          " FROM units WHERE (? = '' OR care_provider_id = ?) AND (? = '' OR kind = ?) "
          "AND (? = '' OR municipality_code = ?) AND (name, id) > (?, ?) ORDER BY name, id LIMIT ?",
      filter.care_provider_id.value_or(""), filter.care_provider_id.value_or(""), kind, kind,
      filter.municipality_code.value_or(""), filter.municipality_code.value_or(""),
      after_or_empty(page, 0), after_or_empty(page, 1), limit_plus_one(page));
  std::vector<Unit> items;
  for (std::size_t i = 0; i < rs.size(); ++i) items.push_back(unit_from(rs.row(i)));
  return to_page(std::move(items), page, [](const Unit& u) {
    return std::vector<std::string>{u.name, u.id};
  });
}

std::optional<Unit> RegistryRepository::find_unit(const std::string& id) {
  const auto rs = tx_.query(std::string("SELECT ") + kUnitColumns + " FROM units WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  return unit_from(rs.row(0));
}

std::optional<Unit> RegistryRepository::find_unit_by_hsa_id(const std::string& hsa_id) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kUnitColumns + " FROM units WHERE hsa_id = ?", hsa_id);
  if (rs.empty()) return std::nullopt;
  return unit_from(rs.row(0));
}

void RegistryRepository::insert_unit(const Unit& u) {
  tx_.query(
      "INSERT INTO units (id, care_provider_id, parent_unit_id, hsa_id, name, kind, "
      "municipality_code, "
      "locality, latitude, longitude, active, version, created_at, updated_at, psychiatric_care) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
      u.id, u.care_provider_id, opt(u.parent_unit_id), u.hsa_id, u.name,
      std::string(to_string(u.kind)), u.municipality_code, opt(u.locality), opt(u.latitude),
      opt(u.longitude), flag(u.active), u.stamp.created_at, u.stamp.updated_at,
      flag(u.psychiatric_care));
}

bool RegistryRepository::update_unit(const Unit& u, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE units SET parent_unit_id = ?, name = ?, kind = ?, municipality_code = ?, "
                "locality = ?, "
                "latitude = ?, longitude = ?, active = ?, psychiatric_care = ?, "
                "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                opt(u.parent_unit_id), u.name, std::string(to_string(u.kind)), u.municipality_code,
                opt(u.locality), opt(u.latitude), opt(u.longitude), flag(u.active),
                flag(u.psychiatric_care), u.stamp.updated_at, u.id, expected_version)
             .affected_rows == 1;
}

// ---- Persons ----

Page<Person> RegistryRepository::list_persons(const PersonFilter& filter, const PageRequest& page) {
  const std::string pattern =
      filter.name_prefix ? like_prefix(search_key(*filter.name_prefix)) : std::string{};
  const std::string inner = filter.name_prefix ? "% " + pattern : std::string{};
  const std::string unit = filter.related_to_unit.value_or("");
  const auto rs =
      tx_.query(std::string("SELECT ") + kPersonColumns +
                    " FROM persons WHERE (? = '' OR search_key LIKE ? ESCAPE '\\' OR search_key "
                    "LIKE ? ESCAPE '\\') "
                    "AND (? = '' OR municipality_code = ?) AND (? = '' OR " +
                    AccessRepository::kRelatedToUnit +
                    ") AND (family_name, given_name, id) > (?, ?, ?) ORDER BY family_name, "
                    "given_name, id LIMIT ?",
                pattern, pattern, inner, filter.municipality_code.value_or(""),
                filter.municipality_code.value_or(""), unit, unit, after_or_empty(page, 0),
                after_or_empty(page, 1), after_or_empty(page, 2), limit_plus_one(page));
  std::vector<Person> items;
  for (std::size_t i = 0; i < rs.size(); ++i) items.push_back(person_from(rs.row(i)));
  return to_page(std::move(items), page, [](const Person& p) {
    return std::vector<std::string>{p.family_name, p.given_name, p.id};
  });
}

std::optional<Person> RegistryRepository::find_person(const std::string& id) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  return person_from(rs.row(0));
}

std::optional<Person> RegistryRepository::find_person_by_identifier(const std::string& canonical) {
  const auto rs = tx_.query(
      std::string("SELECT ") + kPersonColumns + " FROM persons WHERE identifier = ?", canonical);
  if (rs.empty()) return std::nullopt;
  return person_from(rs.row(0));
}

void RegistryRepository::insert_person(const Person& p) {
  tx_.query(
      "INSERT INTO persons (id, identifier, identifier_kind, identifier_system, given_name, "
      "family_name, "
      "search_key, birth_date, legal_sex, municipality_code, street_address, postal_code, "
      "locality, latitude, "
      "longitude, protected_identity, deceased_on, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      p.id, p.identifier, p.identifier_kind, p.identifier_system, p.given_name, p.family_name,
      search_key(p.family_name + " " + p.given_name), opt(p.birth_date), opt(p.legal_sex),
      opt(p.municipality_code), opt(p.address.street), opt(p.address.postal_code),
      opt(p.address.locality), opt(p.latitude), opt(p.longitude), flag(p.protected_identity),
      opt(p.deceased_on), p.stamp.created_at, p.stamp.updated_at);
}

bool RegistryRepository::update_person(const Person& p, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE persons SET given_name = ?, family_name = ?, search_key = ?, "
                "municipality_code = ?, "
                "street_address = ?, postal_code = ?, locality = ?, latitude = ?, longitude = ?, "
                "protected_identity = ?, deceased_on = ?, version = version + 1, updated_at = ? "
                "WHERE id = ? AND version = ?",
                p.given_name, p.family_name, search_key(p.family_name + " " + p.given_name),
                opt(p.municipality_code), opt(p.address.street), opt(p.address.postal_code),
                opt(p.address.locality), opt(p.latitude), opt(p.longitude),
                flag(p.protected_identity), opt(p.deceased_on), p.stamp.updated_at, p.id,
                expected_version)
             .affected_rows == 1;
}

std::int64_t RegistryRepository::count_persons() {
  return tx_.query("SELECT COUNT(*) FROM persons").row(0).int64(0);
}

// ---- Users and assignments ----

Page<User> RegistryRepository::list_users(const PageRequest& page, bool with_citizen_accounts) {
  const auto rs = tx_.query(std::string("SELECT ") + kUserColumns +
                                " FROM users WHERE (username, id) > (?, ?) AND (? = 1 OR person_id "
                                "IS NULL) ORDER BY username, id LIMIT ?",
                            after_or_empty(page, 0), after_or_empty(page, 1),
                            std::int64_t{with_citizen_accounts ? 1 : 0}, limit_plus_one(page));
  std::vector<User> items;
  for (std::size_t i = 0; i < rs.size(); ++i) items.push_back(user_from(rs.row(i)));
  return to_page(std::move(items), page, [](const User& u) {
    return std::vector<std::string>{u.username, u.id};
  });
}

std::optional<User> RegistryRepository::find_user(const std::string& id) {
  const auto rs = tx_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  return user_from(rs.row(0));
}

std::optional<User> RegistryRepository::find_user_by_username(const std::string& username) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?", username);
  if (rs.empty()) return std::nullopt;
  return user_from(rs.row(0));
}

std::optional<std::string> RegistryRepository::password_hash(const std::string& user_id) {
  const auto rs = tx_.query("SELECT password_hash FROM users WHERE id = ?", user_id);
  if (rs.empty()) return std::nullopt;
  return rs.row(0).text(0);
}

void RegistryRepository::insert_user(const User& u, const std::string& hash) {
  tx_.query(
      "INSERT INTO users (id, username, display_name, hsa_id, person_id, password_hash, active, "
      "version, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      u.id, u.username, u.display_name, opt(u.hsa_id), opt(u.person_id), hash, flag(u.active),
      u.stamp.created_at, u.stamp.updated_at);
}

bool RegistryRepository::update_user(const User& u, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE users SET display_name = ?, hsa_id = ?, active = ?, version = version + 1, "
                "updated_at = ? "
                "WHERE id = ? AND version = ?",
                u.display_name, opt(u.hsa_id), flag(u.active), u.stamp.updated_at, u.id,
                expected_version)
             .affected_rows == 1;
}

void RegistryRepository::set_password_hash(const std::string& user_id, const std::string& hash,
                                           const std::string& now) {
  tx_.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, now, user_id);
}

namespace {
constexpr const char* kAssignmentSelect =
    "SELECT a.id, a.user_id, a.unit_id, a.role, a.title, a.active, a.version, a.created_at, "
    "a.updated_at, "
    "u.name, u.hsa_id, u.care_provider_id, cp.name, a.protected_address_access FROM assignments a "
    "LEFT JOIN units u ON u.id = a.unit_id LEFT JOIN care_providers cp ON cp.id = "
    "u.care_provider_id ";

Assignment assignment_from(const Row& r) {
  Assignment a;
  a.id = r.text(0);
  a.user_id = r.text(1);
  a.unit_id = r.optional_text(2);
  a.role = domain::access::parse_role(r.text(3)).value_or(domain::access::Role::citizen);
  a.title = r.text(4);
  a.active = r.boolean(5);
  a.stamp = stamp_at(r, 6);
  a.unit_name = r.optional_text(9);
  a.unit_hsa_id = r.optional_text(10);
  a.care_provider_id = r.optional_text(11);
  a.care_provider_name = r.optional_text(12);
  a.protected_address_access = r.boolean(13);
  return a;
}
}  // namespace

std::vector<Assignment> RegistryRepository::assignments_of(const std::string& user_id) {
  const auto rs = tx_.query(
      std::string(kAssignmentSelect) + "WHERE a.user_id = ? ORDER BY u.name, a.role, a.id",
      user_id);
  std::vector<Assignment> out;
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(assignment_from(rs.row(i)));
  return out;
}

std::optional<Assignment> RegistryRepository::find_assignment(const std::string& id) {
  const auto rs = tx_.query(std::string(kAssignmentSelect) + "WHERE a.id = ?", id);
  if (rs.empty()) return std::nullopt;
  return assignment_from(rs.row(0));
}

void RegistryRepository::insert_assignment(const Assignment& a) {
  tx_.query(
      "INSERT INTO assignments (id, user_id, unit_id, role, title, active, "
      "protected_address_access, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
      a.id, a.user_id, opt(a.unit_id), std::string(domain::access::to_string(a.role)), a.title,
      flag(a.active), flag(a.protected_address_access), a.stamp.created_at, a.stamp.updated_at);
}

bool RegistryRepository::update_assignment(const Assignment& a, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE assignments SET active = ?, protected_address_access = ?, title = ?, "
                "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                flag(a.active), flag(a.protected_address_access), a.title, a.stamp.updated_at, a.id,
                expected_version)
             .affected_rows == 1;
}

}  // namespace nara::store
