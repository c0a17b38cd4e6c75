#pragma once
// Named contacts per person: fast vårdkontakt in the region's care (2017:612 2 kap. 5 § at
// discharge) and fast omsorgskontakt in the municipality's. Appointing one ends the person's
// previous contact of the same kind at the same care provider.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "service/context.hpp"
#include "store/sip_repository.hpp"

namespace nara::service {

struct NewNamedContact {
  std::string kind;  // fast_vardkontakt | fast_omsorgskontakt
  std::string user_id;
  std::optional<std::string> unit_id;  // default: the appointing unit
};

// A staff member who may be appointed named contact at a unit: an active assignment there in a
// role that gives or leads care (a fast omsorgskontakt is often hemtjänst's kontaktperson).
struct ContactCandidate {
  std::string user_id;
  std::string display_name;
  std::string role;
  std::string title;
};

class NamedContactService {
 public:
  explicit NamedContactService(ServiceContext context) : ctx_(context) {}

  store::NamedContactRow appoint(const domain::access::Actor& actor, const std::string& person_id,
                                 const NewNamedContact& contact);
  std::vector<store::NamedContactRow> list(const domain::access::Actor& actor,
                                           const std::string& person_id, bool current_only);
  void end(const domain::access::Actor& actor, const std::string& contact_id);
  // Who at a unit of the caller's own care provider may be appointed (the appointing page's
  // choice of colleague). Organisation data: no person's health data is read.
  std::vector<ContactCandidate> candidates(const domain::access::Actor& actor,
                                           const std::string& unit_id);

  // The episode's appoint_named_contact (2017:612 2 kap. 5 §) as the person's fast vårdkontakt,
  // in the caller's transaction: the appointing user at the health centre.
  static void record_from_episode(store::Transaction& tx, const domain::access::Actor& actor,
                                  const std::string& person_id, const std::string& episode_id,
                                  const std::string& now);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
