#include "store/sip_repository.hpp"

#include "core/random.hpp"

namespace nara::store {

namespace {

constexpr const char* kPlanColumns =
    "id, person_id, state, initiated_by_unit_id, catalogue_version_id, episode_id, content, "
    "version, created_at, updated_at, kind";

PlanRow plan_from(const Row& r) {
  return PlanRow{r.text(0),          r.text(1),          r.text(2), r.text(3),
                 r.optional_text(4), r.optional_text(5), r.text(6), r.int64(7),
                 r.text(8),          r.text(9),          r.text(10)};
}

std::vector<PlanRow> plans(const ResultSet& rs) {
  std::vector<PlanRow> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(plan_from(rs.row(i)));
  return out;
}

constexpr const char* kMeetingColumns =
    "id, plan_id, starts_at, place, video_link, state, invited_by, invited_at, outcome, held_at";

MeetingRow meeting_from(const Row& r) {
  return MeetingRow{r.text(0), r.text(1), r.text(2), r.optional_text(3), r.optional_text(4),
                    r.text(5), r.text(6), r.text(7), r.optional_text(8), r.optional_text(9)};
}

constexpr const char* kRequestSelect =
    "SELECT r.id, r.person_id, r.type, r.from_unit_id, fu.name, r.to_unit_id, tu.name, r.plan_id, "
    "r.description, r.state, r.sent_by, r.sent_at, r.due_at, r.received_at, r.accepted_at, "
    "r.declined_at, r.decline_reason, r.done_at, r.cancelled_at, r.version, "
    "p.given_name || ' ' || p.family_name FROM care_requests r "
    "JOIN units fu ON fu.id = r.from_unit_id JOIN units tu ON tu.id = r.to_unit_id "
    "JOIN persons p ON p.id = r.person_id ";

RequestRow request_from(const Row& r) {
  RequestRow out;
  out.id = r.text(0);
  out.person_id = r.text(1);
  out.type = r.text(2);
  out.from_unit_id = r.text(3);
  out.from_unit_name = r.text(4);
  out.to_unit_id = r.text(5);
  out.to_unit_name = r.text(6);
  out.plan_id = r.optional_text(7);
  out.description = r.text(8);
  out.state = r.text(9);
  out.sent_by = r.text(10);
  out.sent_at = r.text(11);
  out.due_at = r.optional_text(12);
  out.received_at = r.optional_text(13);
  out.accepted_at = r.optional_text(14);
  out.declined_at = r.optional_text(15);
  out.decline_reason = r.optional_text(16);
  out.done_at = r.optional_text(17);
  out.cancelled_at = r.optional_text(18);
  out.version = r.int64(19);
  out.person_name = r.text(20);
  return out;
}

constexpr const char* kContactSelect =
    "SELECT c.id, c.person_id, c.kind, c.user_id, us.display_name, c.unit_id, u.name, "
    "c.valid_from, c.valid_to, c.source, c.source_id FROM named_contacts c "
    "JOIN users us ON us.id = c.user_id JOIN units u ON u.id = c.unit_id ";

NamedContactRow contact_from(const Row& r) {
  return NamedContactRow{r.text(0),          r.text(1), r.text(2),          r.text(3),
                         r.text(4),          r.text(5), r.text(6),          r.text(7),
                         r.optional_text(8), r.text(9), r.optional_text(10)};
}

constexpr const char* kCatalogueColumns =
    "id, version, title, valid_from, valid_to, source, demo, content, created_at";

CatalogueRow catalogue_from(const Row& r) {
  return CatalogueRow{r.text(0), r.int64(1),   r.text(2), r.text(3), r.optional_text(4),
                      r.text(5), r.boolean(6), r.text(7), r.text(8)};
}

}  // namespace

void SipRepository::insert_plan(const PlanRow& p) {
  tx_.query(
      "INSERT INTO coordinated_plans (id, person_id, state, initiated_by_unit_id, "
      "catalogue_version_id, episode_id, content, version, created_at, updated_at, kind) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      p.id, p.person_id, p.state, p.initiated_by_unit_id, optional_value(p.catalogue_version_id),
      optional_value(p.episode_id), p.content, p.version, p.created_at, p.updated_at, p.kind);
}

std::optional<PlanRow> SipRepository::find_plan(const std::string& id) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kPlanColumns + " FROM coordinated_plans WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  return plan_from(rs.row(0));
}

bool SipRepository::save_plan(const PlanRow& p, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE coordinated_plans SET state = ?, content = ?, version = version + 1, "
                "updated_at = ? WHERE id = ? AND version = ?",
                p.state, p.content, p.updated_at, p.id, expected_version)
             .affected_rows == 1;
}

std::vector<PlanRow> SipRepository::plans_of_person(const std::string& person_id) {
  return plans(tx_.query(std::string("SELECT ") + kPlanColumns +
                             " FROM coordinated_plans WHERE person_id = ? ORDER BY created_at, id",
                         person_id));
}

std::vector<PlanRow> SipRepository::plans_of_unit(const std::string& unit_id, std::size_t limit) {
  return plans(tx_.query(
      std::string("SELECT ") + kPlanColumns +
          " FROM coordinated_plans p WHERE p.initiated_by_unit_id = ? OR EXISTS (SELECT 1 FROM "
          "care_relations cr WHERE cr.source_id = p.id AND cr.unit_id = ? AND cr.origin = "
          "'sip_participation' AND cr.ended_at IS NULL) ORDER BY p.updated_at DESC, p.id LIMIT ?",
      unit_id, unit_id, static_cast<std::int64_t>(limit)));
}

void SipRepository::insert_version(const std::string& plan_id, const PlanVersionRow& v) {
  tx_.query(
      "INSERT INTO coordinated_plan_versions (plan_id, version, state, content, change, "
      "changed_fields, changed_by, changed_by_name, unit_id, changed_at) VALUES (?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?)",
      plan_id, v.version, v.state, v.content, v.change, v.changed_fields,
      optional_value(v.changed_by), v.changed_by_name, optional_value(v.unit_id), v.changed_at);
}

std::vector<PlanVersionRow> SipRepository::versions(const std::string& plan_id) {
  const auto rs = tx_.query(
      "SELECT version, state, content, change, changed_fields, changed_by, changed_by_name, "
      "unit_id, changed_at FROM coordinated_plan_versions WHERE plan_id = ? ORDER BY version",
      plan_id);
  std::vector<PlanVersionRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    out.push_back(PlanVersionRow{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4),
                                 r.optional_text(5), r.text(6), r.optional_text(7), r.text(8)});
  }
  return out;
}

void SipRepository::insert_meeting(const MeetingRow& m) {
  tx_.query(
      "INSERT INTO sip_meetings (id, plan_id, starts_at, place, video_link, state, invited_by, "
      "invited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      m.id, m.plan_id, m.starts_at, optional_value(m.place), optional_value(m.video_link), m.state,
      m.invited_by, m.invited_at);
}

std::optional<MeetingRow> SipRepository::find_meeting(const std::string& id) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kMeetingColumns + " FROM sip_meetings WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  return meeting_from(rs.row(0));
}

std::vector<MeetingRow> SipRepository::meetings_of_plan(const std::string& plan_id) {
  const auto rs = tx_.query(std::string("SELECT ") + kMeetingColumns +
                                " FROM sip_meetings WHERE plan_id = ? ORDER BY starts_at, id",
                            plan_id);
  std::vector<MeetingRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(meeting_from(rs.row(i)));
  return out;
}

void SipRepository::mark_meeting_held(const std::string& id, const std::string& outcome,
                                      const std::string& at) {
  tx_.query("UPDATE sip_meetings SET state = 'held', outcome = ?, held_at = ? WHERE id = ?",
            outcome, at, id);
}

void SipRepository::upsert_reply(const std::string& meeting_id, const MeetingReplyRow& reply,
                                 const std::string& user_id) {
  tx_.query("DELETE FROM sip_meeting_replies WHERE meeting_id = ? AND participant_id = ?",
            meeting_id, reply.participant_id);
  tx_.query(
      "INSERT INTO sip_meeting_replies (meeting_id, participant_id, reply, comment, replied_by, "
      "replied_at) VALUES (?, ?, ?, ?, ?, ?)",
      meeting_id, reply.participant_id, reply.reply, optional_value(reply.comment), user_id,
      reply.replied_at);
}

std::vector<MeetingReplyRow> SipRepository::replies(const std::string& meeting_id) {
  const auto rs = tx_.query(
      "SELECT participant_id, reply, comment, replied_at FROM sip_meeting_replies WHERE "
      "meeting_id = ? ORDER BY participant_id",
      meeting_id);
  std::vector<MeetingReplyRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    out.push_back(MeetingReplyRow{r.text(0), r.text(1), r.optional_text(2), r.text(3)});
  }
  return out;
}

void SipRepository::insert_request(const RequestRow& r) {
  tx_.query(
      "INSERT INTO care_requests (id, person_id, type, from_unit_id, to_unit_id, plan_id, "
      "description, state, sent_by, sent_at, due_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, 1)",
      r.id, r.person_id, r.type, r.from_unit_id, r.to_unit_id, optional_value(r.plan_id),
      r.description, r.state, r.sent_by, r.sent_at, optional_value(r.due_at));
}

std::optional<RequestRow> SipRepository::find_request(const std::string& id) {
  const auto rs = tx_.query(std::string(kRequestSelect) + "WHERE r.id = ?", id);
  if (rs.empty()) return std::nullopt;
  return request_from(rs.row(0));
}

bool SipRepository::save_request(const RequestRow& r, std::int64_t expected_version) {
  return tx_.query(
                "UPDATE care_requests SET state = ?, received_at = ?, accepted_at = ?, "
                "declined_at = ?, decline_reason = ?, done_at = ?, cancelled_at = ?, version = "
                "version + 1 WHERE id = ? AND version = ?",
                r.state, optional_value(r.received_at), optional_value(r.accepted_at),
                optional_value(r.declined_at), optional_value(r.decline_reason),
                optional_value(r.done_at), optional_value(r.cancelled_at), r.id, expected_version)
             .affected_rows == 1;
}

std::vector<RequestRow> SipRepository::requests_of_unit(const std::string& unit_id, bool inbox,
                                                        const std::string& state,
                                                        std::size_t limit) {
  const auto rs = tx_.query(std::string(kRequestSelect) +
                                (inbox ? "WHERE r.to_unit_id = ? " : "WHERE r.from_unit_id = ? ") +
                                "AND (? = '' OR r.state = ? OR (? = 'open' AND r.state IN "
                                "('sent', 'received', 'accepted'))) "  // Request::open()
                                "ORDER BY r.sent_at DESC, r.id LIMIT ?",
                            unit_id, state, state, state, static_cast<std::int64_t>(limit));
  std::vector<RequestRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(request_from(rs.row(i)));
  return out;
}

void SipRepository::add_request_event(const std::string& request_id, const RequestEventRow& e) {
  tx_.query(
      "INSERT INTO care_request_events (id, request_id, seq, kind, at, user_id, unit_id, reason) "
      "VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM care_request_events WHERE request_id "
      "= ?), ?, ?, ?, ?, ?)",
      core::new_uuid(), request_id, request_id, e.kind, e.at, e.user_id, e.unit_id,
      optional_value(e.reason));
}

std::vector<RequestEventRow> SipRepository::request_events(const std::string& request_id) {
  const auto rs = tx_.query(
      "SELECT e.kind, e.at, e.user_id, u.display_name, e.unit_id, e.reason FROM "
      "care_request_events e JOIN users u ON u.id = e.user_id WHERE e.request_id = ? ORDER BY "
      "e.seq",
      request_id);
  std::vector<RequestEventRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const auto r = rs.row(i);
    out.push_back(
        RequestEventRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.optional_text(5)});
  }
  return out;
}

void SipRepository::insert_named_contact(const NamedContactRow& c,
                                         const std::optional<std::string>& by,
                                         const std::string& now) {
  tx_.query(
      "INSERT INTO named_contacts (id, person_id, kind, user_id, unit_id, valid_from, valid_to, "
      "source, source_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      c.id, c.person_id, c.kind, c.user_id, c.unit_id, c.valid_from, optional_value(c.valid_to),
      c.source, optional_value(c.source_id), optional_value(by), now);
}

std::vector<NamedContactRow> SipRepository::named_contacts(const std::string& person_id,
                                                           bool current_only) {
  const auto rs = tx_.query(std::string(kContactSelect) +
                                "WHERE c.person_id = ? AND (? = 0 OR c.valid_to IS NULL) ORDER BY "
                                "c.kind, c.valid_from, c.id",
                            person_id, std::int64_t{current_only ? 1 : 0});
  std::vector<NamedContactRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(contact_from(rs.row(i)));
  return out;
}

std::optional<NamedContactRow> SipRepository::find_named_contact(const std::string& id) {
  const auto rs = tx_.query(std::string(kContactSelect) + "WHERE c.id = ?", id);
  if (rs.empty()) return std::nullopt;
  return contact_from(rs.row(0));
}

void SipRepository::end_named_contacts(const std::string& person_id, const std::string& kind,
                                       const std::string& care_provider_id, const std::string& at) {
  tx_.query(
      "UPDATE named_contacts SET valid_to = ? WHERE person_id = ? AND kind = ? AND valid_to IS "
      "NULL AND unit_id IN (SELECT id FROM units WHERE care_provider_id = ?)",
      at, person_id, kind, care_provider_id);
}

bool SipRepository::end_named_contact(const std::string& id, const std::string& at) {
  return tx_.query("UPDATE named_contacts SET valid_to = ? WHERE id = ? AND valid_to IS NULL", at,
                   id)
             .affected_rows == 1;
}

void SipRepository::insert_catalogue(const CatalogueRow& c, const std::optional<std::string>& by) {
  tx_.query(
      "INSERT INTO responsibility_catalogue_versions (id, version, title, valid_from, valid_to, "
      "source, demo, content, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      c.id, c.version, c.title, c.valid_from, optional_value(c.valid_to), c.source,
      std::int64_t{c.demo ? 1 : 0}, c.content, optional_value(by), c.created_at);
}

std::vector<CatalogueRow> SipRepository::catalogues() {
  const auto rs = tx_.query(std::string("SELECT ") + kCatalogueColumns +
                            " FROM responsibility_catalogue_versions ORDER BY version");
  std::vector<CatalogueRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(catalogue_from(rs.row(i)));
  return out;
}

std::optional<CatalogueRow> SipRepository::find_catalogue(const std::string& id) {
  const auto rs = tx_.query(std::string("SELECT ") + kCatalogueColumns +
                                " FROM responsibility_catalogue_versions WHERE id = ?",
                            id);
  if (rs.empty()) return std::nullopt;
  return catalogue_from(rs.row(0));
}

void SipRepository::close_catalogue(const std::string& id, const std::string& valid_to) {
  tx_.query("UPDATE responsibility_catalogue_versions SET valid_to = ? WHERE id = ?", valid_to, id);
}

}  // namespace nara::store
