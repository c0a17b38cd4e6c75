#pragma once
// Helpers of the FHIR façade's tests (docs/fhir.md): Bundles, OperationOutcomes, the audit
// entries a request left.
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace nara::test::fhir {

// The path and query of a link (the harness's Host header has no port, so links name port 80).
inline std::string local(std::string_view url) {
  const auto at = url.find("/fhir/R4");
  return std::string(at == std::string_view::npos ? url : url.substr(at));
}

inline Reply get(const Client& client, const std::string& target, const std::string& request_id,
                 std::map<std::string, std::string> headers = {}) {
  headers["X-Request-Id"] = request_id;
  return client.send("GET", target, "", std::move(headers));
}

inline bool is_fhir_json(const Reply& r) {
  return r.header("content-type").starts_with("application/fhir+json");
}

// The first issue's code of an OperationOutcome, "" when the reply is not one.
inline std::string issue_code(const Reply& r) {
  if (!is_fhir_json(r) || !r.json().is_object()) return {};
  const auto& o = r.json().as_object();
  if (o.at("resourceType") != "OperationOutcome") return {};
  return std::string(o.at("issue").as_array().at(0).at("code").as_string());
}

// Every issue's expression.
inline std::vector<std::string> expressions(const Reply& r) {
  std::vector<std::string> out;
  for (const auto& issue : r.json().at("issue").as_array()) {
    if (const auto* e = issue.as_object().if_contains("expression")) {
      for (const auto& x : e->as_array()) out.emplace_back(x.as_string());
    }
  }
  return out;
}

// The resources of a Bundle's entries, of one type or all.
inline std::vector<boost::json::object> resources(const Reply& bundle, std::string_view type = {}) {
  std::vector<boost::json::object> out;
  const auto* entries = bundle.json().as_object().if_contains("entry");
  if (!entries) return out;
  for (const auto& e : entries->as_array()) {
    const auto& r = e.at("resource").as_object();
    if (type.empty() || r.at("resourceType").as_string() == type) out.push_back(r);
  }
  return out;
}

// The text of a JSON string, for comparing with std::string.
inline std::string str(const boost::json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
}

inline std::vector<std::string> ids(const std::vector<boost::json::object>& resources) {
  std::vector<std::string> out;
  for (const auto& r : resources) out.emplace_back(r.at("id").as_string());
  return out;
}

// A Bundle's total (the reply may be a temporary).
inline std::int64_t total(const Reply& bundle) {
  return bundle.json().at("total").as_int64();
}

// A Bundle's link of the relation, "" when it has none.
inline std::string link(const Reply& bundle, std::string_view relation) {
  for (const auto& l : bundle.json().at("link").as_array()) {
    if (l.at("relation").as_string() == relation) return std::string(l.at("url").as_string());
  }
  return {};
}

struct AuditRow {
  std::string action;
  std::string object_type;
  std::string person_id;  // "" for a list entry
  std::vector<std::string> listed;
  std::string outcome;
  bool without_relation = false;
};

inline std::vector<AuditRow> audit_rows(Server& server, const std::string& request_id) {
  return server.instance->database().read([&](store::Transaction& tx) {
    const auto rows = tx.query(
        "SELECT action, object_type, person_id, listed_person_ids, outcome, without_relation "
        "FROM audit_log WHERE request_id = ? ORDER BY seq",
        request_id);
    std::vector<AuditRow> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto r = rows.row(i);
      AuditRow a{r.text(0), r.text(1), r.optional_text(2).value_or(""),
                 {},        r.text(4), r.boolean(5)};
      if (!r.is_null(3)) {
        a.listed = store::parse_person_list(r.text(3)).value_or(std::vector<std::string>{});
      }
      out.push_back(std::move(a));
    }
    return out;
  });
}

}  // namespace nara::test::fhir
