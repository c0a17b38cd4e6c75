#include "core/problem.hpp"

namespace nara::core {

Problem validation_problem(std::vector<FieldError> errors) {
  Problem p;
  p.status = 422;
  p.type = "https://nara.example/problems/validation";
  p.title = "Ogiltiga uppgifter";
  if (errors.size() == 1) {
    p.detail = errors.front().field + ": " + errors.front().detail;
  } else {
    p.detail = std::to_string(errors.size()) + " fält är ogiltiga";
  }
  p.errors = std::move(errors);
  return p;
}

Problem not_found_problem(std::string detail) {
  Problem p;
  p.status = 404;
  p.type = "about:blank";
  p.title = "Hittades inte";
  p.detail = std::move(detail);
  return p;
}

void throw_problem(Problem problem) {
  throw ProblemError(std::move(problem));
}

void throw_field_error(std::string field, std::string rule, std::string detail, int status) {
  Problem p =
      validation_problem({FieldError{std::move(field), std::move(rule), std::move(detail)}});
  p.status = status;
  throw ProblemError(std::move(p));
}

}  // namespace nara::core
