#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/text_search.hpp"
#include "store/time_codec.hpp"

namespace nara::store {
namespace {

TEST(Store, Issue2Point3_PlaceholdersAreNumberedOutsideQuotes) {
  EXPECT_EQ(to_numbered_placeholders("SELECT ? , '?' , \"a?\" , ?"),
            "SELECT $1 , '?' , \"a?\" , $2");
  EXPECT_EQ(to_numbered_placeholders("x LIKE ? ESCAPE '\\'"), "x LIKE $1 ESCAPE '\\'");
}

TEST(Store, Issue2Point4_SearchKeyFoldsSwedishLetters) {
  EXPECT_EQ(search_key("ÖBERG Åsa ÄNG Élise"), "öberg åsa äng élise");
  EXPECT_EQ(like_prefix("50%_a\\"), "50\\%\\_a\\\\%");
}

TEST(Store, Issue2Point7_StoredInstantsSortAsTime) {
  using namespace std::chrono;
  const core::Instant a = core::Instant{} + seconds(1'790'000'000);
  const core::Instant b = a + microseconds(1);
  const core::Instant c = a + seconds(1);
  EXPECT_EQ(to_db_time(a).size(), 27U);
  EXPECT_LT(to_db_time(a), to_db_time(b));
  EXPECT_LT(to_db_time(b), to_db_time(c));
  EXPECT_EQ(from_db_time(to_db_time(b)), b);
}

TEST(Store, Issue2Point3_UnknownUrlIsRefused) {
  EXPECT_THROW(open_database("mysql://x"), DatabaseError);
}

}  // namespace
}  // namespace nara::store
