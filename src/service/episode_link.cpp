#include "service/episode_link.hpp"

#include "core/random.hpp"
#include "domain/discharge/episode.hpp"
#include "service/audit_log.hpp"
#include "store/episode_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

bool record_sip_invitation_on_episode(store::Transaction& tx, const domain::access::Actor& actor,
                                      const std::string& episode_id, core::Instant at,
                                      const core::Clock& clock) {
  using domain::discharge::EpisodeState;
  if (!actor.unit_id) return false;
  const auto unit = store::RegistryRepository(tx).find_unit(*actor.unit_id);
  if (!unit || unit->kind != domain::registry::UnitKind::health_centre) return false;
  store::EpisodeRepository repo(tx);
  auto record = repo.find(episode_id);
  if (!record || record->episode.state != EpisodeState::ready ||
      !record->episode.needs.sip_required()) {
    return false;
  }
  const auto version = record->version;
  if (domain::discharge::apply(
          record->episode, {domain::discharge::EventKind::invite_sip, at, {}, std::nullopt, {}})) {
    return false;
  }
  const std::string now = store::to_db_time(clock.now());
  if (!repo.save(*record, version, now)) return false;
  repo.add_event(episode_id, "invite_sip", store::to_db_time(at), actor.user_id, "sip", now);
  for (const auto& to : repo.admission_notice_recipients(episode_id)) {
    if (to == *actor.unit_id) continue;
    repo.send_notice(store::NoticeRow{core::new_uuid(), episode_id, record->person_id,
                                      "sip_invitation", *actor.unit_id, "", to, now, std::nullopt,
                                      std::nullopt});
  }
  auto e = audit_entry(actor, clock, domain::access::AuditAction::update, "inpatient_episode",
                       episode_id, record->person_id);
  e.outcome = "allowed: invite_sip (SIP-möte, 2017:612 4 kap. 3 §)";
  AuditLog::record_in(tx, {e});
  return true;
}

}  // namespace nara::service
