#include "store/database.hpp"

#include <charconv>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace nara::store {

const std::string& Row::text(std::size_t i) const {
  const auto& cell = cells_->at(i);
  if (!cell) throw DatabaseError("unexpected NULL in column " + std::to_string(i));
  return *cell;
}

std::int64_t Row::int64(std::size_t i) const {
  const std::string& s = text(i);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    throw DatabaseError("column " + std::to_string(i) + " is not an integer");
  }
  return value;
}

std::optional<std::int64_t> Row::optional_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

double Row::real(std::size_t i) const {
  return std::stod(text(i));
}

std::optional<double> Row::optional_real(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return real(i);
}

bool Row::boolean(std::size_t i) const {
  const std::string& s = text(i);
  return s == "1" || s == "t" || s == "true";
}

std::string_view RowView::text(std::size_t i) const {
  if (is_null(i)) throw DatabaseError("unexpected NULL in column " + std::to_string(i));
  return cells_[i];
}

std::int64_t RowView::int64(std::size_t i) const {
  const std::string_view s = text(i);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    throw DatabaseError("column " + std::to_string(i) + " is not an integer");
  }
  return value;
}

double RowView::real(std::size_t i) const {
  const std::string_view s = text(i);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    throw DatabaseError("column " + std::to_string(i) + " is not a number");
  }
  return value;
}

bool RowView::boolean(std::size_t i) const {
  const std::string_view s = text(i);
  return s == "1" || s == "t" || s == "true";
}

std::unique_ptr<Database> open_database(const std::string& url, const DatabaseOptions& options) {
  if (url.starts_with("sqlite:")) {
    return std::make_unique<sqlite::SqliteDatabase>(url.substr(7), options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::make_unique<postgres::PostgresDatabase>(url, options);
  }
  throw DatabaseError("unsupported database URL: expected sqlite:PATH or postgresql://…");
}

std::string to_numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out.push_back('$');
      out += std::to_string(next++);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace nara::store
