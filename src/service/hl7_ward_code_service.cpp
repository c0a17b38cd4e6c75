#include "service/hl7_ward_code_service.hpp"

#include "core/problem.hpp"
#include "core/random.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Permission;

namespace {

constexpr const char* kWardCodeSelect =
    "SELECT c.id, c.facility, c.point_of_care, c.unit_id, u.name, u.hsa_id, c.note, c.version, "
    "c.created_at, c.updated_at FROM hl7_ward_codes c JOIN units u ON u.id = c.unit_id";

WardCode ward_code_from(const store::Row& row) {
  WardCode c;
  c.id = row.text(0);
  c.facility = row.text(1);
  c.point_of_care = row.text(2);
  c.unit_id = row.text(3);
  c.unit_name = row.text(4);
  c.unit_hsa_id = row.text(5);
  c.note = row.optional_text(6);
  c.version = row.int64(7);
  c.created_at = row.text(8);
  c.updated_at = row.text(9);
  return c;
}

std::optional<WardCode> find_ward_code(store::Transaction& tx, const std::string& id) {
  const auto rs = tx.query(std::string(kWardCodeSelect) + " WHERE c.id = ?", id);
  if (rs.empty()) return std::nullopt;
  return ward_code_from(rs.row(0));
}

constexpr const char* kHeldSelect =
    "SELECT h.id, h.state, h.sender, h.control_id, h.trigger_event, h.facility, h.point_of_care, "
    "h.received_at, h.last_attempt_at, h.attempts, h.ack_code, h.error_code, h.reason, "
    "h.processed_at, u.display_name, EXISTS (SELECT 1 FROM hl7_ward_codes c JOIN units w ON w.id "
    "= c.unit_id AND w.kind = 'hospital_ward' WHERE c.facility = h.facility AND c.point_of_care = "
    "h.point_of_care) FROM hl7_held_messages h LEFT JOIN users u ON u.id = h.processed_by";

HeldMessage held_from(const store::Row& row) {
  HeldMessage m;
  m.id = row.text(0);
  m.state = parse_held_state(row.text(1)).value_or(HeldState::open);
  m.sender = row.text(2);
  m.control_id = row.text(3);
  m.trigger_event = row.text(4);
  m.facility = row.text(5);
  m.point_of_care = row.text(6);
  m.received_at = row.text(7);
  m.last_attempt_at = row.text(8);
  m.attempts = row.int64(9);
  m.ack_code = row.text(10);
  m.error_code = row.int64(11);
  m.reason = row.text(12);
  m.processed_at = row.optional_text(13);
  m.processed_by = row.optional_text(14);
  m.mapped = row.boolean(15);
  return m;
}

std::optional<HeldMessage> find_held(store::Transaction& tx, const std::string& id) {
  const auto rs = tx.query(std::string(kHeldSelect) + " WHERE h.id = ?", id);
  if (rs.empty()) return std::nullopt;
  return held_from(rs.row(0));
}

// The unit must be a hospital ward: ADT admits to and moves between wards (PV1-3).
void check_ward(store::Transaction& tx, const std::string& unit_id) {
  const auto rs = tx.query("SELECT kind FROM units WHERE id = ?", unit_id);
  if (rs.empty()) core::throw_field_error("unitId", "reference", "Enheten finns inte.");
  if (rs.row(0).text(0) != "hospital_ward") {
    core::throw_field_error("unitId", "kind",
                            "Koden kopplas till en vårdavdelning: ADT skriver in och flyttar "
                            "patienter mellan vårdavdelningar.");
  }
}

void check_unique(store::Transaction& tx, const WardCodeInput& in, const std::string& except_id) {
  const auto rs = tx.query(
      "SELECT u.name FROM hl7_ward_codes c JOIN units u ON u.id = c.unit_id WHERE c.facility = ? "
      "AND c.point_of_care = ? AND c.id <> ?",
      in.facility, in.point_of_care, except_id);
  if (!rs.empty()) {
    conflict("pointOfCare", "ward_code.duplicate",
             "Koden " + in.point_of_care + " från " + in.facility + " är redan kopplad till " +
                 rs.row(0).text(0) + ".");
  }
}

std::optional<std::string> actor_user(const domain::access::Actor& actor) {
  return actor.user_id.empty() ? std::nullopt : std::optional<std::string>(actor.user_id);
}

void audit_change(store::Transaction& tx, const domain::access::Actor& actor,
                  const core::Clock& clock, AuditAction action, const std::string& object_type,
                  const std::string& id, std::string outcome) {
  auto e = audit_entry(actor, clock, action, object_type, id, std::nullopt);
  e.outcome = std::move(outcome);
  AuditLog::record_in(tx, {e});
}

std::string describe(const WardCodeInput& in) {
  return in.facility + "/" + in.point_of_care + " -> " + in.unit_id;
}

}  // namespace

std::string_view to_string(HeldState state) {
  switch (state) {
    case HeldState::open:
      return "open";
    case HeldState::processed:
      return "processed";
    case HeldState::discarded:
      return "discarded";
  }
  return "open";
}

std::optional<HeldState> parse_held_state(std::string_view text) {
  if (text == "open") return HeldState::open;
  if (text == "processed") return HeldState::processed;
  if (text == "discarded") return HeldState::discarded;
  return std::nullopt;
}

std::vector<WardCode> Hl7WardCodeService::list(const domain::access::Actor& actor) {
  require(actor, Permission::manage_organisation);
  return ctx_.db.read([&](store::Transaction& tx) {
    const auto rs =
        tx.query(std::string(kWardCodeSelect) + " ORDER BY c.facility, c.point_of_care, c.id");
    std::vector<WardCode> out;
    out.reserve(rs.size());
    for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(ward_code_from(rs.row(i)));
    return out;
  });
}

WardCode Hl7WardCodeService::get(const domain::access::Actor& actor, const std::string& id) {
  require(actor, Permission::manage_organisation);
  auto found = ctx_.db.read([&](store::Transaction& tx) { return find_ward_code(tx, id); });
  if (!found) not_found();
  return std::move(*found);
}

WardCode Hl7WardCodeService::create(const domain::access::Actor& actor,
                                    const WardCodeInput& input) {
  require(actor, Permission::manage_organisation);
  const std::string id = core::new_uuid();
  const std::string now = store::to_db_time(ctx_.clock.now());
  return ctx_.db.write([&](store::Transaction& tx) {
    check_ward(tx, input.unit_id);
    check_unique(tx, input, id);
    tx.query(
        "INSERT INTO hl7_ward_codes (id, facility, point_of_care, unit_id, note, version, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
        id, input.facility, input.point_of_care, input.unit_id, store::optional_value(input.note),
        now, now);
    audit_change(tx, actor, ctx_.clock, AuditAction::create, "hl7_ward_code", id,
                 "allowed: " + describe(input));
    return find_ward_code(tx, id).value();
  });
}

WardCode Hl7WardCodeService::update(const domain::access::Actor& actor, const std::string& id,
                                    std::int64_t expected_version,
                                    const std::function<void(WardCodeInput&)>& patch) {
  require(actor, Permission::manage_organisation);
  const std::string now = store::to_db_time(ctx_.clock.now());
  return ctx_.db.write([&](store::Transaction& tx) {
    const auto current = find_ward_code(tx, id);
    if (!current) not_found();
    if (current->version != expected_version) version_conflict();
    WardCodeInput in{current->facility, current->point_of_care, current->unit_id, current->note};
    patch(in);
    check_ward(tx, in.unit_id);
    check_unique(tx, in, id);
    const auto changed = tx.query(
        "UPDATE hl7_ward_codes SET facility = ?, point_of_care = ?, unit_id = ?, note = ?, "
        "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
        in.facility, in.point_of_care, in.unit_id, store::optional_value(in.note), now, id,
        expected_version);
    if (changed.affected_rows != 1) version_conflict();
    audit_change(tx, actor, ctx_.clock, AuditAction::update, "hl7_ward_code", id,
                 "allowed: " + describe(in));
    return find_ward_code(tx, id).value();
  });
}

void Hl7WardCodeService::remove(const domain::access::Actor& actor, const std::string& id) {
  require(actor, Permission::manage_organisation);
  ctx_.db.write([&](store::Transaction& tx) {
    const auto current = find_ward_code(tx, id);
    if (!current) not_found();
    tx.query("DELETE FROM hl7_ward_codes WHERE id = ?", id);
    // The audit log has no delete action: a removal is a change of the table, named as one.
    audit_change(tx, actor, ctx_.clock, AuditAction::update, "hl7_ward_code", id,
                 "allowed: deleted " + current->facility + "/" + current->point_of_care + " -> " +
                     current->unit_id);
  });
}

HeldMessageList Hl7WardCodeService::held(const domain::access::Actor& actor,
                                         std::optional<HeldState> state, std::size_t limit) {
  require(actor, Permission::manage_organisation);
  return ctx_.db.read([&](store::Transaction& tx) {
    HeldMessageList out;
    std::string sql = kHeldSelect;
    std::vector<store::Value> params;
    if (state) {
      sql += " WHERE h.state = ?";
      params.emplace_back(std::string(to_string(*state)));
    }
    // Open ones oldest first (a worklist); closed ones newest first.
    sql += state == HeldState::open ? " ORDER BY h.received_at, h.id"
                                    : " ORDER BY h.last_attempt_at DESC, h.id";
    sql += " LIMIT ?";
    params.emplace_back(static_cast<std::int64_t>(limit));
    const auto rs = tx.run(sql, params);
    out.items.reserve(rs.size());
    for (std::size_t i = 0; i < rs.size(); ++i) out.items.push_back(held_from(rs.row(i)));
    out.open =
        tx.query("SELECT COUNT(*) FROM hl7_held_messages WHERE state = 'open'").row(0).int64(0);
    return out;
  });
}

HeldMessage Hl7WardCodeService::held_message(const domain::access::Actor& actor,
                                             const std::string& id) {
  require(actor, Permission::manage_organisation);
  auto found = ctx_.db.read([&](store::Transaction& tx) { return find_held(tx, id); });
  if (!found) not_found();
  return std::move(*found);
}

HeldMessage Hl7WardCodeService::discard(const domain::access::Actor& actor, const std::string& id) {
  require(actor, Permission::manage_organisation);
  const std::string now = store::to_db_time(ctx_.clock.now());
  return ctx_.db.write([&](store::Transaction& tx) {
    const auto held = lock_held_message(tx, id);
    if (!held) not_found();
    if (held->state == HeldState::open) {
      tx.query(
          "UPDATE hl7_held_messages SET state = 'discarded', message = '', processed_at = ?, "
          "processed_by = ? WHERE id = ?",
          now, store::optional_value(actor_user(actor)), id);
      audit_change(tx, actor, ctx_.clock, AuditAction::update, "hl7_held_message", id,
                   "allowed: discarded");
    }
    return find_held(tx, id).value();
  });
}

std::optional<std::string> mapped_ward(store::Transaction& tx, const std::string& facility,
                                       const std::string& point_of_care) {
  const auto rs = tx.query(
      "SELECT c.unit_id FROM hl7_ward_codes c JOIN units u ON u.id = c.unit_id AND u.kind = "
      "'hospital_ward' WHERE c.facility = ? AND c.point_of_care = ?",
      facility, point_of_care);
  if (rs.empty()) return std::nullopt;
  return rs.row(0).text(0);
}

std::string hold_message(store::Transaction& tx, const core::Clock& clock, const HoldInput& in) {
  const std::string now = store::to_db_time(clock.now());
  const auto known =
      tx.query("SELECT id FROM hl7_held_messages WHERE sender = ? AND control_id = ?", in.sender,
               in.control_id);
  if (!known.empty()) {
    std::string id = known.row(0).text(0);
    // Sent again (or re-run): the latest text and outcome, and open again if it was discarded.
    tx.query(
        "UPDATE hl7_held_messages SET state = 'open', message = ?, attempts = attempts + 1, "
        "last_attempt_at = ?, ack_code = ?, error_code = ?, reason = ?, facility = ?, "
        "point_of_care = ?, processed_at = NULL, processed_by = NULL WHERE id = ?",
        in.message, now, in.ack_code, in.error_code, in.reason, in.facility, in.point_of_care, id);
    return id;
  }
  std::string id = core::new_uuid();
  tx.query(
      "INSERT INTO hl7_held_messages (id, sender, control_id, trigger_event, facility, "
      "point_of_care, visit_number, message, sender_user_id, sender_name, state, received_at, "
      "last_attempt_at, attempts, ack_code, error_code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, 'open', ?, ?, 1, ?, ?, ?)",
      id, in.sender, in.control_id, in.trigger_event, in.facility, in.point_of_care,
      in.visit_number, in.message, store::optional_value(in.sender_user_id), in.sender_name, now,
      now, in.ack_code, in.error_code, in.reason);
  return id;
}

bool visit_has_held_message(store::Transaction& tx, const std::string& sender,
                            const std::string& visit_number) {
  return !tx.query(
                "SELECT 1 FROM hl7_held_messages WHERE sender = ? AND visit_number = ? AND state "
                "= 'open'",
                sender, visit_number)
              .empty();
}

void close_held_message(store::Transaction& tx, const core::Clock& clock, const std::string& sender,
                        const std::string& control_id, const std::optional<std::string>& episode_id,
                        const std::optional<std::string>& processed_by) {
  const std::string now = store::to_db_time(clock.now());
  tx.query(
      "UPDATE hl7_held_messages SET state = 'processed', message = '', ack_code = 'AA', "
      "error_code = 0, reason = '', episode_id = ?, processed_at = ?, processed_by = ?, "
      "last_attempt_at = ?, attempts = attempts + 1 WHERE sender = ? AND control_id = ? AND state "
      "<> 'processed'",
      store::optional_value(episode_id), now, store::optional_value(processed_by), now, sender,
      control_id);
}

std::optional<HeldText> lock_held_message(store::Transaction& tx, const std::string& id) {
  // An UPDATE takes the row's lock on PostgreSQL (SQLite has one writer anyway).
  tx.query("UPDATE hl7_held_messages SET attempts = attempts WHERE id = ?", id);
  const auto rs = tx.query(
      "SELECT id, state, sender, visit_number, message, sender_user_id, sender_name FROM "
      "hl7_held_messages WHERE id = ?",
      id);
  if (rs.empty()) return std::nullopt;
  const auto row = rs.row(0);
  return HeldText{row.text(0), parse_held_state(row.text(1)).value_or(HeldState::open),
                  row.text(2), row.text(3),
                  row.text(4), row.optional_text(5),
                  row.text(6)};
}

std::vector<std::string> held_followers(store::Transaction& tx, const HeldText& first) {
  std::vector<std::string> out;
  if (first.visit_number.empty()) return out;
  const auto rs = tx.query(
      "SELECT id FROM hl7_held_messages WHERE sender = ? AND visit_number = ? AND state = 'open' "
      "AND id <> ? ORDER BY received_at, id",
      first.sender, first.visit_number, first.id);
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(rs.row(i).text(0));
  return out;
}

void record_held_attempt(store::Transaction& tx, const core::Clock& clock, const std::string& id,
                         const std::string& ack_code, std::int64_t error_code,
                         const std::string& reason) {
  tx.query(
      "UPDATE hl7_held_messages SET attempts = attempts + 1, last_attempt_at = ?, ack_code = ?, "
      "error_code = ?, reason = ? WHERE id = ?",
      store::to_db_time(clock.now()), ack_code, error_code, reason, id);
}

}  // namespace nara::service
