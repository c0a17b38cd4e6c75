#include "store/episode_repository.hpp"

#include <boost/json.hpp>

#include "core/random.hpp"
#include "store/time_codec.hpp"

namespace nara::store {

using domain::discharge::Episode;
using domain::discharge::EpisodeState;

namespace {

constexpr const char* kColumns =
    "id, person_id, ward_unit_id, external_visit_id, state, admitted_at, needs_assessed_at, "
    "needs_social_services, "
    "needs_municipal_health_care, needs_region_outpatient, admission_notice_sent_at, "
    "planned_discharge, "
    "first_acknowledged_at, named_contact_appointed_at, named_contact_user_id, "
    "sip_invitation_sent_at, "
    "information_transferred_at, discharged_at, ended_at, version, "
    "needs_outpatient_compulsory_care";

std::optional<core::Instant> instant(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return from_db_time(r.text(i));
}
Value text(const std::optional<core::Instant>& i) {
  return i ? Value{to_db_time(*i)} : Value{nullptr};
}

EpisodeState parse_state(const std::string& s) {
  if (const auto state = domain::discharge::parse_episode_state(s)) return *state;
  throw DatabaseError("unknown episode state " + s);
}

}  // namespace

void EpisodeRepository::insert(const EpisodeRecord& r, const std::string& now) {
  const Episode& e = r.episode;
  tx_.query(
      "INSERT INTO inpatient_episodes (id, person_id, ward_unit_id, external_visit_id, state, "
      "admitted_at, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
      r.id, r.person_id, e.ward_unit_id, optional_value(r.external_visit_id),
      std::string(domain::discharge::to_string(e.state)), to_db_time(e.admitted_at), now, now);
}

std::optional<EpisodeRecord> EpisodeRepository::find(const std::string& id) {
  const auto rs =
      tx_.query(std::string("SELECT ") + kColumns + " FROM inpatient_episodes WHERE id = ?", id);
  if (rs.empty()) return std::nullopt;
  const Row r = rs.row(0);
  EpisodeRecord rec;
  rec.id = r.text(0);
  rec.person_id = r.text(1);
  Episode& e = rec.episode;
  e.ward_unit_id = r.text(2);
  rec.external_visit_id = r.optional_text(3);
  e.state = parse_state(r.text(4));
  e.admitted_at = from_db_time(r.text(5));
  e.needs_assessed_at = instant(r, 6);
  e.needs = {r.boolean(7), r.boolean(8), r.boolean(9),
             r.is_null(20) ? domain::discharge::OutpatientCompulsoryCare::none
                           : domain::discharge::parse_outpatient_compulsory_care(r.text(20))
                                 .value_or(domain::discharge::OutpatientCompulsoryCare::none)};
  e.admission_notice_sent_at = instant(r, 10);
  e.planned_discharge = instant(r, 11);
  e.first_acknowledged_at = instant(r, 12);
  e.named_contact_appointed_at = instant(r, 13);
  rec.named_contact_user_id = r.optional_text(14);
  e.sip_invitation_sent_at = instant(r, 15);
  e.information_transferred_at = instant(r, 16);
  e.discharged_at = instant(r, 17);
  e.ended_at = instant(r, 18);
  rec.version = r.int64(19);
  const auto periods = tx_.query(
      "SELECT sent_at, withdrawn_at FROM episode_ready_periods WHERE episode_id = ? ORDER BY seq",
      id);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    e.ready_periods.push_back({from_db_time(periods.row(i).text(0)), instant(periods.row(i), 1)});
  }
  return rec;
}

std::optional<EpisodeRecord> EpisodeRepository::find_by_external_id(
    const std::string& external_id) {
  const auto rs =
      tx_.query("SELECT id FROM inpatient_episodes WHERE external_visit_id = ?", external_id);
  if (rs.empty()) return std::nullopt;
  return find(rs.row(0).text(0));
}

bool EpisodeRepository::save(const EpisodeRecord& r, std::int64_t expected_version,
                             const std::string& now) {
  const Episode& e = r.episode;
  const bool updated =
      tx_.query(
             "UPDATE inpatient_episodes SET ward_unit_id = ?, state = ?, needs_assessed_at = ?, "
             "needs_social_services = ?, needs_municipal_health_care = ?, needs_region_outpatient "
             "= ?, "
             "admission_notice_sent_at = ?, planned_discharge = ?, first_acknowledged_at = ?, "
             "named_contact_appointed_at = ?, named_contact_user_id = ?, sip_invitation_sent_at = "
             "?, "
             "information_transferred_at = ?, discharged_at = ?, ended_at = ?, "
             "needs_outpatient_compulsory_care = ?, version = version + 1, updated_at = ? "
             "WHERE id = ? AND version = ?",
             e.ward_unit_id, std::string(domain::discharge::to_string(e.state)),
             text(e.needs_assessed_at), std::int64_t{e.needs.social_services},
             std::int64_t{e.needs.municipal_health_care}, std::int64_t{e.needs.region_outpatient},
             text(e.admission_notice_sent_at), text(e.planned_discharge),
             text(e.first_acknowledged_at), text(e.named_contact_appointed_at),
             optional_value(r.named_contact_user_id), text(e.sip_invitation_sent_at),
             text(e.information_transferred_at), text(e.discharged_at), text(e.ended_at),
             e.needs.compulsory_care == domain::discharge::OutpatientCompulsoryCare::none
                 ? Value{nullptr}
                 : Value{std::string(domain::discharge::to_string(e.needs.compulsory_care))},
             now, r.id, expected_version)
          .affected_rows == 1;
  if (!updated) return false;
  tx_.query("DELETE FROM episode_ready_periods WHERE episode_id = ?", r.id);
  std::int64_t seq = 0;
  for (const auto& p : e.ready_periods) {
    tx_.query(
        "INSERT INTO episode_ready_periods (episode_id, seq, sent_at, withdrawn_at) VALUES (?, ?, "
        "?, ?)",
        r.id, ++seq, to_db_time(p.sent), text(p.withdrawn));
  }
  return true;
}

void EpisodeRepository::add_event(const std::string& episode_id, std::string_view kind,
                                  const std::string& at, const std::optional<std::string>& user_id,
                                  const std::string& source, const std::string& now) {
  tx_.query(
      "INSERT INTO episode_events (id, episode_id, kind, at, user_id, source, recorded_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?)",
      core::new_uuid(), episode_id, std::string(kind), at, optional_value(user_id), source, now);
}

void EpisodeRepository::insert_notice(const NoticeRow& n) {
  tx_.query(
      "INSERT INTO notices (id, episode_id, kind, from_unit_id, to_unit_id, sent_at) VALUES (?, ?, "
      "?, ?, ?, ?)",
      n.id, n.episode_id, n.kind, n.from_unit_id, n.to_unit_id, n.sent_at);
}

void EpisodeRepository::send_notice(const NoticeRow& n) {
  insert_notice(n);
  enqueue("notice." + n.kind,
          boost::json::serialize(
              boost::json::object{{"episodeId", n.episode_id}, {"toUnitId", n.to_unit_id}}),
          n.sent_at);
}

std::vector<std::string> EpisodeRepository::admission_notice_recipients(
    const std::string& episode_id) {
  const auto rs = tx_.query(
      "SELECT DISTINCT to_unit_id FROM notices WHERE episode_id = ? AND kind = 'admission_notice' "
      "ORDER BY to_unit_id",
      episode_id);
  std::vector<std::string> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(rs.row(i).text(0));
  return out;
}

namespace {
constexpr const char* kNoticeSelect =
    "SELECT n.id, n.episode_id, e.person_id, n.kind, n.from_unit_id, u.name, n.to_unit_id, "
    "n.sent_at, "
    "n.acknowledged_at, n.read_at FROM notices n JOIN inpatient_episodes e ON e.id = n.episode_id "
    "JOIN units u ON u.id = n.from_unit_id ";
NoticeRow notice_from(const Row& r) {
  return NoticeRow{r.text(0), r.text(1), r.text(2), r.text(3),          r.text(4),
                   r.text(5), r.text(6), r.text(7), r.optional_text(8), r.optional_text(9)};
}
}  // namespace

std::vector<NoticeRow> EpisodeRepository::inbox(const std::string& unit_id,
                                                bool unacknowledged_only, std::size_t limit) {
  const auto rs = tx_.query(
      std::string(kNoticeSelect) +
          "WHERE n.to_unit_id = ? AND (? = 0 OR n.acknowledged_at IS NULL) ORDER BY n.sent_at DESC "
          "LIMIT ?",
      unit_id, std::int64_t{unacknowledged_only ? 1 : 0}, static_cast<std::int64_t>(limit));
  std::vector<NoticeRow> out;
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(notice_from(rs.row(i)));
  return out;
}

std::optional<NoticeRow> EpisodeRepository::find_notice(const std::string& id) {
  const auto rs = tx_.query(std::string(kNoticeSelect) + "WHERE n.id = ?", id);
  if (rs.empty()) return std::nullopt;
  return notice_from(rs.row(0));
}

bool EpisodeRepository::mark_notice_read(const std::string& id, const std::string& now) {
  return tx_.query("UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL", now, id)
             .affected_rows == 1;
}

bool EpisodeRepository::acknowledge_notice(const std::string& id, const std::string& user_id,
                                           const std::string& now) {
  return tx_.query(
                "UPDATE notices SET acknowledged_at = ?, acknowledged_by = ?, read_at = "
                "COALESCE(read_at, ?) "
                "WHERE id = ? AND acknowledged_at IS NULL",
                now, user_id, now, id)
             .affected_rows == 1;
}

void EpisodeRepository::enqueue(const std::string& topic, const std::string& payload,
                                const std::string& now) {
  tx_.query("INSERT INTO outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)",
            core::new_uuid(), topic, payload, now);
}

}  // namespace nara::store
