// react-query hooks over the API. Keys start with the resource so invalidation is simple.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, request } from './client';
import type {
  AccessLogLine,
  CareRelation,
  Episode,
  NoticeInbox,
  Page,
  Person,
  SharingStatus,
  Unit,
} from './types';

export const keys = {
  notices: ['notices'] as const,
  person: (id: string) => ['person', id] as const,
  careTeam: (id: string) => ['care-team', id] as const,
  sharing: (id: string) => ['sharing', id] as const,
  episode: (id: string) => ['episode', id] as const,
  unit: (id: string) => ['unit', id] as const,
  units: (municipalityCode: string) => ['units', municipalityCode] as const,
  accessLog: ['access-log'] as const,
};

export function useNotices() {
  return useQuery({
    queryKey: keys.notices,
    queryFn: ({ signal }) => get<NoticeInbox>('/api/v1/notices', signal),
    refetchInterval: 60_000,
  });
}

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: keys.person(id ?? ''),
    queryFn: ({ signal }) => get<Person>(`/api/v1/persons/${encodeURIComponent(id!)}`, signal),
    enabled: !!id,
  });
}

export function usePersons(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.person(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => get<Person>(`/api/v1/persons/${encodeURIComponent(id)}`, signal),
      staleTime: 5 * 60_000,
    })),
  });
}

export function useCareTeam(id: string | undefined) {
  return useQuery({
    queryKey: keys.careTeam(id ?? ''),
    queryFn: ({ signal }) =>
      get<{ items: CareRelation[] }>(`/api/v1/persons/${encodeURIComponent(id!)}/care-team`, signal),
    enabled: !!id,
  });
}

export function useSharing(id: string | undefined) {
  return useQuery({
    queryKey: keys.sharing(id ?? ''),
    queryFn: ({ signal }) => get<SharingStatus>(`/api/v1/persons/${encodeURIComponent(id!)}/sharing`, signal),
    enabled: !!id,
  });
}

export interface EpisodeWithEtag {
  episode: Episode;
  etag: string | null;
}

async function fetchEpisode(id: string, signal?: AbortSignal): Promise<EpisodeWithEtag> {
  const res = await request<Episode>(`/api/v1/episodes/${encodeURIComponent(id)}`, { signal });
  return { episode: res.data, etag: res.etag };
}

export function useEpisode(id: string | undefined) {
  return useQuery({
    queryKey: keys.episode(id ?? ''),
    queryFn: ({ signal }) => fetchEpisode(id!, signal),
    enabled: !!id,
    refetchInterval: 60_000,
  });
}

export function useEpisodes(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: keys.episode(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchEpisode(id, signal),
      staleTime: 30_000,
    })),
  });
}

export function useUnit(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.unit(id ?? ''),
    queryFn: ({ signal }) => get<Unit>(`/api/v1/units/${encodeURIComponent(id!)}`, signal),
    enabled: !!id,
    staleTime: 30 * 60_000,
  });
}

/** Units that may receive an admission notice in a municipality (2 kap. 1 §). */
export function useReceivingUnits(municipalityCode: string | null | undefined) {
  return useQuery({
    queryKey: keys.units(municipalityCode ?? ''),
    queryFn: async ({ signal }) => {
      const page = await get<Page<Unit>>(
        `/api/v1/units?municipalityCode=${encodeURIComponent(municipalityCode!)}&limit=200`,
        signal,
      );
      const receivers = ['health_centre', 'home_health_care', 'home_care', 'administration'];
      return page.items.filter((u) => receivers.includes(u.kind));
    },
    enabled: !!municipalityCode,
    staleTime: 30 * 60_000,
  });
}

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (noticeId: string) => post<void>(`/api/v1/notices/${encodeURIComponent(noticeId)}/acknowledge`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.notices });
      void qc.invalidateQueries({ queryKey: ['episode'] });
    },
  });
}

export function fetchAccessLog(cursor: string | null, signal?: AbortSignal) {
  const q = new URLSearchParams({ limit: '50' });
  if (cursor) q.set('cursor', cursor);
  return get<Page<AccessLogLine>>(`/api/v1/me/access-log?${q}`, signal);
}
