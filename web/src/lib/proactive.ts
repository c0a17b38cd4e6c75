// Proaktiv lista (issue 19): the rows in their sections, the texts in the reader's language, and an
// action's body checked before it is sent (the server decides; docs/follow-up.md).
import type {
  ActionKind,
  FrailtyCriterion,
  Localized,
  ProactiveActionBody,
  ProactiveRow,
  RiskBand,
} from '../api/followUpTypes';

export const ACTION_KINDS: ActionKind[] = ['offer_sip', 'appoint_named_contact', 'plan_home_visit', 'assessed_no_action'];
export const NOTE_MAX = 2000; // the schema's maxLength on POST /proactive-list/actions

export function localized(text: Localized | null | undefined, lng: string): string {
  if (!text) return '';
  return (lng === 'en' ? text.en : text.sv) || text.sv || text.en || '';
}

export type CriterionStatus = 'met' | 'notMet' | 'unknown';

export function criterionStatus(c: FrailtyCriterion): CriterionStatus {
  if (!c.known) return 'unknown';
  return c.met ? 'met' : 'notMet';
}

export const BAND_COLOR: Record<RiskBand, 'danger' | 'warning' | 'neutral'> = {
  high: 'danger',
  moderate: 'warning',
  low: 'neutral',
};

function metCount(r: ProactiveRow): number {
  return r.frailty.criteria.filter((c) => c.known && c.met).length;
}

/** Highest risk first, then the most criteria met, then by name (the server ranks the same way;
 * sorting again keeps the order when rows are updated one at a time). */
export function byRisk(a: ProactiveRow, b: ProactiveRow): number {
  return b.risk.total - a.risk.total || metCount(b) - metCount(a) || a.person.name.localeCompare(b.person.name, 'sv');
}

/** The rows to act on, ranked, and those under an earlier decision (soonest review first). */
export function sections(rows: ProactiveRow[]): { active: ProactiveRow[]; reviewed: ProactiveRow[] } {
  const active = rows.filter((r) => !r.reviewPending).sort(byRisk);
  const reviewed = rows
    .filter((r) => r.reviewPending)
    .sort((a, b) => (a.lastAction?.nextReviewOn ?? '9999').localeCompare(b.lastAction?.nextReviewOn ?? '9999') || byRisk(a, b));
  return { active, reviewed };
}

/** A date as YYYY-MM-DD in local time. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** The range a next review date may have: tomorrow to two years from today. */
export function reviewRange(today: string): { min: string; max: string } {
  const [y, m, d] = today.split('-').map(Number);
  const max = new Date(Date.UTC(y + 2, m - 1, d)).toISOString().slice(0, 10);
  return { min: addDays(today, 1), max };
}

/** A suggested review date: three months ahead. */
export function suggestedReview(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m + 2, Math.min(d, 28))).toISOString().slice(0, 10);
}

export type ActionProblem = 'required' | 'format' | 'past' | 'tooFar' | 'noteTooLong';

/** The fields that would be refused, as rule names the page turns into text. */
export function validateAction(
  kind: ActionKind,
  input: { note?: string; nextReviewOn?: string },
  today: string,
): Partial<Record<'nextReviewOn' | 'note', ActionProblem>> {
  const out: Partial<Record<'nextReviewOn' | 'note', ActionProblem>> = {};
  const date = input.nextReviewOn?.trim() ?? '';
  if (kind === 'assessed_no_action' && !date) out.nextReviewOn = 'required';
  else if (date) {
    const range = reviewRange(today);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T12:00:00Z`))) out.nextReviewOn = 'format';
    else if (date < range.min) out.nextReviewOn = 'past';
    else if (date > range.max) out.nextReviewOn = 'tooFar';
  }
  if ((input.note?.trim().length ?? 0) > NOTE_MAX) out.note = 'noteTooLong';
  return out;
}

/** The body of `POST /proactive-list/actions`: empty fields left out, the date only where it is
 * asked for. */
export function actionBody(personId: string, kind: ActionKind, input: { note?: string; nextReviewOn?: string } = {}): ProactiveActionBody {
  const body: ProactiveActionBody = { personId, kind };
  const note = input.note?.trim();
  if (note) body.note = note;
  const date = input.nextReviewOn?.trim();
  if (date && kind === 'assessed_no_action') body.nextReviewOn = date;
  return body;
}
