#include "interop/fhir/import_bundle.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "core/stockholm_time.hpp"
#include "interop/fhir/import_reader.hpp"

namespace nara::interop::fhir::import {

namespace json = boost::json;

namespace {

const char* kind_name(json::kind k) {
  switch (k) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "value";
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// R4 id: [A-Za-z0-9\-\.]{1,64}.
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

constexpr std::array<std::string_view, 5> kImported = {"Patient", "Organization", "Practitioner",
                                                       "Encounter", "Condition"};

}  // namespace

std::optional<std::chrono::year_month_day> parse_full_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4);
  const auto m = text.substr(5, 2);
  const auto d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d) || number(y) < 1) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{number(y)},
                                         std::chrono::month{static_cast<unsigned>(number(m))},
                                         std::chrono::day{static_cast<unsigned>(number(d))}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<DateTime> parse_date_time(std::string_view text) {
  using namespace std::chrono;
  DateTime out;
  if (text.size() > 10) {
    if (text[10] != 'T') return std::nullopt;
    const auto parsed = core::try_parse_iso8601(text);
    if (!parsed || !parse_full_date(text.substr(0, 10))) return std::nullopt;
    out.instant = parsed.value();
    out.earliest = out.latest = parsed.value();
    return out;
  }
  const auto y = text.substr(0, 4);
  if (text.size() < 4 || !all_digits(y) || number(y) < 1) return std::nullopt;
  year_month_day first{year{number(y)}, January, day{1}};
  year_month_day after{year{number(y) + 1}, January, day{1}};
  if (text.size() == 7 || text.size() == 10) {
    const auto m = text.substr(5, 2);
    if (text[4] != '-' || !all_digits(m)) return std::nullopt;
    const month mo{static_cast<unsigned>(number(m))};
    if (!mo.ok()) return std::nullopt;
    first = year_month_day{year{number(y)}, mo, day{1}};
    after = year_month_day{sys_days{year_month_day_last{year{number(y)}, month_day_last{mo}}} +
                           days{1}};
  } else if (text.size() != 4) {
    return std::nullopt;
  }
  if (text.size() == 10) {
    const auto full = parse_full_date(text);
    if (!full) return std::nullopt;
    first = *full;
    after = year_month_day{sys_days{*full} + days{1}};
  }
  out.partial = std::string(text);
  out.earliest = core::stockholm::start_of_day(first);
  out.latest = core::stockholm::start_of_day(after) - microseconds{1};
  return out;
}

std::optional<std::size_t> find_in_bundle(const Bundle& bundle, std::string_view reference) {
  const auto it = bundle.by_url.find(std::string(reference));
  if (it == bundle.by_url.end()) return std::nullopt;
  return it->second;
}

namespace {

// One entry: its fullUrl, request and resource; the resource read if it is of a
// kept type.
void read_entry(detail::Element& entry, std::size_t index, std::chrono::year_month_day today,
                Bundle& out, std::set<std::string>& full_urls) {
  auto& faults = entry.faults();
  Entry e;
  e.index = index;
  if (auto url = entry.uri("fullUrl")) {
    if (!full_urls.insert(*url).second) {
      faults.invalid(entry.at("fullUrl"), "fhir.bdl-7",
                     "fullUrl '" + *url + "' finns redan i en annan post i bunten.");
    }
    e.full_url = std::move(*url);
  }
  if (auto request = entry.object("request")) {
    const auto method = request->code("method", {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"});
    (void)request->uri("url");
    (void)request->string("ifNoneExist");
    if (method && *method != "POST" && *method != "PUT") {
      faults.unprocessable(request->at("method"), "import.method",
                           "Importen tar bara emot POST och PUT (skapa), inte " + *method + ".");
    }
  } else if (out.type == "transaction") {
    faults.invalid(entry.at("request"), "fhir.bdl-3",
                   "Varje post i en transaktionsbunt ska ha request.");
  }
  auto resource = entry.object("resource");
  if (!resource) {
    if (!entry.has("resource")) {
      faults.invalid(entry.at("resource"), "import.resource",
                     "Posten saknar resource; importen läser bara poster med en resurs.");
    }
    out.entries.push_back(std::move(e));
    return;
  }
  const auto type = resource->string("resourceType");
  if (!type) {
    if (!resource->has("resourceType"))
      faults.invalid(resource->at("resourceType"), "fhir.required", "resourceType saknas.");
    out.entries.push_back(std::move(e));
    return;
  }
  e.type = *type;
  if (auto id = resource->string("id")) {
    if (!valid_id(*id)) {
      faults.invalid(resource->at("id"), "fhir.id",
                     "Ett id har 1–64 tecken av A–Z, a–z, 0–9, '-' och '.'.");
    }
    e.id = std::move(*id);
  }
  e.imported = std::find(kImported.begin(), kImported.end(), e.type) != kImported.end();
  if (!e.full_url.empty()) out.by_url.emplace(e.full_url, index);
  if (!e.id.empty()) out.by_url.emplace(e.type + "/" + e.id, index);
  out.entries.push_back(e);
  if (e.type == "Patient") {
    detail::read_patient(*resource, e, today, out);
  } else if (e.type == "Organization") {
    detail::read_organization(*resource, e, out);
  } else if (e.type == "Practitioner") {
    detail::read_practitioner(*resource, e, out);
  } else if (e.type == "Encounter") {
    detail::read_encounter(*resource, e, out);
  } else if (e.type == "Condition") {
    detail::read_condition(*resource, e, out);
  } else {
    ++out.not_imported[e.type];
    if (e.type == "Bundle") {
      // One level of nesting is a resource like any other (not imported); a
      // Bundle inside it is refused, as the "bad input" asks.
      for (auto& inner : resource->objects("entry")) {
        if (auto inner_resource = inner.object("resource")) {
          if (inner_resource->string("resourceType") == std::optional<std::string>("Bundle")) {
            faults.invalid(inner_resource->path(), "import.bundle_nesting",
                           "En bunt i en bunt i en bunt: importen tar emot "
                           "högst en nivå av "
                           "nästlade buntar.");
          }
        }
      }
    }
  }
}

}  // namespace

Bundle read_bundle(const json::value& root, std::chrono::year_month_day today) {
  Bundle out;
  detail::Faults faults(out);
  if (!root.is_object()) {
    faults.invalid("Bundle", "fhir.type", "Innehållet ska vara en FHIR-resurs (ett JSON-objekt).");
    return out;
  }
  detail::Element bundle(root.get_object(), "Bundle", faults);
  const auto type = bundle.string("resourceType");
  if (type != std::optional<std::string>("Bundle")) {
    faults.invalid("Bundle.resourceType", "import.bundle",
                   "Importen tar emot en Bundle av typen transaction.");
    return out;
  }
  const auto kind =
      bundle.code("type", {"document", "message", "transaction", "transaction-response", "batch",
                           "batch-response", "history", "searchset", "collection"});
  if (!kind) {
    if (!bundle.has("type")) faults.invalid("Bundle.type", "fhir.required", "Bundle.type saknas.");
    return out;
  }
  if (*kind != "transaction" && *kind != "collection") {
    faults.unprocessable("Bundle.type", "import.bundle_type",
                         "Importen tar emot en transaction (eller collection), inte " + *kind +
                             ": hela bunten sparas eller ingenting.");
    return out;
  }
  out.type = *kind;
  const auto* entries = root.get_object().if_contains("entry");
  if (!entries || entries->is_null()) return out;
  if (!entries->is_array()) {
    faults.invalid("Bundle.entry", "fhir.array", "Ska vara en lista (JSON-array).");
    return out;
  }
  std::set<std::string> full_urls;
  out.entries.reserve(entries->get_array().size());
  std::size_t index = 0;
  for (const auto& item : entries->get_array()) {
    const std::string path = "Bundle.entry[" + std::to_string(index) + "]";
    if (item.is_object()) {
      detail::Element entry(item.get_object(), path, faults);
      read_entry(entry, index, today, out, full_urls);
    } else {
      // Still a place in the response, which follows the request's entries one
      // to one.
      faults.invalid(path, "fhir.type",
                     std::string("Ska vara ett objekt, inte ") + kind_name(item.kind()) + ".");
      out.entries.push_back(Entry{index, {}, {}, {}, false});
    }
    ++index;
  }
  return out;
}

}  // namespace nara::interop::fhir::import
