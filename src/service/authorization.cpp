#include "service/authorization.hpp"

namespace nara::service {

bool allowed(const domain::access::Actor& actor, domain::access::Permission permission) {
  return actor.role && domain::access::permits(*actor.role, permission);
}

void require(const domain::access::Actor& actor, domain::access::Permission permission) {
  if (allowed(actor, permission)) return;
  forbidden("Ditt uppdrag ger inte behörighet till detta.");
}

core::Problem forbidden_problem(std::string detail) {
  core::Problem p;
  p.status = 403;
  p.type = "https://nara.example/problems/forbidden";
  p.title = "Behörighet saknas";
  p.detail = std::move(detail);
  return p;
}

void forbidden(std::string detail) {
  core::throw_problem(forbidden_problem(std::move(detail)));
}

void not_found() {
  core::throw_problem(core::not_found_problem());
}

void version_conflict() {
  core::Problem p;
  p.status = 412;
  p.type = "https://nara.example/problems/precondition-failed";
  p.title = "Resursen har ändrats";
  p.detail = "Någon annan har ändrat uppgifterna. Hämta dem på nytt och försök igen.";
  core::throw_problem(std::move(p));
}

void conflict(std::string field, std::string rule, std::string detail) {
  core::throw_field_error(std::move(field), std::move(rule), std::move(detail), 409);
}

}  // namespace nara::service
