#pragma once
// What an inpatient episode asks of each party now (issue 4 point 5): the statutory clocks each
// party answers for, not yet met, and — for the municipality — the day its payment liability
// begins once the patient is ready for discharge. Pure; the service adds unacknowledged notices.
#include <optional>
#include <string>
#include <vector>

#include "domain/discharge/episode.hpp"

namespace nara::domain::discharge {

enum class Party {
  ward,           // the hospital ward where the patient is (2 kap. 1 §, 3 kap. 2 §)
  health_centre,  // the region's outpatient care: fast vårdkontakt, SIP (2 kap. 5 §, 4 kap. 3 §)
  municipality,   // socialtjänst and kommunal hälso- och sjukvård (5 kap.)
};

// Who answers for a statutory clock: the ward for the admission notice and the information
// transfer (2 kap. 1 §, 3 kap. 2 §), the region's outpatient care for the named contact and the
// SIP invitation (2 kap. 5 §, 4 kap. 3 §).
Party responsible_for(ClockKind kind);

struct WorkItem {
  std::string kind;  // a ClockKind name, or "payment_liability_start"
  core::Instant due;
  bool overdue = false;
  std::string rule;
};

// `setting` is the ward's: psychiatric inpatient care may start liability on another day (5:4).
std::vector<WorkItem> open_work(const Episode& episode, Party party, core::Instant now,
                                const LiabilityAgreement& agreement, CareSetting setting);

// The ward's task while an episode that ends in öppen psykiatrisk tvångsvård or öppen
// rättspsykiatrisk vård has no established samordnad vårdplan (LPT 7 a §, LRV 12 a §;
// domain-rules §1.2 row 9). The law sets no deadline, but that care begins at discharge, so the
// plan is due by the planned discharge or, before one is set, once the patient is ready for
// discharge; before either it is listed, due from the needs assessment, and not overdue. Our
// reading. No item for a stay that has ended or needs no such plan.
std::optional<WorkItem> care_plan_work(const Episode& episode, bool plan_established,
                                       core::Instant now);

}  // namespace nara::domain::discharge
