#pragma once
#include <boost/json.hpp>
#include <functional>
#include <string>

#include "http/router.hpp"
#include "interop/hl7v2/ingest.hpp"
#include "service/access_service.hpp"
#include "service/auth_service.hpp"
#include "service/catalogue_service.hpp"
#include "service/episode_service.hpp"
#include "service/fhir_service.hpp"
#include "service/follow_up_service.hpp"
#include "service/liability_report.hpp"
#include "service/liability_service.hpp"
#include "service/log_review_service.hpp"
#include "service/named_contact_service.hpp"
#include "service/planning_service.hpp"
#include "service/registry_service.hpp"
#include "service/request_service.hpp"
#include "service/sharing_service.hpp"
#include "service/sip_service.hpp"
#include "service/ward_board_service.hpp"
#include "service/worklist_service.hpp"

namespace nara::api {

struct Services {
  service::AuthService& auth;
  service::RegistryService& registry;
  service::AccessService& access;
  service::LogReviewService& log_review;
  service::SharingService& sharing;
  service::EpisodeService& episodes;
  interop::hl7v2::AdtIngest& hl7;
  service::WorklistService& worklists;
  service::LiabilityReportService& liability_reports;
  service::SipService& sips;
  service::RequestService& requests;
  service::NamedContactService& named_contacts;
  service::CatalogueService& catalogue;
  service::LiabilityService& liability;
  service::WardBoardService& ward_boards;
  service::PlanningService& planning;
  service::FollowUpService& follow_up;
  service::FhirService& fhir;
  const core::Clock& clock;
  store::Database& db;
  std::function<std::string()> render_metrics;  // set once the application exists
  std::string version;
};

void add_session_routes(http::Router& router, Services& services);
void add_organisation_routes(http::Router& router, Services& services);
void add_person_routes(http::Router& router, Services& services);
void add_staff_routes(http::Router& router, Services& services);
void add_system_routes(http::Router& router, Services& services);
void add_access_routes(http::Router& router, Services& services);
void add_log_review_routes(http::Router& router, Services& services);
void add_sharing_routes(http::Router& router, Services& services);
void add_episode_routes(http::Router& router, Services& services, const core::Clock& clock);
void add_sip_routes(http::Router& router, Services& services);
void add_named_contact_routes(http::Router& router, Services& services);
void add_request_routes(http::Router& router, Services& services);
void add_catalogue_routes(http::Router& router, Services& services);
void add_planning_routes(http::Router& router, Services& services);

void add_hl7_routes(http::Router& router, Services& services);
void add_worklist_routes(http::Router& router, Services& services);
void add_liability_routes(http::Router& router, Services& services);
void add_ward_board_routes(http::Router& router, Services& services);
void add_follow_up_routes(http::Router& router, Services& services);
// /fhir/R4 (docs/fhir.md): the FHIR R4 façade, its CapabilityStatement and SMART configuration.
void add_fhir_routes(http::Router& router, Services& services);

// All of the above plus GET /api/v1/openapi.json generated from the finished table.
http::Router build_router(Services& services);

boost::json::object openapi_document(const http::Router& router, const std::string& version);

}  // namespace nara::api
