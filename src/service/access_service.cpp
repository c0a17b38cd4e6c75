#include "service/access_service.hpp"

#include "core/random.hpp"
#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/registry_service.hpp"
#include "store/audit_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;

domain::registry::Person AccessService::establish_care_relation(const domain::access::Actor& actor,
                                                                const std::string& identifier,
                                                                const std::string& reason) {
  if (!actor.role || !domain::access::role_reads_clinical_content(*actor.role) || !actor.unit_id) {
    forbidden("Bara den som deltar i vården vid en enhet kan ange vårdrelation.");
  }
  const auto parsed = parse_person_identifier(identifier, std::nullopt, ctx_.clock, "identifier");
  return ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    auto person = registry.find_person_by_identifier(parsed.canonical());
    if (!person) not_found();
    store::AccessRepository access(tx);
    const std::string now = store::to_db_time(ctx_.clock.now());
    const std::string id = core::new_uuid();
    if (!access.has_active_relation(*actor.unit_id, person->id)) {
      access.insert_care_relation(
          store::CareRelationRow{id, person->id, *actor.unit_id, "", "manual", reason, std::nullopt,
                                 now, std::nullopt},
          actor.user_id);
    }
    // A self-declared relation is exactly what log review must be able to find.
    auto entry =
        audit_entry(actor, ctx_.clock, AuditAction::create, "care_relation", id, person->id);
    entry.outcome = "allowed: PDL 4:1 (manuell vårdrelation)";
    entry.purpose = reason;
    entry.without_relation = true;
    AuditLog::record_in(tx, {entry});
    return *person;
  });
}

std::vector<store::CareRelationRow> AccessService::care_team(const domain::access::Actor& actor,
                                                             const std::string& person_id) {
  struct Loaded {
    std::vector<store::CareRelationRow> team;
    bool relation = false;
  };
  const auto loaded = ctx_.db.read([&](store::Transaction& tx) {
    store::AccessRepository access(tx);
    Loaded out;
    out.relation = actor.unit_id && access.has_active_relation(*actor.unit_id, person_id);
    out.team = access.relations_of_person(person_id, true);
    return out;
  });
  domain::access::AccessFacts facts;
  facts.role = actor.role;
  facts.is_own_record = actor.role == Role::citizen && actor.person_id == person_id;
  facts.active_care_relation = loaded.relation;
  facts.category = domain::access::DataCategory::clinical;
  const auto decision = domain::access::decide(facts);
  auto entry = audit_entry(
      actor, ctx_.clock,
      decision.verdict == domain::access::Verdict::allow ? AuditAction::read : AuditAction::denied,
      "care_team", person_id, person_id);
  entry.outcome = decision.rule;
  entry.without_relation = !loaded.relation;
  ctx_.audit->record({entry});
  if (decision.verdict != domain::access::Verdict::allow) not_found();
  return loaded.team;
}

void AccessService::end_care_relation(const domain::access::Actor& actor,
                                      const std::string& relation_id) {
  ctx_.db.write([&](store::Transaction& tx) {
    const auto rs =
        tx.query("SELECT person_id, unit_id FROM care_relations WHERE id = ? AND ended_at IS NULL",
                 relation_id);
    if (rs.empty() || rs.row(0).text(1) != actor.unit_id.value_or(""))
      not_found();  // only one's own unit's
    store::AccessRepository(tx).end_care_relation(relation_id, store::to_db_time(ctx_.clock.now()));
    auto entry = audit_entry(actor, ctx_.clock, AuditAction::update, "care_relation", relation_id,
                             rs.row(0).text(0));
    entry.outcome = "ended";
    AuditLog::record_in(tx, {entry});
  });
}

store::Page<AccessLogLine> AccessService::my_access_log(const domain::access::Actor& actor,
                                                        const store::PageRequest& page) {
  if (actor.role != Role::citizen || !actor.person_id) not_found();
  const std::int64_t before =
      page.after && !page.after->empty() ? std::stoll(page.after->front()) : INT64_MAX;
  const auto rs = ctx_.db.read([&](store::Transaction& tx) {
    // A list that showed the person (a worklist, a ward board) is an access like any other.
    const std::int64_t indexed = store::indexed_audit_seq(tx);
    return tx.query(
        "SELECT a.seq, a.at, a.action, u.name, a.unit_hsa_id, cp.name, a.object_type FROM "
        "audit_log a LEFT JOIN units u ON u.id = a.unit_id LEFT JOIN care_providers cp ON cp.id = "
        "a.care_provider_id "
        "WHERE a.seq IN " +
            store::person_seqs_sql(tx.engine()) +
            " AND a.seq < ? AND a.action <> 'denied' AND (a.user_id IS NULL OR a.user_id <> ?) "
            "ORDER BY a.seq DESC LIMIT ?",
        *actor.person_id, indexed, *actor.person_id, indexed, *actor.person_id, before,
        actor.user_id, static_cast<std::int64_t>(page.limit) + 1);
  });
  store::Page<AccessLogLine> out;
  for (std::size_t i = 0; i < rs.size() && i < page.limit; ++i) {
    const auto r = rs.row(i);
    out.items.push_back(AccessLogLine{r.int64(0), r.text(1), r.text(2), r.optional_text(3),
                                      r.optional_text(4), r.optional_text(5), r.text(6)});
  }
  if (rs.size() > page.limit)
    out.next = std::vector<std::string>{std::to_string(out.items.back().seq)};
  auto entry = audit_entry(actor, ctx_.clock, AuditAction::read, "access_log", std::nullopt,
                           *actor.person_id);
  entry.outcome = "allowed: PDL 8:5";
  ctx_.audit->record({entry});
  return out;
}

}  // namespace nara::service
