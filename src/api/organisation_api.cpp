// /api/v1/principals, /care-providers, /units: the organisation directory of region and
// municipalities.
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"

namespace nara::api {

using namespace domain::registry;

namespace {

template <class T, class ReadFn>
T read_body(const http::Request& request, T value, ReadFn&& read) {
  const auto body = body_object(request);
  http::ObjectReader reader(body);
  read(reader, value);
  reader.finish();
  return value;
}

void read_principal(http::ObjectReader& r, Principal& p, bool creating) {
  if (creating) {
    const auto kind = r.required_string("kind", 20);
    if (auto k = parse_principal_kind(kind))
      p.kind = *k;
    else if (!kind.empty())
      r.add_error("kind", "enum", "Ska vara region eller municipality.");
    p.area_code = r.required_string("areaCode", 4);
  }
  if (creating || r.has("name")) p.name = r.required_string("name", 200);
  if (creating || r.has("organisationNumber"))
    p.organisation_number = r.required_string("organisationNumber", 11);
}

void read_provider(http::ObjectReader& r, CareProvider& p, bool creating) {
  if (creating) p.hsa_id = r.required_string("hsaId", 31);
  if (creating || r.has("name")) p.name = r.required_string("name", 200);
  if (creating || r.has("organisationNumber"))
    p.organisation_number = r.required_string("organisationNumber", 11);
  if (creating || r.has("ownerPrincipalIds"))
    p.owner_principal_ids = r.string_array("ownerPrincipalIds", 20);
}

void read_unit(http::ObjectReader& r, Unit& u, bool creating) {
  if (creating) {
    u.care_provider_id = r.required_string("careProviderId", 64);
    u.hsa_id = r.required_string("hsaId", 31);
  }
  if (creating || r.has("name")) u.name = r.required_string("name", 200);
  if (creating || r.has("kind")) {
    const auto kind = r.required_string("kind", 40);
    if (auto k = parse_unit_kind(kind))
      u.kind = *k;
    else if (!kind.empty()) {
      r.add_error("kind", "enum",
                  "Ska vara hospital, hospital_ward, health_centre, home_health_care, home_care, "
                  "residential_care eller administration.");
    }
  }
  if (creating || r.has("municipalityCode"))
    u.municipality_code = r.required_string("municipalityCode", 4);
  if (r.has("parentUnitId")) u.parent_unit_id = r.optional_string("parentUnitId", 64);
  if (r.has("locality")) u.locality = r.optional_string("locality", 100);
  if (r.has("latitude")) u.latitude = r.optional_number("latitude", -90, 90);
  if (r.has("longitude")) u.longitude = r.optional_number("longitude", -180, 180);
  if (r.has("active")) u.active = r.optional_bool("active").value_or(u.active);
  if (r.has("psychiatricCare"))
    u.psychiatric_care = r.optional_bool("psychiatricCare").value_or(u.psychiatric_care);
}

// Validates the body on a scratch value first, so that bad input never reaches the database.
template <class T, class ReadFn>
service::Patch<T> validated_patch(const http::Request& request, ReadFn read) {
  auto body = std::make_shared<boost::json::object>(body_object(request));
  {
    T scratch{};
    http::ObjectReader reader(*body);
    read(reader, scratch, false);
    reader.finish();
  }
  return [body, read](T& target) {
    http::ObjectReader reader(*body);
    read(reader, target, false);
    reader.finish();
  };
}

constexpr const char* kPrincipalSchema =
    R"({"type":"object","required":["kind","name","organisationNumber","areaCode"],
"properties":{"kind":{"enum":["region","municipality"]},"name":{"type":"string"},
"organisationNumber":{"type":"string","pattern":"^[0-9]{6}-[0-9]{4}$"},"areaCode":{"type":"string","pattern":"^[0-9]{2}([0-9]{2})?$"}}})";
constexpr const char* kProviderSchema =
    R"({"type":"object","required":["name","hsaId","organisationNumber","ownerPrincipalIds"],
"properties":{"name":{"type":"string"},"hsaId":{"type":"string","maxLength":31},"organisationNumber":{"type":"string"},
"ownerPrincipalIds":{"type":"array","items":{"type":"string"},"minItems":1}}})";
constexpr const char* kUnitSchema =
    R"({"type":"object","required":["careProviderId","hsaId","name","kind","municipalityCode"],
"properties":{"careProviderId":{"type":"string"},"parentUnitId":{"type":"string"},"hsaId":{"type":"string","maxLength":31},
"name":{"type":"string"},"kind":{"enum":["hospital","hospital_ward","health_centre","home_health_care","home_care","residential_care","administration"]},
"municipalityCode":{"type":"string","pattern":"^[0-9]{4}$"},"locality":{"type":"string"},"latitude":{"type":"number"},
"longitude":{"type":"number"},"active":{"type":"boolean"},"psychiatricCare":{"type":"boolean"}}})";

}  // namespace

void add_organisation_routes(http::Router& router, Services& services) {
  auto& reg = services.registry;
  const auto page_params = std::vector<std::string>{"limit", "cursor"};

  router.add({http::Method::get,
              "/api/v1/principals",
              http::Access::assignment,
              [&reg](http::Context& c) {
                return page_response(reg.list_principals(c.who(), page_request(c.request)),
                                     principal_json);
              },
              {"List principals (huvudmän: the region and its municipalities)", "Organisation", "",
               "", 200, page_params}});
  router.add({http::Method::get,
              "/api/v1/principals/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto p = reg.get_principal(c.who(), c.param("id"));
                return json_with_etag(principal_json(p), p.stamp.version);
              },
              {"Read a principal", "Organisation"}});
  router.add(
      {http::Method::post,
       "/api/v1/principals",
       http::Access::assignment,
       [&reg](http::Context& c) {
         auto input = read_body(c.request, Principal{},
                                [](auto& r, auto& p) { read_principal(r, p, true); });
         const auto p = reg.create_principal(c.who(), std::move(input));
         auto res = json_with_etag(principal_json(p), p.stamp.version, 201);
         res.set_header("Location", "/api/v1/principals/" + p.id);
         return res;
       },
       {"Create a principal (county administrator)", "Organisation", kPrincipalSchema, "", 201}});
  router.add({http::Method::patch,
              "/api/v1/principals/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto p =
                    reg.update_principal(c.who(), c.param("id"), version,
                                         validated_patch<Principal>(c.request, read_principal));
                return json_with_etag(principal_json(p), p.stamp.version);
              },
              {"Change a principal's name or organisation number (If-Match)", "Organisation"},
              true});

  router.add({http::Method::get,
              "/api/v1/care-providers",
              http::Access::assignment,
              [&reg](http::Context& c) {
                return page_response(reg.list_care_providers(c.who(), page_request(c.request)),
                                     care_provider_json);
              },
              {"List care providers (vårdgivare and omsorgsgivare)", "Organisation", "", "", 200,
               page_params}});
  router.add({http::Method::get,
              "/api/v1/care-providers/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto p = reg.get_care_provider(c.who(), c.param("id"));
                return json_with_etag(care_provider_json(p), p.stamp.version);
              },
              {"Read a care provider", "Organisation"}});
  router.add({http::Method::post,
              "/api/v1/care-providers",
              http::Access::assignment,
              [&reg](http::Context& c) {
                auto input = read_body(c.request, CareProvider{},
                                       [](auto& r, auto& p) { read_provider(r, p, true); });
                const auto p = reg.create_care_provider(c.who(), std::move(input));
                auto res = json_with_etag(care_provider_json(p), p.stamp.version, 201);
                res.set_header("Location", "/api/v1/care-providers/" + p.id);
                return res;
              },
              {"Create a care provider owned by one or more principals", "Organisation",
               kProviderSchema, "", 201}});
  router.add({http::Method::patch,
              "/api/v1/care-providers/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto p = reg.update_care_provider(
                    c.who(), c.param("id"), version,
                    validated_patch<CareProvider>(c.request, read_provider));
                return json_with_etag(care_provider_json(p), p.stamp.version);
              },
              {"Change a care provider (If-Match)", "Organisation"},
              true});

  router.add(
      {http::Method::get,
       "/api/v1/units",
       http::Access::assignment,
       [&reg](http::Context& c) {
         store::UnitFilter filter;
         filter.care_provider_id = query_text(c.request, "careProviderId", 64);
         filter.municipality_code = query_text(c.request, "municipalityCode", 4);
         if (auto kind = query_text(c.request, "kind", 40)) {
           filter.kind = parse_unit_kind(*kind);
           if (!filter.kind) {
             core::Problem p = core::validation_problem({{"kind", "enum", "Okänd enhetstyp."}});
             p.status = 400;
             core::throw_problem(std::move(p));
           }
         }
         return page_response(reg.list_units(c.who(), filter, page_request(c.request)), unit_json);
       },
       {"List units (vårdenheter) by provider, kind or municipality",
        "Organisation",
        "",
        "",
        200,
        {"careProviderId", "kind", "municipalityCode", "limit", "cursor"}}});
  router.add({http::Method::get,
              "/api/v1/units/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto u = reg.get_unit(c.who(), c.param("id"));
                return json_with_etag(unit_json(u), u.stamp.version);
              },
              {"Read a unit", "Organisation"}});
  router.add({http::Method::post,
              "/api/v1/units",
              http::Access::assignment,
              [&reg](http::Context& c) {
                auto input =
                    read_body(c.request, Unit{}, [](auto& r, auto& u) { read_unit(r, u, true); });
                const auto u = reg.create_unit(c.who(), std::move(input));
                auto res = json_with_etag(unit_json(u), u.stamp.version, 201);
                res.set_header("Location", "/api/v1/units/" + u.id);
                return res;
              },
              {"Create a unit with its HSA-id", "Organisation", kUnitSchema, "", 201}});
  router.add({http::Method::patch,
              "/api/v1/units/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto u = reg.update_unit(c.who(), c.param("id"), version,
                                               validated_patch<Unit>(c.request, read_unit));
                return json_with_etag(unit_json(u), u.stamp.version);
              },
              {"Change a unit (If-Match)", "Organisation"},
              true});
}

}  // namespace nara::api
