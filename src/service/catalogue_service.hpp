#pragma once
// The county's responsibility catalogue (ansvarsfördelning): versions published by the county
// administrator, each with a validity period; the version in force decides suggestions for new
// plans and requests, and a plan keeps the version it was made under.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/responsibility/catalogue.hpp"
#include "service/context.hpp"
#include "store/sip_repository.hpp"

namespace nara::service {

struct CatalogueSuggestion {
  domain::responsibility::Decision decision;
  std::int64_t catalogue_version = 0;
  std::string catalogue_id;
};

class CatalogueService {
 public:
  explicit CatalogueService(ServiceContext context) : ctx_(context) {}

  // Publishes a new version from `valid_from`; the version before it ends the day before.
  domain::responsibility::CatalogueVersion publish(const domain::access::Actor& actor,
                                                   domain::responsibility::CatalogueVersion v);
  std::vector<domain::responsibility::CatalogueVersion> versions(
      const domain::access::Actor& actor);
  domain::responsibility::CatalogueVersion get(const domain::access::Actor& actor,
                                               const std::string& id);
  // The version in force on `day` (today when absent); 404 when none is.
  domain::responsibility::CatalogueVersion in_force(const domain::access::Actor& actor,
                                                    std::optional<std::chrono::year_month_day> day);
  CatalogueSuggestion suggest(const domain::access::Actor& actor, const std::string& service_code,
                              const domain::responsibility::PersonContext& context,
                              std::optional<std::chrono::year_month_day> day);

  // Writes a version in the caller's transaction (also used to seed the demo catalogue),
  // closing the open version before it. Throws a 422 problem when the period does not follow
  // the latest version's.
  static void insert_version(store::Transaction& tx, domain::responsibility::CatalogueVersion& v,
                             const std::optional<std::string>& created_by, const std::string& now);
  static std::vector<domain::responsibility::CatalogueVersion> load_all(store::Transaction& tx);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
