#include "service/registry_service.hpp"

#include <date/date.h>

#include "core/password.hpp"
#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/denied_access.hpp"
#include "service/registry_support.hpp"
#include "store/access_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::Actor;
using domain::access::Permission;
using namespace domain::registry;
using namespace registry_support;

namespace {

void validate(const Principal& p) {
  check(check_organisation_number(p.organisation_number), "organisationNumber",
        "Ange organisationsnummer som NNNNNN-NNNN med giltig kontrollsiffra.");
  if (p.kind == PrincipalKind::municipality) {
    check(check_municipality_code(p.area_code), "areaCode",
          "En kommun har en fyrsiffrig kommunkod (SCB).");
  } else {
    check(check_county_code(p.area_code), "areaCode", "En region har en tvåsiffrig länskod (SCB).");
  }
}

void validate(const Unit& u) {
  check(check_municipality_code(u.municipality_code), "municipalityCode",
        "Ange en fyrsiffrig kommunkod (SCB).");
  if (u.latitude.has_value() != u.longitude.has_value()) {
    core::throw_field_error("latitude", "coordinates.pair",
                            "Ange både latitud och longitud, eller ingen av dem.");
  }
  if (u.psychiatric_care && u.kind != domain::registry::UnitKind::hospital_ward) {
    core::throw_field_error("psychiatricCare", "ward_only",
                            "Bara en vårdavdelning kan ge sluten psykiatrisk vård.");
  }
}

void validate(const Person& p) {
  if (p.municipality_code) {
    check(check_municipality_code(*p.municipality_code), "municipalityCode",
          "Ange en fyrsiffrig kommunkod (SCB).");
  }
  if (p.deceased_on) {
    (void)core::parse_iso8601(*p.deceased_on + "T00:00:00Z", "deceasedOn");
  }
}

}  // namespace

core::PersonIdentifier parse_person_identifier(const std::string& text,
                                               const std::optional<std::string>& system,
                                               const core::Clock& clock, const std::string& field) {
  const auto today = core::stockholm::local_date(clock.now());
  auto parsed = system ? core::PersonIdentifier::try_parse_for_system(*system, text, today)
                       : core::PersonIdentifier::try_parse(text, today);
  return std::move(parsed).value_or_throw(field);
}

// ---- Principals ----

store::Page<Principal> RegistryService::list_principals(const Actor& actor,
                                                        const store::PageRequest& page) {
  require(actor, Permission::read_organisation);
  return ctx_.db.read(
      [&](store::Transaction& tx) { return store::RegistryRepository(tx).list_principals(page); });
}

Principal RegistryService::get_principal(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_organisation);
  return require_found(ctx_.db.read(
      [&](store::Transaction& tx) { return store::RegistryRepository(tx).find_principal(id); }));
}

Principal RegistryService::create_principal(const Actor& actor, Principal principal) {
  require(actor, Permission::manage_organisation);
  validate(principal);
  principal.id = core::new_uuid();
  principal.stamp = new_stamp(ctx_.clock);
  return translating_constraints("organisationNumber",
                                 "En huvudman med samma organisationsnummer eller kod finns redan.",
                                 [&] {
                                   return ctx_.db.write([&](store::Transaction& tx) {
                                     store::RegistryRepository(tx).insert_principal(principal);
                                     return principal;
                                   });
                                 });
}

Principal RegistryService::update_principal(const Actor& actor, const std::string& id,
                                            std::int64_t expected_version,
                                            const Patch<Principal>& patch) {
  require(actor, Permission::manage_organisation);
  return translating_constraints("organisationNumber",
                                 "En huvudman med samma organisationsnummer finns redan.", [&] {
                                   return ctx_.db.write([&](store::Transaction& tx) {
                                     store::RegistryRepository repo(tx);
                                     Principal p = require_found(repo.find_principal(id));
                                     if (p.stamp.version != expected_version) version_conflict();
                                     patch(p);
                                     validate(p);
                                     p.stamp.updated_at = store::to_db_time(ctx_.clock.now());
                                     if (!repo.update_principal(p, expected_version))
                                       version_conflict();
                                     return require_found(repo.find_principal(id));
                                   });
                                 });
}

// ---- Care providers ----

namespace {
void check_owners(store::RegistryRepository& repo, const CareProvider& provider) {
  if (provider.owner_principal_ids.empty()) {
    core::throw_field_error("ownerPrincipalIds", "required",
                            "En vårdgivare ägs av minst en huvudman.");
  }
  for (const auto& owner : provider.owner_principal_ids) {
    if (!repo.find_principal(owner)) {
      core::throw_field_error("ownerPrincipalIds", "reference",
                              "Huvudmannen " + owner + " finns inte.");
    }
  }
}
}  // namespace

store::Page<CareProvider> RegistryService::list_care_providers(const Actor& actor,
                                                               const store::PageRequest& page) {
  require(actor, Permission::read_organisation);
  return ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).list_care_providers(page);
  });
}

CareProvider RegistryService::get_care_provider(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_organisation);
  return require_found(ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).find_care_provider(id);
  }));
}

CareProvider RegistryService::create_care_provider(const Actor& actor, CareProvider provider) {
  require(actor, Permission::manage_organisation);
  check(check_organisation_number(provider.organisation_number), "organisationNumber",
        "Ange organisationsnummer som NNNNNN-NNNN med giltig kontrollsiffra.");
  core::HsaId::parse(provider.hsa_id, "hsaId");
  provider.id = core::new_uuid();
  provider.stamp = new_stamp(ctx_.clock);
  return translating_constraints("hsaId", "En vårdgivare med samma HSA-id finns redan.", [&] {
    return ctx_.db.write([&](store::Transaction& tx) {
      store::RegistryRepository repo(tx);
      check_owners(repo, provider);
      repo.insert_care_provider(provider);
      return require_found(repo.find_care_provider(provider.id));
    });
  });
}

CareProvider RegistryService::update_care_provider(const Actor& actor, const std::string& id,
                                                   std::int64_t expected_version,
                                                   const Patch<CareProvider>& patch) {
  require(actor, Permission::manage_organisation);
  return ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository repo(tx);
    CareProvider p = require_found(repo.find_care_provider(id));
    if (p.stamp.version != expected_version) version_conflict();
    patch(p);
    check(check_organisation_number(p.organisation_number), "organisationNumber",
          "Ange organisationsnummer som NNNNNN-NNNN med giltig kontrollsiffra.");
    check_owners(repo, p);
    p.stamp.updated_at = store::to_db_time(ctx_.clock.now());
    if (!repo.update_care_provider(p, expected_version)) version_conflict();
    return require_found(repo.find_care_provider(id));
  });
}

// ---- Units ----

store::Page<Unit> RegistryService::list_units(const Actor& actor, const store::UnitFilter& filter,
                                              const store::PageRequest& page) {
  require(actor, Permission::read_organisation);
  return ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).list_units(filter, page);
  });
}

Unit RegistryService::get_unit(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_organisation);
  return require_found(ctx_.db.read(
      [&](store::Transaction& tx) { return store::RegistryRepository(tx).find_unit(id); }));
}

Unit RegistryService::create_unit(const Actor& actor, Unit unit) {
  require(actor, Permission::manage_organisation);
  core::HsaId::parse(unit.hsa_id, "hsaId");
  validate(unit);
  unit.id = core::new_uuid();
  unit.stamp = new_stamp(ctx_.clock);
  return translating_constraints("hsaId", "En enhet med samma HSA-id finns redan.", [&] {
    return ctx_.db.write([&](store::Transaction& tx) {
      store::RegistryRepository repo(tx);
      if (!repo.find_care_provider(unit.care_provider_id)) {
        core::throw_field_error("careProviderId", "reference", "Vårdgivaren finns inte.");
      }
      if (unit.parent_unit_id && !repo.find_unit(*unit.parent_unit_id)) {
        core::throw_field_error("parentUnitId", "reference", "Den överordnade enheten finns inte.");
      }
      repo.insert_unit(unit);
      return unit;
    });
  });
}

Unit RegistryService::update_unit(const Actor& actor, const std::string& id,
                                  std::int64_t expected_version, const Patch<Unit>& patch) {
  require(actor, Permission::manage_organisation);
  return ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository repo(tx);
    Unit u = require_found(repo.find_unit(id));
    if (u.stamp.version != expected_version) version_conflict();
    patch(u);
    validate(u);
    if (u.parent_unit_id && (*u.parent_unit_id == u.id || !repo.find_unit(*u.parent_unit_id))) {
      core::throw_field_error("parentUnitId", "reference", "Den överordnade enheten finns inte.");
    }
    u.stamp.updated_at = store::to_db_time(ctx_.clock.now());
    if (!repo.update_unit(u, expected_version)) version_conflict();
    return require_found(repo.find_unit(id));
  });
}

// ---- Persons ----

namespace {

using domain::access::AuditAction;
using domain::access::Decision;
using domain::access::Verdict;

// The policy's decision for reading a person's registry data (PDL 4:1, 4:2; a citizen's own 5:5).
struct PersonAccess {
  Decision decision;
  bool relation = false;
};

PersonAccess person_access(store::Transaction& tx, const Actor& actor,
                           const std::string& person_id) {
  domain::access::AccessFacts facts;
  facts.role = actor.role;
  facts.is_own_record = actor.role == domain::access::Role::citizen && actor.person_id == person_id;
  facts.active_care_relation =
      actor.unit_id && store::AccessRepository(tx).has_active_relation(*actor.unit_id, person_id);
  facts.category = domain::access::DataCategory::demographics;
  facts.origin = domain::access::DataOrigin::own_unit;
  return PersonAccess{domain::access::decide(facts), facts.active_care_relation};
}

domain::access::AuditEntry person_entry(const Actor& actor, const core::Clock& clock,
                                        AuditAction action, const std::string& person_id,
                                        const PersonAccess& access, const char* purpose) {
  auto e = audit_entry(actor, clock,
                       access.decision.verdict == Verdict::deny ? AuditAction::denied : action,
                       "person", person_id, person_id);
  e.outcome = std::string(access.decision.verdict == Verdict::deny ? "denied: " : "allowed: ") +
              access.decision.rule;
  e.without_relation = !access.relation;
  e.flagged = access.decision.flag_for_review;
  e.purpose = purpose;
  return e;
}

// A protected address shown to staff is shown under their assignment's special authorisation:
// the entry says so (the log review selects every access to a protected person anyway).
void note_protected_address(domain::access::AuditEntry& e, const Person& p, const Actor& actor) {
  const bool own = actor.person_id && *actor.person_id == p.id;
  if (!p.protected_identity || own || e.action == AuditAction::denied) return;
  if (domain::access::may_see_protected_address(actor.role, false,
                                                actor.protected_address_access)) {
    e.outcome += "; OSL 22:1 (skyddad adress visad, särskild behörighet)";
  }
}

}  // namespace

Person RegistryService::read_person_checked(
    const Actor& actor, const std::function<std::optional<Person>(store::Transaction&)>& load,
    const char* purpose) {
  struct Loaded {
    std::optional<Person> person;
    PersonAccess access;
  };
  Loaded loaded = ctx_.db.read([&](store::Transaction& tx) {
    Loaded out;
    out.person = load(tx);
    if (out.person) out.access = person_access(tx, actor, out.person->id);
    return out;
  });
  if (!loaded.person) not_found();
  // The entry is durable before any data leave; a refused attempt is logged too.
  std::vector<domain::access::AuditEntry> entries;  // moved, not copied as a braced list would be
  entries.push_back(person_entry(actor, ctx_.clock, AuditAction::read, loaded.person->id,
                                 loaded.access, purpose));
  note_protected_address(entries.back(), *loaded.person, actor);
  ctx_.audit->record(std::move(entries));
  if (loaded.access.decision.verdict != Verdict::allow)
    not_found();  // 404, not 403: existence is not confirmed
  return std::move(*loaded.person);
}

store::Page<Person> RegistryService::list_persons(const Actor& actor, store::PersonFilter filter,
                                                  const store::PageRequest& page) {
  require(actor, Permission::read_person_registry);
  // Enforced in the query, so counts and pages hold only what this assignment may see (PDL 4:1).
  if (actor.role != domain::access::Role::county_administrator) {
    if (!actor.unit_id) not_found();
    filter.related_to_unit = actor.unit_id;
  }
  auto result = ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).list_persons(filter, page);
  });
  std::vector<domain::access::AuditEntry> entries;
  entries.reserve(result.items.size());
  const bool related = filter.related_to_unit.has_value();
  for (const auto& p : result.items) {
    PersonAccess access{{Verdict::allow, related ? "PDL 4:1" : "PDL 4:2", false, false}, related};
    entries.push_back(person_entry(actor, ctx_.clock, AuditAction::read, p.id, access, "list"));
    note_protected_address(entries.back(), p, actor);
  }
  ctx_.audit->record(std::move(entries));
  return result;
}

Person RegistryService::get_person(const Actor& actor, const std::string& id) {
  return read_person_checked(
      actor, [&](store::Transaction& tx) { return store::RegistryRepository(tx).find_person(id); },
      "read");
}

Person RegistryService::find_person_by_identifier(const Actor& actor, const std::string& identifier,
                                                  const std::optional<std::string>& system) {
  const auto parsed = parse_person_identifier(identifier, system, ctx_.clock, "identifier");
  if (!allowed(actor, Permission::read_person_registry)) {
    // The role may not search at all, but the attempt names a person: the log shows it like a
    // refused read (PDL 4:3), so a reviewer sees who looked for whom.
    const auto relation_and_id = ctx_.db.read([&](store::Transaction& tx) {
      const auto found =
          store::RegistryRepository(tx).find_person_by_identifier(parsed.canonical());
      if (!found) return std::optional<std::pair<std::string, bool>>();
      return std::optional(std::make_pair(
          found->id, actor.unit_id.has_value() && store::AccessRepository(tx).has_active_relation(
                                                      *actor.unit_id, found->id)));
    });
    if (relation_and_id) {
      auto e = denied_entry(actor, ctx_.clock, "person", relation_and_id->first, "PDL 4:2");
      e.object_id = relation_and_id->first;
      e.without_relation = !relation_and_id->second;
      e.purpose = "search";
      ctx_.audit->record({e});
    }
    require(actor, Permission::read_person_registry);
  }
  return read_person_checked(
      actor,
      [&](store::Transaction& tx) {
        return store::RegistryRepository(tx).find_person_by_identifier(parsed.canonical());
      },
      "search");
}

Person RegistryService::create_person(const Actor& actor, NewPerson input) {
  require(actor, Permission::manage_person_registry);
  const auto identifier =
      parse_person_identifier(input.identifier, input.identifier_system, ctx_.clock, "identifier");
  Person person = std::move(input.details);
  person.id = core::new_uuid();
  person.identifier = identifier.canonical();
  person.identifier_kind = std::string(core::to_string(identifier.kind()));
  // The OID where the system has one; Nära's own systems (the synthetic county) by their URN.
  person.identifier_system = std::string(identifier.system_oid().value_or(
      identifier.fhir_system().value_or("urn:nara:local-reservnummer")));
  if (const auto birth = identifier.birth_date()) {
    person.birth_date = date::format("%F", std::chrono::sys_days(*birth));
  }
  if (const auto sex = identifier.legal_sex()) {
    person.legal_sex = *sex == core::LegalSex::female ? "female" : "male";
  }
  validate(person);
  person.stamp = new_stamp(ctx_.clock);
  return translating_constraints("identifier", "En person med detta id-nummer finns redan.", [&] {
    return ctx_.db.write([&](store::Transaction& tx) {
      store::RegistryRepository(tx).insert_person(person);
      // Registering someone at a care unit is taking part in their care: a manual relation with
      // its reason, so the unit can go on (PDL 4:1). Administrators register without one.
      if (actor.unit_id && actor.role != domain::access::Role::county_administrator) {
        store::AccessRepository(tx).insert_care_relation(
            store::CareRelationRow{core::new_uuid(), person.id, *actor.unit_id, "", "manual",
                                   std::string("Registrerad vid enheten"), std::nullopt,
                                   person.stamp.created_at, std::nullopt},
            actor.user_id);
      }
      auto entry =
          audit_entry(actor, ctx_.clock, AuditAction::create, "person", person.id, person.id);
      entry.outcome = "allowed";
      AuditLog::record_in(tx, {entry});
      return person;
    });
  });
}

Person RegistryService::update_person(const Actor& actor, const std::string& id,
                                      std::int64_t expected_version, const Patch<Person>& patch) {
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::RegistryRepository repo(tx);
    Person p = require_found(repo.find_person(id));
    const PersonAccess access = person_access(tx, actor, id);
    if (access.decision.verdict != Verdict::allow) {
      auto e = person_entry(actor, ctx_.clock, AuditAction::update, id, access, "correct");
      e.action = AuditAction::denied;
      e.outcome = std::string("denied: ") + access.decision.rule;
      throw DeniedAccess(core::not_found_problem(), std::move(e));
    }
    require(actor, Permission::manage_person_registry);
    if (p.stamp.version != expected_version) version_conflict();
    patch(p);
    validate(p);
    p.stamp.updated_at = store::to_db_time(ctx_.clock.now());
    if (!repo.update_person(p, expected_version)) version_conflict();
    auto entry = person_entry(actor, ctx_.clock, AuditAction::update, id, access, "correct");
    note_protected_address(entry, p, actor);
    AuditLog::record_in(tx, {entry});
    return require_found(repo.find_person(id));
  });
}

}  // namespace nara::service
