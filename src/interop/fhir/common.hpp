#pragma once
// FHIR R4 building blocks the resource mappings share: the URLs of Nära's own definitions, the
// identifier systems, meta, references, codings and OperationOutcome. Pure: no I/O, no clock.
// Every URL and system here is listed in docs/fhir.md.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/problem.hpp"

namespace nara::interop::fhir {

inline constexpr std::string_view kFhirVersion = "4.0.1";
inline constexpr std::string_view kMediaType = "application/fhir+json";

// Nära's namespace for the extensions, code systems and identifier systems it defines itself.
inline constexpr std::string_view kNaraNamespace = "https://nara.example/fhir";
// Encounter: the state of the discharge chain (Lag 2017:612) and the times of its steps.
inline constexpr std::string_view kDischargeChainStateExtension =
    "https://nara.example/fhir/StructureDefinition/discharge-chain-state";
inline constexpr std::string_view kDischargeChainStepsExtension =
    "https://nara.example/fhir/StructureDefinition/discharge-chain-steps";
inline constexpr std::string_view kDischargeChainStateSystem =
    "https://nara.example/fhir/CodeSystem/discharge-chain-state";
// Patient: folkbokföringskommun (SCB kommunkod, four digits).
inline constexpr std::string_view kRegisteredMunicipalityExtension =
    "https://nara.example/fhir/StructureDefinition/registered-municipality";
// Organization and Location: what kind of principal, provider or unit it is.
inline constexpr std::string_view kOrganizationKindSystem =
    "https://nara.example/fhir/CodeSystem/organization-kind";
inline constexpr std::string_view kUnitKindSystem =
    "https://nara.example/fhir/CodeSystem/unit-kind";
// Organization (care provider): each principal that owns it (several for a joint organisation).
inline constexpr std::string_view kOwningPrincipalExtension =
    "https://nara.example/fhir/StructureDefinition/owning-principal";
// PractitionerRole: the role of a medarbetaruppdrag.
inline constexpr std::string_view kAssignmentRoleSystem =
    "https://nara.example/fhir/CodeSystem/assignment-role";
// Encounter.identifier: the hospital system's visit number (HL7 v2 PV1-19).
inline constexpr std::string_view kVisitNumberSystem =
    "https://nara.example/fhir/sid/hospital-visit-number";

// HSA-id of units, providers and staff (HL7 Sweden basprofiler).
inline constexpr std::string_view kHsaIdSystem = "urn:oid:1.2.752.29.4.19";
// Organisationsnummer (the identifier system Inera's organisation catalogue uses), ten digits.
inline constexpr std::string_view kOrganisationNumberSystem = "urn:oid:2.5.4.97";
// Skyddade personuppgifter (OSL 22:1): HL7 Sweden's security label.
inline constexpr std::string_view kSecurityLabelSystem =
    "http://hl7.se/fhir/ig/base/CodeSystem/SecurityLabel";

// A FHIR instant ("2026-11-23T14:05:00Z") from the store's text form or an instant.
std::string instant(std::string_view db_time);
std::string instant(core::Instant at);

// {"versionId": "<version>", "lastUpdated": <instant>}.
boost::json::object meta(std::int64_t version, std::string_view db_updated_at);

boost::json::object reference(std::string_view type, std::string_view id,
                              std::optional<std::string_view> display = std::nullopt);
boost::json::object identifier(std::string_view system, std::string_view value,
                               std::optional<std::string_view> use = std::nullopt);
boost::json::object coding(std::string_view system, std::string_view code,
                           std::optional<std::string_view> display = std::nullopt);
// A CodeableConcept of one coding, with the display as its text.
boost::json::object concept_of(std::string_view system, std::string_view code,
                               std::string_view display);

// meta.security of data shown in part only (a block or missing consent: content withheld).
boost::json::object redacted_label();

// The OperationOutcome issue type for an HTTP status (401 login, 403 forbidden, 404 not-found …).
std::string_view issue_code(int status);
// One issue per field error (its field in `expression`, its text in `diagnostics`), or one for the
// problem itself.
boost::json::object operation_outcome(const core::Problem& problem);

}  // namespace nara::interop::fhir
