#pragma once
// Inpatient episodes, their notices and the outbox, in portable SQL.
#include <optional>
#include <string>
#include <vector>

#include "domain/discharge/episode.hpp"
#include "store/database.hpp"

namespace nara::store {

struct EpisodeRecord {
  std::string id;
  std::string person_id;
  std::optional<std::string> external_visit_id;
  std::optional<std::string> named_contact_user_id;
  std::int64_t version = 1;
  domain::discharge::Episode episode;
};

struct NoticeRow {
  std::string id;
  std::string episode_id;
  std::string person_id;
  std::string kind;
  std::string from_unit_id;
  std::string from_unit_name;
  std::string to_unit_id;
  std::string sent_at;
  std::optional<std::string> acknowledged_at;
  std::optional<std::string> read_at;
};

class EpisodeRepository {
 public:
  explicit EpisodeRepository(Transaction& tx) : tx_(tx) {}

  void insert(const EpisodeRecord& record, const std::string& now);
  std::optional<EpisodeRecord> find(const std::string& id);
  std::optional<EpisodeRecord> find_by_external_id(const std::string& external_id);
  // Writes the episode if it is still at `expected_version`; false when someone else changed it.
  bool save(const EpisodeRecord& record, std::int64_t expected_version, const std::string& now);
  void add_event(const std::string& episode_id, std::string_view kind, const std::string& at,
                 const std::optional<std::string>& user_id, const std::string& source,
                 const std::string& now);

  void insert_notice(const NoticeRow& notice);
  // A notice and, in the same transaction, its outbox message ("notice.<kind>") for delivery.
  void send_notice(const NoticeRow& notice);
  // The units the episode's admission notice went to, in order: later notices go to them too.
  std::vector<std::string> admission_notice_recipients(const std::string& episode_id);
  std::vector<NoticeRow> inbox(const std::string& unit_id, bool unacknowledged_only,
                               std::size_t limit);
  std::optional<NoticeRow> find_notice(const std::string& id);
  // Marks the notice read now unless it already was; false when it was.
  bool mark_notice_read(const std::string& id, const std::string& now);
  bool acknowledge_notice(const std::string& id, const std::string& user_id,
                          const std::string& now);

  void enqueue(const std::string& topic, const std::string& payload, const std::string& now);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
