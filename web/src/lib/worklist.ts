// The unit's worklist, built from what the API offers today: the notice inbox and the episodes it
// points to. A dedicated worklist endpoint can replace `buildWorklist`'s inputs without changing
// the page: it renders `Worklist`.
import type { Clock, Episode, EpisodeFull, Notice } from '../api/types';
import { isHidden } from '../api/types';
import { clockStatus, isActive } from './clocks';

export interface ClockRow {
  episodeId: string;
  personId: string;
  state: string;
  stateName: string;
  clock: Clock;
}

export interface Worklist {
  notices: Notice[];
  clockRows: ClockRow[];
  unacknowledged: number;
  overdue: number;
  dueSoon: number;
  hiddenEpisodes: number;
}

const URGENCY = { overdue: 0, due_soon: 1, pending: 2, none: 3, met_late: 4, met: 5 } as const;

export function buildWorklist(notices: Notice[], episodes: Episode[], now: Date): Worklist {
  const sortedNotices = [...notices].sort((a, b) => {
    const open = Number(!!a.acknowledgedAt) - Number(!!b.acknowledgedAt);
    return open !== 0 ? open : Date.parse(b.sentAt) - Date.parse(a.sentAt);
  });
  const clockRows: ClockRow[] = [];
  let hiddenEpisodes = 0;
  for (const e of episodes) {
    if (isHidden(e)) {
      hiddenEpisodes++;
      continue;
    }
    const full = e as EpisodeFull;
    if (!isActive(full)) continue;
    for (const c of full.clocks) {
      if (c.metAt || !c.due) continue;
      clockRows.push({ episodeId: full.id, personId: full.personId, state: full.state, stateName: full.stateName, clock: c });
    }
  }
  clockRows.sort((a, b) => {
    const s = URGENCY[clockStatus(a.clock, now)] - URGENCY[clockStatus(b.clock, now)];
    return s !== 0 ? s : Date.parse(a.clock.due!) - Date.parse(b.clock.due!);
  });
  return {
    notices: sortedNotices,
    clockRows,
    unacknowledged: notices.filter((n) => !n.acknowledgedAt).length,
    overdue: clockRows.filter((r) => clockStatus(r.clock, now) === 'overdue').length,
    dueSoon: clockRows.filter((r) => clockStatus(r.clock, now) === 'due_soon').length,
    hiddenEpisodes,
  };
}

/** Distinct values in first-seen order. */
export function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
