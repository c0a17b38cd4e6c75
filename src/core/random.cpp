#include "core/random.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace nara::core {

namespace {

// Fetched during static initialisation, i.e. on the main thread: OpenSSL's first use loads its
// configuration and gives that thread error-queue state, which it frees at exit only for the main
// thread (on an I/O thread it was reported as a leak). A C function: it returns null, never throws.
EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);  // NOLINT(cert-err58-cpp)

void ensure_sodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return true;
  }();
  (void)ready;
}
}  // namespace

std::string new_uuid() {
  ensure_sodium();
  // UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then randomness. Ids made close in
  // time sort close together, so every primary key index takes new rows at its right edge instead
  // of on a random page — the difference between writing a few pages per commit and one per row.
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  const auto ms =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  for (std::size_t i = 0; i < 6; ++i) {
    b[i] = static_cast<unsigned char>((ms >> (8U * (5U - i))) & 0xffU);
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0fU) | 0x70U);  // version 7
  b[8] = static_cast<unsigned char>((b[8] & 0x3fU) | 0x80U);  // RFC 4122 variant
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(hex[b[i] >> 4U]);
    out.push_back(hex[b[i] & 0x0fU]);
  }
  return out;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string sha256_hex(std::string_view data) {
  // OpenSSL rather than libsodium here: its SHA-256 uses the CPU's SHA extensions where present,
  // ~0.5 us instead of ~2 us for an audit entry, and the audit writer hashes every entry
  // (docs/benchmarks.md, issue 3). The digest is fetched once, not on every call.
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (kSha256 == nullptr ||
      EVP_Digest(data.data(), data.size(), digest.data(), &length, kSha256, nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(length) * 2, '\0');
  for (std::size_t i = 0; i < length; ++i) {
    out[2 * i] = kHex[digest[i] >> 4U];
    out[2 * i + 1] = kHex[digest[i] & 0x0FU];
  }
  return out;
}

}  // namespace nara::core
