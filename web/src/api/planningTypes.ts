// Stored joint home-visit plans (GET /api/v1/planning/plans, /plans/{id}; docs/planning.md).

export interface VisitPlanSummary {
  id: string;
  date: string;
  title: string;
  feasible: boolean;
  caregivers: number;
  visits: number;
  unitIds: string[];
  createdAt: string;
}

export interface PlannedVisit {
  visitId: string;
  personId: string;
  personName?: string;
  skill: string;
  principal: string;
  arrival: string;
  start: string;
  end: string;
  travelMinutes: number;
  waitMinutes: number;
  tardinessMinutes: number;
  window: { earliest: string; latest: string };
  doubleStaffed: boolean;
  withCaregiverId?: string;
}

export interface CaregiverRoute {
  caregiverId: string;
  name?: string;
  unitId?: string;
  principal: string;
  shift: { start: string; end: string };
  departure?: string;
  return?: string;
  travelMinutes: number;
  visitCount: number;
  break?: { start: string; end: string };
  visits: PlannedVisit[];
}

export interface UnservedVisit {
  visitId: string;
  personId: string;
  priority: number;
  reason: 'no_qualified_caregiver' | 'no_time';
  reasonText: string;
}

export interface VisitPlan {
  id: string;
  date: string;
  title: string;
  feasible: boolean;
  createdAt: string;
  continuity: { score: number; persons: { personId: string; personName?: string; score: number }[] };
  caregivers: CaregiverRoute[];
  unserved: UnservedVisit[];
}
