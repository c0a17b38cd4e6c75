#pragma once
// One storage interface, two engines. Callers write portable SQL with `?` placeholders; each
// backend prepares, caches and binds it in its own way. Every use of the database is one
// transaction, retried as a whole when the engine reports a transient conflict.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace nara::store {

enum class Engine { sqlite, postgres };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

inline Value optional_value(const std::optional<std::string>& text) {
  return text ? Value{*text} : Value{nullptr};
}

// A result row as text cells: both engines can hand back text, and callers convert once.
class Row {
 public:
  explicit Row(const std::vector<std::optional<std::string>>* cells) : cells_(cells) {}
  [[nodiscard]] bool is_null(std::size_t i) const { return !cells_->at(i).has_value(); }
  [[nodiscard]] const std::string& text(std::size_t i) const;
  [[nodiscard]] std::optional<std::string> optional_text(std::size_t i) const {
    return cells_->at(i);
  }
  [[nodiscard]] std::int64_t int64(std::size_t i) const;
  [[nodiscard]] std::optional<std::int64_t> optional_int64(std::size_t i) const;
  [[nodiscard]] double real(std::size_t i) const;
  [[nodiscard]] std::optional<double> optional_real(std::size_t i) const;
  [[nodiscard]] bool boolean(std::size_t i) const;

 private:
  const std::vector<std::optional<std::string>>* cells_;
};

// A row handed over while a statement runs (Transaction::each): its cells are views into the
// engine's own buffer, valid only until the callback returns. A NULL cell has no data pointer.
class RowView {
 public:
  explicit RowView(std::span<const std::string_view> cells) : cells_(cells) {}
  [[nodiscard]] bool is_null(std::size_t i) const { return cells_[i].data() == nullptr; }
  [[nodiscard]] std::string_view text(std::size_t i) const;  // DatabaseError on NULL
  [[nodiscard]] std::optional<std::string_view> optional_text(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional<std::string_view>(cells_[i]);
  }
  [[nodiscard]] std::int64_t int64(std::size_t i) const;
  [[nodiscard]] double real(std::size_t i) const;
  [[nodiscard]] bool boolean(std::size_t i) const;

 private:
  std::span<const std::string_view> cells_;
};

using RowCallback = std::function<void(const RowView&)>;

// The parameters of one statement, for Transaction::each.
template <class... Args>
std::array<Value, sizeof...(Args)> parameters(Args&&... args) {
  return {Value(std::forward<Args>(args))...};
}

struct ResultSet {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::int64_t affected_rows = 0;

  [[nodiscard]] bool empty() const { return rows.empty(); }
  [[nodiscard]] std::size_t size() const { return rows.size(); }
  [[nodiscard]] Row row(std::size_t i) const { return Row(&rows.at(i)); }
  [[nodiscard]] std::optional<Row> first() const {
    return rows.empty() ? std::nullopt : std::optional<Row>(Row(&rows.front()));
  }
};

// Raised by a backend for a conflict worth retrying (SQLITE_BUSY, SQLSTATE 40001/40P01).
class RetryableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A uniqueness or foreign-key rule of the schema refused the change.
class ConstraintError : public std::runtime_error {
 public:
  enum class Kind { unique, foreign_key, check, not_null };
  ConstraintError(Kind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  [[nodiscard]] virtual Engine engine() const = 0;
  // Runs one statement with bound parameters; the statement is prepared once per connection.
  virtual ResultSet run(std::string_view sql, std::span<const Value> params) = 0;
  // Runs one statement and hands each row to `fn` as it is read, without copying a cell: for the
  // reads of tens of thousands of rows (the follow-up's), where a ResultSet's string per cell was
  // most of the time. `fn` must not run the same statement again.
  virtual void run_each(std::string_view sql, std::span<const Value> params,
                        const RowCallback& fn) = 0;
  template <std::size_t N>
  void each(std::string_view sql, const std::array<Value, N>& params, const RowCallback& fn) {
    run_each(sql, std::span<const Value>(params.data(), params.size()), fn);
  }
  // Runs a script of several statements without parameters (migrations only).
  virtual void run_script(std::string_view sql) = 0;

  template <class... Args>
  ResultSet query(std::string_view sql, Args&&... args) {
    const std::array<Value, sizeof...(Args)> params{Value(std::forward<Args>(args))...};
    return run(sql, std::span<const Value>(params.data(), params.size()));
  }

  virtual void commit() = 0;
};

struct RetryPolicy {
  int max_attempts = 8;
  std::chrono::milliseconds first_backoff{2};
};

class Database {
 public:
  virtual ~Database() = default;
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] virtual Engine engine() const = 0;
  [[nodiscard]] virtual std::string describe() const = 0;  // engine and location, no secrets

  // Runs `fn` in a write transaction and commits; retried as a whole on transient conflicts, so
  // `fn` must have no effects outside the transaction.
  template <class Fn>
  auto write(Fn&& fn) {
    return run_transaction(true, std::forward<Fn>(fn));
  }
  template <class Fn>
  auto read(Fn&& fn) {
    return run_transaction(false, std::forward<Fn>(fn));
  }

  void set_retry_policy(RetryPolicy policy) { retry_ = policy; }
  [[nodiscard]] std::uint64_t retries() const noexcept { return retries_; }

 protected:
  virtual std::unique_ptr<Transaction> begin(bool for_write) = 0;

 private:
  template <class Fn>
  auto run_transaction(bool for_write, Fn&& fn) {
    using Result = std::invoke_result_t<Fn&, Transaction&>;
    auto backoff = retry_.first_backoff;
    for (int attempt = 1;; ++attempt) {
      try {
        auto tx = begin(for_write);
        if constexpr (std::is_void_v<Result>) {
          fn(*tx);
          tx->commit();
          return;
        } else {
          Result result = fn(*tx);
          tx->commit();
          return result;
        }
      } catch (const RetryableError&) {
        if (attempt >= retry_.max_attempts) throw;
        ++retries_;
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
      }
    }
  }

  RetryPolicy retry_;
  std::uint64_t retries_ = 0;
};

struct DatabaseOptions {
  std::size_t max_connections = 16;  // PostgreSQL pool size; SQLite opens one per concurrent user
  bool sqlite_synchronous_full = true;  // durability of every commit over raw write speed
};

// Opens `sqlite:PATH` or `postgresql://…` / `postgres://…`.
std::unique_ptr<Database> open_database(const std::string& url,
                                        const DatabaseOptions& options = {});

// Applies every numbered migration not yet in `schema_migrations`; returns how many were applied.
int migrate(Database& db);
int schema_version(Database& db);

// Replaces each `?` outside quotes with `$1`, `$2`, … (PostgreSQL placeholders).
std::string to_numbered_placeholders(std::string_view sql);

}  // namespace nara::store
