#pragma once
// Who may read what of a person's data: Patientdatalagen (2008:355) and Lag (2022:913) om
// sammanhållen vård- och omsorgsdokumentation, as a pure decision over facts the service loads.
// Rules and sources: domain-rules.md §3. Consent never widens access beyond these rules
// (2022:913 3 kap. 7 §).
#include <optional>
#include <string>

#include "domain/access/role.hpp"

namespace nara::domain::access {

// Who documented the data being read, seen from the reader's assignment.
enum class DataOrigin {
  own_unit,                  // the reader's own vårdenhet
  other_unit_same_provider,  // inre sekretess within one vårdgivare (PDL 4 kap.)
  other_provider,            // sammanhållen dokumentation (2022:913)
};

enum class DataCategory {
  demographics,  // name, identifier, folkbokföring (needed to address notices and plans)
  clinical,      // records, plans, notices and everything else documented in care
};

struct AccessFacts {
  std::optional<Role> role;           // absent: no assignment chosen
  bool is_own_record = false;         // a citizen reading their own data (PDL 5:5, 8:5)
  bool active_care_relation = false;  // between the reader's unit and the person (PDL 4:1)
  DataOrigin origin = DataOrigin::own_unit;
  DataCategory category = DataCategory::clinical;
  bool blocked = false;  // a spärr covers this data for the reader (PDL 4:4, 2022:913 2:3)
  bool consent_recorded = false;  // the person's consent to this access, valid now (2022:913 3:1)
  bool emergency_access = false;  // active nödåtkomst with a stated reason (2022:913 3:5–3:6)
};

enum class Verdict {
  allow,           // content may be shown
  existence_only,  // show that data exist (and, where the law says so, who blocked), not content
  deny,            // not visible at all: the API answers 404
};

struct Decision {
  Verdict verdict = Verdict::deny;
  const char* rule = "";                // the paragraph the decision rests on, e.g. "PDL 4:1"
  bool flag_for_review = false;         // emergency access: loggkontroll must look at it
  bool show_blocking_provider = false;  // 2022:913 3:5: under emergency, who blocked is shown
};

Decision decide(const AccessFacts& facts);

// Roles whose need (PDL 4:2 behovs- och riskanalys) includes clinical content at all.
bool role_reads_clinical_content(Role role);

// Skyddade personuppgifter (OSL 22:1): the address is shown to the person themself and to an
// assignment specially authorised for it (särskild behörighet); nobody else learns where they live.
bool may_see_protected_address(std::optional<Role> role, bool is_own_record,
                               bool specially_authorised);
// Only a role that takes part in care (and may visit) can be given that authorisation: managers,
// log reviewers, administrators and integrations never need an address that is kept secret.
bool may_hold_protected_address_access(Role role);

}  // namespace nara::domain::access
