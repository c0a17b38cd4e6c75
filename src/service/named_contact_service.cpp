#include "service/named_contact_service.hpp"

#include "core/random.hpp"
#include "domain/access/policy.hpp"
#include "domain/access/role.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/coordination_support.hpp"
#include "service/denied_access.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::registry::PrincipalKind;

namespace {

// Fast vårdkontakt belongs to the region's health care, fast omsorgskontakt to the
// municipality's social services; a joint provider's unit may hold either.
std::optional<PrincipalKind> principal_of_kind(const std::string& kind) {
  if (kind == "fast_vardkontakt") return PrincipalKind::region;
  if (kind == "fast_omsorgskontakt") return PrincipalKind::municipality;
  return std::nullopt;
}

void insert(store::Transaction& tx, const store::NamedContactRow& row,
            const std::string& care_provider_id, const std::string& by, const std::string& now) {
  store::SipRepository repo(tx);
  repo.end_named_contacts(row.person_id, row.kind, care_provider_id, now);
  repo.insert_named_contact(row, by, now);
}

}  // namespace

store::NamedContactRow NamedContactService::appoint(const domain::access::Actor& actor,
                                                    const std::string& person_id,
                                                    const NewNamedContact& input) {
  const auto principal = principal_of_kind(input.kind);
  if (!principal)
    core::throw_field_error("kind", "enum", "Ska vara fast_vardkontakt eller fast_omsorgskontakt.");
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    coordination::require_coordinator_with_relation(tx, actor, person_id, ctx_.clock,
                                                    "named_contact");
    const std::string unit_id = input.unit_id.value_or(*actor.unit_id);
    store::RegistryRepository registry(tx);
    const auto unit = registry.find_unit(unit_id);
    if (!unit) core::throw_field_error("unitId", "reference", "Enheten finns inte.");
    if (unit->care_provider_id != *actor.care_provider_id) {
      core::throw_field_error("unitId", "named_contact.own_provider",
                              "Kontakten utses inom din egen vårdgivare.");
    }
    if (!coordination::principal_kinds_of_unit(tx, unit_id).contains(*principal)) {
      core::throw_field_error("kind", "named_contact.principal",
                              input.kind == "fast_vardkontakt"
                                  ? "Fast vårdkontakt utses i regionens hälso- och sjukvård."
                                  : "Fast omsorgskontakt utses i kommunens verksamhet.");
    }
    const bool works_there = !tx.query(
                                    "SELECT 1 FROM assignments WHERE user_id = ? AND unit_id = ? "
                                    "AND active = 1",
                                    input.user_id, unit_id)
                                  .empty();
    if (!works_there)
      core::throw_field_error("userId", "reference", "Personen har inget uppdrag på enheten.");
    const std::string now = store::to_db_time(ctx_.clock.now());
    store::NamedContactRow row;
    row.id = core::new_uuid();
    row.person_id = person_id;
    row.kind = input.kind;
    row.user_id = input.user_id;
    row.unit_id = unit_id;
    row.valid_from = now;
    row.source = "manual";
    insert(tx, row, unit->care_provider_id, actor.user_id, now);
    auto e =
        audit_entry(actor, ctx_.clock, AuditAction::create, "named_contact", row.id, person_id);
    e.outcome = "allowed: " + input.kind;
    AuditLog::record_in(tx, {e});
    return *store::SipRepository(tx).find_named_contact(row.id);
  });
}

std::vector<store::NamedContactRow> NamedContactService::list(const domain::access::Actor& actor,
                                                              const std::string& person_id,
                                                              bool current_only) {
  const bool own = coordination::is_own_record(actor, person_id);
  bool relation = false;
  auto rows = ctx_.db.read([&](store::Transaction& tx) {
    if (tx.query("SELECT 1 FROM persons WHERE id = ?", person_id).empty()) not_found();
    relation =
        actor.unit_id && store::AccessRepository(tx).has_active_relation(*actor.unit_id, person_id);
    return store::SipRepository(tx).named_contacts(person_id, current_only);
  });
  // Who the person's contacts are is part of their care: the person, and staff in their care.
  const bool visible =
      own || (relation && actor.role && domain::access::role_reads_clinical_content(*actor.role));
  auto e = audit_entry(actor, ctx_.clock, visible ? AuditAction::read : AuditAction::denied,
                       "named_contacts", person_id, person_id);
  e.outcome = own ? "allowed: PDL 5:5" : (visible ? "allowed: PDL 4:1" : "denied: PDL 4:1");
  e.without_relation = !relation && !own;
  ctx_.audit->record({e});
  if (!visible) not_found();
  return rows;
}

void NamedContactService::end(const domain::access::Actor& actor, const std::string& contact_id) {
  write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::SipRepository repo(tx);
    const auto row = repo.find_named_contact(contact_id);
    if (!row) not_found();
    coordination::require_coordinator_with_relation(tx, actor, row->person_id, ctx_.clock,
                                                    "named_contact");
    const auto unit = store::RegistryRepository(tx).find_unit(row->unit_id);
    if (!unit || unit->care_provider_id != *actor.care_provider_id)
      forbidden("Kontakten avslutas av den vårdgivare som utsåg den.");
    if (!repo.end_named_contact(contact_id, store::to_db_time(ctx_.clock.now())))
      conflict("id", "named_contact.ended", "Kontakten är redan avslutad.");
    auto e = audit_entry(actor, ctx_.clock, AuditAction::update, "named_contact", contact_id,
                         row->person_id);
    e.outcome = "ended";
    AuditLog::record_in(tx, {e});
  });
}

std::vector<ContactCandidate> NamedContactService::candidates(const domain::access::Actor& actor,
                                                              const std::string& unit_id) {
  using domain::access::Permission;
  if (!actor.role || !actor.care_provider_id ||
      !domain::access::permits(*actor.role, Permission::coordinate_care)) {
    forbidden("Fasta kontakter utses av personal som samordnar vård och omsorg.");
  }
  return ctx_.db.read([&](store::Transaction& tx) {
    const auto unit = store::RegistryRepository(tx).find_unit(unit_id);
    if (!unit) not_found();
    if (unit->care_provider_id != *actor.care_provider_id)
      forbidden("Kontakten utses inom din egen vårdgivare.");
    std::vector<ContactCandidate> out;
    const auto rs = tx.query(
        "SELECT u.id, u.display_name, a.role, a.title FROM assignments a JOIN users u ON u.id = "
        "a.user_id WHERE a.unit_id = ? AND a.active = 1 AND u.active = 1 ORDER BY "
        "u.display_name, u.id",
        unit_id);
    for (std::size_t i = 0; i < rs.size(); ++i) {
      // As appoint() asks: an assignment at the unit. Those who only review logs or administer
      // the county are not anyone's contact.
      const auto role = domain::access::parse_role(rs.row(i).text(2));
      using domain::access::Role;
      if (!role || *role == Role::log_reviewer || *role == Role::county_administrator ||
          *role == Role::integration || *role == Role::citizen)
        continue;
      out.push_back({rs.row(i).text(0), rs.row(i).text(1), rs.row(i).text(2), rs.row(i).text(3)});
    }
    return out;
  });
}

void NamedContactService::record_from_episode(store::Transaction& tx,
                                              const domain::access::Actor& actor,
                                              const std::string& person_id,
                                              const std::string& episode_id,
                                              const std::string& now) {
  if (!actor.unit_id || !actor.care_provider_id) return;
  store::NamedContactRow row;
  row.id = core::new_uuid();
  row.person_id = person_id;
  row.kind = "fast_vardkontakt";
  row.user_id = actor.user_id;
  row.unit_id = *actor.unit_id;
  row.valid_from = now;
  row.source = "episode";
  row.source_id = episode_id;
  insert(tx, row, *actor.care_provider_id, actor.user_id, now);
}

}  // namespace nara::service
