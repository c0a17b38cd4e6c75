#include "harness.hpp"

#include <libpq-fe.h>

#include <atomic>
// GCC 12 -O2 -Wnull-dereference false positives in inlined Boost.Asio; see src/http/server.cpp.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include "app/demo_county.hpp"
#include "store/database.hpp"

namespace nara::test {

namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = boost::asio::ip::tcp;

const boost::json::value& Reply::json() const& {
  if (!parsed) parsed = boost::json::parse(body);
  return *parsed;
}

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string{} : it->second;
}

std::vector<std::string> Reply::problem_fields() const {
  std::vector<std::string> fields;
  const auto& value = json();
  if (const auto* errors = value.as_object().if_contains("errors")) {
    for (const auto& e : errors->as_array())
      fields.emplace_back(e.as_object().at("field").as_string());
  }
  return fields;
}

std::string Reply::problem_rule(const std::string& field) const {
  const auto& value = json();
  if (const auto* errors = value.as_object().if_contains("errors")) {
    for (const auto& e : errors->as_array()) {
      if (e.as_object().at("field").as_string() == field)
        return std::string(e.as_object().at("rule").as_string());
    }
  }
  return {};
}

Reply Client::send(const std::string& method, const std::string& target, const std::string& body,
                   std::map<std::string, std::string> headers) const {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  if (!token_.empty() && !headers.contains("Authorization"))
    request.set(bhttp::field::authorization, "Bearer " + token_);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser);
  Reply reply;
  reply.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  reply.body = parser.get().body();
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return reply;
}

Reply Client::sign_in(const std::string& username, const std::string& password,
                      const std::optional<std::string>& assignment_id) {
  boost::json::object body{{"username", username}, {"password", password}, {"client", "api"}};
  if (assignment_id) body["assignmentId"] = *assignment_id;
  Client anonymous(port_);
  Reply reply = anonymous.post("/api/v1/session", body);
  if (reply.status == 201) token_ = std::string(reply.json().at("token").as_string());
  return reply;
}

std::int64_t Server::count(const std::string& table) const {
  return instance->database().read([&](store::Transaction& tx) {
    return tx.query("SELECT COUNT(*) FROM " + table).row(0).int64(0);
  });
}

namespace {

std::atomic<int> database_counter{0};

std::string postgres_base_url() {
  const char* url = std::getenv("NARA_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "NARA_TEST_POSTGRES_URL is not set: run the suite with scripts/test.sh (it starts a "
        "throwaway "
        "PostgreSQL 15), or start one with scripts/start-postgres.sh");
  }
  return url;
}

std::string new_database_url(const std::string& engine) {
  const int n = ++database_counter;
  if (engine == "sqlite") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("nara-it-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / ("db" + std::to_string(n) + ".sqlite");
    std::filesystem::remove(file);
    return "sqlite:" + file.string();
  }
  const std::string base = postgres_base_url();
  PGconn* conn = PQconnectdb(base.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL: " + message);
  }
  const std::string name = "nara_it_" + std::to_string(::getpid()) + "_" + std::to_string(n);
  PGresult* result = PQexec(conn, ("CREATE DATABASE " + name).c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + message);
  return base.substr(0, base.rfind('/') + 1) + name;
}

}  // namespace

std::unique_ptr<Server> fresh_server(const std::string& engine, bool with_demo,
                                     const std::function<void(app::Config&)>& configure) {
  auto server = std::make_unique<Server>();
  server->engine = engine;
  server->database_url = new_database_url(engine);
  server->clock = std::make_shared<core::FixedClock>(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
  app::Config config;
  config.database_url = server->database_url;
  config.port = 0;
  config.threads = 4;
  config.access_log = false;
  config.web_root = "/nonexistent";
  config.pool_size = 8;
  if (configure) configure(config);
  server->instance = std::make_unique<app::Instance>(config, server->clock);
  store::migrate(server->instance->database());
  if (with_demo)
    app::seed_demo_county(server->instance->database(), *server->clock, NARA_SHARED_DIR);
  server->port = server->instance->start();
  return server;
}

Server& server_for(const std::string& engine) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Server>> servers;
  const std::lock_guard lock(mutex);
  auto& slot = servers[engine];
  if (!slot) slot = fresh_server(engine, true);
  return *slot;
}

std::vector<std::string> engines() {
  return {"sqlite", "postgres"};
}

std::string engine_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

std::string unused_test_personnummer(const Server& server) {
  static std::mutex mutex;
  static std::set<std::string> handed_out;
  const std::lock_guard lock(mutex);
  std::ifstream in(std::string(NARA_SHARED_DIR) +
                   "/data/personnummer/skatteverket-testpersonnummer.txt");
  std::string line;
  while (std::getline(in, line)) {
    // Adults born 1950–1990: valid in every written form and unambiguous in 10-digit form.
    if (line.size() != 12 || line < "1950" || line > "1990" || handed_out.contains(line)) continue;
    const bool used = server.instance->database().read([&](store::Transaction& tx) {
      return !tx.query("SELECT id FROM persons WHERE identifier = ?", line).empty();
    });
    if (used) continue;
    handed_out.insert(line);
    return line;
  }
  throw std::runtime_error("no unused test personnummer left");
}

std::string EngineTest::query_one(const std::string& sql, const std::string& arg) {
  return server().instance->database().read([&](store::Transaction& tx) {
    const auto rs = arg.empty() ? tx.query(sql) : tx.query(sql, arg);
    return rs.empty() ? std::string() : rs.row(0).text(0);
  });
}

std::string EngineTest::unit(const std::string& name) {
  return query_one("SELECT id FROM units WHERE name = ?", name);
}

Client EngineTest::signed_in(const std::string& username) {
  Client c = server().client();
  EXPECT_EQ(c.sign_in(username).status, 201) << username;
  return c;
}

}  // namespace nara::test
