// react-query hooks for SIP, requests, named contacts and the responsibility catalogue.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError, get, request } from './client';
import type { Page, Unit } from './types';
import type {
  Catalogue,
  CareRequest,
  NamedContact,
  RequestState,
  SipPlan,
  SipPlanFull,
  SipSuggestion,
  SipVersion,
} from './sipTypes';
import type { Box } from '../lib/requests';
import { paths } from '../routes';

export const sipKeys = {
  unitPlans: ['sips'] as const,
  personPlans: (personId: string) => ['sips', 'person', personId] as const,
  plan: (id: string) => ['sip', id] as const,
  history: (id: string) => ['sip-history', id] as const,
  mine: ['me', 'sips'] as const,
  myContacts: ['me', 'named-contacts'] as const,
  contacts: (personId: string) => ['named-contacts', personId] as const,
  catalogue: ['catalogue'] as const,
  requests: (box: Box, state: string) => ['requests', box, state] as const,
  request: (id: string) => ['request', id] as const,
  municipalityUnits: (code: string) => ['municipality-units', code] as const,
};

const enc = encodeURIComponent;

export function useUnitPlans() {
  return useQuery({
    queryKey: sipKeys.unitPlans,
    queryFn: ({ signal }) => get<{ items: SipPlan[] }>('/api/v1/sips', signal),
  });
}

export function usePersonPlans(personId: string | undefined) {
  return useQuery({
    queryKey: sipKeys.personPlans(personId ?? ''),
    queryFn: ({ signal }) => get<{ items: SipPlan[] }>(`/api/v1/persons/${enc(personId!)}/sips`, signal),
    enabled: !!personId,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: sipKeys.plan(id ?? ''),
    queryFn: ({ signal }) => get<SipPlan>(`/api/v1/sips/${enc(id!)}`, signal),
    enabled: !!id,
  });
}

export function usePlanHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: sipKeys.history(id),
    queryFn: ({ signal }) => get<{ items: SipVersion[] }>(`/api/v1/sips/${enc(id)}/history`, signal),
    enabled,
  });
}

export function useMyPlans() {
  return useQuery({ queryKey: sipKeys.mine, queryFn: ({ signal }) => get<{ items: SipPlan[] }>('/api/v1/me/sips', signal) });
}

export function useMyNamedContacts() {
  return useQuery({
    queryKey: sipKeys.myContacts,
    queryFn: ({ signal }) => get<{ items: NamedContact[] }>('/api/v1/me/named-contacts', signal),
  });
}

export function useNamedContacts(personId: string) {
  return useQuery({
    queryKey: sipKeys.contacts(personId),
    queryFn: ({ signal }) => get<{ items: NamedContact[] }>(`/api/v1/persons/${enc(personId)}/named-contacts`, signal),
  });
}

/** Who at a unit of the caller's own provider may be appointed named contact. */
export function useContactCandidates(unitId: string | null | undefined) {
  return useQuery({
    queryKey: ['contact-candidates', unitId ?? ''],
    queryFn: ({ signal }) =>
      get<{ items: { userId: string; displayName: string; role: string; title: string }[] }>(
        `/api/v1/units/${enc(unitId!)}/named-contact-candidates`,
        signal,
      ),
    enabled: !!unitId,
    staleTime: 10 * 60_000,
  });
}

export function useCatalogue() {
  return useQuery({
    queryKey: sipKeys.catalogue,
    queryFn: ({ signal }) => get<Catalogue>('/api/v1/responsibility-catalogue', signal),
    staleTime: 30 * 60_000,
  });
}

/** Every unit in a municipality (both principals' units located there). */
export function useMunicipalityUnits(code: string | null | undefined) {
  return useQuery({
    queryKey: sipKeys.municipalityUnits(code ?? ''),
    queryFn: async ({ signal }) =>
      (await get<Page<Unit>>(`/api/v1/units?municipalityCode=${enc(code!)}&limit=200`, signal)).items,
    enabled: !!code,
    staleTime: 30 * 60_000,
  });
}

export function fetchSuggestion(planId: string, serviceType: string, canVisitHealthCentre: boolean) {
  const q = new URLSearchParams({ serviceType, canVisitHealthCentre: String(canVisitHealthCentre) });
  return get<SipSuggestion>(`/api/v1/sips/${enc(planId)}/suggestions?${q}`);
}

/** A change of the plan with If-Match: the new plan replaces the cached one; a 412 reloads. */
export function usePlanMutation<V>(plan: SipPlanFull, send: (vars: V, version: number) => Promise<SipPlanFull>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => send(vars, plan.version),
    onSuccess: (updated) => {
      qc.setQueryData(sipKeys.plan(plan.id), updated);
      void qc.invalidateQueries({ queryKey: ['sips'] });
      void qc.invalidateQueries({ queryKey: sipKeys.history(plan.id) });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) void qc.invalidateQueries({ queryKey: sipKeys.plan(plan.id) });
    },
  });
}

/** Starts a plan (`POST /api/v1/sips`): a SIP, or a samordnad vårdplan for an episode. The new
 * plan goes into the cache and the page moves to it. */
export function useStartPlan() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (body: unknown) => (await request<SipPlanFull>('/api/v1/sips', { method: 'POST', body })).data,
    onSuccess: (plan) => {
      qc.setQueryData(sipKeys.plan(plan.id), plan);
      void qc.invalidateQueries({ queryKey: ['sips'] });
      navigate(paths.sip(plan.id));
    },
  });
}

export async function patchPlan(id: string, body: unknown, version: number): Promise<SipPlanFull> {
  return (await request<SipPlanFull>(`/api/v1/sips/${enc(id)}`, { method: 'PATCH', body, ifMatch: version })).data;
}

export async function planEvent(id: string, body: unknown, version: number): Promise<SipPlanFull> {
  return (await request<SipPlanFull>(`/api/v1/sips/${enc(id)}/events`, { method: 'POST', body, ifMatch: version })).data;
}

export function useRequests(box: Box, state: RequestState | 'open' | '') {
  return useQuery({
    queryKey: sipKeys.requests(box, state),
    queryFn: ({ signal }) =>
      get<{ items: CareRequest[]; overdue: number }>(`/api/v1/requests?box=${box}${state ? `&state=${state}` : ''}`, signal),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useCareRequest(id: string | undefined) {
  return useQuery({
    queryKey: sipKeys.request(id ?? ''),
    queryFn: ({ signal }) => get<CareRequest>(`/api/v1/requests/${enc(id!)}`, signal),
    enabled: !!id,
  });
}
