#pragma once
// Worklists per unit (issue 4 point 5): what the unit must do for the inpatient episodes it takes
// part in — unmet statutory clocks it answers for, the municipality's liability start, and
// notices not yet acknowledged — sorted by due time, filterable by ward, municipality and state.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/access/actor.hpp"
#include "domain/discharge/worklist.hpp"
#include "service/context.hpp"

namespace nara::service {

struct WorklistFilter {
  std::optional<std::string> ward_unit_id;
  std::optional<std::string> municipality_code;  // the person's folkbokföringskommun
  std::optional<domain::discharge::EpisodeState> state;
  bool overdue_only = false;
};

struct WorklistEntry {
  std::string kind;  // admission_notice, named_contact, information_transfer, sip_invitation,
                     // payment_liability_start, acknowledge_notice
  core::Instant due;
  bool overdue = false;
  std::string rule;
  std::string episode_id;
  std::string episode_state;
  std::string person_id;
  std::string person_name;
  std::optional<std::string> municipality_code;
  std::string ward_unit_id;
  std::string ward_name;
  std::optional<std::string> notice_id;    // acknowledge_notice
  std::optional<std::string> notice_kind;  // acknowledge_notice
};

struct Worklist {
  domain::discharge::Party party;
  std::vector<WorklistEntry> items;
};

class WorklistService {
 public:
  explicit WorklistService(ServiceContext context) : ctx_(context) {}
  Worklist for_unit(const domain::access::Actor& actor, const WorklistFilter& filter);

 private:
  ServiceContext ctx_;
};

std::string_view to_string(domain::discharge::Party party);

}  // namespace nara::service
