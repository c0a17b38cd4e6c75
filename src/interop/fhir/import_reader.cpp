// FHIR R4 data types read from one resource's JSON, each fault with its FHIRPath
// (import_reader.hpp).
#include "interop/fhir/import_reader.hpp"

namespace nara::interop::fhir::import::detail {

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

bool has_whitespace(std::string_view text) {
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return true;
  }
  return false;
}

}  // namespace

void Faults::add(std::string expression, std::string rule, std::string detail, int status) {
  if (bundle_.errors.size() >= kMaxErrors) return;
  bundle_.errors.push_back(
      core::FieldError{std::move(expression), std::move(rule), std::move(detail)});
  if (status == 400 || bundle_.status == 0) bundle_.status = status;
}

void Faults::invalid(std::string expression, std::string rule, std::string detail) {
  add(std::move(expression), std::move(rule), std::move(detail), 400);
}

void Faults::unprocessable(std::string expression, std::string rule, std::string detail) {
  add(std::move(expression), std::move(rule), std::move(detail), 422);
}

void Faults::warn(std::string expression, std::string rule, std::string detail) {
  bundle_.warnings.push_back(
      core::FieldError{std::move(expression), std::move(rule), std::move(detail)});
}

const json::value* Element::value(std::string_view name) {
  const auto* v = object_.if_contains(name);
  if (v && v->is_null()) {
    faults_.invalid(at(name), "fhir.null",
                    "JSON null är inte tillåtet i FHIR; utelämna elementet.");
    return nullptr;
  }
  return v;
}

std::optional<std::string_view> Element::text(std::string_view name) {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    faults_.invalid(at(name), "fhir.type",
                    std::string("Ska vara en textsträng, inte ") + kind_name(v->kind()) + ".");
    return std::nullopt;
  }
  const std::string_view s = v->get_string();
  if (s.empty()) {
    faults_.invalid(at(name), "fhir.empty", "En tom sträng är inte tillåten i FHIR.");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Element::string(std::string_view name) {
  const auto s = text(name);
  return s ? std::optional<std::string>(*s) : std::nullopt;
}

std::optional<std::string> Element::uri(std::string_view name) {
  const auto s = text(name);
  if (!s) return std::nullopt;
  if (has_whitespace(*s)) {
    faults_.invalid(at(name), "fhir.uri", "En uri får inte innehålla blanksteg.");
    return std::nullopt;
  }
  return std::string(*s);
}

std::optional<std::string> Element::code(std::string_view name,
                                         std::initializer_list<std::string_view> allowed) {
  const auto s = text(name);
  if (!s) return std::nullopt;
  if (s->front() == ' ' || s->back() == ' ' || s->find("  ") != std::string_view::npos ||
      s->find_first_of("\t\r\n") != std::string_view::npos) {
    faults_.invalid(at(name), "fhir.code", "En kod får inte börja eller sluta med blanksteg.");
    return std::nullopt;
  }
  if (allowed.size() > 0) {
    bool found = false;
    std::string list;
    for (const auto a : allowed) {
      found = found || a == *s;
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    if (!found) {
      faults_.invalid(at(name), "fhir.binding",
                      "'" + std::string(*s) + "' är inte en av de tillåtna koderna: " + list + ".");
      return std::nullopt;
    }
  }
  return std::string(*s);
}

std::optional<bool> Element::boolean(std::string_view name) {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    faults_.invalid(at(name), "fhir.type",
                    std::string("Ska vara true eller false, inte ") + kind_name(v->kind()) + ".");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::string> Element::date(std::string_view name) {
  const auto s = text(name);
  if (!s) return std::nullopt;
  const auto parsed = parse_date_time(*s);
  if (!parsed || parsed->instant) {
    faults_.invalid(at(name), "fhir.date",
                    "'" + std::string(*s) +
                        "' är inte ett FHIR-datum (ÅÅÅÅ, ÅÅÅÅ-MM eller "
                        "ÅÅÅÅ-MM-DD, ett verkligt datum).");
    return std::nullopt;
  }
  return std::string(*s);
}

std::optional<DateTime> Element::date_time(std::string_view name) {
  const auto s = text(name);
  if (!s) return std::nullopt;
  auto parsed = parse_date_time(*s);
  if (!parsed) {
    faults_.invalid(at(name), "fhir.dateTime",
                    "'" + std::string(*s) +
                        "' är inte en FHIR dateTime (ett datum, eller datum "
                        "och tid med sekunder "
                        "och tidszon, t.ex. 2019-05-12T08:30:00+02:00).");
  }
  return parsed;
}

std::vector<std::string> Element::strings(std::string_view name) {
  std::vector<std::string> out;
  const auto* v = value(name);
  if (!v) return out;
  if (!v->is_array()) {
    faults_.invalid(at(name), "fhir.array", "Ska vara en lista (JSON-array).");
    return out;
  }
  std::size_t i = 0;
  for (const auto& item : v->get_array()) {
    const std::string path = at(name) + "[" + std::to_string(i++) + "]";
    if (!item.is_string() || item.get_string().empty()) {
      faults_.invalid(path, "fhir.type", "Ska vara en icke-tom textsträng.");
      continue;
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

std::optional<Element> Element::object(std::string_view name) {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (v->is_array()) {
    faults_.invalid(at(name), "fhir.cardinality",
                    "Elementet får förekomma en gång, inte som lista.");
    return std::nullopt;
  }
  if (!v->is_object()) {
    faults_.invalid(at(name), "fhir.type",
                    std::string("Ska vara ett objekt, inte ") + kind_name(v->kind()) + ".");
    return std::nullopt;
  }
  return Element(v->get_object(), at(name), faults_);
}

std::vector<Element> Element::objects(std::string_view name) {
  std::vector<Element> out;
  const auto* v = value(name);
  if (!v) return out;
  if (!v->is_array()) {
    faults_.invalid(at(name), "fhir.array", "Ska vara en lista (JSON-array).");
    return out;
  }
  std::size_t i = 0;
  for (const auto& item : v->get_array()) {
    const std::string path = at(name) + "[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      faults_.invalid(path, "fhir.type",
                      std::string("Ska vara ett objekt, inte ") + kind_name(item.kind()) + ".");
      continue;
    }
    out.emplace_back(item.get_object(), path, faults_);
  }
  return out;
}

std::optional<Reference> Element::reference(std::string_view name) {
  auto e = object(name);
  if (!e) return std::nullopt;
  const auto target = e->string("reference");
  if (!target) {
    if (!e->has("reference")) {
      faults_.unprocessable(e->path(), "reference.logical",
                            "Importen följer bara referenser med 'reference' (urn:uuid eller "
                            "Typ/id), inte logiska referenser med enbart identifier.");
    }
    return std::nullopt;
  }
  return Reference{*target, e->path()};
}

std::optional<Coding> Element::coding() {
  auto system = uri("system");
  auto value = code("code");
  auto display = string("display");
  (void)uri("version");
  (void)boolean("userSelected");
  if (!system || !value) return std::nullopt;
  return Coding{std::move(*system), std::move(*value), display.value_or("")};
}

std::vector<Coding> Element::concept_codings() {
  std::vector<Coding> out;
  (void)string("text");
  for (auto& c : objects("coding")) {
    if (auto coded = c.coding()) out.push_back(std::move(*coded));
  }
  return out;
}

std::vector<Coding> Element::codings(std::string_view name) {
  auto concept_element = object(name);
  if (!concept_element) return {};
  return concept_element->concept_codings();
}

std::optional<Coding> Element::first_coding(std::string_view name) {
  auto all = codings(name);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::pair<std::optional<DateTime>, std::optional<DateTime>> Element::period(std::string_view name) {
  auto p = object(name);
  if (!p) return {};
  auto start = p->date_time("start");
  auto end = p->date_time("end");
  if (start && end && end->latest < start->earliest) {
    faults_.invalid(p->at("end"), "fhir.per-1", "Periodens slut ligger före dess början.");
    end.reset();
  }
  return {std::move(start), std::move(end)};
}

int Element::count_present(std::initializer_list<std::string_view> names) const {
  int n = 0;
  for (const auto name : names) n += object_.contains(name) ? 1 : 0;
  return n;
}

}  // namespace nara::interop::fhir::import::detail
