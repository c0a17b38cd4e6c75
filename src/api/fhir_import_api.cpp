#include "api/fhir_import_api.hpp"

#include "api/fhir_support.hpp"
#include "http/json_input.hpp"
#include "interop/fhir/import_bundle.hpp"

namespace nara::api {

namespace json = boost::json;
namespace limits = interop::fhir::import;

namespace {

json::object information(std::string diagnostics, std::string code = "informational") {
  return {{"resourceType", "OperationOutcome"},
          {"issue", json::array{json::object{{"severity", "information"},
                                             {"code", std::move(code)},
                                             {"diagnostics", std::move(diagnostics)}}}}};
}

void require_json_body(const http::Request& request) {
  const auto type = request.header("content-type").value_or("");
  const auto media = type.substr(0, type.find(';'));
  if (media == "application/fhir+json" || media == "application/json" ||
      media == "application/json+fhir") {
    return;
  }
  core::Problem p;
  p.status = 415;
  p.type = "https://nara.example/problems/unsupported-media-type";
  p.title = "Fel innehållstyp";
  p.detail = "Skicka bunten som application/fhir+json.";
  core::throw_problem(std::move(p));
}

}  // namespace

void refuse_too_large_bundle(std::uintmax_t bytes) {
  core::Problem p;
  p.status = 413;
  p.type = "https://nara.example/problems/bundle-too-large";
  p.title = "Bunten är för stor";
  p.detail = "Bunten är " + std::to_string(bytes) + " byte; importen tar emot högst " +
             std::to_string(limits::kMaxBundleBytes) + " byte (50 MB) per bunt.";
  core::throw_problem(std::move(p));
}

json::value parse_fhir_import_body(const std::string& text) {
  if (text.size() > limits::kMaxBundleBytes) refuse_too_large_bundle(text.size());
  return http::parse_json_object(
      text, http::JsonLimits{limits::kMaxDepth, limits::kMaxStringLength, limits::kMaxElements});
}

json::object transaction_response(const service::FhirImportResult& result) {
  json::array entries;
  entries.reserve(result.entries.size());
  for (const auto& e : result.entries) {
    json::object response;
    if (e.status != 0) {
      response["status"] = e.status == 201 ? "201 Created" : "200 OK";
      response["location"] = e.location;
      if (e.status == 200) {
        response["outcome"] =
            information("Redan importerad: " + e.location +
                            " ändrades inte (hittad på identifier eller fullUrl).",
                        "duplicate");
      }
    } else {
      response["status"] = "200 OK";
      response["outcome"] = information(
          (e.resource_type.empty() ? std::string("Posten") : e.resource_type) +
          " importeras inte (bara Patient, Encounter, Condition, Organization, Practitioner).");
    }
    entries.push_back(json::object{{"response", std::move(response)}});
  }
  // Warnings (an identifier with the personnummer system that is not a valid one) go with the
  // entry they are about.
  for (const auto& w : result.warnings) {
    const auto open = w.field.find('[');
    const auto close = w.field.find(']');
    if (open == std::string::npos || close == std::string::npos) continue;
    const auto index = std::stoul(w.field.substr(open + 1, close - open - 1));
    if (index >= entries.size()) continue;
    auto& response = entries[index].as_object()["response"].as_object();
    json::object issue{{"severity", "warning"},
                       {"code", "value"},
                       {"diagnostics", w.detail + " (" + w.rule + ")"},
                       {"expression", json::array{json::value(w.field)}}};
    if (auto* outcome = response.if_contains("outcome")) {
      outcome->as_object()["issue"].as_array().push_back(std::move(issue));
    } else {
      response["outcome"] =
          json::object{{"resourceType", "OperationOutcome"}, {"issue", json::array{issue}}};
    }
  }
  return {
      {"resourceType", "Bundle"}, {"type", "transaction-response"}, {"entry", std::move(entries)}};
}

void add_fhir_import_routes(http::Router& router, Services& services) {
  auto importer = std::make_shared<service::FhirImportService>(
      service::ServiceContext{services.db, services.clock});
  // Its errors are OperationOutcomes: the façade's renderer covers the base path itself
  // (add_fhir_routes, registered before this).
  router.add(
      {http::Method::post,
       std::string(fhir::kBasePath),
       http::Access::assignment,
       [importer](http::Context& c) {
         fhir::negotiate(c.request);
         require_json_body(c.request);
         const auto bundle = parse_fhir_import_body(c.request.body);
         const auto result = importer->import_bundle(c.who(), bundle);
         return fhir::fhir_json(transaction_response(result), c.request);
       },
       {"FHIR transaction: import a Bundle's Patient, Encounter, Condition, Organization and "
        "Practitioner (Synthea) in one transaction, at most 50 MB; an entry already imported is "
        "found by its identifier or urn:uuid and left as it was. Integration role and county "
        "administrator",
        "FHIR R4",
        R"({"type":"object","required":["resourceType","type"],"properties":{"resourceType":{"const":"Bundle"},"type":{"enum":["transaction","collection"]},"entry":{"type":"array"}}})",
        R"({"type":"object","properties":{"resourceType":{"const":"Bundle"},"type":{"const":"transaction-response"},"entry":{"type":"array"}}})"}});
}

}  // namespace nara::api
