#include "service/request_service.hpp"

#include <boost/json.hpp>

#include "core/random.hpp"
#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/coordination_support.hpp"
#include "service/denied_access.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
namespace req = domain::requests;

namespace {

std::optional<core::Instant> instant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return store::from_db_time(*text);
}
std::optional<std::string> text(const std::optional<core::Instant>& i) {
  if (!i) return std::nullopt;
  return store::to_db_time(*i);
}

req::Request to_domain(const store::RequestRow& r) {
  req::Request out;
  out.state = *req::parse_request_state(r.state);
  out.sent_at = store::from_db_time(r.sent_at);
  out.due_at = instant(r.due_at);
  out.received_at = instant(r.received_at);
  out.accepted_at = instant(r.accepted_at);
  out.declined_at = instant(r.declined_at);
  out.decline_reason = r.decline_reason;
  out.done_at = instant(r.done_at);
  out.cancelled_at = instant(r.cancelled_at);
  return out;
}

void from_domain(const req::Request& d, store::RequestRow& r) {
  r.state = std::string(req::to_string(d.state));
  r.received_at = text(d.received_at);
  r.accepted_at = text(d.accepted_at);
  r.declined_at = text(d.declined_at);
  r.decline_reason = d.decline_reason;
  r.done_at = text(d.done_at);
  r.cancelled_at = text(d.cancelled_at);
}

RequestView view(store::Transaction& tx, store::RequestRow row, core::Instant now) {
  RequestView v;
  v.overdue = req::overdue(to_domain(row), now);
  v.events = store::SipRepository(tx).request_events(row.id);
  v.row = std::move(row);
  return v;
}

void require_staff_of_unit(const domain::access::Actor& actor) {
  if (!actor.unit_id || !actor.role || !domain::access::role_reads_clinical_content(*actor.role)) {
    forbidden("Begäran hanteras av vårdpersonal på avsändande eller mottagande enhet.");
  }
}

}  // namespace

RequestView RequestService::send(const domain::access::Actor& actor, const NewRequest& input) {
  const auto now = ctx_.clock.now();
  std::vector<core::FieldError> errors;
  if (!req::find_request_type(input.type))
    errors.push_back({"type", "enum", "Okänd typ av begäran."});
  if (input.description.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({"description", "required", "Beskriv vad som begärs."});
  if (input.due_at && *input.due_at <= now)
    errors.push_back({"dueAt", "datetime.future", "Svarstiden måste ligga framåt i tiden."});
  if (!errors.empty()) coordination::invalid(std::move(errors));
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    coordination::require_coordinator_with_relation(tx, actor, input.person_id, ctx_.clock,
                                                    "care_request");
    store::RegistryRepository registry(tx);
    const auto to = registry.find_unit(input.to_unit_id);
    if (!to || !to->active)
      core::throw_field_error("toUnitId", "reference", "Mottagande enhet finns inte.");
    if (to->id == *actor.unit_id)
      core::throw_field_error("toUnitId", "request.same_unit",
                              "En begäran skickas till en annan enhet.");
    store::SipRepository repo(tx);
    if (input.plan_id) {
      const auto plan = repo.find_plan(*input.plan_id);
      if (!plan || plan->person_id != input.person_id)
        core::throw_field_error("planId", "reference", "Planen finns inte för denna person.");
    }
    const std::string now_text = store::to_db_time(now);
    store::RequestRow r;
    r.id = core::new_uuid();
    r.person_id = input.person_id;
    r.type = input.type;
    r.from_unit_id = *actor.unit_id;
    r.to_unit_id = input.to_unit_id;
    r.plan_id = input.plan_id;
    r.description = input.description;
    r.state = "sent";
    r.sent_by = actor.user_id;
    r.sent_at = now_text;
    r.due_at = text(input.due_at);
    repo.insert_request(r);
    repo.add_request_event(r.id,
                           {"send", now_text, actor.user_id, "", *actor.unit_id, std::nullopt});
    tx.query("INSERT INTO outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)",
             core::new_uuid(), "request.sent",
             boost::json::serialize(
                 boost::json::object{{"requestId", r.id}, {"toUnitId", r.to_unit_id}}),
             now_text);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::create, "care_request", r.id, r.person_id);
    e.outcome = "allowed: sent to " + r.to_unit_id;
    AuditLog::record_in(tx, {e});
    return view(tx, *repo.find_request(r.id), now);
  });
}

RequestView RequestService::get(const domain::access::Actor& actor, const std::string& id) {
  require_staff_of_unit(actor);
  const auto now = ctx_.clock.now();
  auto loaded = ctx_.db.read([&](store::Transaction& tx) -> std::optional<RequestView> {
    auto row = store::SipRepository(tx).find_request(id);
    // Only the two units of the request see it: the sender who documented it and the recipient
    // it was addressed to.
    if (!row || (row->from_unit_id != *actor.unit_id && row->to_unit_id != *actor.unit_id))
      return std::nullopt;
    return view(tx, std::move(*row), now);
  });
  if (!loaded) not_found();
  auto e =
      audit_entry(actor, ctx_.clock, AuditAction::read, "care_request", id, loaded->row.person_id);
  e.outcome = loaded->row.to_unit_id == *actor.unit_id ? "allowed: mottagare av begäran"
                                                       : "allowed: avsändare av begäran";
  ctx_.audit->record({e});
  return std::move(*loaded);
}

std::vector<RequestView> RequestService::list(const domain::access::Actor& actor, bool inbox,
                                              const std::string& state) {
  require_staff_of_unit(actor);
  // "open": still waiting for an answer or completion (Request::open()), what a worklist shows.
  if (!state.empty() && state != "open" && !req::parse_request_state(state))
    core::throw_field_error("state", "enum", "Okänt tillstånd.", 400);
  const auto now = ctx_.clock.now();
  auto views = ctx_.db.read([&](store::Transaction& tx) {
    std::vector<RequestView> out;
    for (auto& r : store::SipRepository(tx).requests_of_unit(*actor.unit_id, inbox, state, 200))
      out.push_back(view(tx, std::move(r), now));
    return out;
  });
  std::vector<domain::access::AuditEntry> entries;
  for (const auto& v : views) {
    auto e = audit_entry(actor, ctx_.clock, AuditAction::read, "care_request", v.row.id,
                         v.row.person_id);
    e.outcome = inbox ? "allowed: mottagare av begäran" : "allowed: avsändare av begäran";
    entries.push_back(std::move(e));
  }
  ctx_.audit->record(std::move(entries));
  return views;
}

RequestView RequestService::apply(const domain::access::Actor& actor, const std::string& id,
                                  std::int64_t expected_version, req::EventKind kind,
                                  std::optional<std::string> reason) {
  require_staff_of_unit(actor);
  const auto now = ctx_.clock.now();
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::SipRepository repo(tx);
    auto row = repo.find_request(id);
    if (!row || (row->from_unit_id != *actor.unit_id && row->to_unit_id != *actor.unit_id))
      not_found();
    const std::string& side_unit =
        req::side_of(kind) == req::Side::sender ? row->from_unit_id : row->to_unit_id;
    if (side_unit != *actor.unit_id) {
      forbidden(req::side_of(kind) == req::Side::sender
                    ? "Bara avsändande enhet kan återkalla begäran."
                    : "Begäran besvaras av mottagande enhet.");
    }
    if (kind != req::EventKind::receive &&
        !domain::access::permits(*actor.role, domain::access::Permission::coordinate_care)) {
      forbidden("Begäran besvaras av sjuksköterska, läkare eller samordnare.");
    }
    if (row->version != expected_version) version_conflict();
    auto d = to_domain(*row);
    if (auto refused = req::apply(d, {kind, now, reason})) {
      if (refused->field != "kind")
        core::throw_field_error(refused->field, refused->rule, refused->reason);
      coordination::refuse_transition("request-transition", "kind", refused->rule, refused->reason);
    }
    from_domain(d, *row);
    if (!repo.save_request(*row, expected_version)) version_conflict();
    const std::string now_text = store::to_db_time(now);
    repo.add_request_event(id, {std::string(req::to_string(kind)), now_text, actor.user_id, "",
                                *actor.unit_id, reason});
    if (kind == req::EventKind::accept) {
      // The receiving unit now takes part in the person's care (PDL 4:1).
      store::AccessRepository access(tx);
      if (!access.has_active_relation(row->to_unit_id, row->person_id)) {
        access.insert_care_relation(
            store::CareRelationRow{core::new_uuid(), row->person_id, row->to_unit_id, "",
                                   "accepted_request", std::nullopt, id, now_text, std::nullopt},
            actor.user_id);
      }
    }
    tx.query("INSERT INTO outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)",
             core::new_uuid(), "request." + std::string(req::to_string(kind)),
             boost::json::serialize(boost::json::object{{"requestId", id}}), now_text);
    auto e =
        audit_entry(actor, ctx_.clock, AuditAction::update, "care_request", id, row->person_id);
    e.outcome = "allowed: " + std::string(req::to_string(kind));
    AuditLog::record_in(tx, {e});
    return view(tx, *repo.find_request(id), now);
  });
}

}  // namespace nara::service
