#pragma once
// A value or the reason it could not be made. g++ 12 has no std::expected, and validation in
// Nära always fails with a FieldError (field, rule id, Swedish detail), so this small wrapper
// around std::variant is all the try_parse functions need.
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/problem.hpp"

namespace nara::core {

template <typename T>
class ParseResult {
 public:
  ParseResult(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  ParseResult(FieldError error)                                               // NOLINT: implicit
      : state_(std::in_place_index<1>, std::move(error)) {}

  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  // Precondition: has_value(). Calling it on an error throws the error as a ProblemError, so a
  // forgotten check turns into a 422 rather than undefined behaviour.
  [[nodiscard]] const T& value() const& {
    if (!has_value()) {
      throw_error();
    }
    return std::get<0>(state_);
  }
  [[nodiscard]] T&& value() && {
    if (!has_value()) {
      throw_error();
    }
    return std::get<0>(std::move(state_));
  }
  // Precondition: !has_value().
  [[nodiscard]] const FieldError& error() const& { return std::get<1>(state_); }

  // Throws the error with `field` filled in, or returns the value.
  T value_or_throw(std::string_view field) && {
    if (!has_value()) {
      FieldError& error = std::get<1>(state_);
      throw_field_error(std::string(field), std::move(error.rule), std::move(error.detail));
    }
    return std::get<0>(std::move(state_));
  }

 private:
  [[noreturn]] void throw_error() const {
    const FieldError& error = std::get<1>(state_);
    throw_field_error(error.field, error.rule, error.detail);
  }

  std::variant<T, FieldError> state_;
};

}  // namespace nara::core
