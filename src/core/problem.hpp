#pragma once
// RFC 9457 problem details as a value every layer can raise. The HTTP layer turns it into
// application/problem+json; lower layers only say which field broke which rule.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nara::core {

struct FieldError {
  std::string field;   // JSON pointer-ish path, e.g. "identifier" or "address/postalCode"
  std::string rule;    // machine-readable rule id, e.g. "personnummer.checksum"
  std::string detail;  // human-readable, Swedish first where user-facing
};

struct Problem {
  int status = 400;
  std::string type;  // URI reference; "about:blank" when the status says it all
  std::string title;
  std::string detail;
  std::vector<FieldError> errors;
};

// Thrown to abort the current request or transaction with a problem; nothing is committed.
class ProblemError : public std::runtime_error {
 public:
  explicit ProblemError(Problem problem)
      : std::runtime_error(problem.title), problem_(std::move(problem)) {}
  [[nodiscard]] const Problem& problem() const noexcept { return problem_; }

 private:
  Problem problem_;
};

Problem validation_problem(std::vector<FieldError> errors);
Problem not_found_problem(std::string detail = "Resursen finns inte eller du saknar behörighet.");
[[noreturn]] void throw_problem(Problem problem);
[[noreturn]] void throw_field_error(std::string field, std::string rule, std::string detail,
                                    int status = 422);

}  // namespace nara::core
