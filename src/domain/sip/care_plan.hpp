#pragma once
// The samordnad vårdplan at discharge to öppen psykiatrisk tvångsvård (LPT 7 a §) or öppen
// rättspsykiatrisk vård (LRV 12 a §), domain-rules §1.2 notes. It must state
//   1 the patient's need of insatser as the region and the municipality assessed it,
//   2 the decisions on insatser the region or the municipality has made and, as far as possible,
//     the patient's view of them,
//   3 which unit of the region or the municipality answers for each insats,
//   4 the measures taken by others than the region and the municipality;
// it is drawn up in consultation with the patient and, unless that is inappropriate, with the
// närstående, and it is established (upprättad) when the units responsible for its insatser have
// approved (justerat) it. Pure, like plan.hpp.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/problem.hpp"
#include "domain/sip/plan.hpp"

namespace nara::domain::sip {

// "LPT 7 a §" or "LRV 12 a §".
std::string care_plan_paragraph(PlanKind kind);

// What the plan lacks before the responsible units may approve it: the four items and the
// consultation (LPT 7 a § 2–3 st.). Empty for a complete plan.
std::vector<core::FieldError> care_plan_problems(const Plan& plan);

// The units that answer for an insats in the plan (item 3): their approval establishes it.
std::set<std::string> responsible_units(const Plan& plan);

// The responsible units that have not approved the plan as it stands, in id order.
std::vector<std::string> missing_approvals(const Plan& plan);

// A changed samordnad vårdplan is no longer the plan the units approved: the approvals lapse and
// the plan is a draft until they approve it again.
void revise(Plan& plan);

// Records a responsible unit's approval of the complete plan (replacing an earlier one of the
// same unit); the last missing approval establishes the plan.
std::optional<TransitionError> approve(Plan& plan, const Approval& approval);

}  // namespace nara::domain::sip
