#pragma once
// A real Nära server per engine (SQLite file, PostgreSQL database) with the demo county, shared by
// the tests of one binary, plus a small HTTP client. Time is a FixedClock the tests can move.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/instance.hpp"
#include "core/clock.hpp"

namespace nara::test {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  mutable std::optional<boost::json::value> parsed;

  // Parsed once and kept, so references into it stay valid (range-for over a temporary would not).
  [[nodiscard]] const boost::json::value& json() const&;
  // A temporary Reply would leave the references dangling: keep the Reply in a variable.
  const boost::json::value& json() const&& = delete;
  [[nodiscard]] std::string header(const std::string& name) const;
  [[nodiscard]] bool is_problem() const {
    return header("content-type") == "application/problem+json";
  }
  // The fields named in a problem's errors.
  [[nodiscard]] std::vector<std::string> problem_fields() const;
  [[nodiscard]] std::string problem_rule(const std::string& field) const;
};

class Client {
 public:
  explicit Client(std::uint16_t port) : port_(port) {}
  Reply send(const std::string& method, const std::string& target, const std::string& body = {},
             std::map<std::string, std::string> headers = {}) const;
  Reply get(const std::string& target) const { return send("GET", target); }
  Reply post(const std::string& target, const boost::json::value& body) const {
    return send("POST", target, boost::json::serialize(body),
                {{"Content-Type", "application/json"}});
  }
  Reply patch(const std::string& target, const boost::json::value& body,
              const std::string& etag) const {
    return send("PATCH", target, boost::json::serialize(body),
                {{"Content-Type", "application/json"}, {"If-Match", etag}});
  }
  // Signs in as an API client; later requests carry the Bearer token.
  Reply sign_in(const std::string& username, const std::string& password = "Nara-demo-2026",
                const std::optional<std::string>& assignment_id = std::nullopt);
  void use_token(std::string token) { token_ = std::move(token); }
  [[nodiscard]] const std::string& token() const { return token_; }

 private:
  std::uint16_t port_;
  std::string token_;
};

struct Server {
  std::string engine;
  std::string database_url;
  std::shared_ptr<core::FixedClock> clock;
  std::unique_ptr<app::Instance> instance;
  std::uint16_t port = 0;

  [[nodiscard]] Client client() const { return Client(port); }
  std::int64_t count(const std::string& table) const;
};

// The shared server for "sqlite" or "postgres" (started on first use).
Server& server_for(const std::string& engine);
// A new, empty, migrated server with its own database (for tests that need a clean slate).
// `configure` may change the configuration before the server starts (e.g. open the MLLP port).
std::unique_ptr<Server> fresh_server(const std::string& engine, bool with_demo,
                                     const std::function<void(app::Config&)>& configure = {});

// The engines this run tests: always sqlite; postgres whenever NARA_TEST_POSTGRES_URL is set.
std::vector<std::string> engines();

// Skatteverket test personnummer that no person in `server` has yet.
std::string unused_test_personnummer(const Server& server);

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  Server& server() { return server_for(GetParam()); }
  // The first column of the first row of `sql` on this engine's shared server, "" for none.
  std::string query_one(const std::string& sql, const std::string& arg = {});
  // A unit's id by its name, "" when there is none.
  std::string unit(const std::string& name);
  // A client signed in as `username` on this engine's shared server (a failed sign-in fails the
  // test).
  Client signed_in(const std::string& username);
};

std::string engine_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace nara::test
