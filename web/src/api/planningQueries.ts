// react-query hooks for the stored joint visit plans.
import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { VisitPlan, VisitPlanSummary } from './planningTypes';

export function useVisitPlans() {
  return useQuery({
    queryKey: ['visit-plans'],
    queryFn: ({ signal }) => get<{ items: VisitPlanSummary[] }>('/api/v1/planning/plans', signal),
  });
}

/** Every read is an audited access to the persons in the plan (PDL 4:3): fetched once per visit
 * of the page, not refetched on focus. */
export function useVisitPlan(id: string | undefined) {
  return useQuery({
    queryKey: ['visit-plan', id],
    queryFn: ({ signal }) => get<VisitPlan>(`/api/v1/planning/plans/${encodeURIComponent(id ?? '')}`, signal),
    enabled: !!id,
    refetchOnWindowFocus: false,
  });
}
