// Issue 3 point 8: the access policy over every combination of role, care relation, data origin,
// category, block, consent, emergency access and own record. Each rule below is checked on every
// combination it applies to, and cites its paragraph (domain-rules.md §3).
#include <gtest/gtest.h>

#include <sstream>

#include "domain/access/policy.hpp"

namespace nara::domain::access {
namespace {

std::vector<AccessFacts> every_combination() {
  std::vector<std::optional<Role>> roles{std::nullopt};
  for (Role r : all_roles()) roles.emplace_back(r);
  std::vector<AccessFacts> out;
  for (const auto& role : roles)
    for (bool own : {false, true})
      for (bool relation : {false, true})
        for (DataOrigin origin : {DataOrigin::own_unit, DataOrigin::other_unit_same_provider,
                                  DataOrigin::other_provider})
          for (DataCategory category : {DataCategory::demographics, DataCategory::clinical})
            for (bool blocked : {false, true})
              for (bool consent : {false, true})
                for (bool emergency : {false, true}) {
                  AccessFacts f;
                  f.role = role;
                  f.is_own_record = own && role == Role::citizen;  // only a citizen reads "own"
                  f.active_care_relation = relation;
                  f.origin = origin;
                  f.category = category;
                  f.blocked = blocked;
                  f.consent_recorded = consent;
                  f.emergency_access = emergency;
                  out.push_back(f);
                }
  return out;
}

std::string describe(const AccessFacts& f) {
  std::ostringstream s;
  s << "role=" << (f.role ? to_string(*f.role) : "none") << " own=" << f.is_own_record
    << " relation=" << f.active_care_relation << " origin=" << static_cast<int>(f.origin)
    << " category=" << static_cast<int>(f.category) << " blocked=" << f.blocked
    << " consent=" << f.consent_recorded << " emergency=" << f.emergency_access;
  return s.str();
}

int openness(Verdict v) {
  return v == Verdict::allow ? 2 : v == Verdict::existence_only ? 1 : 0;
}

const std::vector<AccessFacts>& matrix() {
  static const std::vector<AccessFacts> m = every_combination();
  return m;
}

TEST(AccessPolicy, MatrixCoversEveryCombination) {
  // Every role and "no assignment yet".
  EXPECT_EQ(matrix().size(), (all_roles().size() + 1) * 2 * 2 * 3 * 2 * 2 * 2 * 2);
}

TEST(AccessPolicy, PDL8_5_CitizenReadsOwnRecordAndNothingElse) {
  for (const auto& f : matrix()) {
    if (f.role != Role::citizen) continue;
    SCOPED_TRACE(describe(f));
    EXPECT_EQ(decide(f).verdict, f.is_own_record ? Verdict::allow : Verdict::deny);
  }
}

TEST(AccessPolicy, PDL4_1_NoCareRelationMeansNothingVisibleEvenInEmergency) {
  for (const auto& f : matrix()) {
    if (f.is_own_record || f.active_care_relation || f.role == Role::county_administrator) continue;
    SCOPED_TRACE(describe(f));
    EXPECT_EQ(decide(f).verdict, Verdict::deny);
  }
}

TEST(AccessPolicy, PDL4_2_ManagersReviewersAndAdministratorsSeeNoClinicalContent) {
  for (const auto& f : matrix()) {
    if (!f.role || f.is_own_record) continue;
    if (*f.role != Role::unit_manager && *f.role != Role::log_reviewer &&
        *f.role != Role::county_administrator)
      continue;
    SCOPED_TRACE(describe(f));
    const bool admin_demographics =
        *f.role == Role::county_administrator && f.category == DataCategory::demographics;
    EXPECT_EQ(decide(f).verdict, admin_demographics ? Verdict::allow : Verdict::deny);
  }
}

TEST(AccessPolicy, PDL4_1_OwnUnitDataIsOpenWithinACareRelation) {
  for (const auto& f : matrix()) {
    if (!f.role || !role_reads_clinical_content(*f.role) || !f.active_care_relation) continue;
    if (f.origin != DataOrigin::own_unit) continue;
    SCOPED_TRACE(describe(f));
    EXPECT_EQ(decide(f).verdict, Verdict::allow);
    EXPECT_FALSE(decide(f).flag_for_review);
  }
}

TEST(AccessPolicy, PDL4_4_BlockWithinAProviderShowsOnlyThatDataExist) {
  for (const auto& f : matrix()) {
    if (!f.role || !role_reads_clinical_content(*f.role) || !f.active_care_relation) continue;
    if (f.origin != DataOrigin::other_unit_same_provider || !f.blocked ||
        f.category != DataCategory::clinical)
      continue;
    SCOPED_TRACE(describe(f));
    const Decision d = decide(f);
    if (f.consent_recorded) {
      EXPECT_EQ(d.verdict, Verdict::allow);  // PDL 4:5 p.1: lifted with the person's consent
    } else if (f.emergency_access) {
      EXPECT_EQ(d.verdict, Verdict::allow);  // PDL 4:5 p.2: needed care, consent unobtainable
      EXPECT_TRUE(d.flag_for_review);
    } else {
      EXPECT_EQ(d.verdict, Verdict::existence_only);
    }
  }
}

TEST(AccessPolicy, Law2022_913_2_3_AnotherProvidersBlockIsNeverOpened) {
  for (const auto& f : matrix()) {
    if (f.is_own_record || f.origin != DataOrigin::other_provider || !f.blocked) continue;
    if (f.category != DataCategory::clinical) continue;  // blocks cover documented data
    SCOPED_TRACE(describe(f));
    EXPECT_NE(decide(f).verdict, Verdict::allow);
  }
}

TEST(AccessPolicy, Law2022_913_3_5_EmergencyShowsWhoBlockedAndIsFlagged) {
  for (const auto& f : matrix()) {
    if (!f.role || !role_reads_clinical_content(*f.role) || !f.active_care_relation ||
        f.is_own_record)
      continue;
    if (f.origin != DataOrigin::other_provider || !f.blocked ||
        f.category != DataCategory::clinical)
      continue;
    SCOPED_TRACE(describe(f));
    const Decision d = decide(f);
    EXPECT_EQ(d.verdict, Verdict::existence_only);
    EXPECT_EQ(d.show_blocking_provider, f.emergency_access);
    EXPECT_EQ(d.flag_for_review, f.emergency_access);
  }
}

TEST(AccessPolicy, Law2022_913_3_1_AnotherProvidersDataNeedConsentAtAccess) {
  for (const auto& f : matrix()) {
    if (!f.role || !role_reads_clinical_content(*f.role) || !f.active_care_relation) continue;
    if (f.origin != DataOrigin::other_provider || f.blocked || f.category != DataCategory::clinical)
      continue;
    SCOPED_TRACE(describe(f));
    const Decision d = decide(f);
    if (f.consent_recorded) {
      EXPECT_EQ(d.verdict, Verdict::allow);
      EXPECT_FALSE(d.flag_for_review);
    } else if (f.emergency_access) {
      EXPECT_EQ(d.verdict, Verdict::allow);  // 3:6: unblocked data in an emergency
      EXPECT_TRUE(d.flag_for_review);
    } else {
      EXPECT_EQ(d.verdict, Verdict::existence_only);  // 2:4: that data exist may be shown
    }
  }
}

TEST(AccessPolicy, Law2022_913_3_7_ConsentNeverWidensBeyondTheLaw) {
  for (const auto& f : matrix()) {
    if (!f.consent_recorded) continue;
    AccessFacts without = f;
    without.consent_recorded = false;
    SCOPED_TRACE(describe(f));
    const Verdict with_consent = decide(f).verdict;
    // Consent changes nothing without a care relation, for roles without clinical need, or for
    // data another provider has blocked.
    const bool lawful_opening = f.role && role_reads_clinical_content(*f.role) &&
                                f.active_care_relation && f.category == DataCategory::clinical &&
                                !(f.origin == DataOrigin::other_provider && f.blocked);
    if (!lawful_opening) {
      EXPECT_EQ(with_consent, decide(without).verdict);
    }
  }
}

TEST(AccessPolicy, Law2022_913_3_5_EveryAccessOpenedByEmergencyIsFlaggedForReview) {
  for (const auto& f : matrix()) {
    if (!f.emergency_access) continue;
    AccessFacts without = f;
    without.emergency_access = false;
    SCOPED_TRACE(describe(f));
    const Decision d = decide(f);
    if (openness(d.verdict) > openness(decide(without).verdict) || d.show_blocking_provider) {
      EXPECT_TRUE(d.flag_for_review);
    }
  }
}

TEST(AccessPolicy, PDL4_1_TakingAwayARelationNeverOpensAnything) {
  for (const auto& f : matrix()) {
    if (!f.active_care_relation) continue;
    AccessFacts without = f;
    without.active_care_relation = false;
    SCOPED_TRACE(describe(f));
    EXPECT_LE(openness(decide(without).verdict), openness(decide(f).verdict));
  }
}

TEST(AccessPolicy, OSL22_1_ProtectedAddressOnlyForThePersonAndSpeciallyAuthorisedCareRoles) {
  for (Role r : all_roles()) {
    SCOPED_TRACE(std::string(to_string(r)));
    // Without the special authorisation no role sees it.
    EXPECT_FALSE(may_see_protected_address(r, false, false));
    // With it, exactly the roles that take part in care, which are the ones that can hold it.
    const bool cares = r == Role::ward_nurse || r == Role::physician || r == Role::district_nurse ||
                       r == Role::home_health_care_nurse || r == Role::home_care_staff ||
                       r == Role::sip_coordinator;
    EXPECT_EQ(may_hold_protected_address_access(r), cares);
    EXPECT_EQ(may_see_protected_address(r, false, true), cares);
  }
  EXPECT_FALSE(may_see_protected_address(std::nullopt, false, true));
  EXPECT_TRUE(may_see_protected_address(Role::citizen, true, false));
}

TEST(AccessPolicy, PDL4_1_DemographicsFollowTheCareRelationNotBlocks) {
  for (const auto& f : matrix()) {
    if (!f.role || !role_reads_clinical_content(*f.role) ||
        f.category != DataCategory::demographics)
      continue;
    SCOPED_TRACE(describe(f));
    EXPECT_EQ(decide(f).verdict, f.active_care_relation ? Verdict::allow : Verdict::deny);
  }
}

TEST(AccessPolicy, EveryDecisionCitesItsParagraph) {
  for (const auto& f : matrix()) EXPECT_STRNE(decide(f).rule, "") << describe(f);
}

}  // namespace
}  // namespace nara::domain::access
