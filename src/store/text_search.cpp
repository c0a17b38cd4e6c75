#include "store/text_search.hpp"

#include <array>
#include <utility>

namespace nara::store {

std::string search_key(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kUpperToLower{{
      {"Å", "å"},
      {"Ä", "ä"},
      {"Ö", "ö"},
      {"É", "é"},
      {"Ü", "ü"},
  }};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [upper, lower] : kUpperToLower) {
      if (text.substr(i, upper.size()) == upper) {
        out += lower;
        i += upper.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = text[i++];
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string like_prefix(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace nara::store
