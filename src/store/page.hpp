#pragma once
#include <optional>
#include <string>
#include <vector>

namespace nara::store {

// Keyset pagination: `after` holds the sort key of the last row already shown.
struct PageRequest {
  std::size_t limit = 50;
  std::optional<std::vector<std::string>> after;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::vector<std::string>> next;  // sort key of the last item, when more may follow
};

}  // namespace nara::store
