// Shapes of the SIP, request and named-contact API (docs/sip.md).

export type Principal = 'region' | 'municipality';
export type ParticipantKind = 'person' | 'relative' | 'unit' | 'external';
export type SipState = 'draft' | 'active' | 'under_follow_up' | 'closed';
export type SipEventKind =
  | 'activate'
  | 'start_follow_up'
  | 'complete_follow_up'
  | 'close'
  | 'give_consent'
  | 'withdraw_consent'
  | 'approve';
/** A SIP, or the samordnad vårdplan at discharge to öppen psykiatrisk tvångsvård (LPT 7 a §) or
 * öppen rättspsykiatrisk vård (LRV 12 a §). */
export type PlanKind = 'sip' | 'lpt' | 'lrv';

export interface SipConsent {
  givenBy: 'person' | 'legal_representative';
  givenAt: string;
  scope: string;
  recordedByUserId: string;
  withdrawnAt: string | null;
  inForce: boolean;
}

export interface SipParticipant {
  id: string;
  kind: ParticipantKind;
  unitId: string | null;
  name: string;
  role: string;
}

export interface SipNeed {
  id: string;
  description: string;
  /** Whose assessment found the need (samordnad vårdplan, LPT 7 a § p. 1). */
  assessedBy?: Principal | null;
}

export interface SipIntervention {
  id: string;
  description: string;
  responsible: Principal;
  unitId: string;
  needId: string | null;
  serviceType: string | null;
  /** The decision made on it (samordnad vårdplan, LPT 7 a § p. 2). */
  decision?: string | null;
}

export interface SipOtherMeasure {
  id: string;
  description: string;
  actor: string;
}

export interface SipGoalComment {
  authorUserId: string;
  authorName: string;
  byPerson: boolean;
  at: string;
  text: string;
}

export interface SipGoal {
  id: string;
  ownWords: string;
  measurableTarget: string;
  targetDate: string | null;
  comments: SipGoalComment[];
}

export interface SipFollowUp {
  id: string;
  dueDate: string;
  heldAt: string | null;
  outcome: string | null;
}

export interface SipMeetingReply {
  participantId: string;
  reply: 'accepted' | 'declined' | 'tentative';
  comment: string | null;
  repliedAt: string;
}

export interface SipMeeting {
  id: string;
  planId: string;
  startsAt: string;
  place: string | null;
  videoLink: string | null;
  state: string;
  invitedAt: string;
  outcome: string | null;
  heldAt: string | null;
  replies: SipMeetingReply[];
}

export interface NamedContact {
  id: string;
  personId: string;
  kind: 'fast_vardkontakt' | 'fast_omsorgskontakt';
  userId: string;
  userName: string;
  unitId: string;
  unitName: string;
  validFrom: string;
  validTo: string | null;
  source: string;
}

/** The editable content of a plan (what PATCH takes). */
export interface SipContent {
  participants: SipParticipant[];
  personObjectsToRelatives: boolean;
  needs: SipNeed[];
  interventions: SipIntervention[];
  otherMeasures: SipOtherMeasure[];
  noOtherMeasures: boolean;
  overallResponsible: Principal | null;
  goals: SipGoal[];
  followUps: SipFollowUp[];
  /** Samordnad vårdplan only (LPT 7 a § 2–3 st.). */
  patientView?: string | null;
  patientViewNotObtained?: string | null;
  consultedPatient?: boolean;
  consultedRelatives?: boolean;
  relativesNotConsultedReason?: string | null;
}

export interface CarePlanApproval {
  unitId: string;
  unitName: string;
  userId: string;
  userName: string;
  at: string;
}

export interface SipPlanFull extends SipContent {
  id: string;
  personId: string;
  kind: PlanKind;
  kindName: string;
  approvals: CarePlanApproval[];
  /** Samordnad vårdplan: the responsible units that have not approved the plan as it stands. */
  missingApprovals?: string[];
  state: SipState;
  stateName: string;
  initiatedBy: Principal;
  initiatedAt: string;
  initiatedByUnitId: string;
  episodeId: string | null;
  consent: SipConsent | null;
  activatedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  catalogueVersion: number | null;
  legalReference: string;
  namedContacts: NamedContact[];
  meetings: SipMeeting[];
  version: number;
  updatedAt: string;
  contentHidden?: undefined;
}

export interface SipPlanHidden {
  id: string;
  personId: string;
  contentHidden: true;
}

export type SipPlan = SipPlanFull | SipPlanHidden;

export function isPlanHidden(p: SipPlan): p is SipPlanHidden {
  return p.contentHidden === true;
}

export interface SipVersion {
  version: number;
  state: string;
  change: string;
  changedFields: string[];
  changedBy: string | null;
  changedByName: string;
  unitId: string | null;
  changedAt: string;
}

export interface CatalogueService {
  code: string;
  name: string;
  demo: boolean;
}

export interface Catalogue {
  id: string;
  version: number;
  title: string;
  demo: boolean;
  serviceTypes: CatalogueService[];
}

export interface SipSuggestion {
  catalogueVersion: number;
  suggestion: {
    serviceType: string;
    serviceName: string;
    responsible: Principal;
    unitKind: string;
    rule: number;
    note: string;
    candidateUnits: { id: string; name: string }[];
  } | null;
  noDecision?: { rule: string; reason: string };
}

export type RequestState = 'sent' | 'received' | 'accepted' | 'declined' | 'done' | 'cancelled';
export type RequestEventKind = 'receive' | 'accept' | 'decline' | 'complete' | 'cancel';

export interface CareRequest {
  id: string;
  personId: string;
  personName: string;
  type: string;
  typeName: string;
  fromUnitId: string;
  fromUnitName: string;
  toUnitId: string;
  toUnitName: string;
  planId: string | null;
  description: string;
  state: RequestState;
  stateName: string;
  sentAt: string;
  dueAt: string | null;
  overdue: boolean;
  receivedAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  doneAt: string | null;
  cancelledAt: string | null;
  events: { kind: string; at: string; userId: string; userName: string; unitId: string; reason: string | null }[];
  version: number;
}
