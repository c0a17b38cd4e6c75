#include "service/fhir_import_service.hpp"

#include <date/date.h>

#include <algorithm>
#include <unordered_map>
#include <variant>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "interop/fhir/import_bundle.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/registry_reservnummer.hpp"
#include "store/access_repository.hpp"
#include "store/fhir_import_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

namespace fhir = interop::fhir::import;
using domain::access::Actor;

std::size_t FhirImportResult::imported() const {
  std::size_t n = 0;
  for (const auto& e : entries) n += e.status != 0 ? 1 : 0;
  return n;
}

std::size_t FhirImportResult::not_imported_total() const {
  std::size_t n = 0;
  for (const auto& [type, count] : not_imported) n += count;
  return n;
}

FhirImportResult& FhirImportResult::operator+=(const FhirImportResult& o) {
  bundles += o.bundles;
  resources += o.resources;
  persons_created += o.persons_created;
  persons_found += o.persons_found;
  reservnummer_issued += o.reservnummer_issued;
  organisations_created += o.organisations_created;
  organisations_found += o.organisations_found;
  practitioners_created += o.practitioners_created;
  practitioners_found += o.practitioners_found;
  encounters_created += o.encounters_created;
  encounters_found += o.encounters_found;
  inpatient_episodes += o.inpatient_episodes;
  care_contacts += o.care_contacts;
  conditions_created += o.conditions_created;
  conditions_found += o.conditions_found;
  episode_diagnoses += o.episode_diagnoses;
  for (const auto& [type, count] : o.not_imported) not_imported[type] += count;
  return *this;
}

namespace {

constexpr std::string_view kTitle = "Bunten importerades inte";

[[noreturn]] void refuse(int status, std::vector<core::FieldError> errors) {
  core::Problem p;
  p.status = status;
  p.type = status == 400 ? "https://nara.example/problems/invalid-fhir-resource"
                         : "https://nara.example/problems/fhir-import-refused";
  p.title = std::string(kTitle);
  p.detail = "Inget i bunten sparades: " + errors.front().field + ": " + errors.front().detail;
  p.errors = std::move(errors);
  core::throw_problem(std::move(p));
}

// FNV-1a: the same source key picks the same municipality or ward in every database.
std::uint64_t stable_hash(const fhir::Key& key) {
  std::uint64_t h = 14695981039346656037ULL;
  const auto mix = [&h](std::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
  };
  mix(key.system);
  mix("|");
  mix(key.value);
  return h;
}

std::vector<store::SourceKey> source_keys(const std::vector<fhir::Key>& keys) {
  std::vector<store::SourceKey> out;
  out.reserve(keys.size());
  for (const auto& k : keys) out.push_back(store::SourceKey{k.system, k.value});
  return out;
}

std::string db_time(const fhir::DateTime& at) {
  return at.instant ? store::to_db_time(*at.instant) : at.partial;
}

std::optional<std::string> db_time(const std::optional<fhir::DateTime>& at) {
  return at ? std::optional<std::string>(db_time(*at)) : std::nullopt;
}

std::string iso_date(std::chrono::year_month_day day) {
  return date::format("%F", std::chrono::sys_days(day));
}

// Encounter classes (v3 ActCode) that are a contact at the person's health centre, as
// care_contacts.kind; the others (EMER, IMP, ACUTE, SS …) are not.
std::optional<std::string> contact_kind(const std::string& class_code) {
  if (class_code == "AMB") return "visit";
  if (class_code == "VR") return "video";
  if (class_code == "HH") return "home_visit";
  return std::nullopt;
}

bool took_place(const std::string& status) {
  return status != "planned" && status != "cancelled" && status != "entered-in-error";
}

// A reference resolved: an entry of this bundle, or a row an earlier import made.
struct Target {
  std::optional<std::size_t> entry;
  std::string existing_id;
  std::string type;
};

// One bundle in one transaction: references resolved first (all faults named together), then
// the resources written in the order their references need.
class Writer {
 public:
  Writer(store::Transaction& tx, const fhir::Bundle& bundle, const Actor& actor,
         const ServiceContext& ctx, const FhirImportOptions& options, std::string outcome)
      : tx_(tx),
        repo_(tx),
        bundle_(bundle),
        actor_(actor),
        ctx_(ctx),
        options_(options),
        outcome_(std::move(outcome)),
        now_(store::to_db_time(ctx.clock.now())) {}

  FhirImportResult run() {
    resolve_references();
    result_.bundles = 1;
    result_.resources = bundle_.entries.size();
    result_.not_imported = bundle_.not_imported;
    result_.warnings = bundle_.warnings;
    result_.entries.resize(bundle_.entries.size());
    for (const auto& e : bundle_.entries) result_.entries[e.index].resource_type = e.type;
    for (const auto& o : bundle_.organizations) write(o);
    for (const auto& p : bundle_.practitioners) write(p);
    for (const auto& p : bundle_.patients) write(p);
    for (const auto& e : bundle_.encounters) write(e);
    for (const auto& c : bundle_.conditions) write(c);
    std::vector<domain::access::AuditEntry> audit = std::move(created_);
    if (!found_persons_.empty()) {
      // The answer names them (their Patient ids): a read, logged like a list shown.
      audit.push_back(list_read_entry(actor_, ctx_.clock, "person", std::nullopt,
                                      std::move(found_persons_), outcome_ + " (redan importerad)"));
    }
    if (!audit.empty()) AuditLog::record_in(tx_, std::move(audit));
    return std::move(result_);
  }

 private:
  // -- References --------------------------------------------------------------------------
  std::optional<Target> resolve(const fhir::Reference& ref,
                                std::initializer_list<std::string_view> types) {
    if (const auto entry = fhir::find_in_bundle(bundle_, ref.target)) {
      const std::string& type = bundle_.entries[*entry].type;
      if (std::find(types.begin(), types.end(), type) == types.end()) {
        faults_.push_back({ref.expression + ".reference", "import.reference_type",
                           "'" + ref.target + "' är en " + type + ", här ska det vara en " +
                               std::string(*types.begin()) + "."});
        return std::nullopt;
      }
      return Target{*entry, {}, type};
    }
    for (const auto type : types) {
      if (auto id = repo_.find(type, {store::SourceKey{std::string(fhir::kUriSystem), ref.target}}))
        return Target{std::nullopt, std::move(*id), std::string(type)};
    }
    faults_.push_back(
        {ref.expression + ".reference", "import.reference_unresolved",
         "'" + ref.target + "' finns varken i bunten eller bland det som importerats tidigare."});
    return std::nullopt;
  }

  void resolve_references() {
    for (const auto& e : bundle_.encounters) {
      keep(e.subject, resolve(e.subject, {"Patient"}));
      if (e.practitioner) {
        keep(*e.practitioner,
             resolve(*e.practitioner, {"Practitioner", "PractitionerRole", "RelatedPerson"}));
      }
      if (e.service_provider)
        keep(*e.service_provider, resolve(*e.service_provider, {"Organization"}));
    }
    for (const auto& c : bundle_.conditions) {
      keep(c.subject, resolve(c.subject, {"Patient"}));
      if (c.encounter) keep(*c.encounter, resolve(*c.encounter, {"Encounter"}));
    }
    if (!faults_.empty()) refuse(422, std::move(faults_));
  }

  void keep(const fhir::Reference& ref, std::optional<Target> target) {
    if (target) targets_.emplace(ref.expression, std::move(*target));
  }

  // The Nära id a resolved reference stands for, once what it names has been written; nothing
  // for a type the import does not keep (PractitionerRole, RelatedPerson).
  std::optional<std::string> id_of(const fhir::Reference& ref) const {
    const auto it = targets_.find(ref.expression);
    if (it == targets_.end()) return std::nullopt;
    if (!it->second.entry) return it->second.existing_id;
    const auto written = written_.find(*it->second.entry);
    if (written == written_.end()) return std::nullopt;
    return written->second;
  }

  // -- Resources ---------------------------------------------------------------------------
  // Found by a key an import kept: the entry answers 200 and nothing else changes.
  std::optional<std::string> found(std::string_view type, const std::vector<fhir::Key>& keys,
                                   std::size_t entry) {
    const auto keys_in_store = source_keys(keys);
    auto id = repo_.find(type, keys_in_store);
    if (!id) return std::nullopt;
    repo_.keep_keys(type, keys_in_store, *id, now_);  // a key new to this bundle, if any
    written_[entry] = *id;
    return id;
  }

  void answer(std::size_t entry, int status, std::string_view type, const std::string& id) {
    result_.entries[entry].status = status;
    result_.entries[entry].location = std::string(type) + "/" + id;
  }

  void created(std::size_t entry, std::string_view type, const std::string& id,
               const std::vector<fhir::Key>& keys) {
    repo_.keep_keys(type, source_keys(keys), id, now_);
    written_[entry] = id;
    answer(entry, 201, type, id);
  }

  void write(const fhir::Organization& o) {
    if (const auto id = found("Organization", o.keys, o.entry)) {
      ++result_.organisations_found;
      return answer(o.entry, 200, "Organization", *id);
    }
    const std::string id = core::new_uuid();
    repo_.insert_organisation({id, o.name, o.type_code, o.active}, now_);
    ++result_.organisations_created;
    created(o.entry, "Organization", id, o.keys);
  }

  void write(const fhir::Practitioner& p) {
    if (const auto id = found("Practitioner", p.keys, p.entry)) {
      ++result_.practitioners_found;
      return answer(p.entry, 200, "Practitioner", *id);
    }
    const std::string id = core::new_uuid();
    const auto& first = p.keys.front();
    repo_.insert_practitioner(
        {id, first.system + "|" + first.value, p.given_name, p.family_name, p.profession}, now_);
    ++result_.practitioners_created;
    created(p.entry, "Practitioner", id, p.keys);
  }

  void write(const fhir::Patient& p) {
    if (const auto id = found("Patient", p.keys, p.entry)) {
      person_found(p.entry, *id);
      return;
    }
    store::RegistryRepository registry(tx_);
    domain::registry::Person person;
    if (p.swedish) {
      // Someone Nära already knows by their personnummer: found, and known by these keys now.
      if (const auto known = registry.find_person_by_identifier(p.swedish->canonical())) {
        repo_.keep_keys("Patient", source_keys(p.keys), known->id, now_);
        written_[p.entry] = known->id;
        person_found(p.entry, known->id);
        return;
      }
      person.identifier = p.swedish->canonical();
      person.identifier_kind = std::string(core::to_string(p.swedish->kind()));
      person.identifier_system = std::string(p.swedish->system_oid().value_or(
          p.swedish->fhir_system().value_or(std::string(kRegionReservnummerSystem))));
      if (const auto born = p.swedish->birth_date()) person.birth_date = iso_date(*born);
      if (const auto sex = p.swedish->legal_sex())
        person.legal_sex = *sex == core::LegalSex::female ? "female" : "male";
    } else {
      const auto number = next_region_reservnummer(tx_, *p.birth_date);
      if (!number) {
        refuse(422, {{"Bundle.entry[" + std::to_string(p.entry) + "].resource.birthDate",
                      "reservnummer.exhausted", "Inga fler reservnummer för födelsedatumet."}});
      }
      person.identifier = number->canonical();
      person.identifier_kind = std::string(core::to_string(number->kind()));
      person.identifier_system = std::string(kRegionReservnummerSystem);
      ++result_.reservnummer_issued;
    }
    person.id = core::new_uuid();
    person.given_name = p.given_name;
    person.family_name = p.family_name;
    if (!person.birth_date && p.birth_date) person.birth_date = iso_date(*p.birth_date);
    if (!person.legal_sex) person.legal_sex = p.legal_sex;
    if (p.deceased_on) person.deceased_on = iso_date(*p.deceased_on);
    // The US address is not kept: the person is placed in the county instead.
    const auto home = placement(p.keys.front());
    if (home) person.municipality_code = home->first;
    person.stamp = domain::registry::Stamp{1, now_, now_};
    registry.insert_person(person);
    if (home && home->second) {
      store::AccessRepository(tx_).insert_care_relation(
          store::CareRelationRow{core::new_uuid(), person.id, home->second->id, "", "listing",
                                 std::nullopt, std::nullopt, now_, std::nullopt},
          user_id());
      listing_[person.id] = home->second->id;
    } else {
      listing_[person.id] = std::nullopt;
    }
    auto entry = audit_entry(actor_, ctx_.clock, domain::access::AuditAction::create, "person",
                             person.id, person.id);
    entry.outcome = outcome_;
    created_.push_back(std::move(entry));
    ++result_.persons_created;
    created(p.entry, "Patient", person.id, p.keys);
  }

  void person_found(std::size_t entry, const std::string& id) {
    ++result_.persons_found;
    found_persons_.push_back(id);
    answer(entry, 200, "Patient", id);
  }

  void write(const fhir::Encounter& e) {
    if (const auto id = found("Encounter", e.keys, e.entry)) {
      ++result_.encounters_found;
      const auto episode = repo_.episode_of_encounter(*id);
      if (episode) episodes_[*id] = *episode;
      return answer(e.entry, 200, "Encounter", episode.value_or(*id));
    }
    store::ImportedEncounterRow row;
    row.id = core::new_uuid();
    row.person_id = *id_of(e.subject);
    row.class_code = e.class_code;
    row.status = e.status;
    if (e.type) {
      row.type_system = e.type->system;
      row.type_code = e.type->code;
      if (!e.type->display.empty()) row.type_display = e.type->display;
    }
    row.started_at = store::to_db_time(e.start);
    if (e.end) row.ended_at = store::to_db_time(*e.end);
    if (e.practitioner && targets_.at(e.practitioner->expression).type == "Practitioner")
      row.practitioner_id = id_of(*e.practitioner);
    if (e.service_provider) row.organisation_id = id_of(*e.service_provider);
    if (e.class_code == "IMP" && took_place(e.status)) {
      row.episode_id = core::new_uuid();
      repo_.insert_episode(
          {*row.episode_id, row.person_id, ward(e.keys.front()), row.started_at, row.ended_at},
          now_);
      episodes_[row.id] = *row.episode_id;
      ++result_.inpatient_episodes;
    }
    const auto kind = contact_kind(e.class_code);
    if (kind && took_place(e.status) && row.practitioner_id) {
      if (const auto unit = health_centre_of(row.person_id)) {
        const auto practitioner = practitioner_of(*row.practitioner_id);
        row.care_contact_id = core::new_uuid();
        repo_.insert_contact(
            {*row.care_contact_id, row.person_id, *unit, practitioner.caregiver_key,
             practitioner.profession, *kind, row.started_at, row.id, user_id()},
            now_);
        ++result_.care_contacts;
      }
    }
    repo_.insert_encounter(row, now_);
    ++result_.encounters_created;
    created(e.entry, "Encounter", row.id, e.keys);
    if (row.episode_id) answer(e.entry, 201, "Encounter", *row.episode_id);
  }

  void write(const fhir::Condition& c) {
    if (const auto id = found("Condition", c.keys, c.entry)) {
      ++result_.conditions_found;
      return answer(c.entry, 200, "Condition", *id);
    }
    store::PersonConditionRow row;
    row.id = core::new_uuid();
    row.person_id = *id_of(c.subject);
    row.code_system = c.code.system;
    row.code = c.code.code;
    if (!c.code.display.empty()) row.display = c.code.display;
    row.icd10_code = c.icd10_code;
    row.clinical_status = c.clinical_status;
    row.verification_status = c.verification_status;
    row.onset = db_time(c.onset);
    row.abatement = db_time(c.abatement);
    row.recorded_date = db_time(c.recorded);
    if (c.encounter) row.encounter_id = id_of(*c.encounter);
    repo_.insert_condition(row, now_);
    ++result_.conditions_created;
    created(c.entry, "Condition", row.id, c.keys);
    // An ICD-10 diagnosis of an imported stay is also the stay's (the follow-up counts them).
    if (c.icd10_code && row.encounter_id) {
      const auto episode = episode_of(*row.encounter_id);
      if (episode) {
        repo_.add_episode_diagnosis(*episode, *c.icd10_code);
        ++result_.episode_diagnoses;
      }
    }
  }

  // -- Placement -----------------------------------------------------------------------------
  // The municipality (kommunkod) and its health centre, if it has one.
  std::optional<std::pair<std::string, std::optional<store::PlacementUnit>>> placement(
      const fhir::Key& source) {
    if (!municipalities_) municipalities_ = repo_.municipality_codes();
    const std::uint64_t h = stable_hash(source);
    std::string code;
    if (options_.municipality_code) {
      code = *options_.municipality_code;
      if (std::find(municipalities_->begin(), municipalities_->end(), code) ==
          municipalities_->end()) {
        refuse(422, {{"municipality", "import.municipality",
                      "Kommunkoden " + code + " är inte en kommun i Nära."}});
      }
    } else if (municipalities_->empty()) {
      return std::nullopt;
    } else {
      code = (*municipalities_)[h % municipalities_->size()];
    }
    if (!health_centres_) health_centres_ = repo_.units("health_centre", false);
    std::vector<const store::PlacementUnit*> centres;
    for (const auto& u : *health_centres_) {
      if (u.municipality_code == code) centres.push_back(&u);
    }
    if (centres.empty()) return std::pair{code, std::optional<store::PlacementUnit>()};
    return std::pair{code, std::optional(*centres[(h >> 32) % centres.size()])};
  }

  std::string ward(const fhir::Key& source) {
    if (!wards_) {
      wards_ = repo_.units("hospital_ward", true);
      if (options_.ward_hsa_id) {
        const auto all = repo_.units("hospital_ward", false);
        const auto chosen = std::find_if(all.begin(), all.end(), [&](const auto& u) {
          return u.hsa_id == *options_.ward_hsa_id;
        });
        if (chosen == all.end()) {
          refuse(422, {{"ward", "import.ward",
                        "HSA-id " + *options_.ward_hsa_id + " är inte en vårdavdelning i Nära."}});
        }
        wards_ = std::vector<store::PlacementUnit>{*chosen};
      }
    }
    if (wards_->empty()) {
      refuse(422, {{"ward", "import.ward",
                    "Nära har ingen vårdavdelning att lägga den importerade vårdtiden på."}});
    }
    return (*wards_)[stable_hash(source) % wards_->size()].id;
  }

  std::optional<std::string> health_centre_of(const std::string& person_id) {
    const auto it = listing_.find(person_id);
    if (it != listing_.end()) return it->second;
    return listing_[person_id] = repo_.listing_unit(person_id);
  }

  const store::ExternalPractitionerRow& practitioner_of(const std::string& id) {
    auto it = practitioners_.find(id);
    if (it == practitioners_.end()) it = practitioners_.emplace(id, *repo_.practitioner(id)).first;
    return it->second;
  }

  std::optional<std::string> episode_of(const std::string& encounter_id) {
    const auto it = episodes_.find(encounter_id);
    if (it != episodes_.end()) return it->second;
    return repo_.episode_of_encounter(encounter_id);
  }

  std::optional<std::string> user_id() const {
    return actor_.user_id.empty() ? std::nullopt : std::optional(actor_.user_id);
  }

  store::Transaction& tx_;
  store::FhirImportRepository repo_;
  const fhir::Bundle& bundle_;
  const Actor& actor_;
  const ServiceContext& ctx_;
  const FhirImportOptions& options_;
  std::string outcome_;
  std::string now_;
  FhirImportResult result_;
  std::vector<core::FieldError> faults_;
  std::unordered_map<std::string, Target> targets_;       // by the reference's expression
  std::unordered_map<std::size_t, std::string> written_;  // entry → Nära id
  std::unordered_map<std::string, std::optional<std::string>> listing_;  // person → unit
  std::unordered_map<std::string, std::string> episodes_;  // imported encounter → episode
  std::unordered_map<std::string, store::ExternalPractitionerRow> practitioners_;
  std::optional<std::vector<std::string>> municipalities_;
  std::optional<std::vector<store::PlacementUnit>> health_centres_;
  std::optional<std::vector<store::PlacementUnit>> wards_;
  std::vector<domain::access::AuditEntry> created_;
  std::vector<std::string> found_persons_;
};

}  // namespace

FhirImportResult FhirImportService::import_bundle(const Actor& actor,
                                                  const boost::json::value& bundle) {
  require(actor, domain::access::Permission::import_fhir);
  return run(actor, bundle, "allowed: fhir import");
}

FhirImportResult FhirImportService::import_from_command_line(const boost::json::value& bundle) {
  Actor operator_at_the_command_line;
  operator_at_the_command_line.display_name = "nara import fhir";
  return run(operator_at_the_command_line, bundle, "allowed: fhir import (kommandorad)");
}

FhirImportResult FhirImportService::run(const Actor& actor, const boost::json::value& bundle,
                                        const std::string& outcome) {
  const auto parsed = fhir::read_bundle(bundle, core::stockholm::local_date(ctx_.clock.now()));
  if (!parsed.errors.empty()) refuse(parsed.status, parsed.errors);
  return ctx_.db.write([&](store::Transaction& tx) {
    return Writer(tx, parsed, actor, ctx_, options_, outcome).run();
  });
}

}  // namespace nara::service
