#include "http/json_input.hpp"

#include <gtest/gtest.h>

namespace nara::http {
namespace {

std::string rule_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const core::ProblemError& e) {
    return e.problem().errors.empty() ? "" : e.problem().errors.front().rule;
  }
  return "no error";
}

TEST(JsonInput, Issue2Point6_LimitsOnDepthStringsAndElements) {
  EXPECT_EQ(rule_of([] { parse_json_object(std::string(40, '[') + std::string(40, ']')); }),
            "json.depth");
  EXPECT_EQ(rule_of([] { parse_json_object("{\"a\":\"" + std::string(10'001, 'x') + "\"}"); }),
            "json.string_length");
  std::string many = "{\"a\":[";
  for (int i = 0; i < 10'001; ++i) many += (i ? ",1" : "1");
  many += "]}";
  EXPECT_EQ(rule_of([&] { parse_json_object(many); }), "json.elements");
  EXPECT_EQ(rule_of([] { parse_json_object("{\"a\":\"\xc3\x28\"}"); }), "json.utf8");
  EXPECT_EQ(rule_of([] { parse_json_object("{\"a\":1e400}"); }), "json.number_range");
  EXPECT_EQ(rule_of([] { parse_json_object("[]"); }), "json.object_expected");
  EXPECT_EQ(rule_of([] { parse_json_object(""); }), "json.empty");
  EXPECT_EQ(rule_of([] { parse_json_object("{\"a\":1,}"); }), "json.syntax");
  EXPECT_EQ(parse_json_object(R"({"namn":"Åsa Öberg"})").at("namn").as_string(), "Åsa Öberg");
}

TEST(JsonInput, Issue2Point6_ReaderNamesEveryBadFieldAtOnce) {
  const auto body = parse_json_object(R"({"name":7,"count":"x","flag":1,"extra":true,"list":[1]})");
  ObjectReader reader(body);
  (void)reader.required_string("name");
  (void)reader.optional_int("count", 0, 10);
  (void)reader.optional_bool("flag");
  (void)reader.string_array("list");
  (void)reader.required_string("missing");
  try {
    reader.finish();
    FAIL() << "expected a problem";
  } catch (const core::ProblemError& e) {
    EXPECT_EQ(e.problem().status, 422);
    std::map<std::string, std::string> rules;
    for (const auto& err : e.problem().errors) rules[err.field] = err.rule;
    EXPECT_EQ(rules["name"], "type.string");
    EXPECT_EQ(rules["count"], "type.integer");
    EXPECT_EQ(rules["flag"], "type.boolean");
    EXPECT_EQ(rules["list"], "type.string");
    EXPECT_EQ(rules["missing"], "required");
    EXPECT_EQ(rules["extra"], "unknown_field");
  }
}

TEST(JsonInput, Issue2Point6_IntegersOutsideTheirRangeAreRefused) {
  const auto body = parse_json_object(R"({"a":18446744073709551615,"b":-5,"c":3})");
  ObjectReader reader(body);
  EXPECT_FALSE(reader.optional_int("a", 0, 100).has_value());
  EXPECT_FALSE(reader.optional_int("b", 0, 100).has_value());
  EXPECT_EQ(reader.optional_int("c", 0, 100), 3);
  EXPECT_THROW(reader.finish(), core::ProblemError);
}

}  // namespace
}  // namespace nara::http
