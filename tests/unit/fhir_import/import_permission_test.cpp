// Issue 20 point 3: who may import FHIR bundles (POST /fhir/R4). A system account of the
// integration role, and the county administrator who runs an import for the county; no clinical
// or other role, since an import registers persons and their history wholesale (PDL 4:2).
#include <gtest/gtest.h>

#include "domain/access/role.hpp"

namespace nara::domain::access {
namespace {

TEST(FhirImportPermission, FHIR_Import_OnlyTheIntegrationRoleAndTheCountyAdministrator) {
  for (const Role role : all_roles()) {
    EXPECT_EQ(permits(role, Permission::import_fhir),
              role == Role::integration || role == Role::county_administrator)
        << to_string(role);
  }
}

}  // namespace
}  // namespace nara::domain::access
