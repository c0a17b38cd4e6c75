// The ward's discharge board: which episodes need the ward first.
import type { BoardEpisode } from '../api/types';

/** Overdue first, then the next deadline soonest, then those without an open deadline (discharged last). */
export function sortBoard(episodes: BoardEpisode[]): BoardEpisode[] {
  const next = (e: BoardEpisode) => (e.clockSummary.nextDue ? Date.parse(e.clockSummary.nextDue) : Number.POSITIVE_INFINITY);
  return [...episodes].sort((a, b) => {
    const overdue = Number(b.clockSummary.overdue > 0) - Number(a.clockSummary.overdue > 0);
    if (overdue !== 0) return overdue;
    const discharged = Number(a.state === 'discharged') - Number(b.state === 'discharged');
    if (discharged !== 0) return discharged;
    const due = next(a) - next(b);
    if (due !== 0) return due;
    return Date.parse(a.admittedAt) - Date.parse(b.admittedAt);
  });
}

/** How many episodes are in each state, in the order of the process. */
export const BOARD_STATES = ['admitted', 'needs_assessed', 'notice_sent', 'planning', 'ready', 'sip_invited', 'discharged'];

export function countByState(episodes: BoardEpisode[]): { state: string; count: number }[] {
  return BOARD_STATES.map((state) => ({ state, count: episodes.filter((e) => e.state === state).length }));
}
