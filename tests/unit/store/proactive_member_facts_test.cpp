// The proactive list's kept facts (migration 0021) come back exactly as they were made: the
// assessment from kept facts must be the assessment from the records (§4.1).
#include <gtest/gtest.h>

#include "store/proactive_members.hpp"
#include "store/time_codec.hpp"

namespace nara::store {
namespace {

using domain::indicators::AdmissionKind;

TEST(ProactiveMemberFacts, Socialstyrelsen_4_1_KeptFactsComeBackAsMade) {
  UnitPerson made;
  made.history.person_id = "p-1";
  made.history.stays.push_back({"e-1",
                                from_db_time("2026-01-02T08:00:00Z"),
                                from_db_time("2026-01-09T13:30:00.250Z"),
                                AdmissionKind::acute,
                                {"I50", "J44"}});
  made.history.stays.push_back(
      {"e-2", from_db_time("2026-11-30T22:15:00Z"), std::nullopt, AdmissionKind::unknown, {}});
  made.sources = {{"region", "ward-1"}, {"other \"provider\"", "ward-2"}};
  made.history.permanent_residential_care = true;
  made.history.home_care_hours_last_month = 27.5;
  made.history.has_active_sip = true;

  UnitPerson kept;
  decode_member_facts(encode_member_facts(made), kept);
  ASSERT_EQ(kept.history.stays.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& a = made.history.stays[i];
    const auto& b = kept.history.stays[i];
    EXPECT_EQ(b.episode_id, a.episode_id);
    EXPECT_EQ(b.admitted_at, a.admitted_at);
    EXPECT_EQ(b.discharged_at, a.discharged_at);
    EXPECT_EQ(b.admission_kind, a.admission_kind);
    EXPECT_EQ(b.diagnoses, a.diagnoses);
    EXPECT_EQ(kept.sources[i].care_provider_id, made.sources[i].care_provider_id);
    EXPECT_EQ(kept.sources[i].ward_unit_id, made.sources[i].ward_unit_id);
  }
  EXPECT_TRUE(kept.history.permanent_residential_care);
  EXPECT_EQ(kept.history.home_care_hours_last_month, 27.5);
  EXPECT_TRUE(kept.history.has_active_sip);
  EXPECT_FALSE(kept.history.has_named_contact);
  EXPECT_FALSE(kept.history.has_home_health_care);

  // No hours reported is "not known", not zero.
  UnitPerson none;
  UnitPerson none_kept;
  decode_member_facts(encode_member_facts(none), none_kept);
  EXPECT_FALSE(none_kept.history.home_care_hours_last_month.has_value());
  EXPECT_TRUE(none_kept.history.stays.empty());
}

}  // namespace
}  // namespace nara::store
