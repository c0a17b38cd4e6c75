#pragma once
// Where the SIP and the discharge chain meet (Lag 2017:612 4 kap.): a SIP made at discharge
// links to its inpatient episode, and the invitation to its meeting is the episode's kallelse
// till SIP (4 kap. 3 §), recorded in the same transaction.
#include <string>

#include "core/clock.hpp"
#include "domain/access/actor.hpp"
#include "store/database.hpp"

namespace nara::service {

// Records `invite_sip` on the episode when it is waiting for one (ready for discharge, SIP
// required, not yet invited) and the inviting unit is a health centre (the fast vårdkontakt's,
// 4 kap. 3 §); sends the episode's sip_invitation notices with their outbox rows. True when the
// episode's SIP step was satisfied now.
bool record_sip_invitation_on_episode(store::Transaction& tx, const domain::access::Actor& actor,
                                      const std::string& episode_id, core::Instant at,
                                      const core::Clock& clock);

}  // namespace nara::service
