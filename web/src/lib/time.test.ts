import { durationParts, formatDuration, fromLocalInput, toLocalInput } from './time';

describe('durations', () => {
  it('splits into days, hours and minutes, rounding down', () => {
    expect(durationParts((2 * 1440 + 3 * 60 + 59) * 60_000 + 59_000)).toEqual({ days: 2, hours: 3, minutes: 59 });
    expect(durationParts(-5000)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
  it('shows the two most significant parts in Swedish and English', () => {
    expect(formatDuration((26 * 60 + 5) * 60_000, 'sv')).toBe('1 d 2 tim');
    expect(formatDuration((5 * 60 + 10) * 60_000, 'sv')).toBe('5 tim 10 min');
    expect(formatDuration(12 * 60_000, 'sv')).toBe('12 min');
    expect(formatDuration(48 * 3600_000, 'sv')).toBe('2 d');
    expect(formatDuration((5 * 60 + 10) * 60_000, 'en')).toBe('5 h 10 min');
  });
});

describe('datetime-local in Stockholm time', () => {
  it('reads winter time as +01:00 and summer time as +02:00', () => {
    expect(fromLocalInput('2026-11-23T14:05')).toBe('2026-11-23T14:05:00+01:00');
    expect(fromLocalInput('2026-07-01T08:00')).toBe('2026-07-01T08:00:00+02:00');
  });
  it('round-trips an instant through the input format', () => {
    const d = new Date('2026-03-29T01:30:00Z'); // 03:30 CEST, just after the spring change
    expect(toLocalInput(d)).toBe('2026-03-29T03:30');
    expect(Date.parse(fromLocalInput(toLocalInput(d))!)).toBe(d.getTime());
  });
  it('refuses text that is not a date and time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-11-23')).toBeNull();
  });
});
