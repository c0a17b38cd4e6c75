import { describe, expect, it } from 'vitest';
import type { Consent } from '../api/types';
import { consentStatus, sortConsents } from './consents';

const base: Consent = {
  id: 'c1',
  careProviderId: 'p1',
  careProviderName: 'Kramfors kommun',
  scope: 'shared_documentation',
  givenBy: 'person',
  givenAt: '2026-10-01T10:00:00Z',
  validUntil: null,
  withdrawnAt: null,
};
const now = new Date('2026-11-23T12:00:00Z');

describe('consents (2022:913 3:1)', () => {
  it('is in force until withdrawn or past its end', () => {
    expect(consentStatus(base, now)).toBe('active');
    expect(consentStatus({ ...base, withdrawnAt: '2026-11-01T10:00:00Z' }, now)).toBe('withdrawn');
    expect(consentStatus({ ...base, validUntil: '2026-11-01T00:00:00Z' }, now)).toBe('expired');
    expect(consentStatus({ ...base, validUntil: '2027-01-01T00:00:00Z' }, now)).toBe('active');
  });

  it('lists those in force first, newest first', () => {
    const list = [
      { ...base, id: 'old-withdrawn', givenAt: '2026-12-01T00:00:00Z', withdrawnAt: '2026-12-02T00:00:00Z' },
      { ...base, id: 'older', givenAt: '2026-01-01T00:00:00Z' },
      { ...base, id: 'newer', givenAt: '2026-06-01T00:00:00Z' },
    ];
    expect(sortConsents(list, now).map((c) => c.id)).toEqual(['newer', 'older', 'old-withdrawn']);
  });
});
