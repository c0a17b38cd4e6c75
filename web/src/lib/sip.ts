// The SIP's rules as the pages need them, mirroring the server (src/domain/sip/plan.cpp): the
// checklist of what the law requires before a plan is in force (HSL 16 kap. 4 §, SoL 10 kap. 8 §,
// before 2025-07-01 SoL 2:7), and which events a plan's state allows. The server decides; this
// only shows in advance what it will say.
import type { Principal, SipContent, SipConsent, SipEventKind, SipState } from '../api/sipTypes';

export type ChecklistItem = 'consent' | 'interventions' | 'principals' | 'otherMeasures' | 'overallResponsible';

export interface ChecklistEntry {
  item: ChecklistItem;
  met: boolean;
}

type ChecklistInput = Pick<SipContent, 'interventions' | 'otherMeasures' | 'noOtherMeasures' | 'overallResponsible'> & {
  consent: Pick<SipConsent, 'withdrawnAt'> | null;
};

/** Consent, then the four items: 1 which interventions are needed, 2 which each principal answers
 * for (both principals, a SIP's premise), 3 measures by others than region and municipality
 * (listed, or explicitly none), 4 who has the overall responsibility (huvudansvar). */
export function sipChecklist(p: ChecklistInput): ChecklistEntry[] {
  const principals = new Set<Principal>(p.interventions.map((i) => i.responsible));
  return [
    { item: 'consent', met: !!p.consent && !p.consent.withdrawnAt },
    { item: 'interventions', met: p.interventions.length > 0 },
    { item: 'principals', met: principals.has('region') && principals.has('municipality') },
    {
      item: 'otherMeasures',
      // Both "none" and a list is a contradiction the server refuses.
      met: p.otherMeasures.length > 0 !== p.noOtherMeasures,
    },
    { item: 'overallResponsible', met: p.overallResponsible !== null },
  ];
}

export function checklistComplete(entries: ChecklistEntry[]): boolean {
  return entries.every((e) => e.met);
}

/** The events a plan in `state` takes, in the order the page offers them. */
export function sipEvents(state: SipState, consentInForce: boolean): SipEventKind[] {
  if (state === 'closed') return [];
  const out: SipEventKind[] = [];
  if (consentInForce) {
    if (state === 'draft') out.push('activate');
    if (state === 'active') out.push('start_follow_up');
    if (state === 'under_follow_up') out.push('complete_follow_up');
    out.push('withdraw_consent');
  } else {
    out.push('give_consent');
  }
  out.push('close');
  return out;
}

/** The principal a unit belongs to, judged by its kind (the server checks the real owner). */
export function principalOfUnitKind(kind: string): Principal | null {
  if (['hospital', 'hospital_ward', 'health_centre', 'specialist_clinic'].includes(kind)) return 'region';
  if (['home_health_care', 'home_care', 'residential_care', 'administration'].includes(kind)) return 'municipality';
  return null;
}

/** A new row id for lists the client builds (the server keeps ids it is given). */
export function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `id-${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** The plan's content as PATCH takes it, from a full plan. */
export function contentOf(p: SipContent): SipContent {
  return {
    participants: p.participants.map((x) => ({ ...x })),
    personObjectsToRelatives: p.personObjectsToRelatives,
    needs: p.needs.map((x) => ({ ...x })),
    interventions: p.interventions.map((x) => ({ ...x })),
    otherMeasures: p.otherMeasures.map((x) => ({ ...x })),
    noOtherMeasures: p.noOtherMeasures,
    overallResponsible: p.overallResponsible,
    goals: p.goals.map((x) => ({ ...x, comments: [...x.comments] })),
    followUps: p.followUps.map((x) => ({ ...x })),
  };
}

/** The PATCH body: ids kept, empty optional values left out, comments and held follow-ups are the
 * server's record and are not sent back. */
export function patchBody(c: SipContent): Record<string, unknown> {
  const opt = (v: string | null | undefined) => (v ? v : undefined);
  return {
    participants: c.participants.map((x) => ({
      id: x.id,
      kind: x.kind,
      unitId: x.kind === 'unit' ? opt(x.unitId) : undefined,
      name: x.name,
      role: x.role,
    })),
    personObjectsToRelatives: c.personObjectsToRelatives,
    needs: c.needs.map((x) => ({ id: x.id, description: x.description })),
    interventions: c.interventions.map((x) => ({
      id: x.id,
      description: x.description,
      responsible: x.responsible,
      unitId: x.unitId,
      needId: opt(x.needId),
      serviceType: opt(x.serviceType),
    })),
    otherMeasures: c.otherMeasures.map((x) => ({ id: x.id, description: x.description, actor: x.actor })),
    noOtherMeasures: c.noOtherMeasures,
    overallResponsible: c.overallResponsible,
    goals: c.goals.map((x) => ({
      id: x.id,
      ownWords: x.ownWords,
      measurableTarget: x.measurableTarget,
      targetDate: opt(x.targetDate),
    })),
    followUps: c.followUps.filter((f) => !f.heldAt).map((f) => ({ id: f.id, dueDate: f.dueDate })),
  };
}
