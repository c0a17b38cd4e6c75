// The unit's worklist as GET /api/v1/worklist returns it (one request, names included, each person
// logged once by the server). These helpers decide what the page shows: status, counts, filters.
import type { WorkItem, WorklistFilter } from '../api/types';
import { DUE_SOON_MS } from './clocks';

export type WorkStatus = 'overdue' | 'due_soon' | 'pending' | 'received';

/** A notice to acknowledge has no deadline of its own: its time is when it arrived. */
export function workStatus(item: WorkItem, now: Date): WorkStatus {
  if (item.kind === 'acknowledge_notice') return 'received';
  const left = Date.parse(item.due) - now.getTime();
  if (item.overdue || left < 0) return 'overdue';
  if (left <= DUE_SOON_MS) return 'due_soon';
  return 'pending';
}

export interface WorkSummary {
  total: number;
  overdue: number;
  dueSoon: number;
  toAcknowledge: number;
}

export function summarize(items: WorkItem[], now: Date): WorkSummary {
  const s: WorkSummary = { total: items.length, overdue: 0, dueSoon: 0, toAcknowledge: 0 };
  for (const i of items) {
    const st = workStatus(i, now);
    if (st === 'overdue') s.overdue++;
    else if (st === 'due_soon') s.dueSoon++;
    else if (st === 'received') s.toAcknowledge++;
  }
  return s;
}

/** The episode states a worklist can be filtered by (cancelled and deceased episodes have no work). */
export const WORK_STATES = ['admitted', 'needs_assessed', 'notice_sent', 'planning', 'ready', 'sip_invited', 'discharged'];

/** Västernorrland's municipalities (SCB kommunkoder), the demo county; other codes show as the code. */
export const MUNICIPALITIES: Record<string, string> = {
  '2260': 'Ånge',
  '2262': 'Timrå',
  '2280': 'Härnösand',
  '2281': 'Sundsvall',
  '2282': 'Kramfors',
  '2283': 'Sollefteå',
  '2284': 'Örnsköldsvik',
};

export function municipalityName(code: string | null | undefined): string {
  if (!code) return '–';
  return MUNICIPALITIES[code] ?? code;
}

/** Which filters mean something for the unit: a ward's patients come from many municipalities,
 * a receiving unit's from many wards; only the filters that can narrow the list are offered. */
export function meaningfulFilters(party: string | undefined): { ward: boolean; municipality: boolean } {
  return { ward: party !== 'ward', municipality: party === 'ward' };
}

/** Distinct options, first-seen order, from the items seen so far (value → label). */
export function optionsFrom(items: WorkItem[], pick: (i: WorkItem) => [string, string] | null): [string, string][] {
  const m = new Map<string, string>();
  for (const i of items) {
    const p = pick(i);
    if (p && !m.has(p[0])) m.set(p[0], p[1]);
  }
  return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
}

/** The filter from the page's URL (shareable, survives a reload). */
export function filterFromSearch(search: URLSearchParams): WorklistFilter {
  const f: WorklistFilter = {};
  const state = search.get('tillstand');
  if (state && WORK_STATES.includes(state)) f.state = state;
  if (search.get('forsenade') === '1') f.overdue = true;
  const ward = search.get('avdelning');
  if (ward) f.ward = ward;
  const municipality = search.get('kommun');
  if (municipality && /^\d{4}$/.test(municipality)) f.municipality = municipality;
  return f;
}

export function searchFromFilter(f: WorklistFilter): URLSearchParams {
  const q = new URLSearchParams();
  if (f.state) q.set('tillstand', f.state);
  if (f.overdue) q.set('forsenade', '1');
  if (f.ward) q.set('avdelning', f.ward);
  if (f.municipality) q.set('kommun', f.municipality);
  return q;
}

/** Distinct values in first-seen order. */
export function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
