#include "interop/fhir/common.hpp"

#include "store/time_codec.hpp"

namespace nara::interop::fhir {

namespace json = boost::json;

std::string instant(std::string_view db_time) {
  return core::format_iso8601(store::from_db_time(db_time));
}

std::string instant(core::Instant at) {
  return core::format_iso8601(at);
}

json::object meta(std::int64_t version, std::string_view db_updated_at) {
  return {{"versionId", std::to_string(version)}, {"lastUpdated", instant(db_updated_at)}};
}

json::object reference(std::string_view type, std::string_view id,
                       std::optional<std::string_view> display) {
  json::object o{{"reference", std::string(type) + "/" + std::string(id)}};
  if (display) o["display"] = *display;
  return o;
}

json::object identifier(std::string_view system, std::string_view value,
                        std::optional<std::string_view> use) {
  json::object o;
  if (use) o["use"] = *use;
  o["system"] = system;
  o["value"] = value;
  return o;
}

json::object coding(std::string_view system, std::string_view code,
                    std::optional<std::string_view> display) {
  json::object o{{"system", system}, {"code", code}};
  if (display) o["display"] = *display;
  return o;
}

json::object concept_of(std::string_view system, std::string_view code, std::string_view display) {
  return {{"coding", json::array{coding(system, code, display)}}, {"text", display}};
}

json::object redacted_label() {
  return coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "REDACTED",
                "redacted");
}

std::string_view issue_code(int status) {
  switch (status) {
    case 400:
      return "invalid";
    case 401:
      return "login";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 405:
    case 406:
    case 415:
      return "not-supported";
    case 409:
    case 412:
      return "conflict";
    case 410:
      return "deleted";
    case 413:
      return "too-costly";
    case 422:
      return "processing";
    case 428:
      return "required";
    case 429:
      return "throttled";
    default:
      return status >= 500 ? "exception" : "processing";
  }
}

json::object operation_outcome(const core::Problem& problem) {
  const std::string_view code = issue_code(problem.status);
  const std::string_view severity = problem.status >= 500 ? "fatal" : "error";
  json::array issues;
  for (const auto& e : problem.errors) {
    json::object issue{{"severity", severity},
                       {"code", code},
                       {"details", {{"text", problem.title}}},
                       {"diagnostics", e.field + ": " + e.detail + " (" + e.rule + ")"},
                       {"expression", json::array{json::value(e.field)}}};
    issues.push_back(std::move(issue));
  }
  if (issues.empty()) {
    json::object issue{{"severity", severity}, {"code", code}};
    issue["details"] = json::object{{"text", problem.title}};
    if (!problem.detail.empty()) issue["diagnostics"] = problem.detail;
    issues.push_back(std::move(issue));
  }
  return {{"resourceType", "OperationOutcome"}, {"issue", std::move(issues)}};
}

}  // namespace nara::interop::fhir
