#pragma once
// Care relations and the citizen's view of who accessed their data.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"
#include "service/context.hpp"
#include "store/access_repository.hpp"
#include "store/page.hpp"

namespace nara::service {

struct AccessLogLine {
  std::int64_t seq = 0;
  std::string at;
  std::string action;
  std::optional<std::string> unit_name;
  std::optional<std::string> unit_hsa_id;
  std::optional<std::string> care_provider_name;
  std::string object_type;  // what was read: "person", or a list that showed them ("worklist")
};

class AccessService {
 public:
  explicit AccessService(ServiceContext context) : ctx_(context) {}

  // A manual care relation of the actor's unit, with its reason (PDL 4:1); returns the person.
  domain::registry::Person establish_care_relation(const domain::access::Actor& actor,
                                                   const std::string& identifier,
                                                   const std::string& reason);
  std::vector<store::CareRelationRow> care_team(const domain::access::Actor& actor,
                                                const std::string& person_id);
  void end_care_relation(const domain::access::Actor& actor, const std::string& relation_id);

  // PDL 8:5, HSLF-FS 2016:40 4:10: from which unit and care provider, and when, the citizen's
  // data were accessed. Newest first.
  store::Page<AccessLogLine> my_access_log(const domain::access::Actor& actor,
                                           const store::PageRequest& page);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
