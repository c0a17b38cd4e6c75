// Loggkontroll (PDL 4:3, HSLF-FS 2016:40 4 kap. 9 §): the period to check and the selection's order.
import type { ReviewItem, ReviewReason } from '../api/types';
import { TIME_ZONE } from './time';

export const REVIEW_REASONS: ReviewReason[] = ['emergency_access', 'without_relation', 'protected_identity', 'sample'];

export function isDate(text: string | null | undefined): text is string {
  return !!text && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** Today in Stockholm as YYYY-MM-DD. */
export function today(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The default period: the last 30 days up to and including today. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const to = today(now);
  return { from: addDays(to, -29), to };
}

/** Stockholm midnight of `date` as an ISO 8601 instant (CET or CEST as that day has it). */
export function stockholmMidnight(date: string): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(noon);
  const offsetHours = Number(local) - 12;
  const sign = offsetHours >= 0 ? '+' : '-';
  return `${date}T00:00:00${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
}

/** The API's half-open range for whole local days from `from` through `to`. */
export function periodRange(from: string, to: string): { from: string; to: string } {
  return { from: stockholmMidnight(from), to: stockholmMidnight(addDays(to, 1)) };
}

/** Not yet reviewed first, then the targeted reasons before the random sample, newest first. */
export function sortForReview(items: ReviewItem[]): ReviewItem[] {
  const rank = (i: ReviewItem) => Math.min(...i.reasons.map((r) => REVIEW_REASONS.indexOf(r)), REVIEW_REASONS.length);
  return [...items].sort(
    (a, b) => Number(!!a.reviewOutcome) - Number(!!b.reviewOutcome) || rank(a) - rank(b) || b.at.localeCompare(a.at),
  );
}

/** How many of the selection carry each reason, and how many are reviewed. */
export function reviewCounts(items: ReviewItem[]): Record<ReviewReason | 'reviewed' | 'total', number> {
  const out = { emergency_access: 0, without_relation: 0, protected_identity: 0, sample: 0, reviewed: 0, total: items.length };
  for (const i of items) {
    for (const r of i.reasons) out[r] += 1;
    if (i.reviewOutcome) out.reviewed += 1;
  }
  return out;
}
