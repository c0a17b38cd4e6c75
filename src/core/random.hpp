#pragma once
// Unpredictable identifiers and secrets from libsodium's CSPRNG.
#include <cstddef>
#include <string>
#include <string_view>

namespace nara::core {

// A time-ordered (version 7) UUID in lower-case canonical form; used as the id of every record.
std::string new_uuid();

// `bytes` random bytes as unpadded base64url; for session tokens and CSRF tokens.
std::string random_token(std::size_t bytes = 32);

// SHA-256 of `data` as lower-case hex; for storing token digests rather than tokens.
std::string sha256_hex(std::string_view data);

}  // namespace nara::core
