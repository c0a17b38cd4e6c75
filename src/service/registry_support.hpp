#pragma once
// Helpers shared by the registry service's parts (organisation and persons in
// registry_service.cpp, accounts and assignments in registry_staff.cpp). Internal to the service
// layer.
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/problem.hpp"
#include "domain/registry/model.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"
#include "store/time_codec.hpp"

namespace nara::service::registry_support {

inline domain::registry::Stamp new_stamp(const core::Clock& clock) {
  const std::string now = store::to_db_time(clock.now());
  return domain::registry::Stamp{1, now, now};
}

inline void check(std::optional<std::string> rule, const std::string& field,
                  const std::string& detail) {
  if (rule) core::throw_field_error(field, *rule, detail);
}

// Unique columns named for the user: the schema refuses duplicates, the service says which field.
template <class Fn>
auto translating_constraints(const std::string& field, const std::string& detail, Fn&& fn) {
  try {
    return fn();
  } catch (const store::ConstraintError& e) {
    if (e.kind() == store::ConstraintError::Kind::unique) conflict(field, "unique", detail);
    if (e.kind() == store::ConstraintError::Kind::foreign_key) {
      core::throw_field_error(field, "reference", "Uppgiften hänvisar till något som inte finns.");
    }
    throw;
  }
}

template <class T>
T require_found(std::optional<T> value) {
  if (!value) not_found();
  return std::move(*value);
}

}  // namespace nara::service::registry_support
