// react-query hooks over the follow-up and proactive-list API (docs/follow-up.md).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from './client';
import type {
  FactsResponse,
  FollowUpResponse,
  IndicatorCatalogue,
  IndicatorResponse,
  ProactiveAction,
  ProactiveActionBody,
  ProactiveList,
} from './followUpTypes';
import { factsPath, followUpPath, indicatorPath, type DrillCell, type FollowUpFilter } from '../lib/followUp';

export const followUpKeys = {
  catalogue: ['indicator-catalogue'] as const,
  followUp: (f: FollowUpFilter) => ['follow-up', f] as const,
  indicator: (id: string, f: FollowUpFilter) => ['indicator', id, f] as const,
  facts: (id: string, cell: DrillCell | null) => ['indicator-facts', id, cell] as const,
  proactive: ['proactive-list'] as const,
};

export function fetchCatalogue(signal?: AbortSignal) {
  return get<IndicatorCatalogue>('/api/v1/indicators', signal);
}

export function useIndicatorCatalogue() {
  return useQuery({
    queryKey: followUpKeys.catalogue,
    queryFn: ({ signal }) => fetchCatalogue(signal),
    staleTime: 60 * 60_000,
  });
}

/** Every indicator for the filter: the tiles. Computed live on the county's data, so it can take
 * a second or two; kept for five minutes. */
export function useFollowUp(filter: FollowUpFilter | null) {
  return useQuery({
    queryKey: followUpKeys.followUp(filter ?? { from: '', to: '' }),
    queryFn: ({ signal }) => get<FollowUpResponse>(followUpPath(filter!), signal),
    enabled: !!filter,
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useIndicator(id: string | undefined, filter: FollowUpFilter | null) {
  return useQuery({
    queryKey: followUpKeys.indicator(id ?? '', filter ?? { from: '', to: '' }),
    queryFn: ({ signal }) => get<IndicatorResponse>(indicatorPath(id!, filter!), signal),
    enabled: !!id && !!filter,
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

/** The facts behind one cell; the server logs the list, so it is asked for only when opened. */
export function useIndicatorFacts(id: string | undefined, cell: DrillCell | null) {
  return useQuery({
    queryKey: followUpKeys.facts(id ?? '', cell),
    queryFn: ({ signal }) => get<FactsResponse>(factsPath(id!, cell!), signal),
    enabled: !!id && !!cell,
    staleTime: 60_000,
    retry: false,
  });
}

export function useProactiveList(enabled = true) {
  return useQuery({
    queryKey: followUpKeys.proactive,
    queryFn: ({ signal }) => get<ProactiveList>('/api/v1/proactive-list', signal),
    enabled,
  });
}

export function useRecordProactiveAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProactiveActionBody) => post<ProactiveAction>('/api/v1/proactive-list/actions', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: followUpKeys.proactive });
      void qc.invalidateQueries({ queryKey: ['proactive-actions'] });
    },
  });
}
