import type { Clock } from '../api/types';
import { clockStatus, mostUrgent, timeLeft } from './clocks';

const now = new Date('2026-11-23T12:00:00Z');
const clock = (over: Partial<Clock>): Clock => ({ kind: 'admission_notice', due: null, metAt: null, breached: false, rule: '2 kap. 3 §', ...over });

describe('clock status', () => {
  it('is overdue when the due time has passed without being met', () => {
    expect(clockStatus(clock({ due: '2026-11-23T11:00:00Z' }), now)).toBe('overdue');
    expect(timeLeft(clock({ due: '2026-11-23T11:00:00Z' }), now)).toBe(-3600_000);
  });
  it('is overdue when the server says breached even if the local clock disagrees', () => {
    expect(clockStatus(clock({ due: '2026-11-23T13:00:00Z', breached: true }), now)).toBe('overdue');
  });
  it('is due soon within 24 hours and pending after that', () => {
    expect(clockStatus(clock({ due: '2026-11-24T11:59:00Z' }), now)).toBe('due_soon');
    expect(clockStatus(clock({ due: '2026-11-24T12:01:00Z' }), now)).toBe('pending');
  });
  it('is met, or met late when met after its due time', () => {
    expect(clockStatus(clock({ due: '2026-11-23T11:00:00Z', metAt: '2026-11-23T10:00:00Z' }), now)).toBe('met');
    expect(clockStatus(clock({ due: '2026-11-23T11:00:00Z', metAt: '2026-11-23T11:30:00Z', breached: true }), now)).toBe('met_late');
    expect(timeLeft(clock({ due: '2026-11-23T11:00:00Z', metAt: '2026-11-23T10:00:00Z' }), now)).toBeNull();
  });
});

describe('most urgent clock', () => {
  it('puts overdue first, then the earliest due, and skips met clocks', () => {
    const a = clock({ kind: 'sip_invitation', due: '2026-11-25T00:00:00Z' });
    const b = clock({ kind: 'named_contact', due: '2026-11-23T18:00:00Z' });
    const c = clock({ kind: 'admission_notice', due: '2026-11-23T10:00:00Z' });
    const met = clock({ kind: 'information_transfer', due: '2026-11-20T10:00:00Z', metAt: '2026-11-20T09:00:00Z' });
    expect(mostUrgent([a, b, met], now)?.kind).toBe('named_contact');
    expect(mostUrgent([a, b, c, met], now)?.kind).toBe('admission_notice');
    expect(mostUrgent([met], now)).toBeNull();
  });
});
