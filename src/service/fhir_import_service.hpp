#pragma once
// Issue 20 point 3: FHIR R4 transaction Bundles into Nära (docs/fhir.md, "Import"), for
// `nara import fhir` and POST /fhir/R4. One bundle is one write transaction: every resource of it
// is imported, or none is and the bundle is refused (ProblemError, 400/422) naming the element
// at fault. A resource already imported (by one of its identifiers, or its urn:uuid) is found,
// not written again, so importing the same bundle twice changes nothing.
//
// Patient → persons (a personnummer or samordningsnummer kept, else a region reservnummer),
// placed in a municipality of the county with a listing at its health centre; Organization and
// Practitioner → external organisations and practitioners; Encounter → imported encounters, an
// inpatient one (IMP) also an inpatient episode (origin fhir_import), an ambulatory, virtual or
// home one also a care contact; Condition → the person's conditions, an ICD-10 one of an
// imported stay also the stay's diagnosis. Other types are counted as not imported.
#include <boost/json.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/problem.hpp"
#include "domain/access/actor.hpp"
#include "service/context.hpp"

namespace nara::service {

struct FhirImportOptions {
  // Every imported person into this municipality (kommunkod); else one of the county's, chosen
  // from the person's source identifier.
  std::optional<std::string> municipality_code;
  // Every imported inpatient stay on this ward (HSA-id); else one of the region's somatic wards,
  // chosen from the stay's source identifier.
  std::optional<std::string> ward_hsa_id;
};

// What became of one entry of the bundle, in the bundle's order.
struct FhirImportEntry {
  std::string resource_type;  // "" for an entry without a readable resource
  int status = 0;             // 201 created, 200 found (already imported), 0 not imported
  std::string location;       // "Patient/<id>", for the created and the found
};

struct FhirImportResult {
  std::size_t bundles = 0;
  std::size_t resources = 0;  // entries read, imported or not
  std::size_t persons_created = 0;
  std::size_t persons_found = 0;
  std::size_t reservnummer_issued = 0;
  std::size_t organisations_created = 0;
  std::size_t organisations_found = 0;
  std::size_t practitioners_created = 0;
  std::size_t practitioners_found = 0;
  std::size_t encounters_created = 0;
  std::size_t encounters_found = 0;
  std::size_t inpatient_episodes = 0;  // of the encounters created
  std::size_t care_contacts = 0;       // of the encounters created
  std::size_t conditions_created = 0;
  std::size_t conditions_found = 0;
  std::size_t episode_diagnoses = 0;
  std::map<std::string, std::size_t> not_imported;  // resource type → entries
  std::vector<FhirImportEntry> entries;
  std::vector<core::FieldError> warnings;

  // Entries of the five kept types (created or found).
  [[nodiscard]] std::size_t imported() const;
  [[nodiscard]] std::size_t not_imported_total() const;
  // Adds another bundle's counts (the entries and warnings are not carried over).
  FhirImportResult& operator+=(const FhirImportResult& other);
};

class FhirImportService {
 public:
  explicit FhirImportService(ServiceContext context, FhirImportOptions options = {})
      : ctx_(context), options_(std::move(options)) {}

  // POST /fhir/R4: the integration role and the county administrator (403 for anyone else).
  FhirImportResult import_bundle(const domain::access::Actor& actor,
                                 const boost::json::value& bundle);
  // `nara import fhir`: the operator at the command line, who has the database itself.
  FhirImportResult import_from_command_line(const boost::json::value& bundle);

 private:
  FhirImportResult run(const domain::access::Actor& actor, const boost::json::value& bundle,
                       const std::string& outcome);
  ServiceContext ctx_;
  FhirImportOptions options_;
};

}  // namespace nara::service
