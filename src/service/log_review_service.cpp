#include "service/log_review_service.hpp"

#include <map>

#include "core/random.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "store/audit_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::Role;

namespace {

void require_reviewer(const domain::access::Actor& actor) {
  if (actor.role != Role::log_reviewer || !actor.care_provider_id) {
    forbidden("Loggkontroll görs av logggranskare i vårdgivarens namn.");
  }
}

// A provider's accesses to persons in a period, with who, which unit, which person and any
// earlier review: one row per entry naming a person, and one per person a list entry names (a
// worklist that showed 30 persons is 30 accesses to review, one entry). Parameters: the provider's
// kProviderSeqsInRange, then the period.
std::string select_sql(store::Engine engine) {
  return std::string(
             "SELECT a.seq, a.at, a.action, a.outcome, a.flagged, a.without_relation, "
             "p.protected_identity, a.user_id, us.display_name, un.name, "
             "COALESCE(a.person_id, listed.value), p.given_name, p.family_name, a.purpose, "
             "r.outcome, r.note, a.object_type "
             "FROM audit_log a LEFT JOIN ") +
         store::listed_persons_source(engine, "a", "listed") +
         " ON a.listed_person_ids IS NOT NULL "
         "LEFT JOIN users us ON us.id = a.user_id "
         "LEFT JOIN units un ON un.id = a.unit_id "
         "LEFT JOIN persons p ON p.id = COALESCE(a.person_id, listed.value) "
         "LEFT JOIN log_reviews r ON r.audit_seq = a.seq AND r.care_provider_id = "
         "a.care_provider_id WHERE a.seq IN " +
         store::kProviderSeqsInRange +
         " AND a.at >= ? AND a.at < ? AND COALESCE(a.person_id, listed.value) IS NOT NULL AND "
         "a.action <> 'review' ";
}

}  // namespace

std::vector<ReviewItem> LogReviewService::selection(const domain::access::Actor& actor,
                                                    const ReviewSelection& sel) {
  require_reviewer(actor);
  const std::string provider = *actor.care_provider_id;
  const auto [targeted, sampled] = ctx_.db.read([&](store::Transaction& tx) {
    const std::int64_t indexed_seq = store::indexed_audit_seq(tx);
    // Only the period's days of the provider's lookup, not every entry it ever had.
    const auto days = store::audit_seq_range(tx, sel.from, sel.to);
    auto t =
        tx.query(select_sql(tx.engine()) +
                     "AND (a.flagged = 1 OR a.without_relation = 1 OR p.protected_identity = 1) "
                     "ORDER BY a.seq LIMIT 1000",
                 provider, days.first, days.last, indexed_seq, provider, sel.from, sel.to);
    // A stable pseudo-random sample: ordering by the entries' own hashes needs no RNG and
    // gives another reviewer the same selection for the same period. A list entry sampled
    // brings its persons in their order, up to the sample's size.
    auto s = tx.query(select_sql(tx.engine()) +
                          "AND a.flagged = 0 AND a.without_relation = 0 AND "
                          "COALESCE(p.protected_identity, 0) = 0 "
                          "ORDER BY a.hash, 11 LIMIT ?",
                      provider, days.first, days.last, indexed_seq, provider, sel.from, sel.to,
                      static_cast<std::int64_t>(sel.sample_size));
    return std::make_pair(std::move(t), std::move(s));
  });
  // By entry, then person: a list entry is one item for each person it names.
  std::map<std::pair<std::int64_t, std::string>, ReviewItem> items;
  auto add = [&](const store::ResultSet& rs, bool sample) {
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const auto r = rs.row(i);
      ReviewItem item;
      item.seq = r.int64(0);
      item.at = r.text(1);
      item.action = r.text(2);
      item.outcome = r.text(3);
      if (r.boolean(4)) item.reasons.emplace_back("emergency_access");
      if (r.boolean(5)) item.reasons.emplace_back("without_relation");
      if (!r.is_null(6) && r.boolean(6)) item.reasons.emplace_back("protected_identity");
      if (sample) item.reasons.emplace_back("sample");
      item.user_id = r.optional_text(7);
      item.user_name = r.optional_text(8);
      item.unit_name = r.optional_text(9);
      item.person_id = r.optional_text(10);
      if (!r.is_null(11)) item.person_name = r.text(11) + " " + r.text(12);
      item.purpose = r.optional_text(13);
      item.review_outcome = r.optional_text(14);
      item.review_note = r.optional_text(15);
      item.object_type = r.text(16);
      auto key = std::make_pair(item.seq, item.person_id.value_or(""));
      items.emplace(std::move(key), std::move(item));
    }
  };
  add(targeted, false);
  add(sampled, true);
  std::vector<ReviewItem> out;
  std::vector<domain::access::AuditEntry> entries;
  for (auto& [key, item] : items) {
    // Looking at who accessed a person is itself access to that person's data.
    auto e = audit_entry(actor, ctx_.clock, domain::access::AuditAction::review, "audit_entry",
                         std::to_string(key.first), item.person_id);
    e.outcome = "selected for review";
    entries.push_back(std::move(e));
    out.push_back(std::move(item));
  }
  ctx_.audit->record(std::move(entries));
  return out;
}

void LogReviewService::record_outcome(const domain::access::Actor& actor, std::int64_t seq,
                                      const std::string& outcome,
                                      const std::optional<std::string>& note) {
  require_reviewer(actor);
  if (outcome != "justified" && outcome != "unjustified" && outcome != "needs_follow_up") {
    core::throw_field_error("outcome", "enum",
                            "Ska vara justified, unjustified eller needs_follow_up.");
  }
  if (outcome != "justified" && (!note || note->empty())) {
    core::throw_field_error("note", "required",
                            "Beskriv vad som ska följas upp eller varför åtkomsten var obefogad.");
  }
  ctx_.db.write([&](store::Transaction& tx) {
    const auto rs = tx.query(
        "SELECT person_id, listed_person_ids FROM audit_log WHERE seq = ? AND care_provider_id = ?",
        seq, *actor.care_provider_id);
    if (rs.empty()) not_found();  // only the provider's own log
    try {
      tx.query(
          "INSERT INTO log_reviews (id, audit_seq, care_provider_id, reviewer_user_id, outcome, "
          "note, reviewed_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          core::new_uuid(), seq, *actor.care_provider_id, actor.user_id, outcome,
          store::optional_value(note), store::to_db_time(ctx_.clock.now()));
    } catch (const store::ConstraintError&) {
      conflict("seq", "review.exists", "Posten är redan granskad.");
    }
    auto e = audit_entry(actor, ctx_.clock, domain::access::AuditAction::review, "audit_entry",
                         std::to_string(seq), rs.row(0).optional_text(0));
    // The outcome is documented for the entry; reviewing a list entry looked at the accesses to
    // everyone on it, so the review's own entry names them all, as a list entry.
    if (!rs.row(0).is_null(1)) {
      e.listed_person_ids =
          store::parse_person_list(rs.row(0).text(1)).value_or(std::vector<std::string>{});
    }
    e.outcome = outcome;
    e.purpose = note;
    AuditLog::record_in(tx, {e});
  });
}

}  // namespace nara::service
