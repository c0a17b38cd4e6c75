#include "domain/access/audit.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <utility>

namespace nara::domain::access {

namespace {
constexpr std::array<std::pair<AuditAction, std::string_view>, 11> kActions{{
    {AuditAction::read, "read"},
    {AuditAction::create, "create"},
    {AuditAction::update, "update"},
    {AuditAction::export_, "export"},
    {AuditAction::print, "print"},
    {AuditAction::block, "block"},
    {AuditAction::unblock, "unblock"},
    {AuditAction::consent, "consent"},
    {AuditAction::emergency_access, "emergency_access"},
    {AuditAction::denied, "denied"},
    {AuditAction::review, "review"},
}};

void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out.push_back(':');
  out += value;
  out.push_back(';');
}
void field(std::string& out, const std::string& value) {
  field(out, std::string_view(value));
}
void field(std::string& out, const char* value) {
  field(out, std::string_view(value));
}
void field(std::string& out, const std::optional<std::string>& value) {
  if (value) {
    field(out, std::string_view(*value));
  } else {
    out += "-;";
  }
}
}  // namespace

std::string_view to_string(AuditAction action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "read";
}

std::optional<AuditAction> parse_audit_action(std::string_view text) {
  for (const auto& [a, name] : kActions) {
    if (name == text) return a;
  }
  return std::nullopt;
}

std::string canonical_text(const AuditEntry& e) {
  std::string out;
  out.reserve(512);
  field(out, std::to_string(e.seq));
  field(out, e.prev_hash);
  field(out, e.at);
  field(out, e.user_id);
  field(out, e.user_hsa_id);
  field(out, e.assignment_id);
  field(out, e.role);
  field(out, e.unit_id);
  field(out, e.unit_hsa_id);
  field(out, e.care_provider_id);
  field(out, e.person_id);
  field(out, to_string(e.action));
  field(out, e.object_type);
  field(out, e.object_id);
  field(out, e.outcome);
  field(out, e.purpose);
  field(out, e.flagged ? "1" : "0");
  field(out, e.without_relation ? "1" : "0");
  field(out, e.request_id);
  if (!e.listed_person_ids.empty()) {
    // Written lists are canonical already; sorting here keeps the hash independent of the order
    // a caller happened to build the list in.
    const auto& ids = e.listed_person_ids;
    std::vector<std::string> sorted;
    const bool canonical =
        std::adjacent_find(ids.begin(), ids.end(), std::greater_equal<>()) == ids.end();
    if (!canonical) sorted = canonical_person_list(ids);
    const auto& listed = canonical ? ids : sorted;
    field(out, std::to_string(listed.size()));
    for (const auto& id : listed) field(out, id);
  }
  return out;
}

std::vector<std::string> canonical_person_list(std::vector<std::string> person_ids) {
  std::sort(person_ids.begin(), person_ids.end());
  person_ids.erase(std::unique(person_ids.begin(), person_ids.end()), person_ids.end());
  return person_ids;
}

}  // namespace nara::domain::access
