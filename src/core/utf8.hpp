#pragma once
#include <string_view>

namespace nara::core {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace nara::core
