// The SIP's rules as the pages need them, mirroring the server (src/domain/sip/plan.cpp): the
// checklist of what the law requires before a plan is in force (HSL 16 kap. 4 §, SoL 10 kap. 8 §,
// before 2025-07-01 SoL 2:7), and which events a plan's state allows. The server decides; this
// only shows in advance what it will say.
import type { PlanKind, Principal, SipContent, SipConsent, SipEventKind, SipState } from '../api/sipTypes';

export type ChecklistItem =
  | 'consent'
  | 'interventions'
  | 'principals'
  | 'otherMeasures'
  | 'overallResponsible'
  | 'needsAssessed'
  | 'carePlanOtherMeasures'
  | 'decisions'
  | 'patientView'
  | 'consultedPatient'
  | 'consultedRelatives';

export function isCarePlan(kind: PlanKind | undefined): boolean {
  return kind === 'lpt' || kind === 'lrv';
}

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

const blank = (s: string | null | undefined) => !s || s.trim() === '';

type CarePlanInput = Pick<
  SipContent,
  | 'needs'
  | 'interventions'
  | 'otherMeasures'
  | 'noOtherMeasures'
  | 'patientView'
  | 'patientViewNotObtained'
  | 'consultedPatient'
  | 'consultedRelatives'
  | 'relativesNotConsultedReason'
>;

/** The samordnad vårdplan's items (LPT 7 a § 2 st., mirroring src/domain/sip/care_plan.cpp):
 * 1 needs as the region or the municipality assessed them, 2 the decisions made and the patient's
 * view (or why it could not be had), 3 each insats's unit (required of every row), 4 measures by
 * others or none; and the consultation with the patient and, unless inappropriate, the närstående. */
export function carePlanChecklist(p: CarePlanInput): ChecklistEntry[] {
  return [
    { item: 'needsAssessed', met: p.needs.length > 0 && p.needs.every((n) => !!n.assessedBy) },
    { item: 'decisions', met: p.interventions.length > 0 && p.interventions.every((i) => !blank(i.decision)) },
    { item: 'patientView', met: blank(p.patientView) !== blank(p.patientViewNotObtained) },
    { item: 'carePlanOtherMeasures', met: p.otherMeasures.length > 0 !== p.noOtherMeasures },
    { item: 'consultedPatient', met: !!p.consultedPatient },
    { item: 'consultedRelatives', met: !!p.consultedRelatives !== !blank(p.relativesNotConsultedReason) },
  ];
}

/** The checklist of the plan's kind. */
export function checklistFor(p: CarePlanInput & ChecklistInput & { kind: PlanKind }): ChecklistEntry[] {
  return isCarePlan(p.kind) ? carePlanChecklist(p) : sipChecklist(p);
}

export function checklistComplete(entries: ChecklistEntry[]): boolean {
  return entries.every((e) => e.met);
}

/** The events a plan in `state` takes, in the order the page offers them. A samordnad vårdplan
 * needs no consent and is established by the responsible units' approvals, not activated; only
 * a unit whose approval is missing is offered to approve. */
export function sipEvents(
  state: SipState,
  consentInForce: boolean,
  carePlan: { mayApprove: boolean } | null = null,
): SipEventKind[] {
  if (state === 'closed') return [];
  const out: SipEventKind[] = [];
  if (carePlan) {
    if (state === 'draft' && carePlan.mayApprove) out.push('approve');
    if (state === 'active') out.push('start_follow_up');
    if (state === 'under_follow_up') out.push('complete_follow_up');
  } else if (consentInForce) {
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
    patientView: p.patientView ?? null,
    patientViewNotObtained: p.patientViewNotObtained ?? null,
    consultedPatient: p.consultedPatient ?? false,
    consultedRelatives: p.consultedRelatives ?? false,
    relativesNotConsultedReason: p.relativesNotConsultedReason ?? null,
  };
}

/** The PATCH body: ids kept, empty optional values left out, comments and held follow-ups are the
 * server's record and are not sent back. A samordnad vårdplan also sends its own fields, a
 * cleared text as null. */
export function patchBody(c: SipContent, kind: PlanKind = 'sip'): Record<string, unknown> {
  const opt = (v: string | null | undefined) => (v ? v : undefined);
  const text = (v: string | null | undefined) => (blank(v) ? null : v);
  const carePlan = isCarePlan(kind);
  const common = {
    participants: c.participants.map((x) => ({
      id: x.id,
      kind: x.kind,
      unitId: x.kind === 'unit' ? opt(x.unitId) : undefined,
      name: x.name,
      role: x.role,
    })),
    personObjectsToRelatives: c.personObjectsToRelatives,
    needs: c.needs.map((x) => (carePlan ? { id: x.id, description: x.description, assessedBy: x.assessedBy ?? null } : { id: x.id, description: x.description })),
    interventions: c.interventions.map((x) => ({
      id: x.id,
      description: x.description,
      responsible: x.responsible,
      unitId: x.unitId,
      needId: opt(x.needId),
      serviceType: opt(x.serviceType),
      ...(carePlan ? { decision: text(x.decision) } : {}),
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
  if (!carePlan) return common;
  return {
    ...common,
    patientView: text(c.patientView),
    patientViewNotObtained: text(c.patientViewNotObtained),
    consultedPatient: !!c.consultedPatient,
    consultedRelatives: !!c.consultedRelatives,
    relativesNotConsultedReason: text(c.relativesNotConsultedReason),
  };
}
