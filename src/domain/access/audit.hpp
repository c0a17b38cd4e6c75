#pragma once
// One entry of the access log (HSLF-FS 2016:40 4 kap. 9 §: what was done, at which unit, when,
// by whom, to whose data) and the canonical text its hash is taken over.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nara::domain::access {

enum class AuditAction {
  read,
  create,
  update,
  export_,
  print,
  block,
  unblock,
  consent,
  emergency_access,
  denied,
  review
};
std::string_view to_string(AuditAction action);
std::optional<AuditAction> parse_audit_action(std::string_view text);

struct AuditEntry {
  std::int64_t seq = 0;  // position in the chain, assigned when appended
  std::string at;        // ISO 8601 UTC, fixed width
  std::optional<std::string> user_id;
  std::optional<std::string> user_hsa_id;
  std::optional<std::string> assignment_id;
  std::optional<std::string> role;
  std::optional<std::string> unit_id;
  std::optional<std::string> unit_hsa_id;
  std::optional<std::string> care_provider_id;
  std::optional<std::string> person_id;
  AuditAction action = AuditAction::read;
  std::string object_type;  // e.g. "person", "care_relation"
  std::optional<std::string> object_id;
  std::string outcome = "allowed";  // allowed | existence_only | denied | the decision's rule
  std::optional<std::string> purpose;
  bool flagged = false;           // emergency access: for review
  bool without_relation = false;  // access with no care relation at the time
  std::optional<std::string> request_id;
  // A list entry (a worklist, a ward board, a visit plan shown): one access to every person
  // listed, in one entry, instead of one entry per person (docs/access.md). Empty for an ordinary
  // entry; when not empty, person_id is empty.
  std::vector<std::string> listed_person_ids;
  std::string prev_hash;
  std::string hash;
};

// Every field, length-prefixed so no two different entries share a text (no delimiter games).
// A list entry's persons follow the other fields (their count, then each id, sorted and without
// duplicates); an entry without them has exactly the text it had before lists existed, so the
// hashes of every entry written earlier still verify.
std::string canonical_text(const AuditEntry& entry);

// The ids sorted (byte order) and without duplicates: the order the hash covers and the store
// keeps.
std::vector<std::string> canonical_person_list(std::vector<std::string> person_ids);

}  // namespace nara::domain::access
