#pragma once
// `nara import fhir [--db URL] [--municipality CODE] [--ward HSA-ID] FILE|DIR…` (issue 20 point
// 3; docs/fhir.md, "Import"): each FHIR R4 transaction Bundle (a .json file, or every .json file
// of a folder) in its own transaction, a line per file and the totals, with resources per second.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "service/fhir_import_service.hpp"
#include "store/database.hpp"

namespace nara::app {

struct FhirImportCommand {
  std::vector<std::string> paths;
  std::string municipality_code;  // "" : chosen per person
  std::string ward_hsa_id;        // "" : chosen per stay
  bool quiet = false;             // the totals only, no line per file
};

// Imports every bundle; a refused bundle is reported (its OperationOutcome on `err`) and the
// others are still imported. Returns 0 when every bundle was imported, 1 when one was refused or
// could not be read, 2 when no bundle was found.
int run_fhir_import(store::Database& db, const core::Clock& clock, const FhirImportCommand& command,
                    std::ostream& out, std::ostream& err);

}  // namespace nara::app
