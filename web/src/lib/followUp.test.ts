import { describe, expect, it } from 'vitest';
import {
  chartPoints,
  defaultPeriod,
  downloadName,
  drillable,
  drillFromSearch,
  factsPath,
  filterFromSearch,
  focusSeries,
  followUpPath,
  formatCell,
  formatDelta,
  formatValue,
  hasFacts,
  indicatorPath,
  latestChange,
  monthsOf,
  orderSeries,
  periodProblem,
  searchFromFilter,
  searchWithDrill,
  sparkline,
  verdictOf,
} from './followUp';
import { catalogue, cell, series, suppressedCell } from './followUpFixtures';

// Intl writes Swedish thousands with a no-break space; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatValue', () => {
  it('formats each unit as it reads in Swedish', () => {
    expect(plain(formatValue(0.843, 'share', 'sv'))).toBe('84,3 %');
    expect(formatValue(12.46, 'per_1000', 'sv')).toBe('12,5');
    expect(formatValue(4, 'days', 'sv')).toBe('4,0');
    expect(plain(formatValue(1234567.4, 'sek', 'sv'))).toBe('1 234 567 kr');
    expect(formatValue(31, 'count', 'sv')).toBe('31');
    expect(formatValue(0.8512, 'index', 'sv')).toBe('0,85');
  });
  it('formats in English with English separators', () => {
    expect(formatValue(0.843, 'share', 'en')).toBe('84.3 %');
    expect(formatValue(1234567, 'sek', 'en')).toBe('SEK 1,234,567');
    expect(formatValue(0.5, 'index', 'en')).toBe('0.50');
  });
});

describe('formatCell', () => {
  it('shows a suppressed cell as "<5", and a cell with nothing to count as a dash', () => {
    expect(formatCell(suppressedCell('2025-01'), 'count', 'sv')).toBe('<5');
    expect(formatCell(cell('2025-01', null), 'share', 'sv')).toBe('–');
    expect(formatCell(undefined, 'share', 'sv')).toBe('–');
    expect(formatCell(cell('2025-01', 0.5), 'share', 'sv')).toBe('50,0 %');
  });
  it('gives a change of a share in percentage points, without a sign', () => {
    expect(formatDelta(-0.021, 'share', 'sv')).toBe('2,1');
    expect(formatDelta(-1.25, 'days', 'sv')).toBe('1,3');
  });
});

describe('change against higherIsBetter', () => {
  it('judges the direction by which way the indicator should go', () => {
    expect(verdictOf(1, true)).toBe('better');
    expect(verdictOf(-1, true)).toBe('worse');
    expect(verdictOf(1, false)).toBe('worse');
    expect(verdictOf(-1, false)).toBe('better');
    expect(verdictOf(0, false)).toBe('same');
  });

  it('compares the latest month with the same month a year earlier', () => {
    const s = series({ start: '2024-01', values: [5, ...Array(11).fill(4), 3] });
    const c = latestChange(s, false, '2025-12')!;
    expect(c.month).toBe('2025-01');
    expect(c.against).toEqual({ month: '2024-01', value: 5, basis: 'year' });
    expect(c.delta).toBe(-2);
    expect(c.direction).toBe('down');
    expect(c.verdict).toBe('better');
  });

  it('falls back to the month before, and ignores months after today', () => {
    const s = series({ indicator: 'x', start: '2025-01', values: [0.5, 0.6, 0] });
    const c = latestChange(s, true, '2025-02')!;
    expect(c.month).toBe('2025-02');
    expect(c.against).toEqual({ month: '2025-01', value: 0.5, basis: 'month' });
    expect(c.verdict).toBe('better');
    expect(c.direction).toBe('up');
  });

  it('shows a suppressed latest month without a change, and nothing when there is no value', () => {
    const c = latestChange(series({ values: [3, 'S'] }), false, '2030-01')!;
    expect(c.month).toBe('2025-02');
    expect(c.cell.suppressed).toBe(true);
    expect(c.delta).toBeNull();
    expect(latestChange(series({ values: [null, null] }), false, '2030-01')).toBeNull();
    expect(latestChange(undefined, false, '2030-01')).toBeNull();
  });
});

describe('sparkline', () => {
  it('spreads the months over the width and the values over the height, highest at the top', () => {
    const s = sparkline(series({ values: [1, 3, 2] }).months, 100, 20, 0);
    expect(s.segments).toEqual(['0,20 50,0 100,10']);
    expect(s.min).toBe(1);
    expect(s.max).toBe(3);
  });
  it('breaks the line at suppressed or empty months and draws lone values as dots', () => {
    const s = sparkline(series({ values: [1, 2, 'S', 3, null] }).months, 40, 10, 0);
    expect(s.segments).toEqual(['0,10 10,5']);
    expect(s.dots).toEqual([{ x: 30, y: 0 }]);
  });
  it('draws a flat line in the middle, and nothing without values', () => {
    expect(sparkline(series({ values: [2, 2] }).months, 10, 10, 0).segments).toEqual(['0,5 10,5']);
    expect(sparkline(series({ values: ['S'] }).months, 10, 10).segments).toEqual([]);
  });
});

describe('filter and URLs', () => {
  const fallback = { from: '2025-01', to: '2025-12' };
  it('reads the filter from the URL, ignoring malformed values', () => {
    expect(filterFromSearch(new URLSearchParams('fran=2024-03&till=2024-09&kommun=2282&enhet=u-1'), fallback)).toEqual({
      from: '2024-03',
      to: '2024-09',
      municipality: '2282',
      unit: 'u-1',
    });
    expect(filterFromSearch(new URLSearchParams('fran=2024-13&kommun=Kramfors'), fallback)).toEqual(fallback);
    expect(searchFromFilter({ from: '2024-03', to: '2024-09', municipality: '2282' }).toString()).toBe('fran=2024-03&till=2024-09&kommun=2282');
  });

  it('takes the catalogue default period, else the last twelve months', () => {
    expect(defaultPeriod(catalogue(), new Date('2026-06-10T12:00:00Z'))).toEqual({ from: '2025-01', to: '2025-12' });
    expect(defaultPeriod(catalogue({ defaultPeriod: null }), new Date('2026-06-10T12:00:00Z'))).toEqual({ from: '2025-07', to: '2026-06' });
  });

  it('checks the period as the server does', () => {
    expect(periodProblem('2025-01', '2025-01')).toBeNull();
    expect(periodProblem('2025-02', '2025-01')).toBe('order');
    expect(periodProblem('2015-01', '2024-12')).toBeNull();
    expect(periodProblem('2015-01', '2025-01')).toBe('tooLong');
  });

  it('builds the API paths, the CSV download among them', () => {
    const f = { from: '2025-01', to: '2025-12', municipality: '2282' };
    expect(followUpPath(f)).toBe('/api/v1/follow-up?from=2025-01&to=2025-12&municipality=2282');
    expect(indicatorPath('ready_days_mean', f, 'csv')).toBe('/api/v1/indicators/ready_days_mean?from=2025-01&to=2025-12&municipality=2282&format=csv');
    expect(indicatorPath('a b', { from: '2025-01', to: '2025-02', unit: 'u/1' })).toBe('/api/v1/indicators/a%20b?from=2025-01&to=2025-02&unit=u%2F1');
    expect(factsPath('ready_days_mean', { level: 'unit', key: 'u-1', month: '2025-03' })).toBe(
      '/api/v1/indicators/ready_days_mean/facts?level=unit&key=u-1&month=2025-03',
    );
    expect(downloadName('ready_days_mean', f, 'csv')).toBe('ready_days_mean-2282-2025-01-2025-12.csv');
  });

  it('keeps the drill-down cell in the URL beside the filter', () => {
    const q = searchWithDrill(new URLSearchParams('fran=2025-01&till=2025-12'), { level: 'municipality', key: '2282', month: '2025-03' });
    expect(q.toString()).toBe('fran=2025-01&till=2025-12&niva=municipality&nyckel=2282&manad=2025-03');
    expect(drillFromSearch(q)).toEqual({ level: 'municipality', key: '2282', month: '2025-03' });
    expect(searchWithDrill(q, null).toString()).toBe('fran=2025-01&till=2025-12');
    expect(drillFromSearch(new URLSearchParams('niva=county&nyckel=x&manad=2025-03'))).toBeNull();
  });
});

describe('series', () => {
  const county = series();
  const kramfors = series({ level: 'municipality', key: '2282', name: 'Kramfors' });
  const sundsvall = series({ level: 'municipality', key: '2281', name: 'Sundsvall' });
  const hc = series({ level: 'unit', key: 'u-hc', name: 'Hälsocentral Kramfors' });
  const all = [hc, sundsvall, kramfors, county];

  it('picks the unit, the municipality or the county for a tile', () => {
    expect(focusSeries(all, 'ready_days_mean', {})).toBe(county);
    expect(focusSeries(all, 'ready_days_mean', { municipality: '2282' })).toBe(kramfors);
    expect(focusSeries(all, 'ready_days_mean', { municipality: '2282', unit: 'u-hc' })).toBe(hc);
    expect(focusSeries(all, 'other', {})).toBeUndefined();
  });

  it('orders the county first, then municipalities and units by name', () => {
    expect(orderSeries(all).map((s) => s.name)).toEqual(['Västernorrland', 'Kramfors', 'Sundsvall', 'Hälsocentral Kramfors']);
    expect(monthsOf(all)).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('plots a share in per cent and breaks lines at suppressed cells', () => {
    const pts = chartPoints([series({ values: [0.5, 'S'] })], 'share');
    expect(pts.map((p) => p.value)).toEqual([50, Number.NaN]);
    expect(pts[0].date.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('offers a drill-down for municipality and unit cells with facts behind them', () => {
    expect(drillable(county, county.months[0])).toBeNull();
    expect(drillable(kramfors, kramfors.months[0])).toEqual({ level: 'municipality', key: '2282', month: '2025-01' });
    expect(drillable(hc, suppressedCell('2025-02'))).toEqual({ level: 'unit', key: 'u-hc', month: '2025-02' });
    expect(drillable(hc, cell('2025-02', 0, { count: 0 }))).toBeNull();
  });
});

describe('which indicators have facts to list', () => {
  it('lists episodes, SIPs and requests, not contacts, care relations or list actions', () => {
    expect(hasFacts({ unitLevel: 'ward' })).toBe(true);
    expect(hasFacts({ unitLevel: 'initiating_unit' })).toBe(true);
    expect(hasFacts({ unitLevel: 'receiving_unit' })).toBe(true);
    expect(hasFacts({ unitLevel: 'contact_unit' })).toBe(false);
    expect(hasFacts({ unitLevel: 'relation_unit' })).toBe(false);
    expect(hasFacts({ unitLevel: 'acting_unit' })).toBe(false);
  });
});
