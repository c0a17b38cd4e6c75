// Follow-up against målbild 2030 (issue 19): the filter in the URL, values formatted by their unit,
// the change a tile shows, the sparkline's points and the rows of the chart and its table.
import type {
  IndicatorCatalogue,
  IndicatorDefinition,
  IndicatorSeries,
  MonthCell,
  SeriesLevel,
  ValueUnit,
} from '../api/followUpTypes';
import { currentMonth, isMonth, monthsEnding } from './liability';

export const SUPPRESSED = '<5';
export const NO_VALUE = '–';

export interface FollowUpFilter {
  from: string;
  to: string;
  municipality?: string;
  unit?: string;
}

/** The catalogue's default period, else the twelve months up to this one. */
export function defaultPeriod(catalogue: IndicatorCatalogue | undefined, now: Date): { from: string; to: string } {
  const d = catalogue?.defaultPeriod;
  if (d && isMonth(d.from) && isMonth(d.to)) return { from: d.from, to: d.to };
  const months = monthsEnding(currentMonth(now), 12);
  return { from: months[0], to: months[11] };
}

/** The number of months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthSpan(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return Math.max(0, ty * 12 + tm - (fy * 12 + fm) + 1);
}

/** Why a period cannot be asked for (the server's rule: from ≤ to, at most ten years), or null. */
export function periodProblem(from: string, to: string): 'order' | 'tooLong' | null {
  if (monthSpan(from, to) === 0) return 'order';
  if (monthSpan(from, to) > 120) return 'tooLong';
  return null;
}

/** The filter from the URL (`?fran=&till=&kommun=&enhet=`), falling back to the default period. */
export function filterFromSearch(search: URLSearchParams, fallback: { from: string; to: string }): FollowUpFilter {
  const f: FollowUpFilter = {
    from: isMonth(search.get('fran')) ? search.get('fran')! : fallback.from,
    to: isMonth(search.get('till')) ? search.get('till')! : fallback.to,
  };
  const municipality = search.get('kommun');
  const unit = search.get('enhet');
  if (municipality && /^\d{4}$/.test(municipality)) f.municipality = municipality;
  if (unit) f.unit = unit;
  return f;
}

/** The URL's query for a filter (drill-down parameters are not kept: a new filter closes it). */
export function searchFromFilter(f: FollowUpFilter): URLSearchParams {
  const q = new URLSearchParams({ fran: f.from, till: f.to });
  if (f.municipality) q.set('kommun', f.municipality);
  if (f.unit) q.set('enhet', f.unit);
  return q;
}

function apiQuery(f: FollowUpFilter): URLSearchParams {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.municipality) q.set('municipality', f.municipality);
  if (f.unit) q.set('unit', f.unit);
  return q;
}

export function followUpPath(f: FollowUpFilter): string {
  return `/api/v1/follow-up?${apiQuery(f)}`;
}

/** One indicator's definition and series; `format=csv` for the download. */
export function indicatorPath(id: string, f: FollowUpFilter, format?: 'csv'): string {
  const q = apiQuery(f);
  if (format) q.set('format', format);
  return `/api/v1/indicators/${encodeURIComponent(id)}?${q}`;
}

export interface DrillCell {
  level: Exclude<SeriesLevel, 'county'>;
  key: string;
  month: string;
}

export function factsPath(id: string, cell: DrillCell): string {
  const q = new URLSearchParams({ level: cell.level, key: cell.key, month: cell.month });
  return `/api/v1/indicators/${encodeURIComponent(id)}/facts?${q}`;
}

/** The file name a download is offered under, e.g. `ready_days_mean-2025-01-2025-12.csv`. */
export function downloadName(id: string, f: FollowUpFilter, ext: 'csv' | 'json'): string {
  const where = f.unit ? `-enhet` : f.municipality ? `-${f.municipality}` : '';
  return `${id}${where}-${f.from}-${f.to}.${ext}`;
}

function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'sv-SE';
}

function fixed(n: number, digits: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A value as its unit reads: 84,3 %, 12,5 (per 1 000), 4,2 (days), 1 234 567 kr, 31, 0,85. */
export function formatValue(value: number, unit: ValueUnit, lng: string): string {
  switch (unit) {
    case 'share':
      return `${fixed(value * 100, 1, lng)} %`;
    case 'per_1000':
    case 'days':
      return fixed(value, 1, lng);
    case 'sek':
      return lng === 'en'
        ? `SEK ${fixed(Math.round(value), 0, lng)}`
        : `${fixed(Math.round(value), 0, lng)} kr`;
    case 'count':
      return fixed(Math.round(value), 0, lng);
    case 'index':
      return fixed(value, 2, lng);
  }
}

/** A cell as shown in tiles and tables: "<5" when suppressed, "–" when there is nothing to count. */
export function formatCell(cell: MonthCell | undefined, unit: ValueUnit, lng: string): string {
  if (!cell) return NO_VALUE;
  if (cell.suppressed) return SUPPRESSED;
  if (cell.value === null || cell.value === undefined) return NO_VALUE;
  return formatValue(cell.value, unit, lng);
}

/** The size of a change without its sign: percentage points for a share. */
export function formatDelta(delta: number, unit: ValueUnit, lng: string): string {
  const d = Math.abs(delta);
  if (unit === 'share') return fixed(d * 100, 1, lng);
  return formatValue(d, unit, lng);
}

export type Verdict = 'better' | 'worse' | 'same';
export type Direction = 'up' | 'down' | 'same';

/** Whether a change is for the better, given which way the indicator should go. */
export function verdictOf(delta: number, higherIsBetter: boolean): Verdict {
  if (Math.abs(delta) < 1e-9) return 'same';
  return delta > 0 === higherIsBetter ? 'better' : 'worse';
}

export interface Change {
  month: string;
  cell: MonthCell;
  /** The month compared with: a year earlier when it has a value, else the month before. */
  against: { month: string; value: number; basis: 'year' | 'month' } | null;
  delta: number | null;
  direction: Direction;
  verdict: Verdict;
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + by;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

function hasValue(c: MonthCell | undefined): c is MonthCell & { value: number } {
  return !!c && !c.suppressed && c.value !== null && c.value !== undefined;
}

/** The latest month with something to show (a value or "<5"), not after `upTo` (months ahead
 * of today count nothing yet), and its change. */
export function latestChange(series: IndicatorSeries | undefined, higherIsBetter: boolean, upTo: string): Change | null {
  if (!series) return null;
  const months = series.months.filter((c) => c.month <= upTo);
  const latest = [...months].reverse().find((c) => c.suppressed || hasValue(c));
  if (!latest) return null;
  const byMonth = new Map(series.months.map((c) => [c.month, c]));
  let against: Change['against'] = null;
  if (hasValue(latest)) {
    const year = byMonth.get(shiftMonth(latest.month, -12));
    const prev = byMonth.get(shiftMonth(latest.month, -1));
    if (hasValue(year)) against = { month: year.month, value: year.value, basis: 'year' };
    else if (hasValue(prev)) against = { month: prev.month, value: prev.value, basis: 'month' };
  }
  if (!against || !hasValue(latest)) return { month: latest.month, cell: latest, against: null, delta: null, direction: 'same', verdict: 'same' };
  const delta = latest.value - against.value;
  const verdict = verdictOf(delta, higherIsBetter);
  const direction: Direction = verdict === 'same' ? 'same' : delta > 0 ? 'up' : 'down';
  return { month: latest.month, cell: latest, against, delta, direction, verdict };
}

export interface Sparkline {
  /** Polyline point lists; a month without a value breaks the line. */
  segments: string[];
  /** Lone points (a value with no neighbour), drawn as dots. */
  dots: { x: number; y: number }[];
  min: number | null;
  max: number | null;
}

/** Points of a small trend line in a `width` × `height` box with `pad` inside it. */
export function sparkline(cells: MonthCell[], width: number, height: number, pad = 2): Sparkline {
  const values = cells.map((c) => (hasValue(c) ? c.value : null));
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return { segments: [], dots: [], min: null, max: null };
  const min = Math.min(...known);
  const max = Math.max(...known);
  const step = cells.length > 1 ? (width - 2 * pad) / (cells.length - 1) : 0;
  const y = (v: number) => (max === min ? height / 2 : pad + (height - 2 * pad) * (1 - (v - min) / (max - min)));
  const round = (n: number) => Math.round(n * 10) / 10;
  const segments: string[] = [];
  const dots: { x: number; y: number }[] = [];
  let run: { x: number; y: number }[] = [];
  const flush = () => {
    if (run.length === 1) dots.push(run[0]);
    else if (run.length > 1) segments.push(run.map((p) => `${p.x},${p.y}`).join(' '));
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) return flush();
    run.push({ x: round(cells.length > 1 ? pad + i * step : width / 2), y: round(y(v)) });
  });
  flush();
  return { segments, dots, min, max };
}

/** The series a tile shows: the chosen unit's, else the chosen municipality's, else the county's. */
export function focusSeries(all: IndicatorSeries[], indicator: string, f: Pick<FollowUpFilter, 'municipality' | 'unit'>): IndicatorSeries | undefined {
  const mine = all.filter((s) => s.indicator === indicator);
  if (f.unit) {
    const u = mine.find((s) => s.level === 'unit' && s.key === f.unit);
    if (u) return u;
  }
  if (f.municipality) {
    const m = mine.find((s) => s.level === 'municipality' && s.key === f.municipality);
    if (m) return m;
  }
  return mine.find((s) => s.level === 'county');
}

const LEVEL_ORDER: Record<SeriesLevel, number> = { county: 0, municipality: 1, unit: 2 };

/** County first, then municipalities, then units, each by name. */
export function orderSeries(series: IndicatorSeries[]): IndicatorSeries[] {
  return [...series].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name, 'sv'));
}

/** Every month of the series, in order (the union; the server gives each series every month). */
export function monthsOf(series: IndicatorSeries[]): string[] {
  return [...new Set(series.flatMap((s) => s.months.map((c) => c.month)))].sort();
}

export interface ChartPoint {
  month: string;
  date: Date;
  name: string;
  level: SeriesLevel;
  /** NaN for a suppressed or empty cell, so the line breaks there instead of drawing zero. */
  value: number;
}

/** One point per series and month for the line chart; a share is plotted in per cent. */
export function chartPoints(series: IndicatorSeries[], unit: ValueUnit): ChartPoint[] {
  const scale = unit === 'share' ? 100 : 1;
  return orderSeries(series).flatMap((s) =>
    s.months.map((c) => {
      const [y, m] = c.month.split('-').map(Number);
      return {
        month: c.month,
        date: new Date(Date.UTC(y, m - 1, 1)),
        name: s.name,
        level: s.level,
        value: hasValue(c) ? c.value * scale : Number.NaN,
      };
    }),
  );
}

/** Indicators counted over persons' contacts, care relations or list actions have no events to
 * list behind a cell (the server answers 422); the others are episodes, SIPs or requests. */
const NOT_DRILLABLE_LEVELS = ['contact_unit', 'relation_unit', 'acting_unit'];
export function hasFacts(def: Pick<IndicatorDefinition, 'unitLevel'>): boolean {
  return !NOT_DRILLABLE_LEVELS.includes(def.unitLevel);
}

/** May a cell be drilled into: a municipality's or unit's month with facts behind it (a
 * suppressed cell has some; the server decides what the reader sees). */
export function drillable(s: IndicatorSeries, cell: MonthCell): DrillCell | null {
  if (s.level === 'county') return null;
  if (!cell.suppressed && !cell.count) return null;
  return { level: s.level, key: s.key, month: cell.month };
}

export function drillFromSearch(search: URLSearchParams): DrillCell | null {
  const level = search.get('niva');
  const key = search.get('nyckel');
  const month = search.get('manad');
  if ((level !== 'municipality' && level !== 'unit') || !key || !isMonth(month)) return null;
  return { level, key, month };
}

export function searchWithDrill(search: URLSearchParams, cell: DrillCell | null): URLSearchParams {
  const q = new URLSearchParams(search);
  q.delete('niva');
  q.delete('nyckel');
  q.delete('manad');
  if (cell) {
    q.set('niva', cell.level);
    q.set('nyckel', cell.key);
    q.set('manad', cell.month);
  }
  return q;
}
