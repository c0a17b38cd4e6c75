import { carePlanChecklist, checklistComplete, contentOf, patchBody, principalOfUnitKind, sipChecklist, sipEvents } from './sip';
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

describe('the samordnad vårdplan (LPT 7 a §)', () => {
  const decided = (responsible: 'region' | 'municipality', decision: string | null) => ({ ...iv(responsible), decision });
  const complete: SipContent = {
    ...empty,
    needs: [{ id: 'n1', description: 'Boendestöd', assessedBy: 'municipality' }],
    interventions: [decided('municipality', 'Biståndsbeslut 2026-11-20')],
    noOtherMeasures: true,
    patientView: 'Vill ha stöd på förmiddagar',
    consultedPatient: true,
    relativesNotConsultedReason: 'Inga närstående',
  };

  it('LPT_7a: a complete plan meets every item; an empty one misses each, named', () => {
    expect(checklistComplete(carePlanChecklist(complete))).toBe(true);
    expect(carePlanChecklist(empty).filter((e) => !e.met).map((e) => e.item)).toEqual([
      'needsAssessed',
      'decisions',
      'patientView',
      'carePlanOtherMeasures',
      'consultedPatient',
      'consultedRelatives',
    ]);
  });

  it('LPT_7a_p1_p2: a need without its assessor or an insats without its decision is missing', () => {
    const c = carePlanChecklist({ ...complete, needs: [{ id: 'n1', description: 'x', assessedBy: null }], interventions: [decided('region', '  ')] });
    expect(c.find((e) => e.item === 'needsAssessed')?.met).toBe(false);
    expect(c.find((e) => e.item === 'decisions')?.met).toBe(false);
  });

  it('LPT_7a_p2: the patient view or why it could not be had, not both', () => {
    const view = (patientView: string | null, patientViewNotObtained: string | null) =>
      carePlanChecklist({ ...complete, patientView, patientViewNotObtained }).find((e) => e.item === 'patientView')?.met;
    expect(view(null, 'Ville inte ta ställning')).toBe(true);
    expect(view('Positiv', 'Ville inte')).toBe(false);
    expect(view(null, null)).toBe(false);
  });

  it('LPT_7a_3st: is approved, not activated, and only by a unit whose approval is missing', () => {
    expect(sipEvents('draft', false, { mayApprove: true })).toEqual(['approve', 'close']);
    expect(sipEvents('draft', false, { mayApprove: false })).toEqual(['close']);
    expect(sipEvents('active', false, { mayApprove: false })).toEqual(['start_follow_up', 'close']);
  });

  it('LPT_7a: sends its own fields, a cleared text as null; a SIP does not', () => {
    const body = patchBody({ ...complete, patientViewNotObtained: ' ' }, 'lpt');
    expect(body.patientView).toBe('Vill ha stöd på förmiddagar');
    expect(body.patientViewNotObtained).toBeNull();
    expect(body.consultedRelatives).toBe(false);
    expect((body.needs as { assessedBy: string }[])[0].assessedBy).toBe('municipality');
    expect((body.interventions as { decision: string }[])[0].decision).toBe('Biståndsbeslut 2026-11-20');
    const sip = patchBody(complete);
    expect('patientView' in sip).toBe(false);
    expect('decision' in (sip.interventions as object[])[0]).toBe(false);
  });
});
