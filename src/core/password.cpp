#include "core/password.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/random.hpp"

namespace nara::core {

PasswordCost interactive_password_cost() {
  return PasswordCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

std::string hash_password(std::string_view password, PasswordCost cost) {
  (void)random_token(1);  // makes sure libsodium is initialised
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  if (encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  (void)random_token(1);
  const std::string hash(encoded_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace nara::core
