#pragma once
// The ward's discharge board (issue 6 point 2): every inpatient episode the ward documents, with
// its state, planned discharge and statutory clocks, so the ward sees at a glance who is ready,
// whose admission notice is late and who left within the information-transfer window.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/access/actor.hpp"
#include "domain/discharge/episode.hpp"
#include "service/context.hpp"

namespace nara::service {

struct WardBoardEntry {
  std::string episode_id;
  std::string person_id;
  std::string person_name;
  domain::discharge::EpisodeState state;
  core::Instant admitted_at;
  std::optional<core::Instant> planned_discharge;
  std::optional<core::Instant> discharged_at;
  std::vector<domain::discharge::StatutoryClock> clocks;
  std::int64_t version = 1;
};

struct WardBoard {
  std::string ward_unit_id;
  std::string ward_name;
  std::vector<WardBoardEntry> episodes;
};

class WardBoardService {
 public:
  explicit WardBoardService(ServiceContext context) : ctx_(context) {}
  // `ward` defaults to the actor's unit; another ward's board is refused (403): the board lists
  // patients by name, which only the ward's own staff have a care relation to read (PDL 4:1).
  WardBoard for_ward(const domain::access::Actor& actor, const std::optional<std::string>& ward,
                     const std::optional<domain::discharge::EpisodeState>& state);

 private:
  ServiceContext ctx_;
};

}  // namespace nara::service
