#include "service/ward_board_service.hpp"

#include <algorithm>
#include <chrono>

#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "store/episode_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

WardBoard WardBoardService::for_ward(const domain::access::Actor& actor,
                                     const std::optional<std::string>& ward,
                                     const std::optional<domain::discharge::EpisodeState>& state) {
  if (!actor.unit_id || !actor.role || !domain::access::role_reads_clinical_content(*actor.role)) {
    forbidden("Avdelningens utskrivningstavla hör till avdelningens vårdpersonal.");
  }
  const std::string unit = ward.value_or(*actor.unit_id);
  if (unit != *actor.unit_id) {
    forbidden("Du kan bara se utskrivningstavlan för den avdelning du arbetar på.");
  }
  const auto now = ctx_.clock.now();
  auto board = ctx_.db.read([&](store::Transaction& tx) {
    const auto me = store::RegistryRepository(tx).find_unit(unit);
    if (!me || me->kind != domain::registry::UnitKind::hospital_ward) {
      forbidden("Utskrivningstavlan finns för vårdavdelningar.");
    }
    WardBoard out{unit, me->name, {}};
    // Active episodes, and those discharged within 48 hours: the ward still owes the
    // information transfer on the day of discharge (3 kap. 2 §) and answers questions after it.
    std::string sql =
        "SELECT e.id, p.given_name || ' ' || p.family_name FROM inpatient_episodes e "
        "JOIN persons p ON p.id = e.person_id WHERE e.ward_unit_id = ? AND e.ended_at IS NULL "
        "AND (e.discharged_at IS NULL OR e.discharged_at >= ?)";
    std::vector<store::Value> params{unit, store::to_db_time(now - std::chrono::hours(48))};
    if (state) {
      sql += " AND e.state = ?";
      params.emplace_back(std::string(domain::discharge::to_string(*state)));
    }
    sql += " ORDER BY e.admitted_at LIMIT 1000";
    const auto rows = tx.run(sql, params);
    store::EpisodeRepository repo(tx);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto row = rows.row(i);
      const auto record = repo.find(row.text(0));
      if (!record) continue;
      const auto& e = record->episode;
      out.episodes.push_back(WardBoardEntry{record->id, record->person_id, row.text(1), e.state,
                                            e.admitted_at, e.planned_discharge, e.discharged_at,
                                            domain::discharge::clocks(e, now), record->version});
    }
    return out;
  });
  // Each person on the board is an access to their data (PDL 4:3): one list entry names them all.
  if (!board.episodes.empty()) {
    std::vector<std::string> persons;
    persons.reserve(board.episodes.size());
    for (const auto& episode : board.episodes) persons.push_back(episode.person_id);
    ctx_.audit->record({list_read_entry(actor, ctx_.clock, "ward_board", unit, std::move(persons),
                                        "allowed: 2017:612 (utskrivningstavla)")});
  }
  return board;
}

}  // namespace nara::service
