#include "service/sharing_service.hpp"

#include "core/problem.hpp"
#include "core/random.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/denied_access.hpp"
#include "store/access_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;

namespace {

bool is_own(const domain::access::Actor& actor, const std::string& person_id) {
  return actor.role == Role::citizen && actor.person_id == person_id;
}

bool person_exists(store::Transaction& tx, const std::string& person_id) {
  return !tx.query("SELECT 1 FROM persons WHERE id = ?", person_id).empty();
}

std::string valid_instant(const std::string& text, const char* field) {
  return store::to_db_time(core::parse_iso8601(text, field));
}

}  // namespace

void SharingService::require_care_role_with_relation(store::Transaction& tx,
                                                     const domain::access::Actor& actor,
                                                     const std::string& person_id,
                                                     const std::string& object_type) {
  require_role_and_relation(tx, actor, person_id, ctx_.clock, object_type,
                            actor.role && domain::access::role_reads_clinical_content(*actor.role),
                            "Uppgiften registreras av vårdpersonal som deltar i personens vård.");
}

ConsentRecord SharingService::record_consent(const domain::access::Actor& actor,
                                             const std::string& person_id,
                                             std::optional<std::string> care_provider_id,
                                             const std::string& scope, const std::string& given_by,
                                             std::optional<std::string> valid_until) {
  if (scope != "shared_documentation" && scope != "sip") {
    core::throw_field_error("scope", "enum", "Ska vara shared_documentation eller sip.");
  }
  if (given_by != "person" && given_by != "legal_representative") {
    core::throw_field_error("givenBy", "enum", "Ska vara person eller legal_representative.");
  }
  const std::string now = store::to_db_time(ctx_.clock.now());
  if (valid_until) {
    valid_until = valid_instant(*valid_until, "validUntil");
    if (*valid_until <= now)
      core::throw_field_error("validUntil", "datetime.future",
                              "Giltigt till måste ligga framåt i tiden.");
  }
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    if (is_own(actor, person_id)) {
      if (!care_provider_id)
        core::throw_field_error("careProviderId", "required",
                                "Ange vårdgivaren du samtycker till.");
    } else {
      require_care_role_with_relation(tx, actor, person_id, "consent");
      care_provider_id =
          actor.care_provider_id;  // consent is recorded by the provider it is given to
    }
    if (!person_exists(tx, person_id)) not_found();
    if (tx.query("SELECT 1 FROM care_providers WHERE id = ?", *care_provider_id).empty()) {
      core::throw_field_error("careProviderId", "reference", "Vårdgivaren finns inte.");
    }
    ConsentRecord c{core::new_uuid(), person_id,    *care_provider_id, scope, given_by, now,
                    valid_until,      std::nullopt, std::nullopt};
    tx.query(
        "INSERT INTO consents (id, person_id, care_provider_id, scope, given_by, given_at, "
        "valid_until, "
        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        c.id, c.person_id, c.care_provider_id, c.scope, c.given_by, c.given_at,
        store::optional_value(c.valid_until), actor.user_id, now);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::consent, "consent", c.id, person_id);
    e.outcome = "given: " + scope;
    AuditLog::record_in(tx, {e});
    return c;
  });
}

void SharingService::withdraw_consent(const domain::access::Actor& actor,
                                      const std::string& consent_id) {
  ctx_.db.write([&](store::Transaction& tx) {
    const auto rs = tx.query(
        "SELECT person_id, care_provider_id FROM consents WHERE id = ? AND withdrawn_at IS NULL",
        consent_id);
    if (rs.empty()) not_found();
    const std::string person_id = rs.row(0).text(0);
    // The person withdraws; staff of the provider record a withdrawal the person made to them.
    if (!is_own(actor, person_id) && actor.care_provider_id != rs.row(0).text(1)) not_found();
    tx.query("UPDATE consents SET withdrawn_at = ? WHERE id = ?",
             store::to_db_time(ctx_.clock.now()), consent_id);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::consent, "consent", consent_id, person_id);
    e.outcome = "withdrawn";
    AuditLog::record_in(tx, {e});
  });
}

BlockRecord SharingService::record_block(const domain::access::Actor& actor,
                                         const std::string& person_id,
                                         std::optional<std::string> unit_id,
                                         const std::string& kind,
                                         std::optional<std::string> reason) {
  if (kind != "within_provider" && kind != "across_providers") {
    core::throw_field_error("kind", "enum", "Ska vara within_provider eller across_providers.");
  }
  if (kind == "within_provider" && !unit_id) {
    core::throw_field_error("unitId", "required",
                            "Ange vilken enhets uppgifter som ska spärras inom vårdgivaren.");
  }
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    // A block is registered by the provider whose data it covers, at the person's request, and
    // takes effect at once (PDL 4:4, 2022:913 2:3). A guardian cannot block a child's data.
    require_care_role_with_relation(tx, actor, person_id, "block");
    if (unit_id) {
      const auto rs = tx.query("SELECT care_provider_id FROM units WHERE id = ?", *unit_id);
      if (rs.empty() || rs.row(0).text(0) != *actor.care_provider_id) {
        core::throw_field_error("unitId", "reference", "Enheten hör inte till din vårdgivare.");
      }
    }
    BlockRecord b{core::new_uuid(),
                  person_id,
                  *actor.care_provider_id,
                  unit_id,
                  kind,
                  reason,
                  store::to_db_time(ctx_.clock.now()),
                  std::nullopt,
                  std::nullopt};
    tx.query(
        "INSERT INTO blocks (id, person_id, care_provider_id, unit_id, kind, reason, created_at, "
        "created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        b.id, b.person_id, b.care_provider_id, store::optional_value(b.unit_id), b.kind,
        store::optional_value(b.reason), b.created_at, actor.user_id);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::block, "block", b.id, person_id);
    e.outcome = kind;
    AuditLog::record_in(tx, {e});
    return b;
  });
}

void SharingService::lift_block(const domain::access::Actor& actor, const std::string& block_id) {
  write_logging_denials(ctx_, [&](store::Transaction& tx) {
    const auto rs = tx.query(
        "SELECT person_id, care_provider_id FROM blocks WHERE id = ? AND lifted_at IS NULL",
        block_id);
    if (rs.empty() || actor.care_provider_id != rs.row(0).text(1))
      not_found();  // only the blocking provider
    require_care_role_with_relation(tx, actor, rs.row(0).text(0), "block");
    tx.query("UPDATE blocks SET lifted_at = ?, lifted_by = ? WHERE id = ?",
             store::to_db_time(ctx_.clock.now()), actor.user_id, block_id);
    auto e =
        audit_entry(actor, ctx_.clock, AuditAction::unblock, "block", block_id, rs.row(0).text(0));
    e.outcome = "lifted at the person's request";
    AuditLog::record_in(tx, {e});
  });
}

EmergencyRecord SharingService::open_emergency_access(const domain::access::Actor& actor,
                                                      const std::string& person_id,
                                                      const std::string& reason, int minutes) {
  if (reason.size() < 10) {
    core::throw_field_error("reason", "emergency.reason",
                            "Beskriv varför det är fara för liv eller allvarlig risk för hälsan.");
  }
  if (minutes < 1 || minutes > 240)
    core::throw_field_error("minutes", "integer.range", "Nödåtkomst gäller 1–240 minuter.");
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    require_care_role_with_relation(tx, actor, person_id, "emergency_access");
    const auto now = ctx_.clock.now();
    EmergencyRecord r{
        core::new_uuid(),       person_id,
        *actor.unit_id,         reason,
        store::to_db_time(now), store::to_db_time(now + std::chrono::minutes(minutes))};
    tx.query(
        "INSERT INTO emergency_accesses (id, person_id, user_id, assignment_id, unit_id, reason, "
        "started_at, "
        "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        r.id, r.person_id, actor.user_id, *actor.assignment_id, r.unit_id, r.reason, r.started_at,
        r.expires_at);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::emergency_access, "emergency_access", r.id,
                         person_id);
    e.outcome = "opened until " + r.expires_at;
    e.purpose = reason;
    e.flagged = true;  // every emergency access goes to log review (2022:913 3:5)
    AuditLog::record_in(tx, {e});
    return r;
  });
}

domain::access::AccessFacts SharingService::facts_for(store::Transaction& tx,
                                                      const domain::access::Actor& actor,
                                                      const std::string& person_id,
                                                      const DataSource& source,
                                                      domain::access::DataCategory category) {
  domain::access::AccessFacts f;
  f.role = actor.role;
  f.category = category;
  f.is_own_record = is_own(actor, person_id);
  if (!actor.unit_id || !actor.care_provider_id) return f;
  const std::string now = store::to_db_time(ctx_.clock.now());
  f.active_care_relation =
      store::AccessRepository(tx).has_active_relation(*actor.unit_id, person_id);
  if (source.unit_id == *actor.unit_id) {
    f.origin = domain::access::DataOrigin::own_unit;
  } else if (source.care_provider_id == *actor.care_provider_id) {
    f.origin = domain::access::DataOrigin::other_unit_same_provider;
    f.blocked =
        !tx.query(
               "SELECT 1 FROM blocks WHERE person_id = ? AND care_provider_id = ? AND kind = "
               "'within_provider' AND unit_id = ? AND lifted_at IS NULL",
               person_id, source.care_provider_id, source.unit_id)
             .empty();
  } else {
    f.origin = domain::access::DataOrigin::other_provider;
    f.blocked =
        !tx.query(
               "SELECT 1 FROM blocks WHERE person_id = ? AND care_provider_id = ? AND kind = "
               "'across_providers' AND lifted_at IS NULL",
               person_id, source.care_provider_id)
             .empty();
  }
  f.consent_recorded =
      !tx.query(
             "SELECT 1 FROM consents WHERE person_id = ? AND care_provider_id = ? AND "
             "withdrawn_at IS NULL AND given_at <= ? AND (valid_until IS NULL OR valid_until > ?)",
             person_id, *actor.care_provider_id, now, now)
           .empty();
  f.emergency_access =
      !tx.query(
             "SELECT 1 FROM emergency_accesses WHERE person_id = ? AND unit_id = ? AND "
             "started_at <= ? AND expires_at > ?",
             person_id, *actor.unit_id, now, now)
           .empty();
  return f;
}

SharingStatus SharingService::status(const domain::access::Actor& actor,
                                     const std::string& person_id) {
  SharingStatus s;
  const std::string now = store::to_db_time(ctx_.clock.now());
  bool relation = false;
  ctx_.db.read([&](store::Transaction& tx) {
    if (!person_exists(tx, person_id)) not_found();
    const bool own = is_own(actor, person_id);
    relation =
        actor.unit_id && store::AccessRepository(tx).has_active_relation(*actor.unit_id, person_id);
    if (!own &&
        (!relation || !actor.role || !domain::access::role_reads_clinical_content(*actor.role)))
      return;
    const auto blocks = tx.query(
        "SELECT b.id, b.care_provider_id, b.unit_id, b.kind, b.reason, b.created_at, cp.name FROM "
        "blocks b "
        "JOIN care_providers cp ON cp.id = b.care_provider_id WHERE b.person_id = ? AND "
        "b.lifted_at IS NULL "
        "ORDER BY b.created_at",
        person_id);
    const auto emergency = tx.query(
        "SELECT id, reason, started_at, expires_at FROM emergency_accesses WHERE person_id = ? "
        "AND unit_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
        person_id, actor.unit_id.value_or(""), now);
    if (!emergency.empty()) {
      const auto r = emergency.row(0);
      s.emergency =
          EmergencyRecord{r.text(0), person_id, *actor.unit_id, r.text(1), r.text(2), r.text(3)};
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const auto r = blocks.row(i);
      if (own || r.text(1) == actor.care_provider_id.value_or("")) {
        s.my_providers_blocks.push_back(
            BlockRecord{r.text(0), person_id, r.text(1), r.optional_text(2), r.text(3),
                        r.optional_text(4), r.text(5), std::nullopt, r.text(6)});
      } else if (r.text(3) == "across_providers") {
        ++s.blocks_elsewhere;
        // Which provider blocked is shown to another provider only under emergency access (3:5).
        if (s.emergency) s.blocking_providers.push_back(r.text(6));
      }
    }
    s.consent_for_my_provider = !own && !tx.query(
                                               "SELECT 1 FROM consents WHERE person_id = ? AND "
                                               "care_provider_id = ? AND withdrawn_at IS NULL "
                                               "AND (valid_until IS NULL OR valid_until > ?)",
                                               person_id, actor.care_provider_id.value_or(""), now)
                                             .empty();
  });
  const bool visible =
      is_own(actor, person_id) ||
      (relation && actor.role && domain::access::role_reads_clinical_content(*actor.role));
  auto e = audit_entry(actor, ctx_.clock, visible ? AuditAction::read : AuditAction::denied,
                       "sharing_status", person_id, person_id);
  e.outcome = visible ? "allowed: PDL 4:1" : "denied: PDL 4:1";
  e.without_relation = !relation;
  e.flagged = s.emergency.has_value();
  ctx_.audit->record({e});
  if (!visible) not_found();
  return s;
}

std::vector<ConsentRecord> SharingService::my_consents(const domain::access::Actor& actor) {
  if (actor.role != Role::citizen || !actor.person_id) not_found();
  const auto rs = ctx_.db.read([&](store::Transaction& tx) {
    return tx.query(
        "SELECT c.id, c.care_provider_id, c.scope, c.given_by, c.given_at, c.valid_until, "
        "c.withdrawn_at, cp.name FROM consents c JOIN care_providers cp ON cp.id = "
        "c.care_provider_id WHERE c.person_id = ? ORDER BY c.given_at DESC, c.id LIMIT 500",
        *actor.person_id);
  });
  std::vector<ConsentRecord> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    out.push_back(ConsentRecord{r.text(0), *actor.person_id, r.text(1), r.text(2), r.text(3),
                                r.text(4), r.optional_text(5), r.optional_text(6), r.text(7)});
  }
  auto e =
      audit_entry(actor, ctx_.clock, AuditAction::read, "consents", std::nullopt, *actor.person_id);
  e.outcome = "allowed: own record (PDL 8:5)";
  ctx_.audit->record({e});
  return out;
}

}  // namespace nara::service
