#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

namespace nara::store::sqlite {

namespace {

bool is_busy(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

[[noreturn]] void raise(sqlite3* db, int code, std::string_view what) {
  std::string message = std::string(what) + ": " + sqlite3_errmsg(db);
  if (is_busy(code)) throw RetryableError(message);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw ConstraintError(ConstraintError::Kind::unique, message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw ConstraintError(ConstraintError::Kind::foreign_key, message);
    case SQLITE_CONSTRAINT_CHECK:
      throw ConstraintError(ConstraintError::Kind::check, message);
    case SQLITE_CONSTRAINT_NOTNULL:
      throw ConstraintError(ConstraintError::Kind::not_null, message);
    default:
      throw DatabaseError(message);
  }
}

struct StatementDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

}  // namespace

class Connection {
 public:
  Connection(const std::string& path, const DatabaseOptions& options) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DatabaseError("cannot open SQLite database: " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA foreign_keys=ON");
    exec(options.sqlite_synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    // The default 2 MB page cache made every transaction re-read index pages through pread (a
    // kernel copy each); 64 MB per connection holds the demo county's hot pages.
    exec("PRAGMA cache_size=-65536");
    // No memory-mapped reads: in WAL mode a read transaction that finds the database changed
    // unmaps the whole mapping (pagerBeginReadTransaction → sqlite3OsUnfetch), and the audit log
    // commits hundreds of times a second under load, so every read paid munmap, TLB
    // shoot-downs and page faults: the session lookup took 2.7x as long as in a build without
    // writes (perf, docs/benchmarks.md, issue 3).
    exec("PRAGMA mmap_size=0");
    // Checkpoint every ~40 MB of WAL instead of every 4 MB: a hot page (an index root, the audit
    // chain head) is copied into the database once per checkpoint, not ten times.
    exec("PRAGMA wal_autocheckpoint=10000");
    // Savepoints (one per HL7 message in a group commit) copy each page they first change into a
    // sub-journal so they can roll back alone; in a temporary file that was one write syscall per
    // page and most of the ingest's time. In memory it is a copy.
    exec("PRAGMA temp_store=MEMORY");
  }
  ~Connection() {
    statements_.clear();
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(std::string_view sql) {
    char* error = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      if (is_busy(rc)) throw RetryableError(message);
      raise(db_, rc, "exec");
    }
  }

  // BEGIN, COMMIT and ROLLBACK run two or three times per request (session lookup, then the
  // handler). sqlite3_exec would parse them every time, which showed up as ~15 % of the server's
  // CPU under load; a cached prepared statement is parsed once per connection. Errors keep the
  // same mapping as exec (busy -> RetryableError), and the statement is always reset.
  void control(std::string_view sql) {
    sqlite3_stmt* stmt = prepared(sql);
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) raise(db_, rc, "exec");
  }

  ResultSet run(std::string_view sql, std::span<const Value> params) {
    sqlite3_stmt* stmt = prepared(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    ResultSet result;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        raise(db_, rc, "step");
      }
      auto& row = result.rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(
              std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
    result.affected_rows = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);  // the bound text belongs to the caller (SQLITE_STATIC below)
    return result;
  }

  void run_each(std::string_view sql, std::span<const Value> params, const RowCallback& fn) {
    sqlite3_stmt* stmt = prepared(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    // Reset however this ends (a callback may throw): the kept statement must not stay mid-way.
    struct Reset {
      sqlite3_stmt* stmt;
      ~Reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    const int columns = sqlite3_column_count(stmt);
    std::vector<std::string_view> cells(static_cast<std::size_t>(columns));
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) raise(db_, rc, "step");
      for (int c = 0; c < columns; ++c) {
        auto& cell = cells[static_cast<std::size_t>(c)];
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          cell = {};
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          if (!text) raise(db_, sqlite3_errcode(db_), "column");  // out of memory
          cell = std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
        }
      }
      fn(RowView(cells));
    }
  }

 private:
  sqlite3_stmt* prepared(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) raise(db_, rc, "prepare");
    return statements_.emplace(std::string(sql), StatementPtr(stmt)).first->second.get();
  }

  void bind(sqlite3_stmt* stmt, int index, const Value& value) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(stmt, index, *i);
    } else if (const auto* d = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else {
      const auto& s = std::get<std::string>(value);
      // Not copied: the parameters outlive the statement's use of them, because run() clears
      // the bindings before it returns. A copy per text parameter was measurable in the audit
      // writer, which binds 20 per entry.
      rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) raise(db_, rc, "bind");
  }

  sqlite3* db_ = nullptr;
  // Looked up by string_view: a std::string key built per query was a malloc per query.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
      return std::hash<std::string_view>{}(sql);
    }
  };
  std::unordered_map<std::string, StatementPtr, SqlHash, std::equal_to<>> statements_;
};

namespace {

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteDatabase& owner, std::unique_ptr<Connection> connection, bool for_write)
      : owner_(owner), connection_(std::move(connection)) {
    // IMMEDIATE takes the write lock up front, so a writer never fails half-way on upgrade.
    connection_->control(for_write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  }
  ~SqliteTransaction() override {
    if (!done_) {
      try {
        connection_->control("ROLLBACK");
      } catch (...) {
        // The connection is unusable; drop it rather than return it to the pool.
        return;
      }
    }
    owner_.release(std::move(connection_));
  }
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  [[nodiscard]] Engine engine() const override { return Engine::sqlite; }
  ResultSet run(std::string_view sql, std::span<const Value> params) override {
    return connection_->run(sql, params);
  }
  void run_each(std::string_view sql, std::span<const Value> params,
                const RowCallback& fn) override {
    connection_->run_each(sql, params, fn);
  }
  void run_script(std::string_view sql) override { connection_->exec(sql); }
  void commit() override {
    connection_->control("COMMIT");
    done_ = true;
  }

 private:
  SqliteDatabase& owner_;
  std::unique_ptr<Connection> connection_;
  bool done_ = false;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, const DatabaseOptions& options)
    : path_(std::move(path)), options_(options) {
  // With memory statistics on (SQLite's default), every sqlite3_malloc/free takes one global
  // mutex shared by all connections, so the I/O threads serialise on it. We never read the
  // statistics. This must run before SQLite initialises, i.e. before the first open; this class
  // is the only user of SQLite. If SQLite was already initialised the call fails harmlessly.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  const auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  release(acquire());  // fail at start, not on the first request, if the file cannot be opened
}

SqliteDatabase::~SqliteDatabase() = default;

std::unique_ptr<Connection> SqliteDatabase::acquire() {
  {
    const std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return std::make_unique<Connection>(path_, options_);
}

void SqliteDatabase::release(std::unique_ptr<Connection> connection) {
  const std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

std::unique_ptr<Transaction> SqliteDatabase::begin(bool for_write) {
  return std::make_unique<SqliteTransaction>(*this, acquire(), for_write);
}

}  // namespace nara::store::sqlite
