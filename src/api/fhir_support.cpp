// The FHIR façade's request handling: negotiation, scopes, read and vread with ETags, searchset
// Bundles, and OperationOutcome for every error (docs/fhir.md). Parameter parsing is in
// fhir_search.cpp.
#include "api/fhir_support.hpp"

#include <date/date.h>

#include <charconv>

#include "api/fhir_scope.hpp"
#include "core/random.hpp"
#include "interop/fhir/common.hpp"

namespace nara::api::fhir {

namespace json = boost::json;
namespace mapping = interop::fhir;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

// The media type of `text` without its parameters, lower-cased.
std::string media_type(std::string_view text) {
  return lower(trim(text.substr(0, text.find(';'))));
}

bool is_json_type(const std::string& type) {
  return type == "json" || type == "application/json" || type == "application/fhir+json" ||
         type == "application/json+fhir" || type == "fhir+json" || type == "*/*" ||
         type == "application/*" || type.ends_with("+json");
}

// Whether the client asked for plain application/json rather than FHIR's own media type.
bool wants_plain_json(const http::Request& request) {
  const auto accept = request.header("accept");
  if (!accept) return false;
  bool plain = false;
  std::string_view rest = *accept;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string type = media_type(rest.substr(0, comma));
    if (type == "application/fhir+json" || type == "*/*" || type == "application/*") return false;
    if (type == "application/json") plain = true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return plain;
}

[[noreturn]] void not_acceptable(std::string detail) {
  core::Problem p;
  p.status = 406;
  p.type = "https://nara.example/problems/not-acceptable";
  p.title = "Formatet stöds inte";
  p.detail = std::move(detail);
  core::throw_problem(std::move(p));
}

[[noreturn]] void forbidden_scope(std::string detail) {
  core::Problem p;
  p.status = 403;
  p.type = "https://nara.example/problems/insufficient-scope";
  p.title = "Otillräcklig scope";
  p.detail = std::move(detail);
  core::throw_problem(std::move(p));
}

void require_scope(const http::Context& c, const ResourceType& type) {
  const Scope scope = scope_of(c.who().role);
  if (scope == Scope::none) {
    forbidden_scope(
        "Sessionen har ingen scope förrän ett medarbetaruppdrag är valt (PUT "
        "/api/v1/session/assignment).");
  }
  if (!covers(scope, type.patient_compartment)) {
    forbidden_scope(std::string(scope_text(scope)) + " omfattar inte " + type.name +
                    ": den gäller bara personens egna uppgifter (Patient-kompartmentet).");
  }
}

// Whether If-None-Match names `version` (W/"3", "3" or *; several separated by commas).
bool etag_matches(std::string_view header, std::int64_t version) {
  const std::string wanted = std::to_string(version);
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string tag = trim(header.substr(0, comma));
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.erase(0, 2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
      tag = tag.substr(1, tag.size() - 2);
    if (tag == wanted) return true;
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
  }
  return false;
}

std::string http_date(std::string_view fhir_instant) {
  const auto parsed = core::try_parse_iso8601(fhir_instant);
  if (!parsed) return {};
  return date::format("%a, %d %b %Y %H:%M:%S GMT",
                      std::chrono::floor<std::chrono::seconds>(parsed.value()));
}

http::Response resource_response(const http::Request& request, const Resource& resource) {
  const std::string etag = "W/\"" + std::to_string(resource.version) + "\"";
  http::Response r;
  if (const auto wanted = request.header("if-none-match");
      wanted && etag_matches(*wanted, resource.version)) {
    r.status = 304;
    r.content_type = std::string(mapping::kMediaType);
  } else {
    r = fhir_json(resource.body, request);
  }
  r.set_header("ETag", etag);
  if (const auto* meta = resource.body.if_contains("meta")) {
    if (const auto* updated = meta->as_object().if_contains("lastUpdated")) {
      if (auto text = http_date(updated->as_string()); !text.empty())
        r.set_header("Last-Modified", std::move(text));
    }
  }
  return r;
}

[[noreturn]] void version_not_kept(const ResourceType& type, const std::string& id,
                                   std::int64_t asked, std::int64_t current) {
  core::Problem p;
  p.status = 410;
  p.type = "https://nara.example/problems/version-not-kept";
  p.title = "Versionen sparas inte";
  p.detail = "Version " + std::to_string(asked) + " av " + type.name + "/" + id +
             " sparas inte; Nära har bara den aktuella versionen (" + std::to_string(current) +
             ").";
  core::throw_problem(std::move(p));
}

std::string encode(std::string_view text) {
  std::string out;
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved =
        std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '/';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4U];
      out += hex[c & 0x0FU];
    }
  }
  return out;
}

std::string link(const std::string& base, const std::string& query, std::size_t count,
                 std::size_t offset) {
  return base + "?" + query + (query.empty() ? "" : "&") + "_count=" + std::to_string(count) +
         "&_offset=" + std::to_string(offset);
}

json::object bundle(const http::Request& request, const ResourceType& type, const Search& search,
                    Page& page, const core::Clock& clock) {
  const std::string base = base_url(request);
  std::string query;
  for (const auto& [name, value] : search_link_parameters(request, type))
    query += (query.empty() ? "" : "&") + encode(name) + "=" + encode(value);
  const std::string type_url = base + "/" + type.name;
  const auto total = static_cast<std::size_t>(page.total);
  json::array links;
  const auto add_link = [&](const char* relation, std::size_t offset) {
    links.push_back(
        json::object{{"relation", relation}, {"url", link(type_url, query, search.count, offset)}});
  };
  add_link("self", search.offset);
  add_link("first", 0);
  if (search.offset > 0) {
    add_link("previous", search.offset > search.count ? search.offset - search.count : 0);
  }
  if (search.count > 0 && search.offset + search.count < total) {
    add_link("next", search.offset + search.count);
  }
  json::array entries;
  const auto add_entry = [&](json::object& resource, const char* mode) {
    const std::string full_url = base + "/" + std::string(resource.at("resourceType").as_string()) +
                                 "/" + std::string(resource.at("id").as_string());
    entries.push_back(json::object{
        {"fullUrl", full_url}, {"resource", std::move(resource)}, {"search", {{"mode", mode}}}});
  };
  for (auto& r : page.matches) add_entry(r, "match");
  for (auto& r : page.included) add_entry(r, "include");
  json::object b{{"resourceType", "Bundle"},
                 {"id", core::random_token(12)},
                 {"meta", {{"lastUpdated", mapping::instant(clock.now())}}},
                 {"type", "searchset"},
                 {"total", page.total},
                 {"link", std::move(links)}};
  if (!entries.empty()) b["entry"] = std::move(entries);
  return b;
}

std::optional<std::int64_t> version_number(const std::string& text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

}  // namespace

http::Response render_problem(const core::Problem& problem, const http::Request& request) {
  http::Response r;
  r.status = problem.status;
  r.content_type = std::string(mapping::kMediaType);
  r.body = json::serialize(mapping::operation_outcome(problem));
  if (request.path.starts_with("/fhir/")) r.set_header("Cache-Control", "no-store");
  return r;
}

void negotiate(const http::Request& request) {
  if (const auto format = request.query_param("_format")) {
    const std::string type = media_type(*format);
    if (!is_json_type(type)) {
      not_acceptable("Nära svarar med FHIR i JSON (_format=json); " + *format + " stöds inte.");
    }
    return;
  }
  const auto accept = request.header("accept");
  if (!accept || trim(*accept).empty()) return;
  std::string_view rest = *accept;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (is_json_type(media_type(rest.substr(0, comma)))) return;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  not_acceptable("Nära svarar med FHIR i JSON (application/fhir+json); Accept: " + *accept +
                 " stöds inte.");
}

http::Response fhir_json(const json::value& body, const http::Request& request, int status) {
  http::Response r;
  r.status = status;
  r.content_type =
      wants_plain_json(request) ? "application/json" : std::string(mapping::kMediaType);
  r.body = json::serialize(body);
  r.set_header("Cache-Control", "no-store");
  return r;
}

std::string base_url(const http::Request& request) {
  const auto host = request.header("host");
  if (!host || host->empty()) return std::string(kBasePath);
  const auto proto = request.header("x-forwarded-proto");
  const std::string scheme = proto && *proto == "https" ? "https" : "http";
  return scheme + "://" + *host + std::string(kBasePath);
}

void bad_parameter(const std::string& name, const std::string& detail, const std::string& rule) {
  core::Problem p = core::validation_problem({core::FieldError{name, rule, detail}});
  p.status = 400;
  p.title = "Ogiltig sökparameter";
  p.detail = name + ": " + detail;
  core::throw_problem(std::move(p));
}

void add_resource_routes(http::Router& router, const std::shared_ptr<const ResourceType>& type,
                         const core::Clock& clock) {
  const std::string path = std::string(kBasePath) + "/" + type->name;
  const std::string tag = "FHIR R4";
  if (type->read) {
    router.add({http::Method::get,
                path + "/{id}",
                http::Access::signed_in,
                [type](http::Context& c) {
                  negotiate(c.request);
                  require_scope(c, *type);
                  return resource_response(c.request, type->read(c, c.param("id")));
                },
                {"FHIR read of " + type->name + " (ETag, If-None-Match)", tag}});
    router.add(
        {http::Method::get,
         path + "/{id}/_history/{vid}",
         http::Access::signed_in,
         [type](http::Context& c) {
           negotiate(c.request);
           require_scope(c, *type);
           const auto asked = version_number(c.param("vid"));
           if (!asked) core::throw_problem(core::not_found_problem("Versionen finns inte."));
           const std::string& id = c.param("id");
           Resource current = type->read(c, id);
           if (*asked < current.version) version_not_kept(*type, id, *asked, current.version);
           if (*asked > current.version)
             core::throw_problem(core::not_found_problem("Versionen finns inte."));
           return resource_response(c.request, current);
         },
         {"FHIR vread of " + type->name + ": the current version (older ones are not kept: 410)",
          tag}});
  }
  if (type->search) {
    std::vector<std::string> names;
    for (const auto& p : type->parameters) names.push_back(p.name);
    for (const char* common : {"_count", "_offset", "_include", "_format"})
      names.emplace_back(common);
    const auto search = [type, &clock](http::Context& c) {
      negotiate(c.request);
      require_scope(c, *type);
      const Search s = parse_search(c.request, *type);
      Page page = type->search(c, s);
      return fhir_json(bundle(c.request, *type, s, page, clock), c.request);
    };
    router.add({http::Method::get,
                path,
                http::Access::signed_in,
                search,
                {"FHIR search of " + type->name + " (searchset Bundle, paged by _count/_offset)",
                 tag, "", "", 200, names}});
    router.add({http::Method::post,
                path + "/_search",
                http::Access::signed_in,
                search,
                {"FHIR search of " + type->name +
                     " with the parameters in a form body (keeps identifiers out of URLs)",
                 tag, "", "", 200, names}});
  }
}

}  // namespace nara::api::fhir
