// The manager's view of payment liability (Lag 2017:612, 5 kap.): months, totals, reasons.
import type { LiabilityReport } from '../api/types';
import { TIME_ZONE } from './time';

/** This month in Stockholm, as YYYY-MM. */
export function currentMonth(now: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const y = parts.find((p) => p.type === 'year')!.value;
  const m = parts.find((p) => p.type === 'month')!.value;
  return `${y}-${m}`;
}

export function isMonth(text: string | null | undefined): text is string {
  return !!text && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** `count` months ending with `month`, oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const total = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export function monthLabel(month: string, lng: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'sv-SE', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

export function formatKronor(amount: number, lng: string): string {
  return new Intl.NumberFormat(lng === 'en' ? 'en-GB' : 'sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(amount);
}

export interface MonthAmount {
  month: string;
  municipality: string;
  amount: number;
  liableDays: number;
}

/** One row per month and municipality that had any liability, for the chart and its table. */
export function monthAmounts(reports: LiabilityReport[]): MonthAmount[] {
  return reports.flatMap((r) =>
    r.municipalities.map((m) => ({ month: r.month, municipality: m.municipalityName, amount: m.amount, liableDays: m.liableDays })),
  );
}

/** The reason without the episode's own dates ("Före betalningsansvarets start 2026-11-22 (5 kap. 4 §)."),
 * so the same rule is counted once across episodes. */
export function reasonKind(reason: string): string {
  return reason.replace(/\s*\d{4}-\d{2}-\d{2}/g, '');
}

/** Days not billed, by the reason the server gives, most common first. */
export function unbilledReasons(report: LiabilityReport): { reason: string; days: number }[] {
  const counts = new Map<string, number>();
  for (const m of report.municipalities)
    for (const e of m.episodes)
      for (const d of e.days) {
        if (d.liable) continue;
        const r = reasonKind(d.reason);
        counts.set(r, (counts.get(r) ?? 0) + 1);
      }
  return [...counts.entries()].map(([reason, days]) => ({ reason, days })).sort((a, b) => b.days - a.days || a.reason.localeCompare(b.reason, 'sv'));
}

export function totals(report: LiabilityReport): { episodes: number; liableDays: number; amount: number } {
  return report.municipalities.reduce(
    (t, m) => ({ episodes: t.episodes + m.episodes.length, liableDays: t.liableDays + m.liableDays, amount: t.amount + m.amount }),
    { episodes: 0, liableDays: 0, amount: 0 },
  );
}
