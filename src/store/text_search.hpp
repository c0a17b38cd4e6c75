#pragma once
#include <string>
#include <string_view>

namespace nara::store {

// Lower-cases ASCII and the Swedish letters Å Ä Ö É Ü, identically for both engines (SQLite's
// lower() only knows ASCII), so name search behaves the same on SQLite and PostgreSQL.
std::string search_key(std::string_view text);

// Escapes LIKE wildcards (with '\') and appends '%' for a prefix match.
std::string like_prefix(std::string_view text);

}  // namespace nara::store
