#pragma once
#include <chrono>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::service {

struct SessionPolicy {
  std::chrono::minutes idle_timeout{30};
  std::chrono::hours absolute_timeout{12};
  int max_failed_logins = 5;  // within failure_window, then locked
  std::chrono::minutes failure_window{15};
  std::chrono::minutes lockout{15};
};

// What every service needs: where data lives and what time it is (injected, so tests and the
// demo can move time).
struct ServiceContext {
  store::Database& db;
  const core::Clock& clock;
  SessionPolicy sessions{};
};

}  // namespace nara::service
