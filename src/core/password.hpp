#pragma once
// Password hashing with argon2id (libsodium crypto_pwhash, OWASP-recommended memory-hard KDF).
#include <string>
#include <string_view>

namespace nara::core {

struct PasswordCost {
  unsigned long long ops;
  std::size_t memory_bytes;
};
// libsodium's "interactive" limits: 2 passes over 64 MiB.
PasswordCost interactive_password_cost();

// Encoded hash string ($argon2id$v=19$m=…,t=…,p=1$salt$hash), salt included.
std::string hash_password(std::string_view password,
                          PasswordCost cost = interactive_password_cost());
bool verify_password(std::string_view encoded_hash, std::string_view password);

}  // namespace nara::core
