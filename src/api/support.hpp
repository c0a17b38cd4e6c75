#pragma once
// Conventions every /api/v1 handler follows: JSON bodies, cursor pages, ETag/If-Match.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/discharge/episode.hpp"
#include "http/json_input.hpp"
#include "http/router.hpp"
#include "http/types.hpp"
#include "store/page.hpp"
#include "store/sip_repository.hpp"

namespace nara::api {

http::Response json_response(const boost::json::value& body, int status = 200);
http::Response json_with_etag(const boost::json::value& body, std::int64_t version,
                              int status = 200);
http::Response no_content();

// Reads `limit` (1–200, default 50) and `cursor` from the query; a bad value is a 400 naming it.
store::PageRequest page_request(const http::Request& request);
std::string encode_cursor(const std::vector<std::string>& key);
// A non-negative decimal count, or nothing when the text is not exactly one.
std::optional<std::size_t> parse_count(std::string_view text);
// {"items": [...], "nextCursor": "..." | null}
template <class T, class Fn>
http::Response page_response(const store::Page<T>& page, Fn&& to_json) {
  boost::json::array items;
  for (const auto& item : page.items) items.push_back(to_json(item));
  boost::json::object body{{"items", std::move(items)}};
  body["nextCursor"] =
      page.next ? boost::json::value(encode_cursor(*page.next)) : boost::json::value(nullptr);
  return json_response(body);
}

// The version a client saw, from If-Match ("3" or W/"3"); 412 when it is not one of ours.
std::int64_t if_match_version(const http::Request& request);

boost::json::object body_object(const http::Request& request);
std::optional<std::string> query_text(const http::Request& request, std::string_view name,
                                      std::size_t max_length = 200);

boost::json::value optional_json(const std::optional<std::string>& value);
boost::json::value optional_json(const std::optional<double>& value);

// A `true`/`false` query parameter; 400 naming it for anything else.
bool flag_param(const http::Request& request, std::string_view name, bool fallback);

// A named contact (fast vårdkontakt, fast omsorgskontakt) as the API shows it.
boost::json::object named_contact_json(const store::NamedContactRow& contact);

// `state=` of the lists of inpatient episodes (worklist, ward board): states those lists show.
std::optional<domain::discharge::EpisodeState> episode_state_param(const http::Request& request);

}  // namespace nara::api
