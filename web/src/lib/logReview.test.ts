import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../api/types';
import { addDays, defaultPeriod, isDate, periodRange, reviewCounts, sortForReview, stockholmMidnight } from './logReview';

function item(seq: number, reasons: ReviewItem['reasons'], at: string, reviewOutcome: ReviewItem['reviewOutcome'] = null): ReviewItem {
  return {
    seq,
    at,
    action: 'read',
    outcome: 'allowed',
    reasons,
    userId: 'u',
    userName: 'Anna',
    unitName: 'Hemsjukvård Kramfors',
    personId: 'p',
    personName: 'Test Testsson',
    objectType: 'person',
    purpose: null,
    reviewOutcome,
    reviewNote: null,
  };
}

describe('log review period (HSLF-FS 2016:40 4:9)', () => {
  it('defaults to the last 30 days in Stockholm', () => {
    expect(defaultPeriod(new Date('2026-11-23T23:30:00Z'))).toEqual({ from: '2026-10-26', to: '2026-11-24' });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('turns whole local days into a half-open range of instants, winter and summer', () => {
    expect(stockholmMidnight('2026-11-01')).toBe('2026-11-01T00:00:00+01:00');
    expect(stockholmMidnight('2026-07-01')).toBe('2026-07-01T00:00:00+02:00');
    expect(periodRange('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01T00:00:00+01:00', to: '2026-12-01T00:00:00+01:00' });
  });

  it('accepts only real dates', () => {
    expect(isDate('2026-11-23')).toBe(true);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('23/11/2026')).toBe(false);
    expect(isDate(null)).toBe(false);
  });
});

describe('log review selection (PDL 4:3)', () => {
  const items = [
    item(1, ['sample'], '2026-11-20T10:00:00Z'),
    item(2, ['emergency_access', 'without_relation'], '2026-11-10T10:00:00Z'),
    item(3, ['without_relation'], '2026-11-21T10:00:00Z', 'justified'),
    item(4, ['protected_identity'], '2026-11-22T10:00:00Z'),
  ];
  it('puts unreviewed accesses first, emergency access before the sample', () => {
    expect(sortForReview(items).map((i) => i.seq)).toEqual([2, 4, 1, 3]);
  });
  it('counts each reason and the reviewed', () => {
    expect(reviewCounts(items)).toEqual({
      emergency_access: 1,
      without_relation: 2,
      protected_identity: 1,
      sample: 1,
      reviewed: 1,
      total: 4,
    });
  });
});
