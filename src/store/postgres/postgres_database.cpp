#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <boost/url/parse.hpp>
#include <cstring>
#include <unordered_map>

namespace nara::store::postgres {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

[[noreturn]] void raise(PGconn* conn, const PGresult* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  std::string message =
      std::string(what) + ": " + (result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
    throw RetryableError(message);
  if (sqlstate == "23505") throw ConstraintError(ConstraintError::Kind::unique, message);
  if (sqlstate == "23503") throw ConstraintError(ConstraintError::Kind::foreign_key, message);
  if (sqlstate == "23514") throw ConstraintError(ConstraintError::Kind::check, message);
  if (sqlstate == "23502") throw ConstraintError(ConstraintError::Kind::not_null, message);
  throw DatabaseError(message);
}

}  // namespace

class Connection {
 public:
  explicit Connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DatabaseError("cannot connect to PostgreSQL: " + message);
    }
    // Server notices (e.g. "already exists, skipping") are not errors; keep them out of stderr.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    exec("SET TIME ZONE 'UTC'");
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  void exec(std::string_view sql) {
    const std::string text(sql);
    ResultPtr result(PQexec(conn_, text.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) raise(conn_, result.get(), "exec");
  }

  ResultSet run(std::string_view sql, std::span<const Value> params) {
    const ResultPtr result = execute(sql, params);
    ResultSet out;
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      auto& row = out.rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                       static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
        }
      }
    }
    const char* tuples = PQcmdTuples(result.get());
    out.affected_rows = (tuples && *tuples) ? std::stoll(tuples) : 0;
    return out;
  }

  // The rows are in libpq's result already; each is handed over as views into it.
  void run_each(std::string_view sql, std::span<const Value> params, const RowCallback& fn) {
    const ResultPtr result = execute(sql, params);
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    std::vector<std::string_view> cells(static_cast<std::size_t>(columns));
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        cells[static_cast<std::size_t>(c)] =
            PQgetisnull(result.get(), r, c)
                ? std::string_view()
                : std::string_view(PQgetvalue(result.get(), r, c),
                                   static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
      }
      fn(RowView(cells));
    }
  }

 private:
  ResultPtr execute(std::string_view sql, std::span<const Value> params) {
    const std::string& name = prepared(sql, static_cast<int>(params.size()));
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) continue;
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        storage[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        char buffer[32];
        const int written = std::snprintf(buffer, sizeof buffer, "%.17g", *d);
        storage[i].assign(buffer, static_cast<std::size_t>(written));
      } else {
        storage[i] = std::get<std::string>(v);
      }
      values[i] = storage[i].c_str();
    }
    ResultPtr result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                    values.data(), nullptr, nullptr, 0));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      raise(conn_, result.get(), "query");
    return result;
  }

  const std::string& prepared(std::string_view sql, int parameter_count) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    std::string name = "nara_" + std::to_string(statements_.size() + 1);
    const std::string numbered = to_numbered_placeholders(sql);
    ResultPtr result(PQprepare(conn_, name.c_str(), numbered.c_str(), parameter_count, nullptr));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) raise(conn_, result.get(), "prepare");
    return statements_.emplace(std::string(sql), std::move(name)).first->second;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> statements_;
};

namespace {

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(PostgresDatabase& owner, std::unique_ptr<Connection> connection,
                      bool for_write)
      : owner_(owner), connection_(std::move(connection)) {
    try {
      connection_->exec(for_write ? "BEGIN" : "BEGIN READ ONLY");
    } catch (...) {
      connection_.reset();
      owner_.release(nullptr);
      throw;
    }
  }
  ~PostgresTransaction() override {
    if (!done_) {
      try {
        connection_->exec("ROLLBACK");
      } catch (...) {
        connection_.reset();  // a broken connection is dropped, not pooled
      }
    }
    if (connection_ && connection_->healthy()) {
      owner_.release(std::move(connection_));
    } else {
      connection_.reset();
      owner_.release(nullptr);
    }
  }
  PostgresTransaction(const PostgresTransaction&) = delete;
  PostgresTransaction& operator=(const PostgresTransaction&) = delete;

  [[nodiscard]] Engine engine() const override { return Engine::postgres; }
  ResultSet run(std::string_view sql, std::span<const Value> params) override {
    return connection_->run(sql, params);
  }
  void run_each(std::string_view sql, std::span<const Value> params,
                const RowCallback& fn) override {
    connection_->run_each(sql, params, fn);
  }
  void run_script(std::string_view sql) override { connection_->exec(sql); }
  void commit() override {
    connection_->exec("COMMIT");
    done_ = true;
  }

 private:
  PostgresDatabase& owner_;
  std::unique_ptr<Connection> connection_;
  bool done_ = false;
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, const DatabaseOptions& options)
    : url_(std::move(url)), options_(options) {
  release(acquire());
}

PostgresDatabase::~PostgresDatabase() = default;

std::string PostgresDatabase::describe() const {
  // Never print the password: keep scheme, host, port and database only.
  auto parsed = boost::urls::parse_uri(url_);
  if (!parsed) return "postgresql://(unparsable)";
  return "postgresql://" + std::string(parsed->encoded_host()) +
         (parsed->has_port() ? ":" + std::string(parsed->port()) : "") +
         std::string(parsed->encoded_path());
}

std::unique_ptr<Connection> PostgresDatabase::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < options_.max_connections; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<Connection>(url_);
  } catch (...) {
    const std::lock_guard relock(mutex_);
    --open_;
    available_.notify_one();
    throw;
  }
}

void PostgresDatabase::release(std::unique_ptr<Connection> connection) {
  const std::lock_guard lock(mutex_);
  if (connection) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  available_.notify_one();
}

std::unique_ptr<Transaction> PostgresDatabase::begin(bool for_write) {
  return std::make_unique<PostgresTransaction>(*this, acquire(), for_write);
}

}  // namespace nara::store::postgres
