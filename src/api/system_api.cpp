// Health, readiness, metrics and the OpenAPI document.
#include "api/fhir_import_api.hpp"
#include "api/routes.hpp"
#include "api/support.hpp"
#include "store/database.hpp"

namespace nara::api {

void add_system_routes(http::Router& router, Services& services) {
  router.add({http::Method::get,
              "/healthz",
              http::Access::anonymous,
              [](http::Context&) {
                return json_response(boost::json::object{{"status", "ok"}});
              },
              {"Liveness: the process answers", "System"}});
  router.add(
      {http::Method::get,
       "/readyz",
       http::Access::anonymous,
       [&services](http::Context&) {
         try {
           const int version = store::schema_version(services.db);
           return json_response(boost::json::object{{"status", "ready"},
                                                    {"database", services.db.describe()},
                                                    {"schemaVersion", version}});
         } catch (const std::exception&) {
           return json_response(boost::json::object{{"status", "database unavailable"}}, 503);
         }
       },
       {"Readiness: the database answers and the schema is migrated", "System"}});
  router.add({http::Method::get,
              "/metrics",
              http::Access::anonymous,
              [&services](http::Context&) {
                http::Response r;
                r.content_type = "text/plain; version=0.0.4";
                r.body = services.render_metrics ? services.render_metrics() : std::string{};
                return r;
              },
              {"Prometheus metrics: requests and latency per route", "System"}});
}

http::Router build_router(Services& services) {
  http::Router router;
  add_system_routes(router, services);
  add_session_routes(router, services);
  add_organisation_routes(router, services);
  add_staff_routes(router, services);
  add_person_routes(router, services);
  add_access_routes(router, services);
  add_log_review_routes(router, services);
  add_sharing_routes(router, services);
  add_episode_routes(router, services, services.clock);
  add_hl7_routes(router, services);
  add_worklist_routes(router, services);
  add_sip_routes(router, services);
  add_named_contact_routes(router, services);
  add_request_routes(router, services);
  add_catalogue_routes(router, services);
  add_liability_routes(router, services);
  add_ward_board_routes(router, services);
  add_follow_up_routes(router, services);
  add_planning_routes(router, services);
  add_fhir_routes(router, services);
  add_fhir_import_routes(router, services);
  // The document describes the table as built, including itself.
  auto document = std::make_shared<std::string>();
  router.add({http::Method::get,
              "/api/v1/openapi.json",
              http::Access::anonymous,
              [document](http::Context&) {
                http::Response r;
                r.body = *document;
                return r;
              },
              {"This OpenAPI 3.1 document, generated from the route table", "System"}});
  *document = boost::json::serialize(openapi_document(router, services.version));
  return router;
}

}  // namespace nara::api
