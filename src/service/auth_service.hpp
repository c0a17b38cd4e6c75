#pragma once
// Sign-in with local accounts: argon2id passwords, opaque session tokens (only their SHA-256 is
// stored), idle and absolute expiry, throttling of failed attempts without revealing whether an
// account exists, and one chosen assignment per session.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"
#include "service/context.hpp"

namespace nara::service {

struct LoginRequest {
  std::string username;
  std::string password;
  std::optional<std::string> assignment_id;
};

struct SessionView {
  std::string token;  // only right after sign-in; never readable again
  std::string csrf_token;
  domain::registry::User user;
  std::vector<domain::registry::Assignment> assignments;  // active ones, to choose from
  std::optional<std::string> active_assignment_id;
  std::string absolute_expires_at;
};

struct Authenticated {
  domain::access::Actor actor;
  std::string csrf_token;
};

class AuthService {
 public:
  explicit AuthService(ServiceContext context) : ctx_(context) {}

  SessionView login(const LoginRequest& request);
  std::optional<Authenticated> authenticate(const std::string& token);
  SessionView current(const domain::access::Actor& actor);
  SessionView choose_assignment(const domain::access::Actor& actor,
                                const std::string& assignment_id);
  void logout(const domain::access::Actor& actor);
  std::int64_t logout_everywhere(const domain::access::Actor& actor);
  std::int64_t purge_expired_sessions();

 private:
  SessionView view_of(const std::string& token_hash, const domain::registry::User& user);
  ServiceContext ctx_;
};

}  // namespace nara::service
