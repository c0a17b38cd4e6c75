#include "service/auth_service.hpp"

#include <algorithm>

#include "core/password.hpp"
#include "core/problem.hpp"
#include "core/random.hpp"
#include "service/authorization.hpp"
#include "store/registry_repository.hpp"
#include "store/session_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::registry::Assignment;
using domain::registry::User;

namespace {

[[noreturn]] void sign_in_failed() {
  // One answer for a wrong password, an unknown user and a disabled account: no enumeration.
  core::Problem p;
  p.status = 401;
  p.type = "https://nara.example/problems/sign-in-failed";
  p.title = "Inloggningen misslyckades";
  p.detail = "Fel användarnamn eller lösenord.";
  core::throw_problem(std::move(p));
}

[[noreturn]] void locked_out(long minutes) {
  core::Problem p;
  p.status = 429;
  p.type = "https://nara.example/problems/sign-in-locked";
  p.title = "För många misslyckade inloggningar";
  p.detail =
      "Inloggningen är tillfälligt spärrad efter upprepade misslyckade försök. Försök igen om " +
      std::to_string(std::max(1L, minutes)) + " minuter eller kontakta din administratör.";
  core::throw_problem(std::move(p));
}

const std::string& dummy_hash() {
  static const std::string hash = core::hash_password("nara-timing-equaliser-not-a-password");
  return hash;
}

std::string normalise_username(std::string username) {
  std::transform(username.begin(), username.end(), username.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return username;
}

std::vector<Assignment> active_only(std::vector<Assignment> all) {
  std::erase_if(all, [](const Assignment& a) { return !a.active; });
  return all;
}

}  // namespace

SessionView AuthService::login(const LoginRequest& request) {
  const std::string username = normalise_username(request.username).substr(0, 64);
  const core::Instant now = ctx_.clock.now();
  const std::string now_text = store::to_db_time(now);

  struct Loaded {
    std::optional<User> user;
    std::optional<std::string> hash;
    std::optional<store::ThrottleRow> throttle;
  };
  Loaded loaded = ctx_.db.read([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    Loaded out;
    out.user = registry.find_user_by_username(username);
    if (out.user) out.hash = registry.password_hash(out.user->id);
    out.throttle = store::SessionRepository(tx).throttle(username);
    return out;
  });

  if (loaded.throttle && loaded.throttle->locked_until &&
      *loaded.throttle->locked_until > now_text) {
    const auto until = store::from_db_time(*loaded.throttle->locked_until);
    locked_out(
        static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(until - now).count()) +
        1);
  }

  const bool password_ok =
      core::verify_password(loaded.hash.value_or(dummy_hash()), request.password);
  const bool ok = password_ok && loaded.user && loaded.user->active;
  if (!ok) {
    ctx_.db.write([&](store::Transaction& tx) {
      store::SessionRepository sessions(tx);
      auto row =
          sessions.throttle(username).value_or(store::ThrottleRow{0, now_text, std::nullopt});
      const auto window_start = store::from_db_time(row.first_failure_at);
      if (now - window_start > ctx_.sessions.failure_window || row.locked_until) {
        row = store::ThrottleRow{0, now_text, std::nullopt};
      }
      row.failures += 1;
      if (row.failures >= ctx_.sessions.max_failed_logins) {
        row.locked_until = store::to_db_time(now + ctx_.sessions.lockout);
      }
      sessions.save_throttle(username, row);
    });
    sign_in_failed();
  }

  // A fresh token at every sign-in (session rotation): a token planted before sign-in is useless.
  const std::string token = core::random_token(32);
  const std::string token_hash = core::sha256_hex(token);
  const User user = *loaded.user;
  ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    store::SessionRepository sessions(tx);
    const auto assignments = active_only(registry.assignments_of(user.id));
    std::optional<std::string> chosen;
    if (request.assignment_id) {
      const auto it =
          std::find_if(assignments.begin(), assignments.end(),
                       [&](const Assignment& a) { return a.id == *request.assignment_id; });
      if (it == assignments.end()) {
        core::throw_field_error("assignmentId", "assignment.not_yours",
                                "Uppdraget finns inte bland dina uppdrag.");
      }
      chosen = it->id;
    } else if (assignments.size() == 1) {
      chosen = assignments.front().id;
    }
    sessions.clear_throttle(username);
    sessions.insert(token_hash, user.id, chosen, core::random_token(24), now_text,
                    store::to_db_time(now + ctx_.sessions.absolute_timeout));
  });
  SessionView view = view_of(token_hash, user);
  view.token = token;
  return view;
}

std::optional<Authenticated> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string token_hash = core::sha256_hex(token);
  const core::Instant now = ctx_.clock.now();
  auto row = ctx_.db.read(
      [&](store::Transaction& tx) { return store::SessionRepository(tx).find(token_hash); });
  if (!row || !row->user_active) return std::nullopt;
  const auto last_seen = store::from_db_time(row->last_seen_at);
  if (now - last_seen > ctx_.sessions.idle_timeout ||
      store::from_db_time(row->absolute_expires_at) <= now) {
    ctx_.db.write([&](store::Transaction& tx) { store::SessionRepository(tx).remove(token_hash); });
    return std::nullopt;
  }
  // Idle expiry needs only minute precision; writing on every request would serialise readers.
  if (now - last_seen > std::chrono::minutes(1)) {
    ctx_.db.write([&](store::Transaction& tx) {
      store::SessionRepository(tx).touch(token_hash, store::to_db_time(now));
    });
  }
  if (!row->assignment_active) {
    row->actor.assignment_id.reset();
    row->actor.role.reset();
    row->actor.unit_id.reset();
  }
  return Authenticated{std::move(row->actor), std::move(row->csrf_token)};
}

SessionView AuthService::view_of(const std::string& token_hash, const User& user) {
  return ctx_.db.read([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    auto row = store::SessionRepository(tx).find(token_hash);
    if (!row) not_found();
    SessionView view;
    view.csrf_token = row->csrf_token;
    view.user = user;
    view.assignments = active_only(registry.assignments_of(user.id));
    view.active_assignment_id = row->assignment_active ? row->actor.assignment_id : std::nullopt;
    view.absolute_expires_at = row->absolute_expires_at;
    return view;
  });
}

SessionView AuthService::current(const domain::access::Actor& actor) {
  auto user = ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).find_user(actor.user_id);
  });
  if (!user) not_found();
  return view_of(actor.session_id, *user);
}

SessionView AuthService::choose_assignment(const domain::access::Actor& actor,
                                           const std::string& assignment_id) {
  ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    const auto assignment = registry.find_assignment(assignment_id);
    if (!assignment || assignment->user_id != actor.user_id || !assignment->active) {
      core::throw_field_error("assignmentId", "assignment.not_yours",
                              "Uppdraget finns inte bland dina uppdrag.");
    }
    store::SessionRepository(tx).set_assignment(actor.session_id, assignment_id);
  });
  return current(actor);
}

void AuthService::logout(const domain::access::Actor& actor) {
  ctx_.db.write(
      [&](store::Transaction& tx) { store::SessionRepository(tx).remove(actor.session_id); });
}

std::int64_t AuthService::logout_everywhere(const domain::access::Actor& actor) {
  return ctx_.db.write([&](store::Transaction& tx) {
    return store::SessionRepository(tx).remove_all_of_user(actor.user_id);
  });
}

std::int64_t AuthService::purge_expired_sessions() {
  const core::Instant now = ctx_.clock.now();
  return ctx_.db.write([&](store::Transaction& tx) {
    return store::SessionRepository(tx).remove_expired(
        store::to_db_time(now - ctx_.sessions.idle_timeout), store::to_db_time(now));
  });
}

}  // namespace nara::service
