// react-query hooks over the API. Keys start with the resource so invalidation is simple.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, request } from './client';
import type {
  AccessLogLine,
  CareRelation,
  ComplianceReport,
  Consent,
  Episode,
  LiabilityReport,
  NoticeInbox,
  Page,
  Person,
  PersonEpisode,
  ReviewItem,
  ReviewOutcome,
  SharingStatus,
  Unit,
  WardBoard,
  WorklistFilter,
  WorklistResponse,
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
  worklist: (f: WorklistFilter) => ['worklist', f] as const,
  wardBoard: (state: string | undefined) => ['ward-board', state ?? ''] as const,
  liability: (month: string) => ['liability', month] as const,
  compliance: (month: string) => ['compliance', month] as const,
  myConsents: ['my-consents'] as const,
  personEpisodes: (id: string) => ['person-episodes', id] as const,
  logReview: (from: string, to: string) => ['log-review', from, to] as const,
};

/** The query string of a worklist filter; the server filters, so only what is shown is logged. */
export function worklistQuery(f: WorklistFilter): string {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.overdue) q.set('overdue', 'true');
  if (f.ward) q.set('ward', f.ward);
  if (f.municipality) q.set('municipality', f.municipality);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function useWorklist(filter: WorklistFilter) {
  return useQuery({
    queryKey: keys.worklist(filter),
    queryFn: ({ signal }) => get<WorklistResponse>(`/api/v1/worklist${worklistQuery(filter)}`, signal),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useWardBoard(state: string | undefined) {
  return useQuery({
    queryKey: keys.wardBoard(state),
    queryFn: ({ signal }) =>
      get<WardBoard>(`/api/v1/episodes${state ? `?state=${encodeURIComponent(state)}` : ''}`, signal),
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

export function liabilityReportPath(month: string, format?: 'csv'): string {
  const q = new URLSearchParams({ month });
  if (format) q.set('format', format);
  return `/api/v1/reports/payment-liability?${q}`;
}

export function useLiabilityReports(months: string[]) {
  return useQueries({
    queries: months.map((month) => ({
      queryKey: keys.liability(month),
      queryFn: ({ signal }: { signal: AbortSignal }) => get<LiabilityReport>(liabilityReportPath(month), signal),
      staleTime: 5 * 60_000,
    })),
  });
}

export function complianceReportPath(month: string, format?: 'csv'): string {
  const q = new URLSearchParams({ month });
  if (format) q.set('format', format);
  return `/api/v1/reports/deadline-compliance?${q}`;
}

export function useComplianceReport(month: string) {
  return useQuery({
    queryKey: keys.compliance(month),
    queryFn: ({ signal }) => get<ComplianceReport>(complianceReportPath(month), signal),
    staleTime: 5 * 60_000,
  });
}

export function useMyConsents(enabled: boolean) {
  return useQuery({
    queryKey: keys.myConsents,
    queryFn: ({ signal }) => get<{ items: Consent[] }>('/api/v1/me/consents', signal),
    enabled,
  });
}

export function usePersonEpisodes(id: string | undefined) {
  return useQuery({
    queryKey: keys.personEpisodes(id ?? ''),
    queryFn: ({ signal }) =>
      get<{ items: PersonEpisode[] }>(`/api/v1/persons/${encodeURIComponent(id!)}/episodes`, signal),
    enabled: !!id,
  });
}

/** The accesses to check in [from, to) (ISO 8601 instants); the server logs each one shown. */
export function useLogReview(from: string, to: string) {
  return useQuery({
    queryKey: keys.logReview(from, to),
    queryFn: ({ signal }) =>
      get<{ items: ReviewItem[] }>(
        `/api/v1/log-review/selection?${new URLSearchParams({ from, to })}`,
        signal,
      ),
  });
}

export function useRecordReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ seq, outcome, note }: { seq: number; outcome: ReviewOutcome; note: string }) =>
      post<void>(`/api/v1/log-review/${seq}`, note.trim() ? { outcome, note: note.trim() } : { outcome }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['log-review'] }),
  });
}

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
      void qc.invalidateQueries({ queryKey: ['worklist'] });
      void qc.invalidateQueries({ queryKey: ['episode'] });
    },
  });
}

export function fetchAccessLog(cursor: string | null, signal?: AbortSignal) {
  const q = new URLSearchParams({ limit: '50' });
  if (cursor) q.set('cursor', cursor);
  return get<Page<AccessLogLine>>(`/api/v1/me/access-log?${q}`, signal);
}
