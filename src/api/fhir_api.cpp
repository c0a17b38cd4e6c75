// /fhir/R4: the FHIR R4 façade over Nära's own data (docs/fhir.md). The resource types register
// here once; their routes, the CapabilityStatement and the SMART configuration all come from the
// same list, so what /metadata says is what is served.
#include <memory>

#include "api/fhir_resources.hpp"
#include "api/fhir_scope.hpp"
#include "core/stockholm_time.hpp"
#include "interop/fhir/common.hpp"

namespace nara::api {

namespace json = boost::json;

namespace {

using TypeList = std::vector<std::shared_ptr<const fhir::ResourceType>>;

std::string server_root(const http::Request& request) {
  std::string base = fhir::base_url(request);
  return base.substr(0, base.size() - fhir::kBasePath.size());
}

constexpr const char* kTokenDocumentation =
    "Tokens come from Nära's sign-in, POST /api/v1/session with {username, password, "
    "client: \"api\"} (JSON), which answers with the token and its scope; send it as "
    "Authorization: Bearer. This is not an OAuth 2.0 token endpoint: SMART App Launch "
    "(authorization code, client credentials) is not implemented.";

json::object scope_security(const http::Request& request) {
  return {
      {"cors", false},
      {"service",
       json::array{json::object{
           {"coding", json::array{interop::fhir::coding(
                          "http://terminology.hl7.org/CodeSystem/restful-security-service",
                          "SMART-on-FHIR", std::string_view("SMART-on-FHIR"))}}}}},
      {"extension",
       json::array{json::object{
           {"url", "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"},
           {"extension",
            json::array{json::object{{"url", "token"},
                                     {"valueUri", server_root(request) + "/api/v1/session"}}}}}}},
      {"description",
       std::string("Scopes: patient/*.read (a citizen, their own record), user/*.read (staff in "
                   "the chosen assignment), system/*.read (system accounts of the integration "
                   "role). A scope never widens access: every read passes the access policy and "
                   "is logged. ") +
           kTokenDocumentation}};
}

json::object capability_statement(const TypeList& types, const http::Request& request,
                                  const Services& services) {
  json::array resources;
  for (const auto& t : types) {
    json::array interactions;
    if (t->read) {
      interactions.push_back(json::object{{"code", "read"}});
      interactions.push_back(json::object{{"code", "vread"}});
    }
    if (t->search) interactions.push_back(json::object{{"code", "search-type"}});
    json::array params;
    for (const auto& p : t->parameters) {
      params.push_back(
          json::object{{"name", p.name}, {"type", p.type}, {"documentation", p.documentation}});
    }
    json::object resource{{"type", t->name},
                          {"documentation", t->documentation},
                          {"interaction", std::move(interactions)},
                          {"versioning", "versioned"},
                          {"readHistory", false},
                          {"updateCreate", false},
                          {"conditionalRead", "not-match"}};
    if (!t->includes.empty()) {
      json::array includes;
      for (const auto& i : t->includes) includes.emplace_back(i);
      resource["searchInclude"] = std::move(includes);
    }
    resource["searchParam"] = std::move(params);
    resources.push_back(std::move(resource));
  }
  const auto today = core::stockholm::local_date(services.clock.now());
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(today.year()),
                static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
  const std::string base = fhir::base_url(request);
  return {
      {"resourceType", "CapabilityStatement"},
      {"id", "nara"},
      {"url", base + "/metadata"},
      {"version", services.version},
      {"name", "NaraFhirR4"},
      {"title", "Nära FHIR R4"},
      {"status", "active"},
      {"experimental", false},
      {"date", date},
      {"publisher", "Nära"},
      {"description",
       "Nära's own data as FHIR R4: persons, inpatient episodes with the discharge chain, the "
       "organisation directory and staff. Read, vread of the current version, search; JSON only."},
      {"kind", "instance"},
      {"software", {{"name", "Nära"}, {"version", services.version}}},
      {"implementation", {{"description", "Nära FHIR R4"}, {"url", base}}},
      {"fhirVersion", interop::fhir::kFhirVersion},
      {"format", json::array{"json", interop::fhir::kMediaType}},
      {"rest",
       json::array{json::object{
           {"mode", "server"},
           {"documentation",
            "Searches are paged with _count (default 50, at most 1000) and _offset; the Bundle's "
            "links (self, first, previous, next) carry them. Unknown parameters are ignored and "
            "left out of the self link, or answered 400 with Prefer: handling=strict. Only the "
            "current version of a resource is kept: vread of an older one answers 410. Every "
            "error is an OperationOutcome."},
           {"security", scope_security(request)},
           {"resource", std::move(resources)},
           // POST /fhir/R4 (fhir_import_api.cpp; docs/fhir.md, "Import").
           {"interaction",
            json::array{json::object{
                {"code", "transaction"},
                {"documentation",
                 "Import: a transaction Bundle's Patient, Encounter, Condition, Organization and "
                 "Practitioner, all or nothing, at most 50 MB; an entry already imported is found "
                 "by its identifier or urn:uuid and left as it was. Integration role and county "
                 "administrator."}}}}}}}};
}

json::object smart_configuration(const http::Request& request) {
  json::array scopes;
  for (const auto s : fhir::supported_scopes()) scopes.emplace_back(s);
  return {{"token_endpoint", server_root(request) + "/api/v1/session"},
          {"token_endpoint_auth_methods_supported", json::array{}},
          {"grant_types_supported", json::array{}},
          {"scopes_supported", std::move(scopes)},
          {"response_types_supported", json::array{}},
          {"capabilities", json::array{"permission-patient", "permission-user"}},
          {"code_challenge_methods_supported", json::array{}},
          {"nara_token_request",
           {{"method", "POST"},
            {"contentType", "application/json"},
            {"body", {{"username", "…"}, {"password", "…"}, {"client", "api"}}},
            {"answer", "token (for Authorization: Bearer), scope, expiresAt"},
            {"documentation", kTokenDocumentation}}}};
}

}  // namespace

void add_fhir_routes(http::Router& router, Services& services) {
  router.set_problem_renderer(std::string(fhir::kBasePath), fhir::render_problem);
  auto types = std::make_shared<TypeList>();
  for (auto* make : {fhir::patient_type, fhir::encounter_type, fhir::organization_type,
                     fhir::location_type, fhir::practitioner_type, fhir::practitioner_role_type}) {
    types->push_back(std::make_shared<const fhir::ResourceType>(make(services)));
  }
  for (const auto& t : *types) fhir::add_resource_routes(router, t, services.clock);

  const std::string base(fhir::kBasePath);
  router.add({http::Method::get,
              base + "/metadata",
              http::Access::anonymous,
              [types, &services](http::Context& c) {
                fhir::negotiate(c.request);
                auto r =
                    fhir::fhir_json(capability_statement(*types, c.request, services), c.request);
                r.headers.clear();  // the statement is public: no Cache-Control: no-store
                return r;
              },
              {"FHIR CapabilityStatement, generated from the resource types served", "FHIR R4"}});
  const auto smart = [](http::Context& c) {
    http::Response r;
    r.body = json::serialize(smart_configuration(c.request));
    return r;
  };
  router.add(
      {http::Method::get,
       base + "/.well-known/smart-configuration",
       http::Access::anonymous,
       smart,
       {"SMART configuration: the scopes tokens carry and where tokens come from", "FHIR R4"}});
  router.add({http::Method::get,
              "/.well-known/smart-configuration",
              http::Access::anonymous,
              smart,
              {"SMART configuration at the server root (the same as under /fhir/R4)", "FHIR R4"}});
}

}  // namespace nara::api
