// Encounter at /fhir/R4/Encounter (docs/fhir.md, "Encounter"): inpatient episodes, read as
// GET /api/v1/episodes/{id} reads them and searched per person as GET
// /api/v1/persons/{id}/episodes lists them — the same decisions and the same audit entries.
#include "api/fhir_resources.hpp"
#include "interop/fhir/encounter.hpp"
#include "store/time_codec.hpp"

namespace nara::api::fhir {

namespace {

// The person whose episodes are asked for: patient= or subject=, or a citizen's own record when
// neither is given (patient/*.read: the patient in context). Nothing when the reference names
// another type or two different persons: nobody's episodes match.
std::optional<std::string> person_asked_for(const http::Context& c, const Search& s,
                                            bool& contradictory) {
  std::optional<std::string> person;
  for (const char* name : {"patient", "subject"}) {
    const auto* p = s.one(name);
    if (!p) continue;
    const auto id = reference_id(*p, "Patient");
    if (!id || (person && *person != *id)) {
      contradictory = true;
      return std::nullopt;
    }
    person = id;
  }
  if (!person && c.who().role == domain::access::Role::citizen && c.who().person_id) {
    person = c.who().person_id;
  }
  return person;
}

bool status_matches(const Search& s, std::string_view status) {
  const auto* p = s.one("status");
  if (!p) return true;
  std::string_view rest = p->value;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (rest.substr(0, comma) == status) return true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

bool item_matches(const Search& s, const service::EncounterItem& item) {
  const bool filtered = s.has("status") || s.has("date") || s.has("_lastUpdated");
  // What the reader may not see cannot be said to match a criterion on it.
  if (item.content_hidden) return !filtered;
  const auto& e = item.record.episode;
  if (!status_matches(s, interop::fhir::encounter_status(e.state))) return false;
  const auto end = e.discharged_at ? e.discharged_at : e.ended_at;
  for (const auto* p : s.all("date")) {
    if (!matches(date_range(*p), e.admitted_at, end)) return false;
  }
  for (const auto* p : s.all("_lastUpdated")) {
    if (!matches(date_range(*p), store::from_db_time(item.updated_at))) return false;
  }
  return true;
}

}  // namespace

ResourceType encounter_type(Services& services) {
  ResourceType t;
  t.name = "Encounter";
  t.documentation =
      "Inpatient episodes (slutenvårdstillfällen) with the discharge chain's state and steps (Lag "
      "2017:612) as extensions. Searched per person (patient or subject; a citizen's own without "
      "either). Only the current version is kept: vread of an older one answers 410.";
  t.patient_compartment = true;
  t.parameters = {
      {"patient", "reference", "The person: Patient/<id> or <id>"},
      {"subject", "reference", "The person, as patient", {"Patient"}},
      {"status", "token", "in-progress | finished | entered-in-error, several separated by commas"},
      {"date", "date",
       "The episode's period (admission to discharge), with eq, ne, gt, lt, ge, le"},
      {"_lastUpdated", "date", "When the episode last changed"},
  };
  t.includes = {"Encounter:patient"};
  t.read = [&services](http::Context& c, const std::string& id) {
    const auto item = services.fhir.encounter(c.who(), id);
    return Resource{interop::fhir::encounter(item.record, item.updated_at, item.content_hidden),
                    item.record.version};
  };
  t.search = [&services](http::Context& c, const Search& s) {
    bool contradictory = false;
    const auto person = person_asked_for(c, s, contradictory);
    if (contradictory) return Page{};
    if (!person) {
      bad_parameter("patient",
                    "Ange patient (eller subject): vårdtillfällen söks per person, så att "
                    "behörigheten prövas och loggas för just den personen.",
                    "search.required");
    }
    // Validate the criteria before anything is read.
    for (const auto* p : s.all("date")) (void)date_range(*p);
    for (const auto* p : s.all("_lastUpdated")) (void)date_range(*p);
    std::vector<service::EncounterItem> items;
    try {
      items = services.fhir.encounters_of_person(c.who(), *person);
    } catch (const core::ProblemError& e) {
      // Nobody, or nobody the reader may see (logged as denied): no episodes to show.
      if (e.problem().status == 404) return Page{};
      throw;
    }
    std::vector<boost::json::object> shown;
    for (const auto& item : items) {
      if (!item_matches(s, item)) continue;
      shown.push_back(interop::fhir::encounter(item.record, item.updated_at, item.content_hidden));
    }
    Page page = page_of(std::move(shown), s);
    if (!page.matches.empty() && s.includes_type("Encounter:patient")) {
      try {
        const auto p = services.registry.get_person(c.who(), *person);
        page.included.push_back(patient_for(p, c.who()));
      } catch (const core::ProblemError& e) {
        if (e.problem().status != 404) throw;
      }
    }
    return page;
  };
  return t;
}

}  // namespace nara::api::fhir
