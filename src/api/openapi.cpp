// OpenAPI 3.1 generated from the route table, so the document cannot drift from the code.
#include <boost/json.hpp>

#include "api/routes.hpp"

namespace nara::api {

namespace {

std::string lower_method(http::Method m) {
  std::string s = http::method_name(m);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The FHIR façade (/fhir/, docs/fhir.md) answers its errors as OperationOutcome instead.
boost::json::object problem_ref(const char* description, bool fhir = false) {
  if (fhir) {
    return {{"description", description},
            {"content", {{"application/fhir+json", {{"schema", {{"type", "object"}}}}}}}};
  }
  return {
      {"description", description},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

boost::json::value parse_schema(const std::string& text) {
  if (text.empty()) return boost::json::object{{"type", "object"}};
  return boost::json::parse(text);
}

}  // namespace

boost::json::object openapi_document(const http::Router& router, const std::string& version) {
  boost::json::object paths;
  for (const auto& route : router.routes()) {
    const bool fhir = route.pattern.starts_with("/fhir/");
    boost::json::object operation;
    operation["summary"] = route.doc.summary;
    operation["tags"] = boost::json::array{boost::json::value(route.doc.tag)};
    operation["operationId"] = lower_method(route.method) + route.pattern;
    boost::json::array parameters;
    std::string::size_type pos = 0;
    while ((pos = route.pattern.find('{', pos)) != std::string::npos) {
      const auto end = route.pattern.find('}', pos);
      parameters.push_back(
          boost::json::object{{"name", route.pattern.substr(pos + 1, end - pos - 1)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      pos = end;
    }
    for (const auto& q : route.doc.query_parameters) {
      parameters.push_back(boost::json::object{
          {"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (route.conditional_update) {
      parameters.push_back(
          boost::json::object{{"name", "If-Match"},
                              {"in", "header"},
                              {"required", true},
                              {"description", "The ETag of the version being changed"},
                              {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    if (!route.doc.request_schema.empty()) {
      operation["requestBody"] =
          boost::json::object{{"required", true},
                              {"content",
                               {{fhir ? "application/fhir+json" : "application/json",
                                 {{"schema", parse_schema(route.doc.request_schema)}}}}}};
    }
    boost::json::object responses;
    responses[std::to_string(route.doc.success_status)] =
        boost::json::object{{"description", "Success"},
                            {"content",
                             {{fhir ? "application/fhir+json" : "application/json",
                               {{"schema", parse_schema(route.doc.response_schema)}}}}}};
    responses["400"] = problem_ref("Malformed request", fhir);
    if (route.access != http::Access::anonymous) {
      responses["401"] = problem_ref("Not signed in", fhir);
      responses["403"] = problem_ref("Not permitted in this assignment", fhir);
      responses["404"] = problem_ref("Not found, or not visible to you", fhir);
    }
    if (!route.doc.request_schema.empty()) {
      responses["413"] = problem_ref("Body larger than the route takes", fhir);
      responses["422"] = problem_ref("Invalid field; the problem names it", fhir);
    }
    if (route.conditional_update) {
      responses["412"] = problem_ref("The resource changed since you read it", fhir);
      responses["428"] = problem_ref("If-Match missing", fhir);
    }
    operation["responses"] = std::move(responses);
    if (route.access != http::Access::anonymous) {
      operation["security"] =
          boost::json::array{boost::json::object{{"bearer", boost::json::array{}}},
                             boost::json::object{{"cookie", boost::json::array{}}}};
    }
    auto& path_item = paths[route.pattern];
    if (!path_item.is_object()) path_item = boost::json::object{};
    path_item.as_object()[lower_method(route.method)] = std::move(operation);
  }

  boost::json::object problem_schema{{"type", "object"},
                                     {"properties",
                                      {{"type", {{"type", "string"}}},
                                       {"title", {{"type", "string"}}},
                                       {"status", {{"type", "integer"}}},
                                       {"detail", {{"type", "string"}}},
                                       {"instance", {{"type", "string"}}},
                                       {"requestId", {{"type", "string"}}},
                                       {"errors",
                                        {{"type", "array"},
                                         {"items",
                                          {{"type", "object"},
                                           {"properties",
                                            {{"field", {{"type", "string"}}},
                                             {"rule", {{"type", "string"}}},
                                             {"detail", {{"type", "string"}}}}}}}}}}}};

  return boost::json::object{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Nära API"},
        {"version", version},
        {"description",
         "God och nära vård: the care chain between region and municipalities. "
         "Errors are RFC 9457 problem details; lists are cursor-paged; updates need If-Match."}}},
      {"servers", boost::json::array{boost::json::object{{"url", "/"}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", {{"Problem", std::move(problem_schema)}}},
        {"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "nara_session"}}}}}}}};
}

}  // namespace nara::api
