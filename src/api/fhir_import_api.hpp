#pragma once
// POST /fhir/R4 (issue 20 point 3; docs/fhir.md, "Import"): a FHIR R4 transaction Bundle imported
// in one transaction, answered with a transaction-response Bundle, or an OperationOutcome naming
// what refused it (nothing stored).
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "api/routes.hpp"
#include "service/fhir_import_service.hpp"

namespace nara::api {

void add_fhir_import_routes(http::Router& router, Services& services);

// The bundle's text read as strict JSON with the import's limits: 413 above 50 MB, 400 for
// what is not JSON. Shared by the endpoint and `nara import fhir`.
boost::json::value parse_fhir_import_body(const std::string& text);
// The 413 of a bundle of `bytes` over the limit (before it is read, when its size is known).
[[noreturn]] void refuse_too_large_bundle(std::uintmax_t bytes);

// The transaction-response Bundle: one entry per entry of the request, in its order, each with
// response.status (201 Created, 200 OK) and location; an entry not imported answers 200 with an
// information OperationOutcome saying so.
boost::json::object transaction_response(const service::FhirImportResult& result);

}  // namespace nara::api
