#include <charconv>
#include <map>
#include <string>

#include "store/database.hpp"
#include "store/migrations.hpp"

namespace nara::store {

namespace {

struct Migration {
  int version = 0;
  std::string name;
  std::string_view sql;
};

// Picks, per version number, the engine-specific file if there is one, else the portable one.
std::map<int, Migration> migrations_for(Engine engine) {
  const std::string_view own = engine == Engine::sqlite ? ".sqlite.sql" : ".postgres.sql";
  const std::string_view other = engine == Engine::sqlite ? ".postgres.sql" : ".sqlite.sql";
  std::map<int, Migration> chosen;
  for (const auto& file : migration_files()) {
    if (file.file_name.ends_with(other)) continue;
    int version = 0;
    const auto [end, ec] =
        std::from_chars(file.file_name.data(), file.file_name.data() + 4, version);
    if (ec != std::errc{} || end != file.file_name.data() + 4) {
      throw DatabaseError("migration file without a four-digit number: " +
                          std::string(file.file_name));
    }
    const bool specific = file.file_name.ends_with(own);
    auto it = chosen.find(version);
    if (it != chosen.end() && !specific) continue;
    std::string name(file.file_name.substr(5));
    name = name.substr(0, name.find('.'));
    chosen[version] = Migration{version, name, file.sql};
  }
  return chosen;
}

void ensure_schema_table(Database& db) {
  db.write([](Transaction& tx) {
    tx.run_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  });
}

}  // namespace

int schema_version(Database& db) {
  ensure_schema_table(db);
  return db.read([](Transaction& tx) {
    const auto rs = tx.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return static_cast<int>(rs.row(0).int64(0));
  });
}

int migrate(Database& db) {
  ensure_schema_table(db);
  int applied = 0;
  for (const auto& [version, migration] : migrations_for(db.engine())) {
    const bool done = db.write([&, v = version, &m = migration](Transaction& tx) {
      if (tx.engine() == Engine::postgres) {
        // Several app nodes may start at once: one applies, the others wait and then see it done.
        tx.query("SELECT pg_advisory_xact_lock(7235001)");
      }
      const auto existing =
          tx.query("SELECT 1 FROM schema_migrations WHERE version = ?", std::int64_t{v});
      if (!existing.empty()) return false;
      tx.run_script(m.sql);
      if (tx.engine() == Engine::sqlite) {
        // A migration may edit sqlite_schema directly (the documented way to widen a CHECK
        // constraint), which leaves schema_version as it was; bumping it makes every open
        // connection reload the schema instead of enforcing the old text.
        const auto current = tx.query("PRAGMA schema_version").row(0).int64(0);
        tx.run_script("PRAGMA schema_version = " + std::to_string(current + 1));
      }
      tx.query(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
          "CURRENT_TIMESTAMP)",
          std::int64_t{v}, m.name);
      return true;
    });
    if (done) ++applied;
  }
  return applied;
}

}  // namespace nara::store
