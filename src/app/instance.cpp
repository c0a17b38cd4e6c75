#include "app/instance.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "api/fhir_support.hpp"
#include "api/routes.hpp"
#include "core/random.hpp"
#include "http/application.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "interop/fhir/import_bundle.hpp"
#include "interop/hl7v2/ingest.hpp"
#include "interop/hl7v2/mllp_server.hpp"
#include "service/audit_log.hpp"

namespace nara::app {

std::string version_string() {
  return "0.1.0";
}

namespace {

// Adapts the session service to the HTTP pipeline: Bearer token first, then the session cookie.
class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(service::AuthService& auth) : auth_(auth) {}

  std::optional<http::Authentication> authenticate(const http::Request& request) override {
    bool via_cookie = false;
    std::string token;
    if (auto header = request.header("authorization"); header && header->starts_with("Bearer ")) {
      token = header->substr(7);
    } else if (auto cookies = request.header("cookie")) {
      token = cookie_value(*cookies, "nara_session");
      via_cookie = true;
    }
    if (token.empty()) return std::nullopt;
    auto found = auth_.authenticate(token);
    if (!found) return std::nullopt;
    return http::Authentication{std::move(found->actor), via_cookie, std::move(found->csrf_token)};
  }

 private:
  static std::string cookie_value(const std::string& header, const std::string& name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
      while (pos < header.size() &&
             (header[pos] == ' ' || header[pos] == ';' || header[pos] == ','))
        ++pos;
      const auto eq = header.find('=', pos);
      if (eq == std::string::npos) break;
      const auto end = header.find(';', eq);
      if (header.compare(pos, eq - pos, name) == 0) {
        return header.substr(eq + 1, (end == std::string::npos ? header.size() : end) - eq - 1);
      }
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    return {};
  }

  service::AuthService& auth_;
};

}  // namespace

struct Instance::Impl {
  Config config;
  std::shared_ptr<core::Clock> clock;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::AuthService> auth;
  std::unique_ptr<service::RegistryService> registry;
  std::unique_ptr<service::AccessService> access;
  std::unique_ptr<service::LogReviewService> log_review;
  std::unique_ptr<service::SharingService> sharing;
  std::unique_ptr<service::EpisodeService> episodes;
  std::unique_ptr<service::WorklistService> worklists;
  std::unique_ptr<service::LiabilityReportService> liability_reports;
  std::unique_ptr<service::SipService> sips;
  std::unique_ptr<service::RequestService> requests;
  std::unique_ptr<service::NamedContactService> named_contacts;
  std::unique_ptr<service::CatalogueService> catalogue;
  std::unique_ptr<service::LiabilityService> liability;
  std::unique_ptr<service::WardBoardService> ward_boards;
  std::unique_ptr<service::FollowUpService> follow_up;
  std::unique_ptr<service::FhirService> fhir;
  std::unique_ptr<api::Services> services;
  std::unique_ptr<http::Application> application;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<interop::hl7v2::AdtIngest> hl7;
  std::unique_ptr<interop::hl7v2::MllpServer> mllp;
  // Destroyed before the listener: its writer may still post ACKs to the listener's I/O context.
  std::unique_ptr<interop::hl7v2::IngestQueue> hl7_queue;
  std::optional<std::uint16_t> hl7_port;
  // Destroyed before the server (members go in reverse order): its solver threads are
  // cancelled and joined while the server's io_context still exists for their completions.
  std::unique_ptr<service::PlanningService> planning;
  // Destroyed first (members go in reverse order): its writer flushes what is queued while the
  // server's io_context still exists, so a late commit can only post to a stopped context, never
  // resume a request on a destroyed server. The services using it have stopped with the server.
  std::unique_ptr<service::AuditLog> audit;
};

Instance::Instance(Config config, std::shared_ptr<core::Clock> clock)
    : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->clock = std::move(clock);
  store::DatabaseOptions options;
  options.max_connections = impl_->config.pool_size;
  impl_->db = store::open_database(impl_->config.database_url, options);
}

Instance::~Instance() {
  stop();
}

store::Database& Instance::database() {
  return *impl_->db;
}

std::uint16_t Instance::start() {
  auto& impl = *impl_;
  const int applied = store::migrate(*impl.db);
  spdlog::info(R"({{"event":"migrated","database":"{}","applied":{}}})", impl.db->describe(),
               applied);

  impl.audit = std::make_unique<service::AuditLog>(*impl.db);
  const service::ServiceContext context{*impl.db, *impl.clock, {}, impl.audit.get()};
  impl.auth = std::make_unique<service::AuthService>(context);
  impl.registry = std::make_unique<service::RegistryService>(context);
  impl.access = std::make_unique<service::AccessService>(context);
  impl.log_review = std::make_unique<service::LogReviewService>(context);
  impl.sharing = std::make_unique<service::SharingService>(context);
  impl.episodes = std::make_unique<service::EpisodeService>(context);
  impl.worklists = std::make_unique<service::WorklistService>(context);
  impl.liability_reports = std::make_unique<service::LiabilityReportService>(context);
  impl.liability = std::make_unique<service::LiabilityService>(context);
  impl.ward_boards = std::make_unique<service::WardBoardService>(context);
  impl.follow_up = std::make_unique<service::FollowUpService>(context);
  impl.fhir = std::make_unique<service::FhirService>(context);
  interop::hl7v2::IngestOptions hl7_options;
  if (const auto policy =
          interop::hl7v2::parse_unknown_person_policy(impl.config.hl7_unknown_person)) {
    hl7_options.unknown_person = *policy;
  } else {
    throw std::invalid_argument("hl7 unknown-person must be reject or reservnummer");
  }
  if (const auto policy = interop::hl7v2::parse_not_applicable_policy(impl.config.hl7_a04_a05)) {
    hl7_options.not_applicable = *policy;
  } else {
    throw std::invalid_argument("hl7 a04-a05 must be acknowledge or reject");
  }
  impl.hl7 = std::make_unique<interop::hl7v2::AdtIngest>(context, *impl.episodes, hl7_options);
  impl.sips = std::make_unique<service::SipService>(context);
  impl.requests = std::make_unique<service::RequestService>(context);
  impl.named_contacts = std::make_unique<service::NamedContactService>(context);
  impl.catalogue = std::make_unique<service::CatalogueService>(context);
  // Half the cores for solving at most: the rest keep serving requests meanwhile (issue 7).
  impl.planning = std::make_unique<service::PlanningService>(
      context, std::clamp(std::thread::hardware_concurrency() / 2, 1U, 4U));
  impl.services = std::make_unique<api::Services>(
      api::Services{*impl.auth,       *impl.registry,  *impl.access,
                    *impl.log_review, *impl.sharing,   *impl.episodes,
                    *impl.hl7,        *impl.worklists, *impl.liability_reports,
                    *impl.sips,       *impl.requests,  *impl.named_contacts,
                    *impl.catalogue,  *impl.liability, *impl.ward_boards,
                    *impl.planning,   *impl.follow_up, *impl.fhir,
                    *impl.clock,      *impl.db,        {},
                    version_string()});
  http::ApplicationOptions app_options;
  app_options.access_log = impl.config.access_log;
  impl.application = std::make_unique<http::Application>(
      api::build_router(*impl.services), std::make_shared<SessionAuthenticator>(*impl.auth),
      app_options);
  auto* application = impl.application.get();
  auto* audit = impl.audit.get();
  auto* hl7_queue = &impl.hl7_queue;
  impl.services->render_metrics = [application, audit, hl7_queue] {
    std::string hl7;
    if (*hl7_queue) {
      hl7 = "# TYPE nara_hl7_batches_total counter\nnara_hl7_batches_total " +
            std::to_string((*hl7_queue)->batches_written()) +
            "\n# TYPE nara_hl7_messages_total counter\nnara_hl7_messages_total " +
            std::to_string((*hl7_queue)->messages_written()) + "\n";
    }
    // How many read entries share one commit: the group committer's effect, seen from outside.
    return application->metrics().render() +
           "# TYPE nara_audit_batches_total counter\nnara_audit_batches_total " +
           std::to_string(audit->batches_written()) +
           "\n# TYPE nara_audit_entries_total counter\nnara_audit_entries_total " +
           std::to_string(audit->entries_written()) +
           "\n# TYPE nara_audit_index_runs_total counter\nnara_audit_index_runs_total " +
           std::to_string(audit->index_runs()) +
           "\n# TYPE nara_audit_index_failures_total counter\nnara_audit_index_failures_total " +
           std::to_string(audit->index_failures()) + "\n" + hl7;
  };

  const std::filesystem::path web_root = impl.config.web_root;
  application->set_fallback(
      [web_root](const http::Request& request) -> std::optional<http::Response> {
        if (auto file = http::serve_static(web_root, request)) return file;
        if (request.path != "/") return std::nullopt;
        http::Response r;
        r.content_type = "text/html; charset=utf-8";
        r.body =
            "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Nära</title>"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
            "<main><h1>Nära</h1><p>Nära-servern kör. Webbappen är inte byggd ännu.</p>"
            "<ul><li><a href=\"/api/v1/openapi.json\">API-dokumentation (OpenAPI 3.1)</a></li>"
            "<li><a href=\"/healthz\">Hälsa</a> · <a href=\"/readyz\">Redo</a> · <a "
            "href=\"/metrics\">Mätvärden</a></li>"
            "</ul></main></body></html>";
        return r;
      });

  http::ServerOptions server_options;
  server_options.address = impl.config.address;
  server_options.port = impl.config.port;
  server_options.threads = impl.config.threads;
  server_options.max_body_bytes = impl.config.max_body_bytes;
  // A FHIR transaction Bundle to import is larger than any API body (issue 20: up to 50 MB).
  server_options.large_body_paths.emplace(std::string(api::fhir::kBasePath),
                                          interop::fhir::import::kMaxBundleBytes);
  impl.server = std::make_unique<http::Server>(
      server_options, [application](http::Request& r) { return application->handle(r); },
      [application](int status, const std::string& title, const std::string& detail,
                    const http::Request& unreadable) {
        http::Request request = unreadable;
        request.request_id = core::random_token(12);
        core::Problem p;
        p.status = status;
        p.type = "about:blank";
        p.title = title;
        p.detail = detail;
        // Under /fhir/ an OperationOutcome, as for every other error there.
        const auto* renderer = application->router().problem_renderer_for(request.target);
        http::Response response =
            renderer ? (*renderer)(p, request) : http::problem_response(p, request);
        response.set_header("X-Request-Id", request.request_id);
        return response;
      });
  const auto port = impl.server->start();
  if (impl.config.hl7_port) {
    impl.hl7_queue = std::make_unique<interop::hl7v2::IngestQueue>(*impl.hl7);
    interop::hl7v2::MllpServerOptions mllp_options;
    mllp_options.address = impl.config.address;
    mllp_options.port = *impl.config.hl7_port;
    auto* queue = impl.hl7_queue.get();
    impl.mllp = std::make_unique<interop::hl7v2::MllpServer>(
        mllp_options, [queue](const std::string& message, const std::string& peer,
                              std::function<void(std::string)> reply) {
          domain::access::Actor sender;
          sender.display_name = "HL7 v2 MLLP " + peer;
          sender.role = domain::access::Role::integration;
          queue->submit(interop::hl7v2::receive(message, std::move(sender)),
                        [reply = std::move(reply)](interop::hl7v2::IngestResult result) {
                          reply(std::move(result.ack));
                        });
        });
    impl.hl7_port = impl.mllp->start();
    spdlog::info(R"({{"event":"listening","protocol":"mllp","address":"{}","port":{}}})",
                 impl.config.address, *impl.hl7_port);
  }
  spdlog::info(R"({{"event":"listening","address":"{}","port":{}}})", impl.config.address, port);
  return port;
}

void Instance::wait() {
  if (impl_->server) impl_->server->wait();
}

std::optional<std::uint16_t> Instance::hl7_port() const {
  return impl_->hl7_port;
}

void Instance::stop() {
  if (impl_->mllp) impl_->mllp->stop();
  if (impl_->server) impl_->server->stop();
}

}  // namespace nara::app
