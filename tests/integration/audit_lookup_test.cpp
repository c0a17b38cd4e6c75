// Issue 3 points 4-6: the audit log's lookups by person and by care provider (migration 0011) and
// each day's range of entries (migration 0013).
// Entries reach the lookup tables in batches; until then readers find them in the log's tail.
// Whichever side of that boundary an entry is on, the citizen's access log and the log review
// must show it, and `nara audit verify` must notice a lookup that was removed or redirected.
#include <string>
#include <vector>

#include "harness.hpp"
#include "service/audit_log.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

using domain::access::AuditAction;
using domain::access::AuditEntry;

AuditEntry read_of(const std::string& person, const std::string& provider, int n) {
  AuditEntry e;
  e.at = "2026-11-24T08:00:00.000000Z";
  e.user_id = "lookup-test-user";
  e.role = "district_nurse";
  e.care_provider_id = provider;
  e.person_id = person;
  e.action = AuditAction::read;
  e.object_type = "person";
  e.object_id = person + "#" + std::to_string(n);
  e.outcome = "allowed: test";
  return e;
}

std::int64_t head_value(store::Database& db, const std::string& column) {
  return db.read([&](store::Transaction& tx) {
    return tx.query("SELECT " + column + " FROM audit_chain_head WHERE id = 1").row(0).int64(0);
  });
}

std::vector<std::string> object_ids(const std::vector<AuditEntry>& entries) {
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(e.object_id.value_or(""));
  return out;
}

class AuditLookupTest : public EngineTest {
 protected:
  // Appends reads of persons "anna" (provider "region") and "bo" (provider "kommun"), alternating.
  static void append_reads(store::Database& db, int from, int to) {
    db.write([&](store::Transaction& tx) {
      std::vector<AuditEntry> entries;
      for (int n = from; n < to; ++n) {
        entries.push_back(n % 2 == 0 ? read_of("anna", "region", n) : read_of("bo", "kommun", n));
      }
      store::AuditRepository(tx).append(entries);
    });
  }
  static std::vector<std::string> page_of(store::Database& db, const std::string& person,
                                          std::optional<std::string> after, std::size_t limit) {
    return db.read([&](store::Transaction& tx) {
      store::PageRequest page;
      page.limit = limit;
      if (after) page.after = std::vector<std::string>{*after};
      return object_ids(store::AuditRepository(tx).for_person(person, page));
    });
  }
};

TEST_P(AuditLookupTest, HSLF_FS_2016_40_4_9_APersonsEntriesAreFoundBeforeAndAfterIndexing) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  append_reads(db, 0, 6);  // anna 0, 2, 4
  const std::int64_t indexed =
      db.write([](store::Transaction& tx) { return store::AuditRepository(tx).index_pending(); });
  EXPECT_GE(indexed, 6);
  EXPECT_EQ(head_value(db, "indexed_seq"), head_value(db, "seq"));
  append_reads(db, 6, 10);  // anna 6, 8: in the tail

  // Newest first, across the boundary, and nobody else's.
  EXPECT_EQ(page_of(db, "anna", std::nullopt, 10),
            (std::vector<std::string>{"anna#8", "anna#6", "anna#4", "anna#2", "anna#0"}));
  EXPECT_EQ(page_of(db, "bo", std::nullopt, 10),
            (std::vector<std::string>{"bo#9", "bo#7", "bo#5", "bo#3", "bo#1"}));
  // Paging: a page ending in the tail continues into the indexed entries. The repository returns
  // one entry more than asked, which tells the caller that there is a next page.
  const auto first = db.read([&](store::Transaction& tx) {
    store::PageRequest page;
    page.limit = 3;
    return store::AuditRepository(tx).for_person("anna", page);
  });
  ASSERT_EQ(object_ids(first), (std::vector<std::string>{"anna#8", "anna#6", "anna#4", "anna#2"}));
  EXPECT_EQ(page_of(db, "anna", std::to_string(first[2].seq), 3),
            (std::vector<std::string>{"anna#2", "anna#0"}));

  // By care provider: the same entries on both sides of the boundary.
  const auto kommun = db.read([](store::Transaction& tx) {
    return tx
        .query(std::string("SELECT COUNT(*) FROM audit_log WHERE seq IN ") +
                   store::kProviderSeqsInRange,
               "kommun", std::int64_t{1}, INT64_MAX, store::indexed_audit_seq(tx), "kommun")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(kommun, 5);
  EXPECT_TRUE(store::verify_audit_chain(db).intact);
}

TEST_P(AuditLookupTest, HSLF_FS_2016_40_4_9_TheWriterIndexesInBatchesAndBeforeItStops) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  const std::int64_t start = head_value(db, "seq");
  {
    service::AuditLog log(db, 4);
    for (int n = 0; n < 10; ++n) log.record({read_of("anna", "region", n)});  // one commit each
    // Indexed after the 4th and the 8th commit: the writer indexes before it takes the next batch.
    EXPECT_GE(head_value(db, "indexed_seq"), start + 8);
    EXPECT_GE(log.index_runs(), 2U);
    EXPECT_EQ(log.index_failures(), 0U);
  }
  EXPECT_EQ(head_value(db, "indexed_seq"), head_value(db, "seq"));
  EXPECT_EQ(page_of(db, "anna", std::nullopt, 20).size(), 10U);
  const auto check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;
}

TEST_P(AuditLookupTest, HSLF_FS_2016_40_4_9_ARemovedOrRedirectedLookupIsDetected) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  append_reads(db, 0, 6);
  db.write([](store::Transaction& tx) { store::AuditRepository(tx).index_pending(); });
  ASSERT_TRUE(store::verify_audit_chain(db).intact);
  const auto seq_of = [&](const std::string& object_id) {
    return db.read([&](store::Transaction& tx) {
      return tx.query("SELECT seq FROM audit_entries WHERE object_id = ?", object_id)
          .row(0)
          .int64(0);
    });
  };

  // Hiding anna's read of #2 from her access log.
  db.write([&](store::Transaction& tx) {
    tx.query("DELETE FROM audit_person_index WHERE seq = ?", seq_of("anna#2"));
  });
  auto check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq_of("anna#2"));
  EXPECT_EQ(page_of(db, "anna", std::nullopt, 10),
            (std::vector<std::string>{"anna#4", "anna#0"}));  // what the tampering achieved
  db.write([&](store::Transaction& tx) {
    tx.query("INSERT INTO audit_person_index (person_id, seq) VALUES ('anna', ?)",
             seq_of("anna#2"));
  });
  ASSERT_TRUE(store::verify_audit_chain(db).intact);

  // Moving bo's read of #3 to another care provider's log review.
  db.write([&](store::Transaction& tx) {
    tx.query("UPDATE audit_provider_index SET care_provider_id = 'region' WHERE seq = ?",
             seq_of("bo#3"));
  });
  check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq_of("bo#3"));
}

TEST_P(AuditLookupTest, PDL8_5_TheCitizenSeesReadsOnBothSidesOfTheIndexingBoundary) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  Client citizen = fresh->client();
  const Reply session = citizen.sign_in("invanare");
  ASSERT_EQ(session.status, 201);
  const std::string own(session.json().at("user").at("personId").as_string());
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  ASSERT_EQ(nurse.get("/api/v1/persons/" + own).status, 200);
  db.write([](store::Transaction& tx) { store::AuditRepository(tx).index_pending(); });
  ASSERT_EQ(nurse.get("/api/v1/persons/" + own).status, 200);  // in the tail
  ASSERT_LT(head_value(db, "indexed_seq"), head_value(db, "seq"));

  const Reply log = citizen.get("/api/v1/me/access-log?limit=10");
  ASSERT_EQ(log.status, 200) << log.body;
  int reads_by_health_centre = 0;
  std::string previous = "9999";
  for (const auto& item : log.json().at("items").as_array()) {
    const std::string at(item.at("at").as_string());
    EXPECT_LE(at, previous);  // newest first
    previous = at;
    if (item.at("unitName").is_string() &&
        item.at("unitName").as_string() == "Hälsocentral Kramfors")
      ++reads_by_health_centre;
  }
  EXPECT_EQ(reads_by_health_centre, 2);
}

TEST_P(AuditLookupTest, HSLF_FS_2016_40_4_9_ALogReviewOfAPeriodReadsOnlyItsDays) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  const std::string provider = db.read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT un.care_provider_id FROM users u JOIN assignments a ON a.user_id = u.id JOIN "
            "units un ON un.id = a.unit_id WHERE u.username = 'logg.region'")
        .row(0)
        .text(0);
  });
  // Accesses without a care relation (always selected) on the 1st, 2nd and 3rd of March, and one
  // on the 2nd written with a clock set back (its seq comes after the 3rd's).
  const auto without_relation = [&](const std::string& day, int n) {
    AuditEntry e = read_of("person-" + day, provider, n);
    e.at = "2026-03-0" + day + "T12:00:00.000000Z";
    e.without_relation = true;
    return e;
  };
  db.write([&](store::Transaction& tx) {
    std::vector<AuditEntry> entries{without_relation("1", 1), without_relation("2", 2),
                                    without_relation("3", 3), without_relation("2", 4)};
    store::AuditRepository(tx).append(entries);
  });
  const auto range_of = [&](const std::string& from, const std::string& to) {
    return db.read([&](store::Transaction& tx) { return store::audit_seq_range(tx, from, to); });
  };
  EXPECT_GT(range_of("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z").first,
            range_of("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z").last);  // not indexed yet
  Client reviewer = fresh->client();
  ASSERT_EQ(reviewer.sign_in("logg.region").status, 201);
  const auto selected_on_the_2nd = [&] {
    const Reply selection = reviewer.get(
        "/api/v1/log-review/selection?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&sample=0");
    EXPECT_EQ(selection.status, 200) << selection.body;
    std::vector<std::string> persons;
    for (const auto& item : selection.json().at("items").as_array())
      persons.emplace_back(item.at("personId").as_string());
    return persons;
  };
  // In the log's tail, then through the lookup tables and the days' ranges: the same two.
  EXPECT_EQ(selected_on_the_2nd(), (std::vector<std::string>{"person-2", "person-2"}));
  db.write([](store::Transaction& tx) { store::AuditRepository(tx).index_pending(); });
  const auto second = range_of("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z");
  const auto third = range_of("2026-03-03T00:00:00Z", "2026-03-03T23:00:00Z");
  EXPECT_LT(second.first, third.first);
  EXPECT_GT(second.last, third.last);  // the late entry of the 2nd widens its day's range
  EXPECT_EQ(selected_on_the_2nd(), (std::vector<std::string>{"person-2", "person-2"}));
  ASSERT_TRUE(store::verify_audit_chain(db).intact);

  // Narrowing the 2nd's range would hide its late entry from a review of that day.
  db.write([&](store::Transaction& tx) {
    tx.query("UPDATE audit_day_index SET last_seq = ? WHERE day = '2026-03-02'", second.first);
  });
  const auto check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, second.last);
  EXPECT_EQ(selected_on_the_2nd(), (std::vector<std::string>{"person-2"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditLookupTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
