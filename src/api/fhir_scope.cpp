#include "api/fhir_scope.hpp"

namespace nara::api::fhir {

using domain::access::Role;

Scope scope_of(std::optional<Role> role) {
  if (!role) return Scope::none;
  switch (*role) {
    case Role::citizen:
      return Scope::patient;
    case Role::integration:
      return Scope::system;
    default:
      return Scope::user;
  }
}

std::string_view scope_text(Scope scope) {
  switch (scope) {
    case Scope::patient:
      return "patient/*.read";
    case Scope::user:
      return "user/*.read";
    case Scope::system:
      return "system/*.read";
    case Scope::none:
      break;
  }
  return "";
}

const std::vector<std::string_view>& supported_scopes() {
  static const std::vector<std::string_view> scopes{
      scope_text(Scope::patient), scope_text(Scope::user), scope_text(Scope::system)};
  return scopes;
}

bool covers(Scope scope, bool patient_compartment) {
  switch (scope) {
    case Scope::patient:
      return patient_compartment;
    case Scope::user:
    case Scope::system:
      return true;
    case Scope::none:
      break;
  }
  return false;
}

}  // namespace nara::api::fhir
