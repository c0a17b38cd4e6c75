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
  std::vector<store::NoticeRow> notices;
};

struct EpisodeCommand {
  domain::discharge::Event event;
  std::vector<std::string> recipient_unit_ids;  // send_admission_notice: the receiving units
};

// The statutory default agreement with the per-day amounts found so far (domain-rules §1.4, [S]:
// secondary sources). Years without a known amount are reported, never guessed.
domain::discharge::LiabilityAgreement default_liability_agreement();

class EpisodeService {
 public:
  explicit EpisodeService(ServiceContext context) : ctx_(context) {}

  EpisodeView admit(const domain::access::Actor& actor, const std::string& person_id,
                    std::optional<core::Instant> admitted_at,
                    std::optional<std::string> external_visit_id);
  EpisodeView get(const domain::access::Actor& actor, const std::string& id);
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
