import type { LiabilityReport } from '../api/types';
import { currentMonth, isMonth, monthAmounts, monthsEnding, totals, unbilledReasons } from './liability';

const report: LiabilityReport = {
  month: '2026-11',
  municipalities: [
    {
      municipalityCode: '2282',
      municipalityName: 'Kramfors',
      liableDays: 2,
      amount: 21000,
      problems: [],
      episodes: [
        {
          episodeId: 'e1',
          wardName: 'Medicinavdelning 1',
          careSetting: 'somatic',
          liableDays: 2,
          amount: 21000,
          days: [
            { date: '2026-11-01', liable: false, amount: 0, reason: 'Före betalningsansvarets start 2026-11-03 (5 kap. 4 §).' },
            { date: '2026-11-02', liable: false, amount: 0, reason: 'Före betalningsansvarets start 2026-11-03 (5 kap. 4 §).' },
            { date: '2026-11-03', liable: true, amount: 10500, reason: 'Betalningsansvar' },
            { date: '2026-11-04', liable: true, amount: 10500, reason: 'Betalningsansvar' },
            { date: '2026-11-05', liable: false, amount: 0, reason: 'Utskrivningsdagen' },
          ],
        },
      ],
    },
    { municipalityCode: '2283', municipalityName: 'Sollefteå', liableDays: 0, amount: 0, problems: [], episodes: [] },
  ],
};

describe('liability report', () => {
  it('walks months across the year boundary, oldest first', () => {
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('takes the month in Stockholm time and accepts only real months', () => {
    expect(currentMonth(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12');
    expect(isMonth('2026-11')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('')).toBe(false);
  });

  it('sums the month and lists the unbilled days by reason, most common first', () => {
    expect(totals(report)).toEqual({ episodes: 1, liableDays: 2, amount: 21000 });
    expect(unbilledReasons(report)).toEqual([
      // One rule, counted across dates and episodes.
      { reason: 'Före betalningsansvarets start (5 kap. 4 §).', days: 2 },
      { reason: 'Utskrivningsdagen', days: 1 },
    ]);
    expect(monthAmounts([report]).map((m) => [m.month, m.municipality, m.amount])).toEqual([
      ['2026-11', 'Kramfors', 21000],
      ['2026-11', 'Sollefteå', 0],
    ]);
  });
});
