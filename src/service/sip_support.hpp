#pragma once
// The SIP service's internals: how a plan is stored, loaded, shown and changed, shared by its
// parts (sip_service.cpp). Not for other services.
#include <set>
#include <string>

#include "core/clock.hpp"
#include "domain/access/actor.hpp"
#include "domain/access/audit.hpp"
#include "domain/access/policy.hpp"
#include "domain/registry/model.hpp"
#include "domain/responsibility/catalogue.hpp"
#include "domain/sip/plan.hpp"
#include "service/sharing_service.hpp"
#include "service/sip_service.hpp"
#include "store/database.hpp"
#include "store/sip_repository.hpp"

namespace nara::service::sip_support {

using domain::access::AuditAction;
using domain::sip::Plan;
namespace sip = domain::sip;

inline constexpr const char* kPlanProblem = "sip-transition";

Plan decode(const store::PlanRow& row);

std::string encode(const Plan& plan);

// The top-level fields whose content differs between two versions: "what changed".
std::string changed_fields(const std::string& before, const std::string& after);

bool participates(const Plan& plan, const std::string& unit_id);

std::set<std::string> participant_units(const Plan& plan);

struct ReadDecision {
  domain::access::Decision decision;
  bool relation = false;
};

// The plan is documented by the unit that started it; a participating unit reads it under the
// person's consent to the SIP (HSL 16:4), which covers sharing the plan among its participants.
// Blocks still hold (2022:913 3:7: consent never widens access past a block).
ReadDecision decide_read(store::Transaction& tx, SharingService& sharing,
                         const domain::access::Actor& actor, const store::PlanRow& row,
                         const Plan& plan);

void fill_view(store::Transaction& tx, PlanView& v);

PlanView load_view(store::Transaction& tx, const std::string& id);

// Checks the patched plan against the registry: units exist, each intervention's unit belongs
// to the principal it names (HSL 16:4 p. 2: which insatser each principal answers for).
void check_references(store::Transaction& tx, const Plan& plan);

void apply_patch(Plan& plan, const PlanPatch& patch);

// A change of a plan's content: the patch and, for a samordnad vårdplan, each responsible unit
// as a participant (it approves the plan, LPT 7 a § 3 st.) and, if the content changed, the
// lapse of the approvals given to the plan before.
void change_content(store::Transaction& tx, Plan& plan, const PlanPatch& patch);

// Every unit taking part gets a care relation from the plan (origin SIP participation, PDL
// 4:1); a unit that leaves the plan loses the one the plan gave it.
void sync_participation(store::Transaction& tx, const domain::access::Actor& actor,
                        const store::PlanRow& row, const Plan& before, const Plan& after,
                        const std::string& now);

std::string actor_name(const domain::access::Actor& actor);

// Writes the new state of the plan, its version row, its audit entry and an outbox row.
void save(store::Transaction& tx, const domain::access::Actor& actor, const core::Clock& clock,
          store::PlanRow& row, const Plan& plan, std::int64_t expected_version,
          const std::string& change, AuditAction action);

struct Writable {
  store::PlanRow row;
  Plan plan;
};

// Loads a plan for a change by a participating (or the starting) unit's coordinating staff.
Writable load_for_change(store::Transaction& tx, const domain::access::Actor& actor,
                         const std::string& id, const core::Clock& clock);

void refuse(const sip::TransitionError& e);

// The person's situation the catalogue decides on: under 18 from the birth date, residence from
// an active relation with a residential care unit; the rest as the staff member states it.
domain::responsibility::PersonContext person_context(store::Transaction& tx,
                                                     const domain::registry::Person& person,
                                                     core::Instant now, bool can_visit, bool lss);

}  // namespace nara::service::sip_support
