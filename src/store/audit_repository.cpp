#include "store/audit_repository.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <stdexcept>

#include "core/random.hpp"

namespace nara::store {

using domain::access::AuditEntry;

namespace {

// Read through the audit_log view (migrations 0009-0010, 0019), which joins each entry to its
// actor. The list of persons is the last column: read it only where it is needed.
constexpr const char* kColumns =
    "seq, at, user_id, user_hsa_id, assignment_id, role, unit_id, unit_hsa_id, care_provider_id, "
    "person_id, action, object_type, object_id, outcome, purpose, flagged, without_relation, "
    "request_id, hash";
constexpr std::size_t kListColumn = 19;

AuditEntry entry_from(const Row& r) {
  AuditEntry e;
  e.seq = r.int64(0);
  e.at = r.text(1);
  e.user_id = r.optional_text(2);
  e.user_hsa_id = r.optional_text(3);
  e.assignment_id = r.optional_text(4);
  e.role = r.optional_text(5);
  e.unit_id = r.optional_text(6);
  e.unit_hsa_id = r.optional_text(7);
  e.care_provider_id = r.optional_text(8);
  e.person_id = r.optional_text(9);
  e.action =
      domain::access::parse_audit_action(r.text(10)).value_or(domain::access::AuditAction::read);
  e.object_type = r.text(11);
  e.object_id = r.optional_text(12);
  e.outcome = r.text(13);
  e.purpose = r.optional_text(14);
  e.flagged = r.boolean(15);
  e.without_relation = r.boolean(16);
  e.request_id = r.optional_text(17);
  e.hash = r.text(18);
  return e;  // prev_hash is the hash of the entry before: the reader of the chain fills it in
}

// Characters, as SQL's LENGTH counts them: every byte that does not continue a UTF-8 sequence.
std::size_t characters(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

void key_field(std::string& key, const std::optional<std::string>& value, bool first = false) {
  if (!first) key += '|';
  if (!value) {
    key += '-';
    return;
  }
  key += std::to_string(characters(*value));
  key += ':';
  key += *value;
}

// The same text migration 0010 computes in SQL for the actors it moved.
std::string actor_key(const AuditEntry& e) {
  std::string key;
  key_field(key, e.user_id, true);
  key_field(key, e.user_hsa_id);
  key_field(key, e.assignment_id);
  key_field(key, e.role);
  key_field(key, e.unit_id);
  key_field(key, e.unit_hsa_id);
  return key;
}

constexpr std::size_t kInsertColumns = 15;
constexpr std::size_t kRowsPerInsert = 64;  // 960 parameters, well below either engine's limit

// Rows for the next INSERT: 64, 32, ..., 1, so the statements prepared are a handful of texts.
std::size_t rows_per_insert(std::size_t remaining) {
  std::size_t rows = kRowsPerInsert;
  while (rows > remaining) rows /= 2;
  return rows;
}

const std::string& insert_sql(std::size_t rows) {
  static const auto texts = [] {
    std::array<std::string, 7> out;  // 1, 2, 4, ..., 64 rows
    for (std::size_t k = 0; k < out.size(); ++k) {
      std::string sql =
          "INSERT INTO audit_entries (seq, at, actor_id, care_provider_id, person_id, action, "
          "object_type, object_id, outcome, purpose, flagged, without_relation, request_id, "
          "hash, listed_person_ids) VALUES ";
      for (std::size_t r = 0; r < (std::size_t{1} << k); ++r) {
        sql += r == 0 ? "" : ", ";
        sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      }
      out[k] = std::move(sql);
    }
    return out;
  }();
  return texts[static_cast<std::size_t>(std::countr_zero(rows))];
}

// Entries after `after_seq` with their lists of persons; the seqs of entries whose list is not
// text this store wrote (only a changed row has one) go to `unreadable`, their lists left empty.
std::vector<AuditEntry> read_range(Transaction& tx, std::int64_t after_seq, std::size_t limit,
                                   std::vector<std::int64_t>* unreadable) {
  const auto rs = tx.query(std::string("SELECT ") + kColumns +
                               ", listed_person_ids FROM audit_log WHERE seq > ? ORDER BY seq "
                               "LIMIT ?",
                           after_seq, static_cast<std::int64_t>(limit));
  std::vector<AuditEntry> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto row = rs.row(i);
    AuditEntry e = entry_from(row);
    if (!row.is_null(kListColumn)) {
      auto listed = parse_person_list(row.text(kListColumn));
      if (listed) {
        e.listed_person_ids = std::move(*listed);
      } else if (unreadable) {
        unreadable->push_back(e.seq);
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::string encode_person_list(const std::vector<std::string>& person_ids) {
  std::string out = "[";
  for (const auto& id : person_ids) {
    if (out.size() > 1) out.push_back(',');
    out.push_back('"');
    for (const char c : id) {
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (const auto byte = static_cast<unsigned char>(c); byte < 0x20U) {
        constexpr std::string_view kHex = "0123456789abcdef";
        out += "\\u00";
        out.push_back(kHex[byte >> 4U]);
        out.push_back(kHex[byte & 0xFU]);
      } else {
        out.push_back(c);
      }
    }
    out.push_back('"');
  }
  out.push_back(']');
  return out;
}

std::optional<std::vector<std::string>> parse_person_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
  };
  const auto hex = [&](std::size_t at) -> std::optional<unsigned> {
    if (at + 4 > text.size()) return std::nullopt;
    unsigned value = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      const char c = text[k];
      value <<= 4U;
      if (c >= '0' && c <= '9') {
        value |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    return value;
  };
  skip_space();
  if (i >= text.size() || text[i] != '[') return std::nullopt;
  ++i;
  skip_space();
  if (i < text.size() && text[i] == ']') {
    ++i;
  } else {
    for (;;) {
      skip_space();
      if (i >= text.size() || text[i] != '"') return std::nullopt;
      ++i;
      std::string id;
      for (;;) {
        if (i >= text.size()) return std::nullopt;
        const char c = text[i++];
        if (c == '"') break;
        if (c != '\\') {
          id.push_back(c);
          continue;
        }
        if (i >= text.size()) return std::nullopt;
        const char escape = text[i++];
        switch (escape) {
          case '"':
            id.push_back('"');
            break;
          case '\\':
            id.push_back('\\');
            break;
          case '/':
            id.push_back('/');
            break;
          case 'b':
            id.push_back('\b');
            break;
          case 'f':
            id.push_back('\f');
            break;
          case 'n':
            id.push_back('\n');
            break;
          case 'r':
            id.push_back('\r');
            break;
          case 't':
            id.push_back('\t');
            break;
          case 'u': {
            // The writer escapes only control characters; other code points are not ids it wrote.
            const auto code = hex(i);
            if (!code || *code >= 0x80) return std::nullopt;
            id.push_back(static_cast<char>(*code));
            i += 4;
            break;
          }
          default:
            return std::nullopt;
        }
      }
      out.push_back(std::move(id));
      skip_space();
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == ']') {
        ++i;
        break;
      }
      return std::nullopt;
    }
  }
  skip_space();
  if (i != text.size()) return std::nullopt;
  return out;
}

std::string listed_persons_source(Engine engine, std::string_view entry, std::string_view alias) {
  std::string column = std::string(entry) + ".listed_person_ids";
  if (engine == Engine::postgres) {
    return "json_array_elements_text(" + column + "::json) AS " + std::string(alias) + "(value)";
  }
  return "json_each(" + column + ") AS " + std::string(alias);
}

std::string person_seqs_sql(Engine engine) {
  return "(SELECT seq FROM audit_person_index WHERE person_id = ? UNION ALL SELECT seq FROM "
         "audit_entries WHERE seq > ? AND person_id = ? UNION ALL SELECT tail.seq FROM "
         "audit_entries tail, " +
         listed_persons_source(engine, "tail", "listed") +
         " WHERE tail.seq > ? AND tail.listed_person_ids IS NOT NULL AND listed.value = ?)";
}

std::int64_t AuditRepository::append(std::vector<AuditEntry>& entries) {
  if (entries.empty()) return 0;
  for (auto& e : entries) {
    if (e.listed_person_ids.empty()) continue;
    // One key per person in the lookup table: a list entry names its persons only in the list.
    if (e.person_id) throw std::invalid_argument("a list entry names its persons only in its list");
    e.listed_person_ids = domain::access::canonical_person_list(std::move(e.listed_person_ids));
  }
  const std::string lock = tx_.engine() == Engine::postgres ? " FOR UPDATE" : "";
  // Everything below runs under the chain head's lock, so actor ids are assigned in one order too.
  const auto head =
      tx_.query("SELECT seq, hash, indexed_seq FROM audit_chain_head WHERE id = 1" + lock);
  std::int64_t seq = head.row(0).int64(0);
  std::string prev = head.row(0).text(1);
  const std::int64_t indexed_seq = head.row(0).int64(2);
  // A batch under load is a few actors' many reads: look each actor up once.
  std::vector<std::pair<std::string, std::int64_t>> actors;
  const auto actor_id = [&](const AuditEntry& e) {
    std::string key = actor_key(e);
    for (const auto& [known, id] : actors) {
      if (known == key) return id;
    }
    const auto found = tx_.query("SELECT id FROM audit_actors WHERE actor_key = ?", key);
    std::int64_t id = 0;
    if (!found.empty()) {
      id = found.row(0).int64(0);
    } else {
      id = tx_.query("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_actors").row(0).int64(0);
      tx_.query(
          "INSERT INTO audit_actors (id, actor_key, user_id, user_hsa_id, assignment_id, role, "
          "unit_id, unit_hsa_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          id, key, optional_value(e.user_id), optional_value(e.user_hsa_id),
          optional_value(e.assignment_id), optional_value(e.role), optional_value(e.unit_id),
          optional_value(e.unit_hsa_id));
    }
    actors.emplace_back(std::move(key), id);
    return id;
  };
  for (auto& e : entries) {
    e.seq = ++seq;
    e.prev_hash = prev;
    e.hash = core::sha256_hex(domain::access::canonical_text(e));
    prev = e.hash;
  }
  // Many rows per statement: each statement costs a round trip on PostgreSQL and, on SQLite, its
  // own start (binding, opening the table's and the actor lookup's cursors, seeking the end).
  std::vector<Value> params;
  params.reserve(std::min(entries.size(), kRowsPerInsert) * kInsertColumns);
  for (std::size_t done = 0; done < entries.size();) {
    const std::size_t rows = rows_per_insert(entries.size() - done);
    params.clear();
    for (std::size_t i = done; i < done + rows; ++i) {
      const AuditEntry& e = entries[i];
      params.emplace_back(e.seq);
      params.emplace_back(e.at);
      params.emplace_back(actor_id(e));
      params.push_back(optional_value(e.care_provider_id));
      params.push_back(optional_value(e.person_id));
      params.emplace_back(std::string(domain::access::to_string(e.action)));
      params.emplace_back(e.object_type);
      params.push_back(optional_value(e.object_id));
      params.emplace_back(e.outcome);
      params.push_back(optional_value(e.purpose));
      params.emplace_back(std::int64_t{e.flagged ? 1 : 0});
      params.emplace_back(std::int64_t{e.without_relation ? 1 : 0});
      params.push_back(optional_value(e.request_id));
      params.emplace_back(e.hash);
      if (e.listed_person_ids.empty()) {
        params.emplace_back(nullptr);
      } else {
        params.emplace_back(encode_person_list(e.listed_person_ids));
      }
    }
    tx_.run(insert_sql(rows), params);
    done += rows;
  }
  tx_.query("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1", seq, prev);
  return seq - indexed_seq;
}

std::int64_t AuditRepository::index_pending() {
  const std::string lock = tx_.engine() == Engine::postgres ? " FOR UPDATE" : "";
  // Under the chain head's lock no append is in flight: every entry up to seq is committed.
  const auto head = tx_.query("SELECT seq, indexed_seq FROM audit_chain_head WHERE id = 1" + lock);
  const std::int64_t seq = head.row(0).int64(0);
  const std::int64_t indexed_seq = head.row(0).int64(1);
  if (seq == indexed_seq) return 0;
  // In key order, the order the tables keep (sorting first or not measured the same). A list entry
  // gets a key for each person it names, so each person's log finds it.
  tx_.query(
      "INSERT INTO audit_person_index (person_id, seq) SELECT person_id, seq FROM audit_entries "
      "WHERE seq > ? AND seq <= ? AND person_id IS NOT NULL UNION ALL SELECT listed.value, "
      "e.seq FROM audit_entries e, " +
          listed_persons_source(tx_.engine(), "e", "listed") +
          " WHERE e.seq > ? AND e.seq <= ? AND e.listed_person_ids IS NOT NULL ORDER BY 1, 2",
      indexed_seq, seq, indexed_seq, seq);
  tx_.query(
      "INSERT INTO audit_provider_index (care_provider_id, seq) SELECT care_provider_id, seq "
      "FROM audit_entries WHERE seq > ? AND seq <= ? AND care_provider_id IS NOT NULL "
      "ORDER BY care_provider_id, seq",
      indexed_seq, seq);
  const bool postgres = tx_.engine() == Engine::postgres;
  tx_.query(std::string("INSERT INTO audit_day_index (day, first_seq, last_seq) SELECT "
                        "substr(at, 1, 10), MIN(seq), MAX(seq) FROM audit_entries WHERE seq > ? "
                        "AND seq <= ? GROUP BY substr(at, 1, 10) ON CONFLICT (day) DO UPDATE SET "
                        "first_seq = ") +
                (postgres ? "LEAST" : "min") + "(audit_day_index.first_seq, excluded.first_seq), " +
                "last_seq = " + (postgres ? "GREATEST" : "max") +
                "(audit_day_index.last_seq, excluded.last_seq)",
            indexed_seq, seq);
  tx_.query("UPDATE audit_chain_head SET indexed_seq = ? WHERE id = 1", seq);
  return seq - indexed_seq;
}

std::int64_t indexed_audit_seq(Transaction& tx) {
  return tx.query("SELECT indexed_seq FROM audit_chain_head WHERE id = 1").row(0).int64(0);
}

AuditSeqRange audit_seq_range(Transaction& tx, const std::string& from, const std::string& to) {
  const auto rs = tx.query(
      "SELECT MIN(first_seq), MAX(last_seq) FROM audit_day_index WHERE day >= ? AND day <= ?",
      from.substr(0, 10), to.substr(0, 10));
  if (rs.row(0).is_null(0)) return {};
  return {rs.row(0).int64(0), rs.row(0).int64(1)};
}

std::vector<AuditEntry> AuditRepository::for_person(const std::string& person_id,
                                                    const PageRequest& page) {
  const std::int64_t before =
      page.after && !page.after->empty() ? std::stoll(page.after->front()) : INT64_MAX;
  const std::int64_t indexed = indexed_audit_seq(tx_);
  const auto rs =
      tx_.query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq IN " +
                    person_seqs_sql(tx_.engine()) + " AND seq < ? ORDER BY seq DESC LIMIT ?",
                person_id, indexed, person_id, indexed, person_id, before,
                static_cast<std::int64_t>(page.limit) + 1);
  std::vector<AuditEntry> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    AuditEntry e = entry_from(rs.row(i));
    // A list entry is this person's access like any other; who else was on the list is not
    // their data, so the list itself is left out.
    if (!e.person_id) e.person_id = person_id;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<AuditEntry> AuditRepository::range(std::int64_t after_seq, std::size_t limit) {
  return read_range(tx_, after_seq, limit, nullptr);
}

ChainCheck verify_audit_chain(Database& db) {
  ChainCheck check;
  std::int64_t last_seq = 0;
  std::string expected_prev = std::string(64, '0');
  const auto checkpoint = db.read([](Transaction& tx) {
    return tx.query("SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1");
  });
  if (!checkpoint.empty()) {
    last_seq = checkpoint.row(0).int64(0);
    expected_prev = checkpoint.row(0).text(1);
  }
  for (;;) {
    std::vector<std::int64_t> unreadable;
    auto page =
        db.read([&](Transaction& tx) { return read_range(tx, last_seq, 5000, &unreadable); });
    if (page.empty()) break;
    for (auto& e : page) {
      ++check.entries;
      if (e.seq != last_seq + 1) {
        check = {false, check.entries, e.seq,
                 "entry " + std::to_string(last_seq + 1) + " is missing"};
        return check;
      }
      if (std::find(unreadable.begin(), unreadable.end(), e.seq) != unreadable.end()) {
        check = {false, check.entries, e.seq, "its list of persons is not a list this log wrote"};
        return check;
      }
      // The hash covers the previous entry's hash: an entry changed, or a hash recomputed after
      // a change, breaks here or at the next entry.
      e.prev_hash = expected_prev;
      if (core::sha256_hex(domain::access::canonical_text(e)) != e.hash) {
        check = {false, check.entries, e.seq,
                 "its hash does not match its content and the entry before it"};
        return check;
      }
      expected_prev = e.hash;
      last_seq = e.seq;
    }
  }
  const auto head = db.read([](Transaction& tx) {
    return tx.query("SELECT seq, hash FROM audit_chain_head WHERE id = 1");
  });
  if (head.row(0).int64(0) != last_seq || head.row(0).text(1) != expected_prev) {
    check.intact = false;
    check.first_broken_seq = last_seq + 1;
    check.reason = "the chain head does not match the last entry (entries removed at the end?)";
    return check;
  }
  // The lookup tables decide what a citizen's access log and a log review show: an entry missing
  // from them, or a key pointing elsewhere, hides an access as surely as a removed entry.
  const auto lookups = db.read([](Transaction& tx) {
    // The first entry whose key is missing from `table`, or whose key there is not its own. A
    // person key of a list entry is checked against the list below.
    const auto first_wrong = [&](const std::string& table, const std::string& column,
                                 const char* or_listed) -> std::optional<std::int64_t> {
      const auto rs = tx.query(
          "SELECT MIN(seq) FROM (SELECT e.seq FROM audit_entries e, audit_chain_head h WHERE "
          "h.id = 1 AND e.seq <= h.indexed_seq AND e." +
          column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + table +
          " k WHERE k.seq = e.seq AND k." + column + " = e." + column +
          ") UNION ALL SELECT k.seq FROM " + table +
          " k WHERE NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.seq = k.seq AND (e." +
          column + " = k." + column + or_listed + "))) wrong");
      if (rs.row(0).is_null(0)) return std::nullopt;
      return rs.row(0).int64(0);
    };
    const auto first_of = [&](const std::string& sql) -> std::optional<std::int64_t> {
      const auto rs = tx.query(sql);
      if (rs.row(0).is_null(0)) return std::nullopt;
      return rs.row(0).int64(0);
    };
    const std::string listed = listed_persons_source(tx.engine(), "e", "listed");
    const std::string list_length = tx.engine() == Engine::postgres
                                        ? "json_array_length(e.listed_person_ids::json)"
                                        : "json_array_length(e.listed_person_ids)";
    // A list entry's keys: each person it lists has one (looked up by its own key, each list
    // read once), and it has no more keys than persons (counted per entry; comparing each key
    // with the list instead would read a list once per person on it).
    const std::vector<std::optional<std::int64_t>> wrong{
        first_wrong("audit_person_index", "person_id", " OR e.listed_person_ids IS NOT NULL"),
        first_wrong("audit_provider_index", "care_provider_id", ""),
        first_of("SELECT MIN(e.seq) FROM audit_chain_head h, audit_entries e, " + listed +
                 " WHERE h.id = 1 AND e.seq <= h.indexed_seq AND e.listed_person_ids IS NOT NULL "
                 "AND NOT EXISTS (SELECT 1 FROM audit_person_index k WHERE k.person_id = "
                 "listed.value AND k.seq = e.seq)"),
        first_of("SELECT MIN(e.seq) FROM (SELECT seq, COUNT(*) AS n FROM audit_person_index WHERE "
                 "seq IN (SELECT seq FROM audit_entries WHERE listed_person_ids IS NOT NULL) "
                 "GROUP BY seq) k JOIN audit_entries e ON e.seq = k.seq WHERE k.n <> " +
                 list_length)};
    std::optional<std::int64_t> first;
    for (const auto& seq : wrong) {
      if (seq && (!first || *seq < *first)) first = seq;
    }
    return first;
  });
  // A day's range that leaves out one of its entries hides that entry from log reviews of the day.
  const auto days = db.read([](Transaction& tx) {
    const auto rs = tx.query(
        "SELECT MIN(e.seq) FROM audit_entries e, audit_chain_head h WHERE h.id = 1 AND e.seq <= "
        "h.indexed_seq AND NOT EXISTS (SELECT 1 FROM audit_day_index d WHERE d.day = "
        "substr(e.at, 1, 10) AND e.seq BETWEEN d.first_seq AND d.last_seq)");
    return rs.row(0).is_null(0) ? std::nullopt : std::optional<std::int64_t>(rs.row(0).int64(0));
  });
  if (lookups && (!days || *lookups <= *days)) {
    check.intact = false;
    check.first_broken_seq = *lookups;
    check.reason =
        "the lookup of this entry by person or care provider is missing or points elsewhere, "
        "so access logs would not show it";
  } else if (days) {
    check.intact = false;
    check.first_broken_seq = *days;
    check.reason =
        "its day's range in the log leaves it out, so a log review of that day would "
        "not show it";
  }
  return check;
}

}  // namespace nara::store

namespace nara::store {

std::int64_t prune_audit_log(Transaction& tx, const std::string& cutoff, const std::string& now) {
  // Under the chain head's lock, as append() is: an append that found an actor commits before its
  // actor can be judged unused below, or runs after and adds the actor again.
  if (tx.engine() == Engine::postgres)
    tx.query("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
  const auto last =
      tx.query("SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1", cutoff);
  if (last.empty()) return 0;
  const std::int64_t seq = last.row(0).int64(0);
  tx.query(
      "INSERT INTO audit_checkpoints (seq, hash, created_at, removed_before) VALUES (?, ?, ?, ?)",
      seq, last.row(0).text(1), now, cutoff);
  tx.query("DELETE FROM log_reviews WHERE audit_seq <= ?", seq);
  // Each removed entry's keys, looked up by their own primary key (not a scan of the tables).
  tx.query(
      "DELETE FROM audit_person_index WHERE (person_id, seq) IN (SELECT person_id, seq FROM "
      "audit_entries WHERE seq <= ? AND person_id IS NOT NULL)",
      seq);
  // A list entry's keys, one per person listed; the list itself goes with its entry's row.
  tx.query(
      "DELETE FROM audit_person_index WHERE (person_id, seq) IN (SELECT listed.value, e.seq "
      "FROM audit_entries e, " +
          listed_persons_source(tx.engine(), "e", "listed") +
          " WHERE e.seq <= ? AND e.listed_person_ids IS NOT NULL)",
      seq);
  tx.query(
      "DELETE FROM audit_provider_index WHERE (care_provider_id, seq) IN (SELECT "
      "care_provider_id, seq FROM audit_entries WHERE seq <= ? AND care_provider_id IS NOT NULL)",
      seq);
  // A day partly removed keeps its range: a range wider than the entries left is still right.
  tx.query("DELETE FROM audit_day_index WHERE last_seq <= ?", seq);
  const auto removed = tx.query("DELETE FROM audit_entries WHERE seq <= ?", seq).affected_rows;
  // Staff and assignments no remaining entry names are not kept past the log's retention either.
  // One scan of the log's actor column; retention runs as a batch job, not per request.
  tx.query("DELETE FROM audit_actors WHERE id NOT IN (SELECT actor_id FROM audit_entries)");
  return removed;
}

}  // namespace nara::store
