#pragma once
#include <optional>
#include <string>

#include "domain/access/actor.hpp"
#include "store/database.hpp"

namespace nara::store {

struct SessionRow {
  domain::access::Actor actor;  // filled from the session, its user and chosen assignment
  std::string csrf_token;
  std::string last_seen_at;
  std::string absolute_expires_at;
  bool user_active = true;
  bool assignment_active = true;
};

struct ThrottleRow {
  std::int64_t failures = 0;
  std::string first_failure_at;
  std::optional<std::string> locked_until;
};

class SessionRepository {
 public:
  explicit SessionRepository(Transaction& tx) : tx_(tx) {}

  void insert(const std::string& token_hash, const std::string& user_id,
              const std::optional<std::string>& assignment_id, const std::string& csrf_token,
              const std::string& now, const std::string& absolute_expires_at);
  std::optional<SessionRow> find(const std::string& token_hash);
  void touch(const std::string& token_hash, const std::string& now);
  bool set_assignment(const std::string& token_hash, const std::string& assignment_id);
  void remove(const std::string& token_hash);
  std::int64_t remove_all_of_user(const std::string& user_id);
  std::int64_t remove_expired(const std::string& idle_cutoff, const std::string& now);

  std::optional<ThrottleRow> throttle(const std::string& username);
  void save_throttle(const std::string& username, const ThrottleRow& row);
  void clear_throttle(const std::string& username);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
