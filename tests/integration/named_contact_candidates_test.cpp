// Who may be appointed named contact at a unit (GET /api/v1/units/{id}/named-contact-candidates):
// the unit's care staff, shown to coordinating staff of the same care provider only, on SQLite
// and PostgreSQL.
#include <algorithm>

#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

namespace json = boost::json;

class NamedContactCandidatesTest : public EngineTest {};

bool lists(const Reply& r, const std::string& user_id) {
  const auto& items = r.json().at("items").as_array();
  return std::any_of(items.begin(), items.end(),
                     [&](const json::value& v) { return v.at("userId").as_string() == user_id; });
}

TEST_P(NamedContactCandidatesTest, TheUnitsCareStaffForCoordinatorsOfTheSameProvider) {
  const auto centre = query_one("SELECT id FROM units WHERE name = ?", "Hälsocentral Kramfors");
  const auto home_care = query_one("SELECT id FROM units WHERE name = ?", "Hemsjukvård Kramfors");
  const auto dsk = query_one("SELECT id FROM users WHERE username = ?", "dsk.kramfors");
  const auto doctor = query_one("SELECT id FROM users WHERE username = ?", "lakare.kramfors");
  const auto home_care_staff =
      query_one("SELECT id FROM users WHERE username = ?", "hemtjanst.kramfors");
  const auto home_care_group =
      query_one("SELECT id FROM units WHERE name = ?", "Hemtjänst Kramfors centrum");

  Client nurse = signed_in("dsk.kramfors");
  const Reply own = nurse.get("/api/v1/units/" + centre + "/named-contact-candidates");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(lists(own, dsk));
  EXPECT_TRUE(lists(own, doctor));
  for (const auto& v : own.json().at("items").as_array()) {
    EXPECT_FALSE(v.at("displayName").as_string().empty());
    EXPECT_FALSE(v.at("title").as_string().empty());
  }
  // Another care provider's unit: named contacts are appointed within the own provider.
  EXPECT_EQ(nurse.get("/api/v1/units/" + home_care + "/named-contact-candidates").status, 403);
  EXPECT_EQ(nurse.get("/api/v1/units/no-such-unit/named-contact-candidates").status, 404);

  // The municipality's nurse sees home health care's staff, and hemtjänst's, whose staff member
  // may be the person's fast omsorgskontakt; not the region's.
  Client municipal = signed_in("hsl.kramfors");
  const Reply theirs = municipal.get("/api/v1/units/" + home_care + "/named-contact-candidates");
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_TRUE(lists(theirs, query_one("SELECT id FROM users WHERE username = ?", "hsl.kramfors")));
  EXPECT_FALSE(lists(theirs, dsk));
  const Reply group =
      municipal.get("/api/v1/units/" + home_care_group + "/named-contact-candidates");
  ASSERT_EQ(group.status, 200) << group.body;
  EXPECT_TRUE(lists(group, home_care_staff));
  EXPECT_EQ(municipal.get("/api/v1/units/" + centre + "/named-contact-candidates").status, 403);

  // Roles that do not coordinate care, and citizens, get no list.
  Client chef = signed_in("chef.hsl.kramfors");
  EXPECT_EQ(chef.get("/api/v1/units/" + home_care + "/named-contact-candidates").status, 403);
  Client citizen = signed_in("invanare");
  EXPECT_EQ(citizen.get("/api/v1/units/" + centre + "/named-contact-candidates").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Engines, NamedContactCandidatesTest, ::testing::ValuesIn(engines()),
                         engine_name);

}  // namespace
}  // namespace nara::test
