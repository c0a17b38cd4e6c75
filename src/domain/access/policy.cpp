#include "domain/access/policy.hpp"

namespace nara::domain::access {

bool role_reads_clinical_content(Role role) {
  switch (role) {
    case Role::ward_nurse:
    case Role::physician:
    case Role::district_nurse:
    case Role::home_health_care_nurse:
    case Role::home_care_staff:
    case Role::sip_coordinator:
      return true;
    case Role::unit_manager:          // managers see no clinical content by default (issue 3)
    case Role::log_reviewer:          // reviews the log, not the record
    case Role::county_administrator:  // administers the registry
    case Role::citizen:               // only their own record, handled separately
    case Role::integration:           // delivers messages, reads no record
      return false;
  }
  return false;
}

bool may_hold_protected_address_access(Role role) {
  return role_reads_clinical_content(role);
}

bool may_see_protected_address(std::optional<Role> role, bool is_own_record,
                               bool specially_authorised) {
  if (is_own_record) return true;
  // The authorisation belongs to the assignment; a role that cannot hold it gains nothing from a
  // flag set on it anyway (a row written before a role changed, or by hand).
  return specially_authorised && role && may_hold_protected_address_access(*role);
}

Decision decide(const AccessFacts& f) {
  // The person's own data: direct access to one's own record and its log (PDL 5:5, 8:5).
  if (f.is_own_record) return {Verdict::allow, "PDL 5:5", false, false};
  if (!f.role || *f.role == Role::citizen) return {Verdict::deny, "PDL 4:1", false, false};

  // Demographics for registering persons: the county administrator's task, no clinical content.
  if (*f.role == Role::county_administrator) {
    return f.category == DataCategory::demographics
               ? Decision{Verdict::allow, "PDL 4:2", false, false}
               : Decision{Verdict::deny, "PDL 4:2", false, false};
  }
  // Access only as the role's need allows (behörighet, PDL 4:2).
  if (!role_reads_clinical_content(*f.role)) return {Verdict::deny, "PDL 4:2", false, false};

  // Inre sekretess: only those who take part in the person's care (aktuell vårdrelation, PDL 4:1).
  // Emergency access does not create a care relation; without one there is nothing to read.
  if (!f.active_care_relation) return {Verdict::deny, "PDL 4:1", false, false};

  // Demographics come from folkbokföringen, not from any provider's documentation: blocks and
  // the consent of sammanhållen dokumentation concern documented data only.
  if (f.category == DataCategory::demographics) return {Verdict::allow, "PDL 4:1", false, false};

  switch (f.origin) {
    case DataOrigin::own_unit:
      return {Verdict::allow, "PDL 4:1", false, false};

    case DataOrigin::other_unit_same_provider:
      if (!f.blocked) return {Verdict::allow, "PDL 4:1", false, false};
      // A block within one provider may be lifted with the person's consent (PDL 4:5 p.1), or
      // when consent cannot be had and the data matter for care the person needs (p.2).
      if (f.consent_recorded) return {Verdict::allow, "PDL 4:5 1", false, false};
      if (f.emergency_access) return {Verdict::allow, "PDL 4:5 2", true, false};
      return {Verdict::existence_only, "PDL 4:4", false,
              false};  // that blocked data exist may be shown

    case DataOrigin::other_provider:
      if (f.blocked) {
        // Blocked data of another provider stay closed; consent does not open them (3:7) and
        // only the blocking provider lifts a block. Under emergency the reader sees which
        // provider blocked, to ask for lifting (3:5).
        return f.emergency_access ? Decision{Verdict::existence_only, "2022:913 3:5", true, true}
                                  : Decision{Verdict::existence_only, "2022:913 2:5", false, false};
      }
      if (f.consent_recorded) return {Verdict::allow, "2022:913 3:1", false, false};
      if (f.emergency_access) return {Verdict::allow, "2022:913 3:6", true, false};
      return {Verdict::existence_only, "2022:913 2:4", false, false};  // data exist; consent needed
  }
  return {Verdict::deny, "PDL 4:1", false, false};
}

}  // namespace nara::domain::access
