// List entries (docs/access.md): a list shown (a worklist, a ward board, a visit plan) is one
// chained entry naming every person listed, not one entry per person. The hash covers the list,
// `nara audit verify` checks it and its lookups, each listed person's log extract, the citizen's
// access log and the log review show it as an access to that person, and retention removes it
// whole. On SQLite and PostgreSQL.
#include <algorithm>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "harness.hpp"
#include "service/audit_log.hpp"
#include "service/retention.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"
#include "store/time_codec.hpp"

namespace nara::test {
namespace {

using domain::access::AuditAction;
using domain::access::AuditEntry;

std::vector<std::string> persons_named(const std::string& prefix, int count) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int n = 0; n < count; ++n) out.push_back(prefix + "-" + std::to_string(1000 + n));
  return out;
}

domain::access::Actor nurse_at(const std::string& unit, const std::string& provider) {
  domain::access::Actor actor;
  actor.user_id = "list-test-user";
  actor.role = domain::access::Role::district_nurse;
  actor.unit_id = unit;
  actor.care_provider_id = provider;
  return actor;
}

AuditEntry worklist_of(const std::vector<std::string>& persons, const std::string& provider,
                       const std::string& at = "2026-11-24T08:00:00.000000Z") {
  core::FixedClock clock(store::from_db_time(at));
  return service::list_read_entry(nurse_at("list-test-unit", provider), clock, "worklist",
                                  "list-test-unit", persons, "allowed: test");
}

std::int64_t append(store::Database& db, AuditEntry entry) {
  return db.write([&](store::Transaction& tx) {
    std::vector<AuditEntry> entries{std::move(entry)};
    store::AuditRepository(tx).append(entries);
    return entries.front().seq;
  });
}

void index_pending(store::Database& db) {
  db.write([](store::Transaction& tx) { store::AuditRepository(tx).index_pending(); });
}

// The person's log extract (AuditRepository::for_person), newest first.
std::vector<AuditEntry> extract(store::Database& db, const std::string& person) {
  return db.read([&](store::Transaction& tx) {
    store::PageRequest page;
    page.limit = 50;
    return store::AuditRepository(tx).for_person(person, page);
  });
}

std::int64_t scalar(store::Database& db, const std::string& sql, std::int64_t seq) {
  return db.read([&](store::Transaction& tx) { return tx.query(sql, seq).row(0).int64(0); });
}

class AuditListTest : public EngineTest {};

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_A500PersonListIsOneChainEntryThatEachPersonFinds) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  const auto before = store::verify_audit_chain(db);
  ASSERT_TRUE(before.intact) << before.reason;
  const auto persons = persons_named("listed", 500);
  {
    // Indexing every 100 entries: a list counts once per person, so its keys are copied at once
    // (after its commit, before the next one) instead of leaving 500 keys for readers to scan.
    service::AuditLog log(db, 100);
    log.record({worklist_of(persons, "region")});
    EXPECT_EQ(log.entries_written(), 1U);
    EXPECT_EQ(log.batches_written(), 1U);
    AuditEntry next = worklist_of({"someone-else"}, "region");
    log.record({next});
    EXPECT_GE(log.index_runs(), 1U);
  }
  const auto after = store::verify_audit_chain(db);
  ASSERT_TRUE(after.intact) << after.reason;
  EXPECT_EQ(after.entries, before.entries + 2);
  const std::int64_t seq = db.read([](store::Transaction& tx) {
    return tx.query("SELECT MIN(seq) FROM audit_entries WHERE object_type = 'worklist'")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_person_index WHERE seq = ?", seq), 500);
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_provider_index WHERE seq = ?", seq), 1);
  const auto chained =
      db.read([&](store::Transaction& tx) { return store::AuditRepository(tx).range(seq - 1, 1); });
  ASSERT_EQ(chained.size(), 1U);
  EXPECT_EQ(chained[0].listed_person_ids, persons);  // sorted already: the names count up
  EXPECT_FALSE(chained[0].person_id);

  for (const auto& person : {persons.front(), persons[250], persons.back()}) {
    const auto found = extract(db, person);
    ASSERT_EQ(found.size(), 1U) << person;
    EXPECT_EQ(found[0].seq, seq);
    EXPECT_EQ(found[0].person_id, person);            // an access to them, as any other
    EXPECT_TRUE(found[0].listed_person_ids.empty());  // the others on the list are not theirs
    EXPECT_EQ(found[0].object_type, "worklist");
    EXPECT_EQ(found[0].unit_id, "list-test-unit");
    EXPECT_EQ(found[0].user_id, "list-test-user");
    EXPECT_EQ(found[0].at, "2026-11-24T08:00:00.000000Z");
  }
  EXPECT_TRUE(extract(db, "listed-0999").empty());
}

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_AListedPersonFindsTheEntryBeforeAndAfterIndexing) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  // Built in any order, with a repeat: stored sorted, each person once.
  const std::int64_t seq = append(db, worklist_of({"bo", "anna", "cecilia", "anna"}, "region"));
  const auto stored =
      db.read([&](store::Transaction& tx) { return store::AuditRepository(tx).range(seq - 1, 1); });
  EXPECT_EQ(stored.front().listed_person_ids, (std::vector<std::string>{"anna", "bo", "cecilia"}));
  for (const auto* when : {"in the log's tail", "through the lookup table"}) {
    for (const char* person : {"anna", "bo", "cecilia"}) {
      const auto found = extract(db, person);
      ASSERT_EQ(found.size(), 1U) << person << ' ' << when;
      EXPECT_EQ(found[0].seq, seq);
    }
    EXPECT_TRUE(extract(db, "david").empty()) << when;
    EXPECT_TRUE(store::verify_audit_chain(db).intact) << when;
    index_pending(db);
  }
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_person_index WHERE seq = ?", seq), 3);
}

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_ChangingAListedPersonBreaksTheChain) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  const std::int64_t seq = append(db, worklist_of({"anna", "bo", "cecilia"}, "region"));
  append(db, worklist_of({"david"}, "region"));
  index_pending(db);
  ASSERT_TRUE(store::verify_audit_chain(db).intact);
  const auto set_list = [&](const std::string& text) {
    db.write([&](store::Transaction& tx) {
      tx.query("UPDATE audit_entries SET listed_person_ids = ? WHERE seq = ?", text, seq);
    });
  };

  // Someone takes bo off the list (and off the lookup, so only the hash can tell).
  set_list(store::encode_person_list({"anna", "cecilia"}));
  db.write([&](store::Transaction& tx) {
    tx.query("DELETE FROM audit_person_index WHERE seq = ? AND person_id = 'bo'", seq);
  });
  auto check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq);
  EXPECT_EQ(check.reason, "its hash does not match its content and the entry before it");
  // Or puts someone else in bo's place.
  set_list(store::encode_person_list({"anna", "bertil", "cecilia"}));
  check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq);
  // Or writes something that is not a list.
  set_list(R"(["anna", "bo")");
  check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq);
  // Other spacing of the same list is the same list.
  set_list(R"([ "anna", "bo",  "cecilia" ])");
  db.write([&](store::Transaction& tx) {
    tx.query("INSERT INTO audit_person_index (person_id, seq) VALUES ('bo', ?)", seq);
  });
  check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;
}

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_AListsLookupsAreCheckedPersonByPerson) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  append(db, worklist_of({"anna"}, "region"));
  const std::int64_t seq = append(db, worklist_of({"anna", "bo", "cecilia"}, "region"));
  append(db, worklist_of({"david"}, "region"));
  index_pending(db);
  ASSERT_TRUE(store::verify_audit_chain(db).intact);
  const auto run = [&](const std::string& sql) {
    db.write([&](store::Transaction& tx) { tx.query(sql, seq); });
  };
  // Hiding the list from bo's log.
  run("DELETE FROM audit_person_index WHERE seq = ? AND person_id = 'bo'");
  auto check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq);
  EXPECT_TRUE(extract(db, "bo").empty());  // what the tampering achieved
  run("INSERT INTO audit_person_index (person_id, seq) VALUES ('bo', ?)");
  ASSERT_TRUE(store::verify_audit_chain(db).intact);
  // Pointing bo's key at someone who was not on the list.
  run("UPDATE audit_person_index SET person_id = 'erik' WHERE seq = ? AND person_id = 'bo'");
  check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq);
  run("UPDATE audit_person_index SET person_id = 'bo' WHERE seq = ? AND person_id = 'erik'");
  // Adding someone who was not on it.
  run("INSERT INTO audit_person_index (person_id, seq) VALUES ('erik', ?)");
  check = store::verify_audit_chain(db);
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.first_broken_seq, seq);
}

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_OrdinaryEntriesAndListsVerifyTogether) {
  // Entries without a list hash exactly as before lists existed (tests/unit/domain/
  // audit_canonical_test.cpp): a log written earlier verifies, and goes on verifying with lists.
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  ASSERT_EQ(nurse.get("/api/v1/persons?limit=10").status, 200);
  const auto ordinary =
      db.read([](store::Transaction& tx) { return store::AuditRepository(tx).range(0, 1); });
  ASSERT_EQ(ordinary.size(), 1U);
  AuditEntry recomputed = ordinary.front();
  recomputed.prev_hash = std::string(64, '0');
  EXPECT_TRUE(recomputed.listed_person_ids.empty());
  EXPECT_EQ(core::sha256_hex(domain::access::canonical_text(recomputed)), ordinary.front().hash);
  append(db, worklist_of({"anna", "bo"}, "region"));
  ASSERT_EQ(nurse.get("/api/v1/persons?limit=10").status, 200);
  const auto check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;
  // A list entry that names a person besides its list is refused: its keys would be ambiguous.
  AuditEntry both = worklist_of({"anna"}, "region");
  both.person_id = "bo";
  EXPECT_THROW(append(db, both), std::invalid_argument);
}

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_RetentionRemovesAListEntryWhole) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  const std::string long_ago = store::to_db_time(fresh->clock->now());
  const std::int64_t seq = append(db, worklist_of(persons_named("old", 40), "region", long_ago));
  index_pending(db);
  fresh->clock->advance(std::chrono::hours(24 * 366 * 11));  // eleven years on
  append(db,
         worklist_of(persons_named("new", 3), "region", store::to_db_time(fresh->clock->now())));
  ASSERT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_person_index WHERE seq = ?", seq), 40);

  EXPECT_GE(service::apply_log_retention(db, *fresh->clock, 10), 1);
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_entries WHERE seq = ?", seq), 0);
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_person_index WHERE seq <= ?", seq), 0);
  EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM audit_provider_index WHERE seq <= ?", seq), 0);
  EXPECT_TRUE(extract(db, "old-1000").empty());
  EXPECT_EQ(extract(db, "new-1000").size(), 1U);
  const auto check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;
}

TEST_P(AuditListTest, PDL8_5_TheCitizenSeesAListThatShowedThemAsAnAccess) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  Client citizen = fresh->client();
  const Reply session = citizen.sign_in("invanare");
  ASSERT_EQ(session.status, 201);
  const std::string own(session.json().at("user").at("personId").as_string());
  const auto [unit, provider] = db.read([](store::Transaction& tx) {
    const auto rs =
        tx.query("SELECT id, care_provider_id FROM units WHERE name = 'Hälsocentral Kramfors'");
    return std::make_pair(rs.row(0).text(0), rs.row(0).text(1));
  });
  append(db, service::list_read_entry(nurse_at(unit, provider), *fresh->clock, "worklist", unit,
                                      {core::new_uuid(), own, core::new_uuid()}));
  const auto worklist_lines = [&] {
    const Reply log = citizen.get("/api/v1/me/access-log?limit=20");
    EXPECT_EQ(log.status, 200) << log.body;
    int lines = 0;
    for (const auto& item : log.json().at("items").as_array()) {
      if (item.at("objectType") != "worklist") continue;
      ++lines;
      EXPECT_EQ(item.at("unitName"), "Hälsocentral Kramfors");
      EXPECT_EQ(item.at("action"), "read");
      EXPECT_FALSE(item.at("careProviderName").is_null());
    }
    return lines;
  };
  EXPECT_EQ(worklist_lines(), 1);  // in the log's tail
  index_pending(db);
  EXPECT_EQ(worklist_lines(), 1);  // through the lookup table, once
}

TEST_P(AuditListTest, HSLF_FS_2016_40_4_9_TheLogReviewShowsAListAsAnAccessToEachPerson) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  struct Setting {
    std::string provider, protected_person;
    std::vector<std::string> others;
  };
  const Setting setting = db.read([](store::Transaction& tx) {
    Setting s;
    s.provider = tx.query(
                       "SELECT un.care_provider_id FROM users u JOIN assignments a ON a.user_id = "
                       "u.id JOIN units un ON un.id = a.unit_id WHERE u.username = 'logg.region'")
                     .row(0)
                     .text(0);
    s.protected_person =
        tx.query("SELECT id FROM persons WHERE protected_identity = 1 ORDER BY id LIMIT 1")
            .row(0)
            .text(0);
    const auto others =
        tx.query("SELECT id FROM persons WHERE protected_identity = 0 ORDER BY id LIMIT 2");
    for (std::size_t i = 0; i < others.size(); ++i) s.others.push_back(others.row(i).text(0));
    return s;
  });
  ASSERT_EQ(setting.others.size(), 2U);
  std::vector<std::string> listed{setting.others[0], setting.others[1], setting.protected_person};
  const std::int64_t seq =
      append(db, worklist_of(listed, setting.provider, "2021-03-05T10:00:00.000000Z"));
  std::sort(listed.begin(), listed.end());

  Client reviewer = fresh->client();
  ASSERT_EQ(reviewer.sign_in("logg.region").status, 201);
  const auto selection = [&] {
    Reply r = reviewer.get(
        "/api/v1/log-review/selection?from=2021-03-05T00:00:00Z&to=2021-03-06T00:00:00Z&sample=10");
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  };
  const Reply first = selection();
  std::vector<std::string> persons;
  for (const auto& item : first.json().at("items").as_array()) {
    EXPECT_EQ(item.at("seq").as_int64(), seq);
    EXPECT_EQ(item.at("objectType"), "worklist");
    EXPECT_EQ(item.at("action"), "read");
    EXPECT_EQ(item.at("userId"), "list-test-user");
    const std::string person(item.at("personId").as_string());
    persons.push_back(person);
    EXPECT_FALSE(item.at("personName").is_null());
    // The protected person on the list is selected as such; the others come with the sample.
    const auto& reasons = item.at("reasons").as_array();
    EXPECT_EQ(reasons.size(), 1U);
    EXPECT_EQ(reasons[0], person == setting.protected_person ? "protected_identity" : "sample");
  }
  std::sort(persons.begin(), persons.end());
  EXPECT_EQ(persons, listed);

  // The outcome is documented for the entry, and its own entry names everyone on the list.
  const Reply done = reviewer.post("/api/v1/log-review/" + std::to_string(seq),
                                   boost::json::object{{"outcome", "justified"}});
  ASSERT_EQ(done.status, 204) << done.body;
  const auto review = db.read([](store::Transaction& tx) {
    const auto head = tx.query("SELECT seq FROM audit_chain_head WHERE id = 1").row(0).int64(0);
    return store::AuditRepository(tx).range(head - 1, 1);
  });
  ASSERT_EQ(review.size(), 1U);
  EXPECT_EQ(review[0].action, AuditAction::review);
  EXPECT_EQ(review[0].object_id, std::to_string(seq));
  EXPECT_FALSE(review[0].person_id);
  EXPECT_EQ(review[0].listed_person_ids, listed);
  const Reply again = selection();
  EXPECT_EQ(again.json().at("items").as_array().size(), 3U);
  for (const auto& item : again.json().at("items").as_array())
    EXPECT_EQ(item.at("reviewOutcome"), "justified");
  EXPECT_TRUE(store::verify_audit_chain(db).intact);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditListTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
