#pragma once
// One running Nära: database, clock, services, routes and the HTTP server, wired together. Used by
// `nara serve` and by the integration tests, which start real servers on free ports.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app {

struct Config {
  std::string database_url = "sqlite:var/nara.db";
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 0;
  std::string web_root = "web/dist";
  bool access_log = true;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::size_t pool_size = 16;
  // HL7 v2 over MLLP (issue 4): off unless a port is given; 0 picks a free port (tests).
  std::optional<std::uint16_t> hl7_port;
  std::string hl7_unknown_person = "reject";  // or "reservnummer"
  // A04 register and A05 pre-admit concern no inpatient stay: "acknowledge" answers AA with a
  // note, "reject" AR with ERR-3 201 (issue 20 point 5).
  std::string hl7_a04_a05 = "acknowledge";
};

std::string version_string();

class Instance {
 public:
  // `clock` may be shared with a test or the demo; the instance never owns time.
  Instance(Config config, std::shared_ptr<core::Clock> clock);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  std::uint16_t start();  // migrates, binds, serves; returns the port
  // The MLLP listener's port once started, if configured.
  [[nodiscard]] std::optional<std::uint16_t> hl7_port() const;
  void wait();
  void stop();

  store::Database& database();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nara::app
