#pragma once
// Ansvarsfördelning: the county's agreement on who answers for which service, as data. Each
// version has a validity period; a plan keeps the version it was made under. The rules of a
// service type are tried in order and the first whose conditions all hold decides the
// responsible principal and the kind of unit. Pure.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "domain/registry/model.hpp"

namespace nara::domain::responsibility {

enum class Residence {
  ordinary_home,     // ordinärt boende
  residential_care,  // särskilt boende (SÄBO)
};
std::string_view to_string(Residence residence);
std::optional<Residence> parse_residence(std::string_view text);

// What the rules decide on about the person.
struct PersonContext {
  Residence residence = Residence::ordinary_home;
  bool can_visit_health_centre = true;  // kan ta sig till hälsocentralen
  bool under_18 = false;
  bool lss = false;  // has insatser under LSS (1993:387)
};

// A condition not given matches every person.
struct Condition {
  std::optional<Residence> residence;
  std::optional<bool> can_visit_health_centre;
  std::optional<bool> under_18;
  std::optional<bool> lss;
  [[nodiscard]] bool matches(const PersonContext& person) const;
};

struct Rule {
  Condition when;
  registry::PrincipalKind principal = registry::PrincipalKind::region;
  registry::UnitKind unit_kind = registry::UnitKind::health_centre;
  std::string note;  // the agreement's wording or clause, shown with the suggestion
};

struct ServiceType {
  std::string code;  // e.g. home_health_wound_care
  std::string name;  // Swedish
  std::vector<Rule> rules;
  bool demo = false;  // made up for the demo, not from any agreement
};

struct CatalogueVersion {
  std::string id;
  std::int64_t version = 1;
  std::string title;
  std::chrono::year_month_day valid_from;
  std::optional<std::chrono::year_month_day> valid_to;  // inclusive; none: until replaced
  std::string source;                                   // the agreement it encodes
  bool demo = false;                                    // the whole version is demo data
  std::vector<ServiceType> services;

  [[nodiscard]] bool valid_on(std::chrono::year_month_day day) const {
    return valid_from <= day && (!valid_to || day <= *valid_to);
  }
  [[nodiscard]] const ServiceType* find(std::string_view code) const;
};

struct Suggestion {
  std::string service_code;
  std::string service_name;
  registry::PrincipalKind principal = registry::PrincipalKind::region;
  registry::UnitKind unit_kind = registry::UnitKind::health_centre;
  std::size_t rule_index = 0;
  std::string note;
};

struct NoDecision {
  std::string rule;    // catalogue.unknown_service | catalogue.no_rule
  std::string reason;  // Swedish
};

struct Decision {
  std::optional<Suggestion> suggestion;
  std::optional<NoDecision> none;
};

// Who is responsible for `service_code` for this person under `catalogue`.
Decision decide(const CatalogueVersion& catalogue, std::string_view service_code,
                const PersonContext& person);

// A version's own consistency: codes present and unique, names present, at least one rule per
// service, a period that ends after it starts.
std::vector<core::FieldError> validate(const CatalogueVersion& catalogue);

// The version in force on `day`, or null.
const CatalogueVersion* in_force(const std::vector<CatalogueVersion>& versions,
                                 std::chrono::year_month_day day);

}  // namespace nara::domain::responsibility
