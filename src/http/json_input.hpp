#pragma once
// Strict JSON input: size, depth and string-length limits, then typed field access that names the
// field and the rule on every failure and rejects fields it does not know.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/problem.hpp"

namespace nara::http {

struct JsonLimits {
  std::size_t max_depth = 32;
  std::size_t max_string_length = 10'000;
  std::size_t max_elements = 10'000;  // array elements and object members in total
};

// Parses a request body that must be a JSON object; throws ProblemError (400) otherwise.
boost::json::object parse_json_object(const std::string& body, const JsonLimits& limits = {});

// Reads fields of one object; records every problem and throws them together in finish().
class ObjectReader {
 public:
  explicit ObjectReader(const boost::json::object& object, std::string prefix = {});

  std::optional<std::string> optional_string(const std::string& name, std::size_t max_length = 500);
  std::string required_string(const std::string& name, std::size_t max_length = 500);
  std::optional<std::int64_t> optional_int(const std::string& name, std::int64_t min,
                                           std::int64_t max);
  std::optional<double> optional_number(const std::string& name, double min, double max);
  std::optional<bool> optional_bool(const std::string& name);
  // The nested object, or nullptr when absent or null (a wrong type is recorded as an error).
  const boost::json::object* optional_object(const std::string& name);
  std::vector<std::string> string_array(const std::string& name, std::size_t max_items = 100);
  // The objects of a list of objects; nothing when absent or null (a wrong type is an error).
  std::optional<std::vector<const boost::json::object*>> object_array(const std::string& name,
                                                                      std::size_t max_items = 100);
  // True when the field is present with an explicit null (merge-patch: clear the value).
  [[nodiscard]] bool is_explicit_null(const std::string& name) const;
  [[nodiscard]] bool has(const std::string& name) const { return object_.contains(name); }

  void add_error(const std::string& name, std::string rule, std::string detail);
  // Throws a 422 naming every invalid or unknown field; does nothing when all is well.
  void finish();

 private:
  const boost::json::value* find(const std::string& name);
  std::string path(const std::string& name) const {
    return prefix_.empty() ? name : prefix_ + "/" + name;
  }

  const boost::json::object& object_;
  std::string prefix_;
  std::set<std::string> seen_;
  std::vector<core::FieldError> errors_;
};

}  // namespace nara::http
