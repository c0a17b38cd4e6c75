import { describe, expect, it } from 'vitest';
import {
  actionBody,
  criterionStatus,
  localized,
  reviewRange,
  sections,
  suggestedReview,
  validateAction,
} from './proactive';
import { proactiveRow } from './followUpFixtures';

const person = (id: string, name: string) => ({ id, name, personnummer: '19400718-9196', age: 80 });

describe('sections of the proactive list', () => {
  const high = proactiveRow({ person: person('a', 'Anna') });
  const low = proactiveRow({ person: person('b', 'Bo'), risk: { ...high.risk, total: 6, band: 'moderate' } });
  const tie = proactiveRow({
    person: person('c', 'Cecilia'),
    frailty: { ...high.frailty, criteria: high.frailty.criteria.map((c) => ({ ...c, met: true })) },
  });
  const reviewedLate = proactiveRow({
    person: person('d', 'Dan'),
    reviewPending: true,
    lastAction: { id: 'x', kind: 'assessed_no_action', at: '2026-12-01T10:00:00Z', byName: 'Ann', note: null, nextReviewOn: '2027-06-01' },
  });
  const reviewedSoon = proactiveRow({
    person: person('e', 'Eva'),
    reviewPending: true,
    lastAction: { id: 'y', kind: 'assessed_no_action', at: '2026-12-01T10:00:00Z', byName: 'Ann', note: null, nextReviewOn: '2027-01-15' },
  });

  it('ranks by LACE, then by the criteria met, and puts rows under review in their own section', () => {
    const s = sections([low, reviewedLate, high, tie, reviewedSoon]);
    expect(s.active.map((r) => r.person.name)).toEqual(['Cecilia', 'Anna', 'Bo']);
    expect(s.reviewed.map((r) => r.person.name)).toEqual(['Eva', 'Dan']);
  });

  it('gives every criterion one of three states, never counting unknown as met', () => {
    const [met, notMet, unknown] = high.frailty.criteria;
    expect(criterionStatus(met)).toBe('met');
    expect(criterionStatus(notMet)).toBe('notMet');
    expect(criterionStatus(unknown)).toBe('unknown');
    expect(criterionStatus({ ...met, known: false })).toBe('unknown');
  });

  it('reads the text in the chosen language, falling back to Swedish', () => {
    expect(localized({ sv: 'Hej', en: 'Hello' }, 'en')).toBe('Hello');
    expect(localized({ sv: 'Hej', en: '' }, 'en')).toBe('Hej');
    expect(localized(null, 'sv')).toBe('');
  });
});

describe('an action', () => {
  const today = '2026-12-04';

  it('needs a review date in the future, within two years, for "assessed, no action"', () => {
    expect(reviewRange(today)).toEqual({ min: '2026-12-05', max: '2028-12-04' });
    expect(validateAction('assessed_no_action', {}, today)).toEqual({ nextReviewOn: 'required' });
    expect(validateAction('assessed_no_action', { nextReviewOn: '2026-12-04' }, today)).toEqual({ nextReviewOn: 'past' });
    expect(validateAction('assessed_no_action', { nextReviewOn: '2028-12-05' }, today)).toEqual({ nextReviewOn: 'tooFar' });
    expect(validateAction('assessed_no_action', { nextReviewOn: '5 mars' }, today)).toEqual({ nextReviewOn: 'format' });
    expect(validateAction('assessed_no_action', { nextReviewOn: '2027-03-04' }, today)).toEqual({});
    expect(validateAction('offer_sip', {}, today)).toEqual({});
    expect(validateAction('offer_sip', { note: 'x'.repeat(2001) }, today)).toEqual({ note: 'noteTooLong' });
  });

  it('suggests a review three months ahead', () => {
    expect(suggestedReview(today)).toBe('2027-03-04');
    expect(suggestedReview('2026-11-30')).toBe('2027-02-28');
  });

  it('sends only what the kind asks for, trimmed', () => {
    expect(actionBody('p-1', 'offer_sip')).toEqual({ personId: 'p-1', kind: 'offer_sip' });
    expect(actionBody('p-1', 'offer_sip', { note: '  ', nextReviewOn: '2027-01-01' })).toEqual({ personId: 'p-1', kind: 'offer_sip' });
    expect(actionBody('p-1', 'assessed_no_action', { note: ' Stabil. ', nextReviewOn: '2027-03-01' })).toEqual({
      personId: 'p-1',
      kind: 'assessed_no_action',
      note: 'Stabil.',
      nextReviewOn: '2027-03-01',
    });
  });
});
