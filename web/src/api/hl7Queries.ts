// react-query hooks for the HL7 v2 ward-code page (county administrator).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, request } from './client';
import type { HeldMessage, HeldMessageList, HeldState, ReprocessResult, WardCode } from './hl7Types';
import type { Page, Unit } from './types';
import type { WardCodeBody } from '../lib/hl7Codes';

export const hl7Keys = {
  wardCodes: ['hl7-ward-codes'] as const,
  held: (state: HeldState | 'all') => ['hl7-held', state] as const,
  wards: ['hl7-wards'] as const,
};

export function useWardCodes() {
  return useQuery({
    queryKey: hl7Keys.wardCodes,
    queryFn: ({ signal }) => get<{ items: WardCode[] }>('/api/v1/hl7/ward-codes', signal),
  });
}

export function useHeldMessages(state: HeldState | 'all') {
  return useQuery({
    queryKey: hl7Keys.held(state),
    queryFn: ({ signal }) => get<HeldMessageList>(`/api/v1/hl7/held-messages?state=${state}`, signal),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

/** The hospital wards a code can be mapped to (ADT admits to and moves between wards). */
export function useHospitalWards() {
  return useQuery({
    queryKey: hl7Keys.wards,
    queryFn: ({ signal }) => get<Page<Unit>>('/api/v1/units?kind=hospital_ward&limit=200', signal),
    staleTime: 5 * 60_000,
  });
}

function useInvalidateHl7() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: hl7Keys.wardCodes });
    void qc.invalidateQueries({ queryKey: ['hl7-held'] });
  };
}

export function useSaveWardCode() {
  const invalidate = useInvalidateHl7();
  return useMutation({
    mutationFn: async (v: { id?: string; version?: number; body: WardCodeBody }) =>
      v.id
        ? (await request<WardCode>(`/api/v1/hl7/ward-codes/${encodeURIComponent(v.id)}`, {
            method: 'PATCH',
            body: v.body,
            ifMatch: v.version,
          })).data
        : post<WardCode>('/api/v1/hl7/ward-codes', v.body),
    onSuccess: invalidate,
  });
}

export function useDeleteWardCode() {
  const invalidate = useInvalidateHl7();
  return useMutation({
    mutationFn: async (id: string) => {
      await request<void>(`/api/v1/hl7/ward-codes/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
    onSuccess: invalidate,
  });
}

export function useReprocess() {
  const invalidate = useInvalidateHl7();
  return useMutation({
    mutationFn: (id: string) => post<ReprocessResult>(`/api/v1/hl7/held-messages/${encodeURIComponent(id)}/reprocess`),
    onSuccess: invalidate,
  });
}

export function useDiscard() {
  const invalidate = useInvalidateHl7();
  return useMutation({
    mutationFn: (id: string) => post<HeldMessage>(`/api/v1/hl7/held-messages/${encodeURIComponent(id)}/discard`),
    onSuccess: invalidate,
  });
}
