#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace nara::store::sqlite {

class Connection;

// Embedded SQLite in WAL mode with foreign keys on. Connections are pooled: each transaction
// borrows one, so readers run in parallel and writers queue on BEGIN IMMEDIATE.
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& options);
  ~SqliteDatabase() override;

  [[nodiscard]] Engine engine() const override { return Engine::sqlite; }
  [[nodiscard]] std::string describe() const override { return "sqlite:" + path_; }

  void release(std::unique_ptr<Connection> connection);

 protected:
  std::unique_ptr<Transaction> begin(bool for_write) override;

 private:
  std::unique_ptr<Connection> acquire();

  std::string path_;
  DatabaseOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace nara::store::sqlite
