#pragma once
// Requests between units (begäran om insats): sent by a unit in the person's care, received,
// accepted or declined with a reason, done; withdrawn by the sender while unanswered. Accepting
// makes the receiving unit part of the person's care (care relation, origin accepted request,
// PDL 4:1). Every step is one transaction with its event row (the receipt), audit entry and
// outbox row.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/requests/request.hpp"
#include "service/context.hpp"
#include "store/sip_repository.hpp"

namespace nara::service {

struct NewRequest {
  std::string person_id;
  std::string type;
  std::string to_unit_id;
  std::string description;
  std::optional<core::Instant> due_at;
  std::optional<std::string> plan_id;
};

struct RequestView {
  store::RequestRow row;
  bool overdue = false;
  std::vector<store::RequestEventRow> events;
};

class RequestService {
 public:
  explicit RequestService(ServiceContext context) : ctx_(context) {}

  RequestView send(const domain::access::Actor& actor, const NewRequest& request);
  RequestView get(const domain::access::Actor& actor, const std::string& id);
  // inbox: to the actor's unit; otherwise sent from it. state empty for all.
  std::vector<RequestView> list(const domain::access::Actor& actor, bool inbox,
                                const std::string& state);
  RequestView apply(const domain::access::Actor& actor, const std::string& id,
                    std::int64_t expected_version, domain::requests::EventKind kind,
                    std::optional<std::string> reason);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
