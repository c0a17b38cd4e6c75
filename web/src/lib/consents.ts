// The citizen's consents (Lag 2022:913 3 kap. 1 §): in force, withdrawn or expired.
import type { Consent } from '../api/types';

export type ConsentStatus = 'active' | 'withdrawn' | 'expired';

export function consentStatus(c: Consent, now: Date): ConsentStatus {
  if (c.withdrawnAt) return 'withdrawn';
  if (c.validUntil && new Date(c.validUntil).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Consents in force first, then the rest; newest given first within each. */
export function sortConsents(list: Consent[], now: Date): Consent[] {
  const rank = (c: Consent) => (consentStatus(c, now) === 'active' ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b) || b.givenAt.localeCompare(a.givenAt));
}
