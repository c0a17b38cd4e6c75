#pragma once
// The FHIR R4 façade's framework (docs/fhir.md): resource types register their read and search
// once, and get the routes under /fhir/R4, content negotiation (JSON only; XML answers 406), the
// scope check, ETag/If-None-Match, vread of the current version, searchset Bundles with paging
// links, strict handling of unknown parameters, and an OperationOutcome for every error. The
// CapabilityStatement is generated from the same registrations.
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"
#include "http/types.hpp"

namespace nara::api::fhir {

inline constexpr std::string_view kBasePath = "/fhir/R4";
inline constexpr std::size_t kDefaultCount = 50;
inline constexpr std::size_t kMaxCount = 1000;

struct SearchParamDef {
  std::string name;
  std::string type;  // FHIR search parameter type: token, string, date, reference
  std::string documentation;
  std::vector<std::string> modifiers = {};  // the modifiers accepted besides none
};

// One search parameter as the client sent it, `name:modifier=value`.
struct Parameter {
  std::string name;
  std::string modifier;
  std::string value;
};

struct Search {
  std::vector<Parameter> parameters;  // the declared ones, in the order sent
  std::vector<std::string> includes;  // the _include values this type supports
  std::size_t count = kDefaultCount;
  std::size_t offset = 0;

  [[nodiscard]] std::vector<const Parameter*> all(std::string_view name) const;
  // The parameter given once, or nothing; a second occurrence is a 400 naming it.
  [[nodiscard]] const Parameter* one(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return !all(name).empty(); }
  [[nodiscard]] bool includes_type(std::string_view include) const;
};

// A resource as read: its JSON (with meta) and the version and time its meta and ETag name.
struct Resource {
  boost::json::object body;
  std::int64_t version = 1;
};

struct Page {
  std::vector<boost::json::object> matches;   // this page
  std::vector<boost::json::object> included;  // _include
  std::int64_t total = 0;                     // every match the reader may see
};

struct ResourceType {
  std::string name;
  std::string documentation;
  bool patient_compartment = false;  // covered by patient/*.read
  std::vector<SearchParamDef> parameters;
  std::vector<std::string> includes;  // e.g. "Encounter:patient"
  std::function<Resource(http::Context&, const std::string& id)> read;
  std::function<Page(http::Context&, const Search&)> search;
};

// GET <base>/<Type>/{id}, GET …/{id}/_history/{vid}, GET <base>/<Type> and POST …/_search.
void add_resource_routes(http::Router& router, const std::shared_ptr<const ResourceType>& type,
                         const core::Clock& clock);

// Every error under /fhir/ as an OperationOutcome with the problem's status.
http::Response render_problem(const core::Problem& problem, const http::Request& request);
// 406 unless the client accepts JSON (`_format` or Accept).
void negotiate(const http::Request& request);
http::Response fhir_json(const boost::json::value& body, const http::Request& request,
                         int status = 200);
// "http(s)://host/fhir/R4" from the request's Host (and X-Forwarded-Proto).
std::string base_url(const http::Request& request);

// 400 naming the search parameter, in the OperationOutcome's expression and diagnostics.
[[noreturn]] void bad_parameter(const std::string& name, const std::string& detail,
                                const std::string& rule = "search.value");

// The search of `type` as the client asked for it (query string, or a form body for POST
// _search): declared parameters kept, unknown ones ignored unless Prefer: handling=strict.
Search parse_search(const http::Request& request, const ResourceType& type);
// The parameters that make up the Bundle's self link, in the order sent (unknown ones left out).
std::vector<std::pair<std::string, std::string>> search_link_parameters(
    const http::Request& request, const ResourceType& type);

// Values of search parameters. A reference: "id", "Type/id" or an absolute URL ending so (the
// type also as the modifier, subject:Patient=id); the id, or nothing when it names another type.
std::optional<std::string> reference_id(const Parameter& p, std::string_view target_type);
// A token "system|code", "|code" or "code".
struct Token {
  std::optional<std::string> system;  // absent: any system; "" : no system
  std::string code;
};
Token token(const Parameter& p);

// A date search value with its prefix, as the range its precision covers.
struct DateRange {
  enum class Prefix { eq, ne, gt, lt, ge, le } prefix = Prefix::eq;
  core::Instant start;                    // inclusive
  core::Instant end;                      // exclusive
  std::optional<std::string> start_date;  // "YYYY-MM-DD" when the value is a date
  std::optional<std::string> end_date;    // the day after its last day
};
// `dates_only`: a parameter on a date (birthdate) takes no time of day.
DateRange date_range(const Parameter& p, bool dates_only = false);
// Whether an instant, or a period (open when `end` is absent), meets the search value.
bool matches(const DateRange& range, core::Instant at);
bool matches(const DateRange& range, core::Instant start, std::optional<core::Instant> end);

}  // namespace nara::api::fhir
