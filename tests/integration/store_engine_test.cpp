// Issue 2 point 3: one storage interface, the same behaviour on SQLite and PostgreSQL.
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/problem.hpp"
#include "harness.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace nara::test {
namespace {

class StoreEngineTest : public EngineTest {};

TEST_P(StoreEngineTest, Issue2Point3_MigrationsAreNumberedAndAppliedOnce) {
  // What the binary carries: one version per number, whatever engine-specific files exist.
  std::set<std::string> expected_names;
  std::set<int> expected_versions;  // numbers may have gaps while branches reserve them
  int expected_version = 0;
  for (const auto& file : store::migration_files()) {
    const std::string name(file.file_name);
    expected_version = std::max(expected_version, std::stoi(name.substr(0, 4)));
    expected_versions.insert(std::stoi(name.substr(0, 4)));
    expected_names.insert(name.substr(5, name.find('.') - 5));
  }
  ASSERT_GE(expected_version, 3);
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  EXPECT_EQ(store::schema_version(db), expected_version);
  EXPECT_EQ(store::migrate(db), 0);  // already applied at start
  const auto rows = db.read([](store::Transaction& tx) {
    return tx.query("SELECT version, name FROM schema_migrations");
  });
  std::set<std::string> names;
  for (std::size_t i = 0; i < rows.size(); ++i) names.insert(rows.row(i).text(1));
  EXPECT_EQ(names, expected_names);
  EXPECT_EQ(rows.size(), expected_versions.size());
}

TEST_P(StoreEngineTest, Issue2Point3_ValuesRoundTripIdentically) {
  auto& db = server().instance->database();
  const auto rs = db.read([](store::Transaction& tx) {
    return tx.query("SELECT ?, ?, ?, ?", std::int64_t{-9'007'199'254'740'993}, 62.930611,
                    std::string("Åsa 'Ö' \"x\""), nullptr);
  });
  ASSERT_EQ(rs.size(), 1U);
  const auto row = rs.row(0);
  EXPECT_EQ(row.int64(0), -9'007'199'254'740'993);
  EXPECT_DOUBLE_EQ(row.real(1), 62.930611);
  EXPECT_EQ(row.text(2), "Åsa 'Ö' \"x\"");
  EXPECT_TRUE(row.is_null(3));
}

TEST_P(StoreEngineTest, Issue2Point3_AFailedTransactionWritesNothing) {
  auto& db = server().instance->database();
  const auto before = server().count("principals");
  EXPECT_THROW(db.write([](store::Transaction& tx) {
    tx.query(
        "INSERT INTO principals (id, kind, name, organisation_number, area_code, created_at, "
        "updated_at) "
        "VALUES ('rollback-test', 'municipality', 'X', '000000-0000', '9998', 'a', 'a')");
    core::throw_field_error("x", "test", "abort after the insert");
  }),
               core::ProblemError);
  EXPECT_EQ(server().count("principals"), before);
}

TEST_P(StoreEngineTest, Issue2Point3_ConstraintViolationsAreTypedAlike) {
  auto& db = server().instance->database();
  try {
    db.write([](store::Transaction& tx) {
      tx.query(
          "INSERT INTO principals (id, kind, name, organisation_number, area_code, created_at, "
          "updated_at) "
          "VALUES ('dup-test', 'municipality', 'X', '232100-0206', '9997', 'a', 'a')");
    });
    FAIL() << "duplicate organisation number accepted";
  } catch (const store::ConstraintError& e) {
    EXPECT_EQ(e.kind(), store::ConstraintError::Kind::unique);
  }
  try {
    db.write([](store::Transaction& tx) {
      tx.query(
          "INSERT INTO care_provider_owners (care_provider_id, principal_id) VALUES ('nope', "
          "'nope')");
    });
    FAIL() << "dangling reference accepted";
  } catch (const store::ConstraintError& e) {
    EXPECT_EQ(e.kind(), store::ConstraintError::Kind::foreign_key);
  }
  try {
    db.write([](store::Transaction& tx) {
      tx.query(
          "INSERT INTO principals (id, kind, name, organisation_number, area_code, created_at, "
          "updated_at) "
          "VALUES ('chk-test', 'county', 'X', '000000-0001', '9996', 'a', 'a')");
    });
    FAIL() << "invalid kind accepted";
  } catch (const store::ConstraintError& e) {
    EXPECT_EQ(e.kind(), store::ConstraintError::Kind::check);
  }
}

TEST_P(StoreEngineTest, Issue2Point3_ConcurrentWritersAllCommit) {
  auto& db = server().instance->database();
  const auto before = server().count("login_throttle");
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&db, t] {
      for (int i = 0; i < 20; ++i) {
        db.write([&](store::Transaction& tx) {
          tx.query(
              "INSERT INTO login_throttle (username, failures, first_failure_at) VALUES (?, 1, "
              "'x')",
              "concurrency-" + std::to_string(t) + "-" + std::to_string(i) + "-" +
                  std::to_string(::getpid()));
        });
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(server().count("login_throttle"), before + 160);
}

// A database that reports a transient conflict a given number of times before it succeeds.
class FlakyDatabase final : public store::Database {
 public:
  explicit FlakyDatabase(store::Database& real, int failures) : real_(real), failures_(failures) {}
  [[nodiscard]] store::Engine engine() const override { return real_.engine(); }
  [[nodiscard]] std::string describe() const override { return "flaky"; }
  int begun = 0;

 protected:
  std::unique_ptr<store::Transaction> begin(bool for_write) override {
    ++begun;
    if (failures_-- > 0) throw store::RetryableError("simulated serialization failure");
    return real_begin(for_write);
  }

 private:
  std::unique_ptr<store::Transaction> real_begin(bool for_write) {
    struct Access : store::Database {
      using store::Database::begin;
    };
    return (real_.*(&Access::begin))(for_write);
  }
  store::Database& real_;
  int failures_;
};

TEST_P(StoreEngineTest, Issue2Point3_TransientConflictsAreRetried) {
  FlakyDatabase flaky(server().instance->database(), 3);
  flaky.set_retry_policy({8, std::chrono::milliseconds(1)});
  const auto n =
      flaky.read([](store::Transaction& tx) { return tx.query("SELECT 1").row(0).int64(0); });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(flaky.begun, 4);
  EXPECT_EQ(flaky.retries(), 3U);
  FlakyDatabase hopeless(server().instance->database(), 100);
  hopeless.set_retry_policy({3, std::chrono::milliseconds(1)});
  EXPECT_THROW(hopeless.read([](store::Transaction& tx) { return tx.query("SELECT 1").size(); }),
               store::RetryableError);
  EXPECT_EQ(hopeless.begun, 3);
}

// Issue 19 point 7: the follow-up's big reads take their rows as views while the statement runs
// (Transaction::each) instead of as a ResultSet; the values must be the same.
TEST_P(StoreEngineTest, Issue19_RowsHandedOverAsViewsHoldWhatAResultSetHolds) {
  auto& db = server().instance->database();
  db.read([](store::Transaction& tx) {
    std::vector<std::vector<std::optional<std::string>>> streamed;
    const std::string sql =
        "SELECT id, kind, name, area_code, organisation_number FROM principals WHERE kind <> ? "
        "ORDER BY id";
    tx.each(sql, store::parameters(std::string("none")), [&](const store::RowView& r) {
      auto& row = streamed.emplace_back();
      for (std::size_t c = 0; c < 5; ++c) {
        const auto text = r.optional_text(c);
        row.push_back(text ? std::optional<std::string>(*text) : std::nullopt);
      }
    });
    const auto rs = tx.query(sql, std::string("none"));
    ASSERT_EQ(streamed.size(), rs.size());
    ASSERT_GE(streamed.size(), 8U);  // the region and its seven municipalities
    EXPECT_EQ(streamed, rs.rows);

    // Numbers, NULL and the empty text, converted as Row converts them.
    tx.each("SELECT CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), CAST(? AS TEXT), '', 1 = 1",
            store::parameters(std::int64_t{-9'007'199'254'740'993}, 62.930611, nullptr),
            [](const store::RowView& r) {
              EXPECT_EQ(r.int64(0), -9'007'199'254'740'993);
              EXPECT_DOUBLE_EQ(r.real(1), 62.930611);
              EXPECT_TRUE(r.is_null(2));
              EXPECT_FALSE(r.optional_text(2));
              EXPECT_THROW((void)r.text(2), store::DatabaseError);
              EXPECT_FALSE(r.is_null(3));
              EXPECT_EQ(r.text(3), "");
              EXPECT_TRUE(r.boolean(4));
            });

    // A callback that throws leaves the statement ready to run again from its first row.
    const std::string ids = "SELECT id FROM principals ORDER BY id";
    int seen = 0;
    EXPECT_THROW(tx.each(ids, store::parameters(),
                         [&](const store::RowView&) {
                           ++seen;
                           throw std::runtime_error("stop");
                         }),
                 std::runtime_error);
    EXPECT_EQ(seen, 1);
    std::size_t rows = 0;
    tx.each(ids, store::parameters(), [&](const store::RowView&) { ++rows; });
    EXPECT_EQ(rows, rs.size());
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreEngineTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
