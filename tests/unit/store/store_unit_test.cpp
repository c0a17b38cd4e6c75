#include <date/date.h>
#include <gtest/gtest.h>

#include <set>

#include "core/random.hpp"
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

TEST(Store, Issue2Point7_StoredTextIsTheIsoFormWithMicroseconds) {
  using namespace std::chrono;
  // The direct writer gives exactly what the date library's formatter gives, across centuries,
  // leap days and the last microsecond of a day.
  for (const auto& at : {core::Instant{}, core::Instant{} + seconds(951'782'400) + microseconds(5),
                         core::Instant{sys_days{year{2026} / 11 / 23}} + hours(23) + minutes(59) +
                             seconds(59) + microseconds(999'999),
                         core::Instant{sys_days{year{1899} / 12 / 31}} + hours(12),
                         core::Instant{sys_days{year{2100} / 2 / 28}} + microseconds(120)}) {
    EXPECT_EQ(to_db_time(at), date::format("%Y-%m-%dT%H:%M:%SZ", at));
  }
  EXPECT_EQ(to_db_time(core::Instant{sys_days{year{2026} / 3 / 29}} + hours(1) + minutes(30)),
            "2026-03-29T01:30:00.000000Z");
}

TEST(Store, Issue2Point3_UnknownUrlIsRefused) {
  EXPECT_THROW(open_database("mysql://x"), DatabaseError);
}

TEST(Store, Issue2Point3_IdsAreTimeOrderedUuidVersion7) {
  // RFC 9562 §5.7: version nibble 7, variant 10; ids made later sort after earlier ones (to the
  // millisecond), so primary key indexes grow at one edge.
  std::set<std::string> ids;
  std::string previous = core::new_uuid();
  for (int i = 0; i < 1000; ++i) {
    const auto id = core::new_uuid();
    ASSERT_EQ(id.size(), 36U);
    EXPECT_EQ(id[14], '7');
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    EXPECT_GE(id.substr(0, 13), previous.substr(0, 13));
    previous = id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000U);
}

}  // namespace
}  // namespace nara::store
