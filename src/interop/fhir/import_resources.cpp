// The five resource types the FHIR import keeps, read from their R4 JSON
// (import_bundle.hpp). Only the elements the import uses are read and checked;
// the rest of a resource is left as sent.
#include <algorithm>

#include "core/stockholm_time.hpp"
#include "interop/fhir/import_reader.hpp"

namespace nara::interop::fhir::import::detail {

namespace {

constexpr std::string_view kConditionClinical =
    "http://terminology.hl7.org/CodeSystem/condition-clinical";
constexpr std::string_view kConditionVerification =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";

struct Identifier {
  Key key;
  std::string path;
};

// The identifiers with both system and value (the others cannot find anything
// again).
std::vector<Identifier> identifiers_of(Element& resource) {
  std::vector<Identifier> out;
  for (auto& identifier : resource.objects("identifier")) {
    (void)identifier.code("use", {"usual", "official", "temp", "secondary", "old"});
    auto system = identifier.uri("system");
    auto value = identifier.string("value");
    if (system && value) {
      out.push_back(Identifier{Key{std::move(*system), std::move(*value)}, identifier.path()});
    }
  }
  return out;
}

// The identifiers' keys, then the entry's fullUrl when it names the entry for
// good.
std::vector<Key> keys_of(Element& resource, const Entry& entry,
                         const std::vector<Identifier>& identifiers) {
  std::vector<Key> keys;
  keys.reserve(identifiers.size() + 1);
  for (const auto& i : identifiers) keys.push_back(i.key);
  const std::string_view url = entry.full_url;
  if (url.starts_with("urn:uuid:") || url.starts_with("urn:oid:") || url.starts_with("http://") ||
      url.starts_with("https://")) {
    keys.push_back(Key{std::string(kUriSystem), entry.full_url});
  }
  if (keys.empty()) {
    resource.faults().unprocessable(
        resource.at("identifier"), "import.key",
        "Resursen har varken identifier (system och value) eller en fullUrl "
        "(urn:uuid): en ny "
        "import kunde inte känna igen den.");
  }
  return keys;
}

std::vector<Key> keys_of(Element& resource, const Entry& entry) {
  return keys_of(resource, entry, identifiers_of(resource));
}

struct Name {
  std::string given;
  std::string family;
  std::vector<std::string> prefixes;
};

// HumanName: the official one first, else the usual (or unmarked) one, else the
// first not old.
std::optional<Name> name_of(Element& resource) {
  std::optional<Name> chosen;
  int chosen_rank = 0;
  for (auto& n : resource.objects("name")) {
    const auto use =
        n.code("use", {"usual", "official", "temp", "nickname", "anonymous", "old", "maiden"});
    Name name;
    name.family = n.string("family").value_or("");
    for (const auto& g : n.strings("given")) name.given += (name.given.empty() ? "" : " ") + g;
    name.prefixes = n.strings("prefix");
    (void)n.strings("suffix");
    (void)n.string("text");
    (void)n.period("period");
    const int rank = use == std::optional<std::string>("official") ? 3
                     : (!use || *use == "usual")                   ? 2
                     : (*use != "old" && *use != "maiden")         ? 1
                                                                   : 0;
    if (!chosen || rank > chosen_rank) {
      chosen = std::move(name);
      chosen_rank = rank;
    }
  }
  return chosen;
}

bool is_icd10_system(std::string_view system) {
  return system == "http://hl7.org/fhir/sid/icd-10" ||
         system == "http://hl7.org/fhir/sid/icd-10-cm" ||
         system == "http://hl7.org/fhir/sid/icd-10-se" || system == "urn:oid:1.2.752.116.1.1.1" ||
         system == "urn:oid:2.16.840.1.113883.6.3" || system == "urn:oid:2.16.840.1.113883.6.90";
}

// An ICD-10 code as Nära keeps it (as the HL7 v2 ingest does): upper case,
// without the dot.
std::optional<std::string> icd10_code(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '.' || ch == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  }
  const bool shaped = out.size() >= 3 && out.size() <= 8 && out[0] >= 'A' && out[0] <= 'Z' &&
                      std::isdigit(static_cast<unsigned char>(out[1])) != 0;
  return shaped ? std::optional<std::string>(out) : std::nullopt;
}

// A CodeableConcept bound to a code system with a fixed list (Condition's
// statuses).
std::optional<std::string> status_code(Element& resource, std::string_view name,
                                       std::string_view system,
                                       std::initializer_list<std::string_view> allowed) {
  const auto codings = resource.codings(name);
  for (const auto& c : codings) {
    if (c.system != system) continue;
    if (std::find(allowed.begin(), allowed.end(), c.code) == allowed.end()) {
      resource.faults().invalid(resource.at(name), "fhir.binding",
                                "'" + c.code + "' är inte en kod i " + std::string(system) + ".");
      return std::nullopt;
    }
    return c.code;
  }
  return codings.empty() ? std::nullopt : std::optional<std::string>(codings.front().code);
}

// onset[x] / abatement[x]: the dateTime, or a Period's start; the other forms
// are left as sent.
std::optional<DateTime> choice_date(Element& resource, std::string_view stem) {
  const std::string date_time = std::string(stem) + "DateTime";
  const std::string period = std::string(stem) + "Period";
  int present = 0;
  for (const char* suffix : {"DateTime", "Age", "Period", "Range", "String", "Boolean"}) {
    present += resource.has(std::string(stem) + suffix) ? 1 : 0;
  }
  if (present > 1) {
    resource.faults().invalid(resource.at(std::string(stem) + "[x]"), "fhir.choice",
                              "Bara en form av " + std::string(stem) + "[x] får anges.");
    return std::nullopt;
  }
  if (auto at = resource.date_time(date_time)) return at;
  return resource.period(period).first;
}

}  // namespace

void read_patient(Element& resource, const Entry& entry, std::chrono::year_month_day today,
                  Bundle& bundle) {
  Patient p;
  p.entry = entry.index;
  const auto identifiers = identifiers_of(resource);
  p.keys = keys_of(resource, entry, identifiers);
  // A personnummer or samordningsnummer with a valid value is the person's
  // identity in Nära.
  for (const auto& identifier : identifiers) {
    const auto& [system, value] = identifier.key;
    if (system != kPersonnummerSystem && system != kSamordningsnummerSystem) continue;
    auto parsed = core::PersonIdentifier::try_parse_for_system(system, value, today);
    if (parsed) {
      p.swedish = parsed.value();
      break;
    }
    resource.faults().warn(identifier.path + ".value", parsed.error().rule,
                           "Inte ett giltigt nummer för systemet (" + parsed.error().detail +
                               "); personen får ett reservnummer om inget annat nummer gäller.");
  }
  if (auto name = name_of(resource)) {
    p.given_name = std::move(name->given);
    p.family_name = std::move(name->family);
  }
  if (p.family_name.empty()) {
    resource.faults().unprocessable(resource.at("name"), "import.patient_name",
                                    "Nära behöver personens efternamn (name.family).");
  }
  const auto gender = resource.code("gender", {"male", "female", "other", "unknown"});
  if (gender == std::optional<std::string>("female") ||
      gender == std::optional<std::string>("male")) {
    p.legal_sex = *gender;
  }
  const auto born = resource.date("birthDate");
  if (born) p.birth_date = parse_full_date(*born);
  if (resource.count_present({"deceasedBoolean", "deceasedDateTime"}) > 1) {
    resource.faults().invalid(resource.at("deceased[x]"), "fhir.choice",
                              "Ange deceasedBoolean eller deceasedDateTime, inte båda.");
  }
  (void)resource.boolean("deceasedBoolean");
  if (const auto died = resource.date_time("deceasedDateTime")) {
    p.deceased_on = core::stockholm::local_date(died->instant.value_or(died->earliest));
  }
  (void)resource.boolean("active");
  // Without a Swedish identity the person gets a reservnummer, formed from the
  // birth date as the HL7 v2 ingest forms it. (An invalid birthDate is already
  // a fault of its own.)
  if (!p.swedish && !p.birth_date && (born || !resource.has("birthDate"))) {
    resource.faults().unprocessable(
        resource.at("birthDate"), "import.reservnummer",
        "Utan personnummer får personen ett reservnummer, och det bildas av "
        "ett fullständigt "
        "födelsedatum (ÅÅÅÅ-MM-DD).");
  }
  bundle.patients.push_back(std::move(p));
}

void read_organization(Element& resource, const Entry& entry, Bundle& bundle) {
  Organization o;
  o.entry = entry.index;
  o.keys = keys_of(resource, entry);
  o.name = resource.string("name");
  o.active = resource.boolean("active");
  for (auto& type : resource.objects("type")) {
    const auto codings = type.concept_codings();
    if (!codings.empty() && !o.type_code) o.type_code = codings.front().code;
  }
  if (!o.name && !resource.has("identifier")) {
    resource.faults().invalid(resource.path(), "fhir.org-1",
                              "En Organization ska ha namn eller identifier.");
  }
  bundle.organizations.push_back(std::move(o));
}

void read_practitioner(Element& resource, const Entry& entry, Bundle& bundle) {
  Practitioner p;
  p.entry = entry.index;
  p.keys = keys_of(resource, entry);
  const auto name = name_of(resource);
  if (name) {
    p.given_name = name->given;
    p.family_name = name->family;
  }
  (void)resource.code("gender", {"male", "female", "other", "unknown"});
  (void)resource.boolean("active");
  // Profession for the continuity indicators: the qualification (HL7 v2 table
  // 0360) where one is given, else a physician's title.
  for (auto& qualification : resource.objects("qualification")) {
    for (const auto& c : qualification.codings("code")) {
      if (c.code == "MD" || c.code == "DO" || c.code == "MBBS") p.profession = "physician";
      if (c.code == "RN" || c.code == "NP" || c.code == "LPN" || c.code == "CNS")
        p.profession = "nurse";
    }
  }
  if (p.profession == "other" && name) {
    for (const auto& prefix : name->prefixes) {
      if (prefix == "Dr." || prefix == "Dr" || prefix == "dr" || prefix == "Med. dr")
        p.profession = "physician";
    }
  }
  bundle.practitioners.push_back(std::move(p));
}

void read_encounter(Element& resource, const Entry& entry, Bundle& bundle) {
  Encounter e;
  e.entry = entry.index;
  e.keys = keys_of(resource, entry);
  e.status = resource
                 .code("status", {"planned", "arrived", "triaged", "in-progress", "onleave",
                                  "finished", "cancelled", "entered-in-error", "unknown"})
                 .value_or("");
  if (!resource.has("status"))
    resource.faults().invalid(resource.at("status"), "fhir.required", "Encounter.status saknas.");
  if (auto cls = resource.object("class")) {
    if (auto coded = cls->coding()) e.class_code = coded->code;
    if (e.class_code.empty() && !cls->has("code")) {
      resource.faults().invalid(cls->at("code"), "fhir.required", "Encounter.class.code saknas.");
    }
  } else if (!resource.has("class")) {
    resource.faults().invalid(resource.at("class"), "fhir.required", "Encounter.class saknas.");
  }
  for (auto& type : resource.objects("type")) {
    auto codings = type.concept_codings();
    if (!codings.empty() && !e.type) e.type = std::move(codings.front());
  }
  if (auto subject = resource.reference("subject")) {
    e.subject = std::move(*subject);
  } else if (!resource.has("subject")) {
    resource.faults().unprocessable(resource.at("subject"), "import.subject",
                                    "Nära behöver veta vems besöket är (Encounter.subject).");
  }
  for (auto& participant : resource.objects("participant")) {
    auto individual = participant.reference("individual");
    if (individual && !e.practitioner) e.practitioner = std::move(*individual);
    (void)participant.period("period");
  }
  e.service_provider = resource.reference("serviceProvider");
  const auto faults_before = bundle.errors.size();
  auto [start, end] = resource.period("period");
  if (start) {
    e.start = start->instant.value_or(start->earliest);
  } else if (bundle.errors.size() == faults_before) {
    resource.faults().unprocessable(resource.at("period.start"), "import.period_start",
                                    "Nära behöver besökets början (Encounter.period.start).");
  }
  if (end) e.end = end->instant.value_or(end->latest);
  for (auto& reason : resource.objects("reasonCode")) (void)reason.concept_codings();
  bundle.encounters.push_back(std::move(e));
}

void read_condition(Element& resource, const Entry& entry, Bundle& bundle) {
  Condition c;
  c.entry = entry.index;
  c.keys = keys_of(resource, entry);
  c.clinical_status =
      status_code(resource, "clinicalStatus", kConditionClinical,
                  {"active", "recurrence", "relapse", "inactive", "remission", "resolved"});
  c.verification_status = status_code(
      resource, "verificationStatus", kConditionVerification,
      {"unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"});
  const auto codings = resource.codings("code");
  if (codings.empty()) {
    resource.faults().unprocessable(resource.at("code"), "import.condition_code",
                                    "Nära behöver tillståndets kod (Condition.code.coding med "
                                    "system och code).");
  } else {
    c.code = codings.front();
    for (const auto& coded : codings) {
      if (!is_icd10_system(coded.system)) continue;
      c.icd10_code = icd10_code(coded.code);
      if (c.icd10_code) break;
    }
  }
  if (auto subject = resource.reference("subject")) {
    c.subject = std::move(*subject);
  } else if (!resource.has("subject")) {
    resource.faults().invalid(resource.at("subject"), "fhir.required",
                              "Condition.subject saknas (krävs i R4).");
  }
  c.encounter = resource.reference("encounter");
  c.onset = choice_date(resource, "onset");
  c.abatement = choice_date(resource, "abatement");
  c.recorded = resource.date_time("recordedDate");
  bundle.conditions.push_back(std::move(c));
}

}  // namespace nara::interop::fhir::import::detail
