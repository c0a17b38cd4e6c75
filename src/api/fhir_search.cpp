// Search parameters of the FHIR façade: which were sent (query string or POST _search form body),
// which the type declares, strict handling, and the values of references, tokens and dates
// (docs/fhir.md, "Search").
#include <boost/url/parse_query.hpp>
#include <charconv>

#include "api/fhir_support.hpp"
#include "core/stockholm_time.hpp"
#include "core/utf8.hpp"

namespace nara::api::fhir {

namespace {

constexpr std::size_t kMaxValueLength = 1000;

// Every parameter sent: the query's and, for POST _search, the form body's.
std::vector<std::pair<std::string, std::string>> sent_parameters(const http::Request& request) {
  auto out = request.query;
  if (request.method != http::Method::post || request.body.empty()) return out;
  const auto type = request.header("content-type").value_or("");
  if (!type.starts_with("application/x-www-form-urlencoded")) {
    core::Problem p;
    p.status = 415;
    p.type = "https://nara.example/problems/unsupported-media-type";
    p.title = "Fel innehållstyp";
    p.detail = "Skicka sökparametrarna som application/x-www-form-urlencoded.";
    core::throw_problem(std::move(p));
  }
  const auto parsed = boost::urls::parse_query(request.body);
  if (!parsed) bad_parameter("_search", "Formuläret går inte att läsa.", "form.syntax");
  boost::urls::encoding_opts options;
  options.space_as_plus = true;  // a form body writes spaces as '+'
  for (const auto& p : *parsed) out.emplace_back(p.key.decode(options), p.value.decode(options));
  return out;
}

bool strict(const http::Request& request) {
  const auto prefer = request.header("prefer");
  if (!prefer) return false;
  std::string text = *prefer;
  std::erase(text, ' ');
  return text.find("handling=strict") != std::string::npos;
}

std::size_t count_value(const std::string& name, const std::string& value) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || end != value.data() + value.size()) {
    bad_parameter(name, "Ska vara ett heltal, 0 eller större.", "integer");
  }
  return n;
}

const SearchParamDef* declared(const ResourceType& type, std::string_view name) {
  for (const auto& p : type.parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

bool supported_include(const ResourceType& type, const std::string& value) {
  return std::find(type.includes.begin(), type.includes.end(), value) != type.includes.end();
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

[[noreturn]] void bad_date(const Parameter& p) {
  bad_parameter(p.name,
                "Ange ett datum som ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller en tidpunkt med tidszon.",
                "date.format");
}

unsigned digits(std::string_view text, std::size_t at, std::size_t length, const Parameter& p) {
  if (at + length > text.size()) bad_date(p);
  unsigned value = 0;
  const char* first = text.data() + at;
  const auto [end, ec] = std::from_chars(first, first + length, value);
  if (ec != std::errc{} || end != first + length) bad_date(p);
  return value;
}

std::string iso_date(std::chrono::year_month_day d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

}  // namespace

std::vector<const Parameter*> Search::all(std::string_view name) const {
  std::vector<const Parameter*> out;
  for (const auto& p : parameters) {
    if (p.name == name) out.push_back(&p);
  }
  return out;
}

const Parameter* Search::one(std::string_view name) const {
  const auto found = all(name);
  if (found.size() > 1) {
    bad_parameter(std::string(name), "Parametern får bara anges en gång.", "search.repeated");
  }
  return found.empty() ? nullptr : found.front();
}

bool Search::includes_type(std::string_view include) const {
  return std::find(includes.begin(), includes.end(), include) != includes.end();
}

Search parse_search(const http::Request& request, const ResourceType& type) {
  Search search;
  std::vector<std::string> unknown;
  for (const auto& [key, value] : sent_parameters(request)) {
    if (value.size() > kMaxValueLength || !core::is_valid_utf8(value)) {
      bad_parameter(key, "Värdet är för långt eller inte giltig UTF-8.", "string.max_length");
    }
    const auto colon = key.find(':');
    const std::string name = key.substr(0, colon);
    const std::string modifier = colon == std::string::npos ? "" : key.substr(colon + 1);
    if (name == "_count") {
      search.count = std::min(count_value(key, value), kMaxCount);
    } else if (name == "_offset") {
      search.offset = count_value(key, value);
    } else if (name == "_format" || name == "_pretty") {
      // _format was negotiated already; _pretty changes nothing in what is answered.
    } else if (name == "_include") {
      if (supported_include(type, value)) {
        search.includes.push_back(value);
      } else {
        std::string include = key;
        include += '=';
        include += value;
        unknown.push_back(std::move(include));
      }
    } else if (const auto* def = declared(type, name)) {
      if (!modifier.empty() && std::find(def->modifiers.begin(), def->modifiers.end(), modifier) ==
                                   def->modifiers.end()) {
        std::string detail = "Modifieraren :";
        detail += modifier;
        detail += " stöds inte för ";
        detail += name;
        detail += '.';
        bad_parameter(key, detail, "search.modifier");
      }
      if (!value.empty()) search.parameters.push_back(Parameter{name, modifier, value});
    } else {
      unknown.push_back(key);
    }
  }
  if (!unknown.empty() && strict(request)) {
    std::vector<core::FieldError> errors;
    errors.reserve(unknown.size());
    for (const auto& name : unknown) {
      errors.push_back(
          core::FieldError{name, "search.unknown_parameter",
                           "Okänd sökparameter för " + type.name + " (Prefer: handling=strict)."});
    }
    core::Problem p = core::validation_problem(std::move(errors));
    p.status = 400;
    p.title = "Okänd sökparameter";
    p.detail = "Sökningen har parametrar som " + type.name + " inte stöder: " + unknown.front() +
               (unknown.size() > 1 ? " med flera" : "") + ".";
    core::throw_problem(std::move(p));
  }
  return search;
}

std::vector<std::pair<std::string, std::string>> search_link_parameters(
    const http::Request& request, const ResourceType& type) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : sent_parameters(request)) {
    const std::string name = key.substr(0, key.find(':'));
    if (declared(type, name) ? !value.empty()
                             : name == "_include" && supported_include(type, value)) {
      out.emplace_back(key, value);
    }
  }
  return out;
}

std::optional<std::string> reference_id(const Parameter& p, std::string_view target_type) {
  std::string_view value = p.value;
  std::string_view type = p.modifier;
  if (const auto slash = value.rfind('/'); slash != std::string_view::npos) {
    const std::string_view before = value.substr(0, slash);
    const auto type_start = before.rfind('/');
    type = type_start == std::string_view::npos ? before : before.substr(type_start + 1);
    value = value.substr(slash + 1);
  }
  if (!valid_id(value)) bad_parameter(p.name, "Ange en referens som Typ/id eller id.", "reference");
  if (!type.empty() && type != target_type) return std::nullopt;
  return std::string(value);
}

Token token(const Parameter& p) {
  const auto bar = p.value.find('|');
  if (bar == std::string::npos) return Token{std::nullopt, p.value};
  return Token{p.value.substr(0, bar), p.value.substr(bar + 1)};
}

DateRange date_range(const Parameter& p, bool dates_only) {
  using Prefix = DateRange::Prefix;
  DateRange range;
  std::string_view text = p.value;
  static const std::pair<std::string_view, Prefix> prefixes[] = {
      {"eq", Prefix::eq}, {"ne", Prefix::ne}, {"gt", Prefix::gt},
      {"lt", Prefix::lt}, {"ge", Prefix::ge}, {"le", Prefix::le}};
  if (text.size() >= 2 && std::isalpha(static_cast<unsigned char>(text[0]))) {
    const auto prefix = text.substr(0, 2);
    const auto* found = std::find_if(std::begin(prefixes), std::end(prefixes),
                                     [&](const auto& e) { return e.first == prefix; });
    if (found == std::end(prefixes)) {
      bad_parameter(p.name,
                    "Prefixet " + std::string(prefix) + " stöds inte (eq, ne, gt, lt, ge, le).",
                    "date.prefix");
    }
    range.prefix = found->second;
    text.remove_prefix(2);
  }
  if (text.find('T') != std::string_view::npos) {
    if (dates_only) bad_parameter(p.name, "Ange ett datum utan klockslag.", "date.format");
    const auto at = core::try_parse_iso8601(text);
    if (!at) {
      bad_parameter(p.name,
                    "Ange tidpunkten med sekunder och tidszon, t.ex. 2026-11-23T14:05:00+01:00.",
                    "date.format");
    }
    range.start = at.value();
    range.end = range.start + std::chrono::seconds(1);
    return range;
  }
  using namespace std::chrono;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) bad_date(p);
  const auto y = std::chrono::year{static_cast<int>(digits(text, 0, 4, p))};
  year_month_day first{y / January / 1};
  year_month_day after{y / January / 1 + years(1)};
  if (text.size() >= 7) {
    if (text[4] != '-') bad_date(p);
    first = y / std::chrono::month{digits(text, 5, 2, p)} / 1;
    after = first + months(1);
  }
  if (text.size() == 10) {
    if (text[7] != '-') bad_date(p);
    first = first.year() / first.month() / std::chrono::day{digits(text, 8, 2, p)};
    if (!first.ok()) bad_date(p);
    after = year_month_day{sys_days(first) + days(1)};
  }
  if (!first.ok()) bad_date(p);
  range.start_date = iso_date(first);
  range.end_date = iso_date(after);
  range.start = core::stockholm::start_of_day(first);
  range.end = core::stockholm::start_of_day(after);
  return range;
}

bool matches(const DateRange& r, core::Instant at) {
  using Prefix = DateRange::Prefix;
  switch (r.prefix) {
    case Prefix::eq:
      return at >= r.start && at < r.end;
    case Prefix::ne:
      return at < r.start || at >= r.end;
    case Prefix::gt:
      return at >= r.end;
    case Prefix::lt:
      return at < r.start;
    case Prefix::ge:
      return at >= r.start;
    case Prefix::le:
      return at < r.end;
  }
  return false;
}

bool matches(const DateRange& r, core::Instant start, std::optional<core::Instant> end) {
  using Prefix = DateRange::Prefix;
  // The search value's range against the period [start, end), open while `end` is absent.
  const bool contained = start >= r.start && end && *end <= r.end;
  switch (r.prefix) {
    case Prefix::eq:
      return contained;
    case Prefix::ne:
      return !contained;
    case Prefix::gt:
      return !end || *end > r.end;
    case Prefix::lt:
      return start < r.start;
    case Prefix::ge:
      return !end || *end > r.start;
    case Prefix::le:
      return start < r.end;
  }
  return false;
}

}  // namespace nara::api::fhir
