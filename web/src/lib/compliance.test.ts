import { describe, expect, it } from 'vitest';
import type { ComplianceLine, ComplianceReport } from '../api/types';
import { chartPoints, formatShare, totalsPerKind, weakest } from './compliance';

function line(kind: ComplianceLine['kind'], unitName: string, c: [number, number, number, number]): ComplianceLine {
  const due = c[0] + c[1] + c[2];
  return {
    kind,
    rule: kind === 'admission_notice' ? '2017:612 2 kap. 1 och 3 §§' : '2017:612 4 kap. 3 §',
    unitId: unitName,
    unitName,
    metInTime: c[0],
    metLate: c[1],
    openOverdue: c[2],
    openNotDue: c[3],
    due,
    shareInTime: due ? c[0] / due : null,
    shareLate: due ? c[1] / due : null,
    shareOverdue: due ? c[2] / due : null,
  };
}

const report: ComplianceReport = {
  month: '2026-11',
  lines: [
    line('sip_invitation', 'Hälsocentral Kramfors', [1, 1, 2, 0]),
    line('admission_notice', 'Medicinavdelning 1', [3, 1, 0, 1]),
    line('admission_notice', 'Geriatrisk avdelning', [1, 0, 0, 0]),
  ],
};

describe('deadline compliance (2017:612)', () => {
  it('sums each clock kind over its units, in the law order, with the share met in time of those due', () => {
    const totals = totalsPerKind(report);
    expect(totals.map((t) => t.kind)).toEqual(['admission_notice', 'sip_invitation']);
    expect(totals[0]).toMatchObject({ metInTime: 4, metLate: 1, openOverdue: 0, openNotDue: 1, due: 5, shareInTime: 0.8 });
    expect(totals[1].shareInTime).toBe(0.25);
  });

  it('has no share when nothing was due yet', () => {
    const totals = totalsPerKind({ month: '2026-11', lines: [line('named_contact', 'HC', [0, 0, 0, 2])] });
    expect(totals[0].shareInTime).toBeNull();
    expect(formatShare(null, 'sv')).toBe('–');
    expect(weakest(totals)).toBeNull();
  });

  it('formats shares as whole percentages in Swedish and English', () => {
    expect(formatShare(0.8, 'sv').replace(/\s/g, ' ')).toBe('80 %');
    expect(formatShare(0.25, 'en')).toBe('25%');
  });

  it('gives the chart one point per kind and outcome that has clocks, and names the weakest kind', () => {
    const totals = totalsPerKind(report);
    expect(chartPoints(totals)).toEqual([
      { kind: 'admission_notice', outcome: 'metInTime', count: 4 },
      { kind: 'admission_notice', outcome: 'metLate', count: 1 },
      { kind: 'admission_notice', outcome: 'openNotDue', count: 1 },
      { kind: 'sip_invitation', outcome: 'metInTime', count: 1 },
      { kind: 'sip_invitation', outcome: 'metLate', count: 1 },
      { kind: 'sip_invitation', outcome: 'openOverdue', count: 2 },
    ]);
    expect(weakest(totals)?.kind).toBe('sip_invitation');
  });
});
