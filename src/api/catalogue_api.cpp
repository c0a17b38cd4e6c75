// /api/v1/responsibility-catalogue: the county's ansvarsfördelning, versioned.
#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "domain/requests/request.hpp"
#include "domain/sip/plan.hpp"
#include "service/sip_codec.hpp"

namespace nara::api {

namespace json = boost::json;
namespace resp = domain::responsibility;

namespace {

json::object version_json(const resp::CatalogueVersion& v, bool with_services) {
  json::object out{{"id", v.id},
                   {"version", v.version},
                   {"title", v.title},
                   {"validFrom", service::format_date(v.valid_from)},
                   {"validTo", v.valid_to ? json::value(service::format_date(*v.valid_to))
                                          : json::value(nullptr)},
                   {"source", v.source},
                   {"demo", v.demo}};
  if (with_services) out["serviceTypes"] = service::services_to_json(v.services);
  return out;
}

std::optional<std::chrono::year_month_day> date_field(http::ObjectReader& r,
                                                      const std::string& name) {
  const auto text = r.optional_string(name, 10);
  if (!text) return std::nullopt;
  auto d = domain::sip::parse_calendar_date(*text);
  if (!d) r.add_error(name, "date", "Ange datum som ÅÅÅÅ-MM-DD.");
  return d;
}

std::optional<bool> optional_flag(http::ObjectReader& r, const std::string& name) {
  return r.optional_bool(name);
}

resp::Condition read_condition(http::ObjectReader& w) {
  resp::Condition c;
  if (auto res = w.optional_string("residence", 40)) {
    c.residence = resp::parse_residence(*res);
    if (!c.residence)
      w.add_error("residence", "enum", "Ska vara ordinary_home eller residential_care.");
  }
  c.can_visit_health_centre = optional_flag(w, "canVisitHealthCentre");
  c.under_18 = optional_flag(w, "under18");
  c.lss = optional_flag(w, "lss");
  return c;
}

resp::PersonContext read_context(const http::Request& request) {
  resp::PersonContext c;
  auto flag = [&](std::string_view name, bool fallback) {
    const auto v = request.query_param(name);
    if (!v) return fallback;
    if (*v == "true") return true;
    if (*v == "false") return false;
    core::throw_field_error(std::string(name), "boolean", "Ska vara true eller false.", 400);
  };
  if (const auto r = request.query_param("residence")) {
    const auto parsed = resp::parse_residence(*r);
    if (!parsed)
      core::throw_field_error("residence", "enum", "Ska vara ordinary_home eller residential_care.",
                              400);
    c.residence = *parsed;
  }
  c.can_visit_health_centre = flag("canVisitHealthCentre", true);
  c.under_18 = flag("under18", false);
  c.lss = flag("lss", false);
  return c;
}

std::optional<std::chrono::year_month_day> date_param(const http::Request& request) {
  const auto at = request.query_param("at");
  if (!at) return std::nullopt;
  auto d = domain::sip::parse_calendar_date(*at);
  if (!d) core::throw_field_error("at", "date", "Ange datum som ÅÅÅÅ-MM-DD.", 400);
  return d;
}

}  // namespace

void add_catalogue_routes(http::Router& router, Services& services) {
  auto& catalogue = services.catalogue;
  router.add({http::Method::get,
              "/api/v1/responsibility-catalogue",
              http::Access::assignment,
              [&catalogue](http::Context& c) {
                return json_response(
                    version_json(catalogue.in_force(c.who(), date_param(c.request)), true));
              },
              {"The catalogue version in force today (or on ?at=YYYY-MM-DD)",
               "Responsibility",
               "",
               "",
               200,
               {"at"}}});
  router.add({http::Method::get,
              "/api/v1/responsibility-catalogue/versions",
              http::Access::assignment,
              [&catalogue](http::Context& c) {
                json::array items;
                for (const auto& v : catalogue.versions(c.who()))
                  items.push_back(version_json(v, false));
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"Every published version with its validity period", "Responsibility"}});
  router.add({http::Method::get,
              "/api/v1/responsibility-catalogue/versions/{id}",
              http::Access::assignment,
              [&catalogue](http::Context& c) {
                return json_response(version_json(catalogue.get(c.who(), c.param("id")), true));
              },
              {"One version with its service types and rules", "Responsibility"}});
  router.add(
      {http::Method::post,
       "/api/v1/responsibility-catalogue/versions",
       http::Access::assignment,
       [&catalogue](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         resp::CatalogueVersion v;
         v.title = r.required_string("title", 200);
         if (auto from = date_field(r, "validFrom"))
           v.valid_from = *from;
         else if (!r.has("validFrom"))
           r.add_error("validFrom", "required", "Ange från vilket datum versionen gäller.");
         v.valid_to = date_field(r, "validTo");
         v.source = r.required_string("source", 1000);
         v.demo = r.optional_bool("demo").value_or(false);
         if (const auto services_in = r.object_array("serviceTypes", 200)) {
           for (std::size_t i = 0; i < services_in->size(); ++i) {
             const std::string at = "serviceTypes/" + std::to_string(i);
             http::ObjectReader s(*(*services_in)[i], at);
             resp::ServiceType st;
             st.code = s.required_string("code", 64);
             st.name = s.required_string("name", 200);
             st.demo = s.optional_bool("demo").value_or(false);
             if (const auto rules = s.object_array("rules", 50)) {
               for (std::size_t j = 0; j < rules->size(); ++j) {
                 http::ObjectReader rr(*(*rules)[j], at + "/rules/" + std::to_string(j));
                 resp::Rule rule;
                 if (const auto* when = rr.optional_object("when")) {
                   http::ObjectReader w(*when, at + "/rules/" + std::to_string(j) + "/when");
                   rule.when = read_condition(w);
                   w.finish();
                 }
                 const auto principal = rr.required_string("principal", 20);
                 if (auto p = service::parse_principal(principal))
                   rule.principal = *p;
                 else if (!principal.empty())
                   rr.add_error("principal", "enum", "Ska vara region eller municipality.");
                 const auto unit_kind = rr.required_string("unitKind", 40);
                 if (auto k = domain::registry::parse_unit_kind(unit_kind))
                   rule.unit_kind = *k;
                 else if (!unit_kind.empty())
                   rr.add_error("unitKind", "enum", "Okänd enhetstyp.");
                 rule.note = rr.optional_string("note", 1000).value_or("");
                 rr.finish();
                 st.rules.push_back(std::move(rule));
               }
             }
             s.finish();
             v.services.push_back(std::move(st));
           }
         }
         r.finish();
         return json_response(version_json(catalogue.publish(c.who(), std::move(v)), true), 201);
       },
       {"Publish a new version (county administrator); the open version before it ends the day "
        "before",
        "Responsibility",
        R"({"type":"object","required":["title","validFrom","source","serviceTypes"],"properties":{"title":{"type":"string"},"validFrom":{"type":"string","format":"date"},"validTo":{"type":"string","format":"date"},"source":{"type":"string"},"demo":{"type":"boolean"},"serviceTypes":{"type":"array","items":{"type":"object","required":["code","name","rules"],"properties":{"code":{"type":"string"},"name":{"type":"string"},"demo":{"type":"boolean"},"rules":{"type":"array","items":{"type":"object","required":["principal","unitKind"],"properties":{"when":{"type":"object","properties":{"residence":{"enum":["ordinary_home","residential_care"]},"canVisitHealthCentre":{"type":"boolean"},"under18":{"type":"boolean"},"lss":{"type":"boolean"}}},"principal":{"enum":["region","municipality"]},"unitKind":{"type":"string"},"note":{"type":"string"}}}}}}}}})",
        "", 201}});
  router.add(
      {http::Method::get,
       "/api/v1/responsibility-catalogue/suggestion",
       http::Access::assignment,
       [&catalogue](http::Context& c) {
         auto code = query_text(c.request, "serviceType", 64);
         if (const auto type = query_text(c.request, "requestType", 64); type && !code) {
           // A new request asks by its type: the type names the service it falls under.
           const auto* known = domain::requests::find_request_type(*type);
           if (!known) core::throw_field_error("requestType", "enum", "Okänd typ av begäran.", 400);
           if (known->service_type.empty()) {
             core::throw_field_error("requestType", "catalogue.not_applicable",
                                     "Ansvarsfördelningen gäller inte denna typ av begäran.", 400);
           }
           code = std::string(known->service_type);
         }
         if (!code)
           core::throw_field_error("serviceType", "required",
                                   "Ange tjänsten eller typen av begäran.", 400);
         const auto s =
             catalogue.suggest(c.who(), *code, read_context(c.request), date_param(c.request));
         json::object out{{"catalogueVersion", s.catalogue_version}};
         if (s.decision.suggestion) {
           const auto& g = *s.decision.suggestion;
           out["suggestion"] = json::object{{"serviceType", g.service_code},
                                            {"serviceName", g.service_name},
                                            {"responsible", service::principal_code(g.principal)},
                                            {"unitKind", domain::registry::to_string(g.unit_kind)},
                                            {"rule", g.rule_index},
                                            {"note", g.note}};
         } else {
           out["suggestion"] = nullptr;
           out["noDecision"] =
               json::object{{"rule", s.decision.none->rule}, {"reason", s.decision.none->reason}};
         }
         return json_response(out);
       },
       {"Who is responsible for a service type given a person's situation (no personal data: "
        "the situation is stated in the query)",
        "Responsibility",
        "",
        "",
        200,
        {"serviceType", "residence", "canVisitHealthCentre", "under18", "lss", "at"}}});
}

}  // namespace nara::api
