#pragma once
// The discharge chain through the API: admit, statutory events with their notices between units,
// clocks, payment liability, inboxes with acknowledgement (Lag 2017:612). Each change is one
// transaction with its audit entries, notices and outbox rows.
#include <optional>
#include <string>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/discharge/episode.hpp"
#include "domain/discharge/liability.hpp"
#include "service/context.hpp"
#include "store/episode_repository.hpp"

namespace nara::service {

struct EpisodeView {
  store::EpisodeRecord record;
  bool content_hidden = false;  // existence only (a block or missing consent)
  std::vector<domain::discharge::StatutoryClock> clocks;
  domain::discharge::LiabilityResult liability;
  domain::discharge::LiabilityAgreement agreement;  // what the liability was counted with
  domain::discharge::CareSetting care_setting = domain::discharge::CareSetting::somatic;
  std::string liable_municipality;                  // 5 kap. 2 §
  std::optional<std::string> placing_municipality;  // 5 kap. 2 §, when recorded
  std::vector<std::pair<domain::discharge::LocalDate, domain::discharge::LocalDate>>
      region_not_ready;  // 5 kap. 5 §, as recorded
  std::vector<store::NoticeRow> notices;
};

// One of a person's episodes as listed for them (GET /persons/{id}/episodes): content only where
// the policy allows it; otherwise that it exists.
struct PersonEpisode {
  std::string id;
  bool content_hidden = false;
  std::string state;
  std::string ward_unit_id;
  std::string ward_name;
  std::string admitted_at;
  std::optional<std::string> discharged_at;
};

struct EpisodeCommand {
  domain::discharge::Event event;
  std::vector<std::string> recipient_unit_ids;  // send_admission_notice: the receiving units
};

class EpisodeService {
 public:
  explicit EpisodeService(ServiceContext context) : ctx_(context) {}

  EpisodeView admit(const domain::access::Actor& actor, const std::string& person_id,
                    std::optional<core::Instant> admitted_at,
                    std::optional<std::string> external_visit_id);
  EpisodeView get(const domain::access::Actor& actor, const std::string& id);
  // The person's episodes, newest first, each decided by the access policy for the data its ward
  // documented (PDL 4:1, 4:4; 2022:913 2:3, 3:1, 3:5): shown, shown as existing, or left out. 404
  // when the reader may not see the person at all. One audit entry for the list.
  std::vector<PersonEpisode> of_person(const domain::access::Actor& actor,
                                       const std::string& person_id);
  EpisodeView apply(const domain::access::Actor& actor, const std::string& id,
                    std::int64_t expected_version, const EpisodeCommand& command);
  // Within the caller's transaction, for trusted sources that decided access themselves (the HL7
  // ADT feed): admits, or applies an event and writes everything it entails — notices, outbox
  // rows, care relations and the audit entry. `source` is recorded with the event ("api",
  // "hl7v2"). apply_in returns the domain's refusal instead of writing anything.
  store::EpisodeRecord admit_in(store::Transaction& tx, const domain::access::Actor& actor,
                                const std::string& person_id, const std::string& ward_unit_id,
                                core::Instant admitted_at,
                                std::optional<std::string> external_visit_id,
                                std::string_view source);
  std::optional<domain::discharge::TransitionError> apply_in(store::Transaction& tx,
                                                             const domain::access::Actor& actor,
                                                             store::EpisodeRecord& record,
                                                             const EpisodeCommand& command,
                                                             std::string_view source);

  std::vector<store::NoticeRow> inbox(const domain::access::Actor& actor, bool unacknowledged_only);
  void acknowledge(const domain::access::Actor& actor, const std::string& notice_id);
  // One notice to the actor's unit; the first read by the unit marks it read.
  store::NoticeRow read_notice(const domain::access::Actor& actor, const std::string& notice_id);

 private:
  EpisodeView view(store::Transaction& tx, store::EpisodeRecord record, bool hidden);
  ServiceContext ctx_;
};

}  // namespace nara::service
