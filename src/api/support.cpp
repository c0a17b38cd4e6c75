#include "api/support.hpp"

#include <sodium.h>

#include <charconv>

#include "core/problem.hpp"
#include "core/utf8.hpp"

namespace nara::api {

http::Response json_response(const boost::json::value& body, int status) {
  http::Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

http::Response json_with_etag(const boost::json::value& body, std::int64_t version, int status) {
  http::Response r = json_response(body, status);
  r.set_header("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

namespace {
[[noreturn]] void bad_query(const std::string& field, const std::string& rule,
                            const std::string& detail) {
  core::Problem p = core::validation_problem({core::FieldError{field, rule, detail}});
  p.status = 400;
  core::throw_problem(std::move(p));
}
}  // namespace

std::string encode_cursor(const std::vector<std::string>& key) {
  boost::json::array a;
  for (const auto& k : key) a.emplace_back(k);
  const std::string text = boost::json::serialize(a);
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t n = 0;
  const char* first = text.data();
  const char* last = first + text.size();
  const auto [end, ec] = std::from_chars(first, last, n);
  if (ec != std::errc{} || end != last) return std::nullopt;
  return n;
}

store::PageRequest page_request(const http::Request& request) {
  store::PageRequest page;
  if (const auto limit = request.query_param("limit")) {
    const auto n = parse_count(*limit);
    if (!n || *n < 1 || *n > 200) {
      bad_query("limit", "integer.range", "limit ska vara ett heltal mellan 1 och 200.");
    }
    page.limit = *n;
  }
  if (const auto cursor_param = request.query_param("cursor")) {
    const std::string& cursor = *cursor_param;
    if (cursor.size() > 2048) bad_query("cursor", "cursor.invalid", "Ogiltig cursor.");
    std::string decoded(cursor.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                          cursor.data(), cursor.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
      bad_query("cursor", "cursor.invalid", "Ogiltig cursor.");
    }
    decoded.resize(length);
    boost::system::error_code ec;
    const auto value =
        core::is_valid_utf8(decoded) ? boost::json::parse(decoded, ec) : boost::json::value();
    if (ec || !value.is_array()) bad_query("cursor", "cursor.invalid", "Ogiltig cursor.");
    std::vector<std::string> key;
    for (const auto& part : value.get_array()) {
      if (!part.is_string()) bad_query("cursor", "cursor.invalid", "Ogiltig cursor.");
      key.emplace_back(part.get_string());
    }
    page.after = std::move(key);
  }
  return page;
}

std::int64_t if_match_version(const http::Request& request) {
  std::string tag = request.header("if-match").value_or("");
  if (tag.starts_with("W/")) tag = tag.substr(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
    tag = tag.substr(1, tag.size() - 2);
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (ec != std::errc{} || end != tag.data() + tag.size() || version < 1) {
    core::Problem p;
    p.status = 412;
    p.type = "https://nara.example/problems/precondition-failed";
    p.title = "Ogiltig If-Match";
    p.detail = "If-Match ska vara resursens ETag, till exempel \"3\".";
    core::throw_problem(std::move(p));
  }
  return version;
}

boost::json::object body_object(const http::Request& request) {
  const auto type = request.header("content-type").value_or("");
  if (!type.starts_with("application/json") && !type.starts_with("application/merge-patch+json")) {
    core::Problem p;
    p.status = 415;
    p.type = "https://nara.example/problems/unsupported-media-type";
    p.title = "Fel innehållstyp";
    p.detail = "Skicka innehållet som application/json.";
    core::throw_problem(std::move(p));
  }
  return http::parse_json_object(request.body);
}

std::optional<std::string> query_text(const http::Request& request, std::string_view name,
                                      std::size_t max_length) {
  auto value = request.query_param(name);
  if (!value) return std::nullopt;
  if (value->size() > max_length || !core::is_valid_utf8(*value)) {
    bad_query(std::string(name), "string.max_length",
              "Värdet är för långt eller inte giltig UTF-8.");
  }
  if (value->empty()) return std::nullopt;
  return value;
}

boost::json::value optional_json(const std::optional<std::string>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::value optional_json(const std::optional<double>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

std::optional<domain::discharge::EpisodeState> episode_state_param(const http::Request& request) {
  using domain::discharge::EpisodeState;
  const auto text = query_text(request, "state", 40);
  if (!text) return std::nullopt;
  const auto state = domain::discharge::parse_episode_state(*text);
  // Cancelled and deceased episodes are on no list, so asking for them is a mistaken request.
  if (!state || *state == EpisodeState::cancelled || *state == EpisodeState::deceased) {
    core::throw_field_error("state", "enum", "Okänt tillstånd för vårdtillfället.");
  }
  return state;
}

bool flag_param(const http::Request& request, std::string_view name, bool fallback) {
  const auto v = request.query_param(name);
  if (!v) return fallback;
  if (*v == "true") return true;
  if (*v == "false") return false;
  core::throw_field_error(std::string(name), "boolean", "Ska vara true eller false.", 400);
}

}  // namespace nara::api
