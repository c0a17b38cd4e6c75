#include "http/json_input.hpp"

#include <cmath>

#include "core/utf8.hpp"

namespace nara::http {

namespace {

core::Problem bad_json(std::string detail, std::string rule = "json.syntax") {
  core::Problem p;
  p.status = 400;
  p.type = "https://nara.example/problems/malformed-json";
  p.title = "Felaktig JSON";
  p.detail = detail;
  p.errors.push_back(core::FieldError{"", std::move(rule), std::move(detail)});
  return p;
}

void check_limits(const boost::json::value& v, const JsonLimits& limits, std::size_t& elements) {
  switch (v.kind()) {
    case boost::json::kind::string:
      if (v.get_string().size() > limits.max_string_length) {
        throw core::ProblemError(bad_json(
            "En textsträng är längre än " + std::to_string(limits.max_string_length) + " tecken.",
            "json.string_length"));
      }
      break;
    case boost::json::kind::array:
      for (const auto& item : v.get_array()) {
        if (++elements > limits.max_elements) {
          throw core::ProblemError(
              bad_json("För många element i JSON-dokumentet.", "json.elements"));
        }
        check_limits(item, limits, elements);
      }
      break;
    case boost::json::kind::object:
      for (const auto& member : v.get_object()) {
        if (++elements > limits.max_elements) {
          throw core::ProblemError(
              bad_json("För många element i JSON-dokumentet.", "json.elements"));
        }
        if (member.key().size() > 200) {
          throw core::ProblemError(bad_json("Ett fältnamn är för långt.", "json.key_length"));
        }
        check_limits(member.value(), limits, elements);
      }
      break;
    case boost::json::kind::double_:
      if (!std::isfinite(v.get_double())) {
        throw core::ProblemError(bad_json("Talet är för stort.", "json.number_range"));
      }
      break;
    default:
      break;
  }
}

const char* kind_name(boost::json::kind k) {
  switch (k) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
      return "number";
    case boost::json::kind::string:
      return "string";
    case boost::json::kind::array:
      return "array";
    case boost::json::kind::object:
      return "object";
  }
  return "value";
}

}  // namespace

boost::json::object parse_json_object(const std::string& body, const JsonLimits& limits) {
  if (body.empty())
    throw core::ProblemError(bad_json("Begäran saknar JSON-innehåll.", "json.empty"));
  if (!core::is_valid_utf8(body)) {
    throw core::ProblemError(bad_json("Innehållet är inte giltig UTF-8.", "json.utf8"));
  }
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  options.allow_invalid_utf8 = false;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    std::string rule = "json.syntax";
    std::string detail = "JSON kunde inte tolkas: " + ec.message() + ".";
    if (ec == boost::json::error::too_deep) {
      rule = "json.depth";
      detail = "JSON är nästlad djupare än " + std::to_string(limits.max_depth) + " nivåer.";
    } else if (ec == boost::json::error::exponent_overflow) {
      rule = "json.number_range";
      detail = "Talet är för stort.";
    }
    throw core::ProblemError(bad_json(std::move(detail), std::move(rule)));
  }
  if (!value.is_object()) {
    throw core::ProblemError(
        bad_json("Innehållet måste vara ett JSON-objekt.", "json.object_expected"));
  }
  std::size_t elements = 0;
  check_limits(value, limits, elements);
  return std::move(value.get_object());
}

ObjectReader::ObjectReader(const boost::json::object& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

const boost::json::value* ObjectReader::find(const std::string& name) {
  seen_.insert(name);
  const auto* v = object_.if_contains(name);
  if (v && v->is_null()) return nullptr;
  return v;
}

bool ObjectReader::is_explicit_null(const std::string& name) const {
  const auto* v = object_.if_contains(name);
  return v && v->is_null();
}

void ObjectReader::add_error(const std::string& name, std::string rule, std::string detail) {
  errors_.push_back(core::FieldError{path(name), std::move(rule), std::move(detail)});
}

std::optional<std::string> ObjectReader::optional_string(const std::string& name,
                                                         std::size_t max_length) {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    add_error(name, "type.string",
              std::string("Ska vara en textsträng, inte ") + kind_name(v->kind()) + ".");
    return std::nullopt;
  }
  std::string s(v->get_string());
  if (s.size() > max_length) {
    add_error(name, "string.max_length",
              "Får vara högst " + std::to_string(max_length) + " tecken.");
    return std::nullopt;
  }
  return s;
}

std::string ObjectReader::required_string(const std::string& name, std::size_t max_length) {
  const bool present = object_.if_contains(name) && !object_.at(name).is_null();
  auto s = optional_string(name, max_length);
  if (!present) {
    add_error(name, "required", "Fältet är obligatoriskt.");
    return {};
  }
  if (s && s->find_first_not_of(" \t\r\n") == std::string::npos) {
    add_error(name, "required", "Fältet får inte vara tomt.");
    return {};
  }
  return s.value_or("");
}

std::optional<std::int64_t> ObjectReader::optional_int(const std::string& name, std::int64_t min,
                                                       std::int64_t max) {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_int64()) n = v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  }
  if (!n) {
    add_error(
        name, "type.integer",
        "Ska vara ett heltal mellan " + std::to_string(min) + " och " + std::to_string(max) + ".");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    add_error(name, "integer.range",
              "Ska vara mellan " + std::to_string(min) + " och " + std::to_string(max) + ".");
    return std::nullopt;
  }
  return n;
}

std::optional<double> ObjectReader::optional_number(const std::string& name, double min,
                                                    double max) {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    add_error(name, "type.number",
              std::string("Ska vara ett tal, inte ") + kind_name(v->kind()) + ".");
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    add_error(name, "number.range", "Talet ligger utanför tillåtet intervall.");
    return std::nullopt;
  }
  return d;
}

std::optional<bool> ObjectReader::optional_bool(const std::string& name) {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    add_error(name, "type.boolean",
              std::string("Ska vara true eller false, inte ") + kind_name(v->kind()) + ".");
    return std::nullopt;
  }
  return v->get_bool();
}

const boost::json::object* ObjectReader::optional_object(const std::string& name) {
  const auto* v = find(name);
  if (!v) return nullptr;
  if (!v->is_object()) {
    add_error(name, "type.object",
              std::string("Ska vara ett objekt, inte ") + kind_name(v->kind()) + ".");
    return nullptr;
  }
  return &v->get_object();
}

std::vector<std::string> ObjectReader::string_array(const std::string& name,
                                                    std::size_t max_items) {
  const auto* v = find(name);
  std::vector<std::string> out;
  if (!v) return out;
  if (!v->is_array()) {
    add_error(name, "type.array", "Ska vara en lista med textsträngar.");
    return out;
  }
  if (v->get_array().size() > max_items) {
    add_error(name, "array.max_items",
              "Får innehålla högst " + std::to_string(max_items) + " värden.");
    return out;
  }
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) {
      add_error(name, "type.string", "Listan får bara innehålla textsträngar.");
      return {};
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

std::optional<std::vector<const boost::json::object*>> ObjectReader::object_array(
    const std::string& name, std::size_t max_items) {
  const auto* v = find(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    add_error(name, "type.array", "Ska vara en lista med objekt.");
    return std::nullopt;
  }
  if (v->get_array().size() > max_items) {
    add_error(name, "array.max_items",
              "Får innehålla högst " + std::to_string(max_items) + " värden.");
    return std::nullopt;
  }
  std::vector<const boost::json::object*> out;
  for (const auto& item : v->get_array()) {
    if (!item.is_object()) {
      add_error(name, "type.object", "Listan får bara innehålla objekt.");
      return std::nullopt;
    }
    out.push_back(&item.get_object());
  }
  return out;
}

void ObjectReader::finish() {
  for (const auto& member : object_) {
    const std::string key(member.key());
    if (!seen_.contains(key)) add_error(key, "unknown_field", "Okänt fält.");
  }
  if (!errors_.empty()) throw core::ProblemError(core::validation_problem(std::move(errors_)));
}

}  // namespace nara::http
