#include "domain/access/audit.hpp"

#include <array>
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
  return out;
}

}  // namespace nara::domain::access
