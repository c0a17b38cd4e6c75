// The manager's view of the statutory deadlines (Lag 2017:612): per clock kind and responsible
// unit, how many were met in time, late, are overdue or not yet due. Counts only.
import type { ComplianceLine, ComplianceReport } from '../api/types';

export const CLOCK_KINDS: ComplianceLine['kind'][] = [
  'admission_notice',
  'named_contact',
  'information_transfer',
  'sip_invitation',
];

export const OUTCOMES = ['metInTime', 'metLate', 'openOverdue', 'openNotDue'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface KindTotal {
  kind: ComplianceLine['kind'];
  rule: string;
  metInTime: number;
  metLate: number;
  openOverdue: number;
  openNotDue: number;
  due: number;
  /** Of the clocks due, the share met in time; null when none was due. */
  shareInTime: number | null;
}

/** One total per clock kind present in the report, in the law's order. */
export function totalsPerKind(report: ComplianceReport): KindTotal[] {
  const out: KindTotal[] = [];
  for (const kind of CLOCK_KINDS) {
    const lines = report.lines.filter((l) => l.kind === kind);
    if (lines.length === 0) continue;
    const sum = (f: Outcome | 'due') => lines.reduce((n, l) => n + l[f], 0);
    const due = sum('due');
    out.push({
      kind,
      rule: lines[0].rule,
      metInTime: sum('metInTime'),
      metLate: sum('metLate'),
      openOverdue: sum('openOverdue'),
      openNotDue: sum('openNotDue'),
      due,
      shareInTime: due > 0 ? sum('metInTime') / due : null,
    });
  }
  return out;
}

/** "87 %" (Swedish) or "87%" (English); a dash when nothing was due. */
export function formatShare(share: number | null, lng: string): string {
  if (share === null) return '–';
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'sv-SE', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export interface ChartPoint {
  kind: ComplianceLine['kind'];
  outcome: Outcome;
  count: number;
}

/** Stacked bars per clock kind: one point per kind and outcome with any clocks. */
export function chartPoints(totals: KindTotal[]): ChartPoint[] {
  return totals.flatMap((t) => OUTCOMES.filter((o) => t[o] > 0).map((outcome) => ({ kind: t.kind, outcome, count: t[outcome] })));
}

/** The kind with the lowest share met in time (of those with any clocks due), for the caption. */
export function weakest(totals: KindTotal[]): KindTotal | null {
  return totals.reduce<KindTotal | null>(
    (w, t) => (t.shareInTime !== null && (w === null || t.shareInTime < (w.shareInTime ?? 1)) ? t : w),
    null,
  );
}
