#include "core/utf8.hpp"

#include <cstdint>

namespace nara::core {

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    std::uint32_t min = 0;
    if ((c & 0xE0U) == 0xC0U) {
      length = 2, code = c & 0x1FU, min = 0x80;
    } else if ((c & 0xF0U) == 0xE0U) {
      length = 3, code = c & 0x0FU, min = 0x800;
    } else if ((c & 0xF8U) == 0xF0U) {
      length = 4, code = c & 0x07U, min = 0x10000;
    } else {
      return false;
    }
    if (i + length > n) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto cc = static_cast<std::uint8_t>(text[i + k]);
      if ((cc & 0xC0U) != 0x80U) return false;
      code = (code << 6U) | (cc & 0x3FU);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace nara::core
