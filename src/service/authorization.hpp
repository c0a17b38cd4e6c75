#pragma once
#include "core/problem.hpp"
#include "domain/access/actor.hpp"
#include "domain/access/role.hpp"

namespace nara::service {

// Refuses with 403 unless the actor's role permits `permission` (organisation data, where the
// existence of the resource is no secret).
void require(const domain::access::Actor& actor, domain::access::Permission permission);
bool allowed(const domain::access::Actor& actor, domain::access::Permission permission);

// 404 for a resource the caller may not know exists, and 409/412 helpers for writes.
[[noreturn]] void not_found();
[[noreturn]] void forbidden(std::string detail);
core::Problem forbidden_problem(std::string detail);
[[noreturn]] void version_conflict();
[[noreturn]] void conflict(std::string field, std::string rule, std::string detail);

}  // namespace nara::service
