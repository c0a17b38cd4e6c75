#pragma once
// Consent (2022:913 3:1), blocks (PDL 4:4, 2022:913 2:3) and emergency access (2022:913 3:5–3:6,
// PDL 4:5): recording them, and loading the facts the access policy decides on for one piece of
// documented data.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/access/policy.hpp"
#include "service/context.hpp"
#include "store/database.hpp"

namespace nara::service {

// Who documented a piece of data.
struct DataSource {
  std::string care_provider_id;
  std::string unit_id;
};

struct ConsentRecord {
  std::string id;
  std::string person_id;
  std::string care_provider_id;
  std::string scope;     // shared_documentation | sip
  std::string given_by;  // person | legal_representative
  std::string given_at;
  std::optional<std::string> valid_until;
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> care_provider_name;  // set where listed (GET /me/consents)
};

struct BlockRecord {
  std::string id;
  std::string person_id;
  std::string care_provider_id;
  std::optional<std::string> unit_id;
  std::string kind;  // within_provider | across_providers
  std::optional<std::string> reason;
  std::string created_at;
  std::optional<std::string> lifted_at;
  std::optional<std::string> care_provider_name;  // set where the reader may see the blocker
};

struct EmergencyRecord {
  std::string id;
  std::string person_id;
  std::string unit_id;
  std::string reason;
  std::string started_at;
  std::string expires_at;
};

// What the reader may know about blocks on a person: that some exist, and by whom only when the
// law lets them see it (their own provider's, or under emergency access).
struct SharingStatus {
  bool consent_for_my_provider = false;
  int blocks_elsewhere = 0;
  std::vector<std::string> blocking_providers;  // names, only where visible
  std::vector<BlockRecord> my_providers_blocks;
  std::optional<EmergencyRecord> emergency;
};

class SharingService {
 public:
  explicit SharingService(ServiceContext context) : ctx_(context) {}

  ConsentRecord record_consent(const domain::access::Actor& actor, const std::string& person_id,
                               std::optional<std::string> care_provider_id,
                               const std::string& scope, const std::string& given_by,
                               std::optional<std::string> valid_until);
  void withdraw_consent(const domain::access::Actor& actor, const std::string& consent_id);
  BlockRecord record_block(const domain::access::Actor& actor, const std::string& person_id,
                           std::optional<std::string> unit_id, const std::string& kind,
                           std::optional<std::string> reason);
  void lift_block(const domain::access::Actor& actor, const std::string& block_id);
  EmergencyRecord open_emergency_access(const domain::access::Actor& actor,
                                        const std::string& person_id, const std::string& reason,
                                        int minutes);
  SharingStatus status(const domain::access::Actor& actor, const std::string& person_id);
  // The citizen's own consents, withdrawn ones too, newest first (2022:913 3:1; PDL 8:5 like
  // the access log): 404 for anyone but a citizen.
  std::vector<ConsentRecord> my_consents(const domain::access::Actor& actor);

  // The facts for `actor` reading data documented at `source` about `person_id`, as of now.
  domain::access::AccessFacts facts_for(store::Transaction& tx, const domain::access::Actor& actor,
                                        const std::string& person_id, const DataSource& source,
                                        domain::access::DataCategory category);

 private:
  // Throws DeniedAccess (logged by write_logging_denials) for a refusal that names a person.
  void require_care_role_with_relation(store::Transaction& tx, const domain::access::Actor& actor,
                                       const std::string& person_id,
                                       const std::string& object_type);
  ServiceContext ctx_;
};

}  // namespace nara::service
