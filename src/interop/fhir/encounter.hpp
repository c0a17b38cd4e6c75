#pragma once
// Encounter ← InpatientEpisode (slutenvårdstillfälle). docs/fhir.md, "Encounter": the FHIR
// status and its history, and the discharge chain's own state and steps (Lag 2017:612) as
// extensions under Nära's namespace.
#include <boost/json.hpp>
#include <string_view>

#include "domain/discharge/episode.hpp"
#include "store/episode_repository.hpp"

namespace nara::interop::fhir {

// Encounter.status of a discharge-chain state: in-progress while admitted, finished once
// discharged or deceased, entered-in-error for a cancelled (makulerad) admission.
std::string_view encounter_status(domain::discharge::EpisodeState state);

// `content_hidden`: the reader may know that the episode exists, not what it holds (a block, or
// another provider's data without consent): only id, subject and a REDACTED label are shown.
boost::json::object encounter(const store::EpisodeRecord& record, std::string_view db_updated_at,
                              bool content_hidden);

}  // namespace nara::interop::fhir
