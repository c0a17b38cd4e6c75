import type { CaregiverRoute, PlannedVisit, VisitPlan } from '../api/planningTypes';

/** Who a caregiver is on the page: their name, else the id the planner gave them. */
export function caregiverLabel(c: Pick<CaregiverRoute, 'caregiverId' | 'name'>): string {
  return c.name?.trim() ? c.name : c.caregiverId;
}

/** Caregivers with visits first (in the plan's order), then those the plan left free. */
export function routesInOrder(plan: Pick<VisitPlan, 'caregivers'>): CaregiverRoute[] {
  return [...plan.caregivers.filter((c) => c.visits.length > 0), ...plan.caregivers.filter((c) => c.visits.length === 0)];
}

/** The person a visit is for: the name in the plan, else the id. */
export function personLabel(v: Pick<PlannedVisit, 'personId' | 'personName'>): string {
  return v.personName?.trim() ? v.personName : v.personId;
}

/** A share 0–1 as a whole percent, for the continuity score. */
export function percent(share: number): number {
  return Math.round(share * 100);
}

/** The caregiver a double-staffed visit is shared with, by label. */
export function partnerLabel(v: PlannedVisit, plan: Pick<VisitPlan, 'caregivers'>): string | null {
  if (!v.doubleStaffed || !v.withCaregiverId) return null;
  const partner = plan.caregivers.find((c) => c.caregiverId === v.withCaregiverId);
  return partner ? caregiverLabel(partner) : v.withCaregiverId;
}
