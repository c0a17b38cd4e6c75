import { checklistComplete, contentOf, patchBody, principalOfUnitKind, sipChecklist, sipEvents } from './sip';
import type { SipContent } from '../api/sipTypes';

const empty: SipContent = {
  participants: [],
  personObjectsToRelatives: false,
  needs: [],
  interventions: [],
  otherMeasures: [],
  noOtherMeasures: false,
  overallResponsible: null,
  goals: [],
  followUps: [],
};
const consent = { withdrawnAt: null };
const iv = (responsible: 'region' | 'municipality') => ({
  id: responsible,
  description: 'x',
  responsible,
  unitId: 'u',
  needId: null,
  serviceType: null,
});

describe('the four items the law requires (HSL 16:4, SoL 10:8)', () => {
  it('names every missing item of an empty plan', () => {
    const c = sipChecklist({ ...empty, consent });
    expect(c.filter((e) => !e.met).map((e) => e.item)).toEqual(['interventions', 'principals', 'otherMeasures', 'overallResponsible']);
    expect(checklistComplete(c)).toBe(false);
  });

  it('is complete with both principals, none by others stated, and the overall responsibility', () => {
    const c = sipChecklist({ ...empty, consent, interventions: [iv('region'), iv('municipality')], noOtherMeasures: true, overallResponsible: 'region' });
    expect(checklistComplete(c)).toBe(true);
  });

  it('wants interventions of both principals', () => {
    const c = sipChecklist({ ...empty, consent, interventions: [iv('region')], noOtherMeasures: true, overallResponsible: 'region' });
    expect(c.find((e) => e.item === 'principals')?.met).toBe(false);
    expect(c.find((e) => e.item === 'interventions')?.met).toBe(true);
  });

  it('takes other measures listed, refuses both listed and "none"', () => {
    const other = [{ id: 'o', description: 'Färdtjänst', actor: 'Kommunen' }];
    expect(sipChecklist({ ...empty, consent, otherMeasures: other }).find((e) => e.item === 'otherMeasures')?.met).toBe(true);
    expect(sipChecklist({ ...empty, consent, otherMeasures: other, noOtherMeasures: true }).find((e) => e.item === 'otherMeasures')?.met).toBe(false);
  });

  it('needs consent in force', () => {
    expect(sipChecklist({ ...empty, consent: null })[0]).toEqual({ item: 'consent', met: false });
    expect(sipChecklist({ ...empty, consent: { withdrawnAt: '2026-01-01T00:00:00Z' } })[0].met).toBe(false);
  });
});

describe('plan events', () => {
  it('follows the state machine', () => {
    expect(sipEvents('draft', true)).toEqual(['activate', 'withdraw_consent', 'close']);
    expect(sipEvents('active', true)).toEqual(['start_follow_up', 'withdraw_consent', 'close']);
    expect(sipEvents('under_follow_up', true)).toEqual(['complete_follow_up', 'withdraw_consent', 'close']);
    expect(sipEvents('closed', true)).toEqual([]);
  });
  it('only takes consent or closing while consent is withdrawn', () => {
    expect(sipEvents('active', false)).toEqual(['give_consent', 'close']);
  });
});

describe('plan content', () => {
  it('knows the principal of the usual unit kinds', () => {
    expect(principalOfUnitKind('health_centre')).toBe('region');
    expect(principalOfUnitKind('home_care')).toBe('municipality');
    expect(principalOfUnitKind('something')).toBeNull();
  });

  it('sends no comments, no held follow-ups and no empty optional fields', () => {
    const plan: SipContent = {
      ...empty,
      interventions: [iv('region')],
      goals: [{ id: 'g', ownWords: 'Gå till affären', measurableTarget: '', targetDate: null, comments: [{ authorUserId: 'a', authorName: 'A', byPerson: true, at: 'x', text: 'hej' }] }],
      followUps: [
        { id: 'f1', dueDate: '2026-01-01', heldAt: '2026-01-01T10:00:00Z', outcome: 'bra' },
        { id: 'f2', dueDate: '2026-03-01', heldAt: null, outcome: null },
      ],
    };
    const body = patchBody(contentOf(plan)) as { goals: object[]; followUps: object[]; interventions: object[] };
    expect(body.goals).toEqual([{ id: 'g', ownWords: 'Gå till affären', measurableTarget: '', targetDate: undefined }]);
    expect(body.followUps).toEqual([{ id: 'f2', dueDate: '2026-03-01' }]);
    expect(body.interventions[0]).toEqual({ id: 'region', description: 'x', responsible: 'region', unitId: 'u', needId: undefined, serviceType: undefined });
  });
});
