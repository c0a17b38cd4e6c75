#pragma once
// Who is acting: a signed-in user in one chosen assignment (medarbetaruppdrag), or a citizen.
#include <optional>
#include <string>

#include "domain/access/role.hpp"

namespace nara::domain::access {

struct Actor {
  std::string user_id;
  std::string display_name;
  std::optional<std::string> user_hsa_id;
  // Chosen assignment; absent until a user with several assignments has chosen one.
  std::optional<std::string> assignment_id;
  std::optional<Role> role;
  std::optional<std::string> unit_id;
  std::optional<std::string> unit_hsa_id;
  std::optional<std::string> care_provider_id;
  std::optional<std::string> person_id;  // a citizen's own person record
  // The assignment is specially authorised for protected addresses (OSL 22:1).
  bool protected_address_access = false;
  std::string session_id;  // digest of the session token, never the token
  std::string request_id;  // of the request being served, for the audit log

  [[nodiscard]] bool has_assignment() const {
    return assignment_id.has_value() && role.has_value();
  }
};

}  // namespace nara::domain::access
