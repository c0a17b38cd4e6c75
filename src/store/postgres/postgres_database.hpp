#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace nara::store::postgres {

class Connection;

// PostgreSQL through libpq with a bounded connection pool. Statements are prepared once per
// connection; transactions run at READ COMMITTED and are retried on serialization failures and
// deadlocks (SQLSTATE 40001, 40P01).
class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, const DatabaseOptions& options);
  ~PostgresDatabase() override;

  [[nodiscard]] Engine engine() const override { return Engine::postgres; }
  [[nodiscard]] std::string describe() const override;

  void release(std::unique_ptr<Connection> connection);

 protected:
  std::unique_ptr<Transaction> begin(bool for_write) override;

 private:
  std::unique_ptr<Connection> acquire();

  std::string url_;
  DatabaseOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace nara::store::postgres
