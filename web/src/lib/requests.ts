// Requests between units (begäran om insats): which answers a request takes from which side,
// mirroring src/domain/requests/request.cpp. The server decides.
import type { CareRequest, RequestEventKind, RequestState } from '../api/sipTypes';

export type Box = 'inbox' | 'outbox';

export const REQUEST_STATES: RequestState[] = ['sent', 'received', 'accepted', 'declined', 'done', 'cancelled'];

export const REQUEST_TYPES = [
  'home_health_care_intervention',
  'physician_home_visit',
  'medication_list_update',
  'assistive_device',
  'rehabilitation',
  'home_care_intervention',
  'sip_request',
] as const;

/** The recipient receives (receipt), accepts or declines while unanswered and completes what it
 * accepted; the sender withdraws while unanswered. */
export function requestActions(state: RequestState, box: Box): RequestEventKind[] {
  if (box === 'inbox') {
    if (state === 'sent') return ['receive', 'accept', 'decline'];
    if (state === 'received') return ['accept', 'decline'];
    if (state === 'accepted') return ['complete'];
    return [];
  }
  return state === 'sent' || state === 'received' ? ['cancel'] : [];
}

/** Which box a request is in, seen from a unit. */
export function boxOf(r: Pick<CareRequest, 'toUnitId'>, unitId: string | null | undefined): Box {
  return r.toUnitId === unitId ? 'inbox' : 'outbox';
}

/** A tag colour per state; the state's name is always written out too. */
export function requestStateColor(state: RequestState): 'info' | 'warning' | 'success' | 'neutral' | 'danger' {
  switch (state) {
    case 'sent':
      return 'warning';
    case 'received':
      return 'info';
    case 'accepted':
      return 'info';
    case 'done':
      return 'success';
    case 'declined':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** Still waiting for the other side. */
export function isOpen(state: RequestState): boolean {
  return state === 'sent' || state === 'received' || state === 'accepted';
}

/** Declining needs a reason of at least ten characters (domain rule). */
export function declineReasonValid(reason: string): boolean {
  return reason.trim().length >= 10;
}

/** What waits on the unit first: overdue, then the earliest wished-for date (none last), then the
 * oldest. The worklist shows the inbox's open requests in this order. */
export function worklistOrder<T extends Pick<CareRequest, 'overdue' | 'dueAt' | 'sentAt'>>(items: T[]): T[] {
  const due = (r: T) => (r.dueAt ? Date.parse(r.dueAt) : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || Date.parse(a.sentAt) - Date.parse(b.sentAt),
  );
}
