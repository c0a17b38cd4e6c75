#include "domain/responsibility/catalogue.hpp"

#include <set>

namespace nara::domain::responsibility {

std::string_view to_string(Residence residence) {
  return residence == Residence::ordinary_home ? "ordinary_home" : "residential_care";
}

std::optional<Residence> parse_residence(std::string_view text) {
  if (text == "ordinary_home") return Residence::ordinary_home;
  if (text == "residential_care") return Residence::residential_care;
  return std::nullopt;
}

bool Condition::matches(const PersonContext& p) const {
  return (!residence || *residence == p.residence) &&
         (!can_visit_health_centre || *can_visit_health_centre == p.can_visit_health_centre) &&
         (!under_18 || *under_18 == p.under_18) && (!lss || *lss == p.lss);
}

const ServiceType* CatalogueVersion::find(std::string_view code) const {
  for (const auto& s : services) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

Decision decide(const CatalogueVersion& catalogue, std::string_view service_code,
                const PersonContext& person) {
  const ServiceType* service = catalogue.find(service_code);
  if (!service) {
    return {std::nullopt, NoDecision{"catalogue.unknown_service",
                                     "Tjänsten finns inte i ansvarsfördelningen (version " +
                                         std::to_string(catalogue.version) + ")."}};
  }
  for (std::size_t i = 0; i < service->rules.size(); ++i) {
    const Rule& rule = service->rules[i];
    if (!rule.when.matches(person)) continue;
    return {Suggestion{service->code, service->name, rule.principal, rule.unit_kind, i, rule.note},
            std::nullopt};
  }
  return {std::nullopt,
          NoDecision{"catalogue.no_rule",
                     "Ansvarsfördelningen säger inget om " + service->name +
                         " för en person i denna situation; huvudmännen kommer överens."}};
}

std::vector<core::FieldError> validate(const CatalogueVersion& c) {
  std::vector<core::FieldError> out;
  if (c.title.empty()) out.push_back({"title", "required", "Ange en rubrik."});
  if (!c.valid_from.ok()) out.push_back({"validFrom", "date", "Ogiltigt datum."});
  if (c.valid_to && *c.valid_to < c.valid_from)
    out.push_back({"validTo", "period", "Giltighetstiden slutar innan den börjar."});
  if (c.services.empty())
    out.push_back({"serviceTypes", "required", "Ansvarsfördelningen behöver minst en tjänst."});
  std::set<std::string> codes;
  for (std::size_t i = 0; i < c.services.size(); ++i) {
    const auto& s = c.services[i];
    const std::string at = "serviceTypes/" + std::to_string(i);
    if (s.code.empty() || !codes.insert(s.code).second)
      out.push_back({at + "/code", "code.unique", "Varje tjänst behöver en egen kod."});
    if (s.name.empty()) out.push_back({at + "/name", "required", "Ange tjänstens namn."});
    if (s.rules.empty())
      out.push_back({at + "/rules", "required", "Ange minst en regel för vem som ansvarar."});
  }
  return out;
}

const CatalogueVersion* in_force(const std::vector<CatalogueVersion>& versions,
                                 std::chrono::year_month_day day) {
  const CatalogueVersion* best = nullptr;
  for (const auto& v : versions) {
    if (v.valid_on(day) && (!best || v.version > best->version)) best = &v;
  }
  return best;
}

}  // namespace nara::domain::responsibility
