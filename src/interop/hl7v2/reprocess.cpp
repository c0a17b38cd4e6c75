// "Bearbeta igen" (issue 20 point 5): a held message run through the same ingest once its ward
// code is mapped, then the later messages for its visit that waited for it.
#include "core/problem.hpp"
#include "interop/hl7v2/ingest.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/hl7_ward_code_service.hpp"

namespace nara::interop::hl7v2 {

std::optional<ReprocessOutcome> AdtIngest::reprocess_one(store::Transaction& tx,
                                                         const domain::access::Actor& administrator,
                                                         const std::string& held_id) {
  const auto held = service::lock_held_message(tx, held_id);
  if (!held || held->state != service::HeldState::open) return std::nullopt;
  // The message acts as the system that sent it, in the administrator's request.
  domain::access::Actor sender;
  sender.user_id = held->sender_user_id.value_or("");
  sender.display_name = held->sender_name;
  sender.role = domain::access::Role::integration;
  sender.request_id = administrator.request_id;
  const Received received = receive(held->message, sender);
  const std::optional<std::string> by =
      administrator.user_id.empty() ? std::nullopt : std::optional(administrator.user_id);
  ReprocessOutcome outcome{held_id, apply(tx, received, by)};
  auto& result = outcome.result;
  if (result.duplicate) {
    // The hospital sent it again after the code was mapped: applied then, closed now.
    if (const auto* c = std::get_if<AdtCommand>(&received.mapped))
      service::close_held_message(tx, ctx_.clock, c->sender, c->control_id, result.episode_id, by);
  } else if (result.code != AckCode::accept && !result.held_id) {
    // Refused for another reason than a code (an unknown person, the episode's state): it stays
    // in the worklist with that reason.
    service::record_held_attempt(tx, ctx_.clock, held_id, std::string(ack_text(result.code)),
                                 result.error ? number(result.error->code) : 0, result.reason);
  }
  auto entry = service::audit_entry(administrator, ctx_.clock, domain::access::AuditAction::update,
                                    "hl7_held_message", held_id, std::nullopt);
  entry.outcome = "allowed: reprocessed " + std::string(ack_text(result.code));
  if (result.error && result.code != AckCode::accept)
    entry.outcome += " " + std::to_string(number(result.error->code));
  service::AuditLog::record_in(tx, {entry});
  return outcome;
}

std::vector<ReprocessOutcome> AdtIngest::reprocess(const domain::access::Actor& administrator,
                                                   const std::string& held_id) {
  service::require(administrator, domain::access::Permission::manage_organisation);
  return ctx_.db.write([&](store::Transaction& tx) {
    std::vector<ReprocessOutcome> outcomes;  // a retried transaction starts over
    const auto held = service::lock_held_message(tx, held_id);
    if (!held) service::not_found();
    auto first = reprocess_one(tx, administrator, held_id);
    if (!first) return outcomes;  // processed or discarded already: nothing to do again
    const bool accepted = first->result.code == AckCode::accept;
    outcomes.push_back(std::move(*first));
    if (!accepted) return outcomes;
    for (const auto& follower : service::held_followers(tx, *held)) {
      if (auto next = reprocess_one(tx, administrator, follower))
        outcomes.push_back(std::move(*next));
    }
    return outcomes;
  });
}

}  // namespace nara::interop::hl7v2
