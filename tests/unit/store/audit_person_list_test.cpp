// The stored form of a list entry's persons (migration 0019): a JSON array both engines expand
// (json_each, json_array_elements_text) and the chain check reads back into exactly the ids the
// hash covered.
#include <gtest/gtest.h>

#include "store/audit_repository.hpp"

namespace nara::store {
namespace {

TEST(AuditPersonList, HSLF_FS_2016_40_4_9_IdsComeBackAsWritten) {
  const std::vector<std::string> ids{"0195f0a0-1111-7000-8000-000000000001", "a\"b", "c\\d",
                                     std::string("tab\tnul") + '\x01',       "åsa",  ""};
  const std::string text = encode_person_list(ids);
  EXPECT_EQ(text.substr(0, 40), R"(["0195f0a0-1111-7000-8000-000000000001",)");
  EXPECT_NE(text.find(R"("a\"b","c\\d","tab\u0009nul\u0001")"), std::string::npos) << text;
  EXPECT_EQ(parse_person_list(text), ids);
  EXPECT_EQ(encode_person_list({}), "[]");
  EXPECT_EQ(parse_person_list("[]"), std::vector<std::string>{});
  EXPECT_EQ(parse_person_list(R"( [ "a" , "b" ] )"), (std::vector<std::string>{"a", "b"}));
}

TEST(AuditPersonList, HSLF_FS_2016_40_4_9_TextThatIsNotSuchAListIsRefused) {
  for (const char* text : {"", "[", R"(["a")", R"(["a",])", R"(["a"] x)", R"({"a":1})", "[1]",
                           R"(["\q"])", R"(["\u00e5"])", R"(["\u12"])", "null"}) {
    EXPECT_FALSE(parse_person_list(text)) << text;
  }
}

}  // namespace
}  // namespace nara::store
