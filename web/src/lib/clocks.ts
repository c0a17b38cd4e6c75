// The statutory clocks of an episode (Lag 2017:612) as the worklist shows them.
import type { Clock, EpisodeFull } from '../api/types';

export type ClockStatus = 'met' | 'met_late' | 'overdue' | 'due_soon' | 'pending' | 'none';

/** Within this long of its due time an open clock is shown as due soon. */
export const DUE_SOON_MS = 24 * 3600 * 1000;

export function clockStatus(clock: Clock, now: Date): ClockStatus {
  if (clock.metAt) return clock.breached ? 'met_late' : 'met';
  if (!clock.due) return 'none';
  const left = Date.parse(clock.due) - now.getTime();
  if (clock.breached || left < 0) return 'overdue';
  if (left <= DUE_SOON_MS) return 'due_soon';
  return 'pending';
}

/** Milliseconds until due (negative when overdue), or null when the clock is met or has no due time. */
export function timeLeft(clock: Clock, now: Date): number | null {
  if (clock.metAt || !clock.due) return null;
  return Date.parse(clock.due) - now.getTime();
}

const ORDER: Record<ClockStatus, number> = { overdue: 0, due_soon: 1, pending: 2, met_late: 3, met: 4, none: 5 };

/** The open clock that needs attention first: overdue before due soon, then the earliest due. */
export function mostUrgent(clocks: Clock[], now: Date): Clock | null {
  const open = clocks.filter((c) => !c.metAt && c.due);
  if (open.length === 0) return null;
  return [...open].sort((a, b) => {
    const s = ORDER[clockStatus(a, now)] - ORDER[clockStatus(b, now)];
    return s !== 0 ? s : Date.parse(a.due!) - Date.parse(b.due!);
  })[0];
}

export function isActive(e: Pick<EpisodeFull, 'state'>): boolean {
  return !['discharged', 'cancelled', 'deceased'].includes(e.state);
}
