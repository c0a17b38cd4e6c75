#include "service/catalogue_service.hpp"

#include <boost/json.hpp>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "domain/sip/plan.hpp"
#include "service/authorization.hpp"
#include "service/coordination_support.hpp"
#include "service/sip_codec.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::Permission;
using domain::responsibility::CatalogueVersion;

namespace {

CatalogueVersion from_row(const store::CatalogueRow& r) {
  CatalogueVersion v;
  v.id = r.id;
  v.version = r.version;
  v.title = r.title;
  v.valid_from = *domain::sip::parse_calendar_date(r.valid_from);
  if (r.valid_to) v.valid_to = domain::sip::parse_calendar_date(*r.valid_to);
  v.source = r.source;
  v.demo = r.demo;
  v.services = services_from_json(boost::json::parse(r.content).as_array());
  return v;
}

}  // namespace

std::vector<CatalogueVersion> CatalogueService::load_all(store::Transaction& tx) {
  std::vector<CatalogueVersion> out;
  for (const auto& r : store::SipRepository(tx).catalogues()) out.push_back(from_row(r));
  return out;
}

void CatalogueService::insert_version(store::Transaction& tx, CatalogueVersion& v,
                                      const std::optional<std::string>& created_by,
                                      const std::string& now) {
  if (auto problems = domain::responsibility::validate(v); !problems.empty())
    coordination::invalid(std::move(problems));
  store::SipRepository repo(tx);
  const auto existing = repo.catalogues();
  v.version = existing.empty() ? 1 : existing.back().version + 1;
  if (!existing.empty()) {
    const auto& latest = existing.back();
    // Periods follow each other: old plans keep their version, new ones get the new one.
    if (format_date(v.valid_from) <= latest.valid_from ||
        (latest.valid_to && format_date(v.valid_from) <= *latest.valid_to)) {
      core::throw_field_error("validFrom", "catalogue.period",
                              "Den nya versionen måste börja efter den senaste versionens start "
                              "och slut.");
    }
    if (!latest.valid_to) {
      const auto day_before = core::stockholm::add_calendar_days(v.valid_from, -1);
      repo.close_catalogue(latest.id, format_date(day_before));
    }
  }
  if (v.id.empty()) v.id = core::new_uuid();
  repo.insert_catalogue(
      store::CatalogueRow{
          v.id, v.version, v.title, format_date(v.valid_from),
          v.valid_to ? std::optional<std::string>(format_date(*v.valid_to)) : std::nullopt,
          v.source, v.demo, boost::json::serialize(services_to_json(v.services)), now},
      created_by);
}

CatalogueVersion CatalogueService::publish(const domain::access::Actor& actor, CatalogueVersion v) {
  require(actor, Permission::manage_responsibility_catalogue);
  return ctx_.db.write([&](store::Transaction& tx) {
    v.id.clear();
    insert_version(tx, v, actor.user_id, store::to_db_time(ctx_.clock.now()));
    return from_row(*store::SipRepository(tx).find_catalogue(v.id));
  });
}

std::vector<CatalogueVersion> CatalogueService::versions(const domain::access::Actor& actor) {
  require(actor, Permission::read_organisation);
  return ctx_.db.read([&](store::Transaction& tx) { return load_all(tx); });
}

CatalogueVersion CatalogueService::get(const domain::access::Actor& actor, const std::string& id) {
  require(actor, Permission::read_organisation);
  auto row = ctx_.db.read(
      [&](store::Transaction& tx) { return store::SipRepository(tx).find_catalogue(id); });
  if (!row) not_found();
  return from_row(*row);
}

CatalogueVersion CatalogueService::in_force(const domain::access::Actor& actor,
                                            std::optional<std::chrono::year_month_day> day) {
  const auto all = versions(actor);
  const auto* v = domain::responsibility::in_force(
      all, day.value_or(core::stockholm::local_date(ctx_.clock.now())));
  if (!v) not_found();
  return *v;
}

CatalogueSuggestion CatalogueService::suggest(const domain::access::Actor& actor,
                                              const std::string& service_code,
                                              const domain::responsibility::PersonContext& context,
                                              std::optional<std::chrono::year_month_day> day) {
  const auto v = in_force(actor, day);
  return {domain::responsibility::decide(v, service_code, context), v.version, v.id};
}

}  // namespace nara::service
