#include "store/session_repository.hpp"

namespace nara::store {

void SessionRepository::insert(const std::string& token_hash, const std::string& user_id,
                               const std::optional<std::string>& assignment_id,
                               const std::string& csrf_token, const std::string& now,
                               const std::string& absolute_expires_at) {
  tx_.query(
      "INSERT INTO sessions (token_hash, user_id, assignment_id, csrf_token, created_at, "
      "last_seen_at, "
      "absolute_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      token_hash, user_id, optional_value(assignment_id), csrf_token, now, now,
      absolute_expires_at);
}

std::optional<SessionRow> SessionRepository::find(const std::string& token_hash) {
  const auto rs = tx_.query(
      "SELECT s.user_id, s.assignment_id, s.csrf_token, s.last_seen_at, s.absolute_expires_at, "
      "u.display_name, "
      "u.hsa_id, u.person_id, u.active, a.role, a.unit_id, a.active, un.hsa_id, "
      "un.care_provider_id, a.protected_address_access "
      "FROM sessions s JOIN users u ON u.id = s.user_id "
      "LEFT JOIN assignments a ON a.id = s.assignment_id LEFT JOIN units un ON un.id = a.unit_id "
      "WHERE s.token_hash = ?",
      token_hash);
  if (rs.empty()) return std::nullopt;
  const Row r = rs.row(0);
  SessionRow out;
  out.actor.user_id = r.text(0);
  out.actor.assignment_id = r.optional_text(1);
  out.csrf_token = r.text(2);
  out.last_seen_at = r.text(3);
  out.absolute_expires_at = r.text(4);
  out.actor.display_name = r.text(5);
  out.actor.user_hsa_id = r.optional_text(6);
  out.actor.person_id = r.optional_text(7);
  out.user_active = r.boolean(8);
  if (!r.is_null(9)) out.actor.role = domain::access::parse_role(r.text(9));
  out.actor.unit_id = r.optional_text(10);
  out.assignment_active = r.is_null(11) || r.boolean(11);
  out.actor.unit_hsa_id = r.optional_text(12);
  out.actor.care_provider_id = r.optional_text(13);
  out.actor.protected_address_access = !r.is_null(14) && r.boolean(14);
  out.actor.session_id = token_hash;
  return out;
}

void SessionRepository::touch(const std::string& token_hash, const std::string& now) {
  tx_.query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, token_hash);
}

bool SessionRepository::set_assignment(const std::string& token_hash,
                                       const std::string& assignment_id) {
  return tx_.query("UPDATE sessions SET assignment_id = ? WHERE token_hash = ?", assignment_id,
                   token_hash)
             .affected_rows == 1;
}

void SessionRepository::remove(const std::string& token_hash) {
  tx_.query("DELETE FROM sessions WHERE token_hash = ?", token_hash);
}

std::int64_t SessionRepository::remove_all_of_user(const std::string& user_id) {
  return tx_.query("DELETE FROM sessions WHERE user_id = ?", user_id).affected_rows;
}

std::int64_t SessionRepository::remove_expired(const std::string& idle_cutoff,
                                               const std::string& now) {
  return tx_
      .query("DELETE FROM sessions WHERE last_seen_at < ? OR absolute_expires_at < ?", idle_cutoff,
             now)
      .affected_rows;
}

std::optional<ThrottleRow> SessionRepository::throttle(const std::string& username) {
  const auto rs = tx_.query(
      "SELECT failures, first_failure_at, locked_until FROM login_throttle WHERE username = ?",
      username);
  if (rs.empty()) return std::nullopt;
  const Row r = rs.row(0);
  return ThrottleRow{r.int64(0), r.text(1), r.optional_text(2)};
}

void SessionRepository::save_throttle(const std::string& username, const ThrottleRow& row) {
  tx_.query("DELETE FROM login_throttle WHERE username = ?", username);
  tx_.query(
      "INSERT INTO login_throttle (username, failures, first_failure_at, locked_until) VALUES (?, "
      "?, ?, ?)",
      username, row.failures, row.first_failure_at, optional_value(row.locked_until));
}

void SessionRepository::clear_throttle(const std::string& username) {
  tx_.query("DELETE FROM login_throttle WHERE username = ?", username);
}

}  // namespace nara::store
