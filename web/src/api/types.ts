// Shapes of the Nära API (/api/v1, see docs/api.md and GET /api/v1/openapi.json).

export interface User {
  id: string;
  username: string;
  displayName: string;
  hsaId: string | null;
  personId: string | null;
}

export interface Assignment {
  id: string;
  unitId: string | null;
  unitName: string | null;
  unitHsaId: string | null;
  careProviderId: string | null;
  careProviderName: string | null;
  role: string;
  roleName: string;
  title: string;
  active: boolean;
}

export interface Session {
  user: User;
  assignments: Assignment[];
  activeAssignmentId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export interface FieldError {
  field: string;
  rule: string;
  detail: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
}

export interface Person {
  id: string;
  identifier: { value: string; kind: string; system: string; oid: string };
  givenName: string;
  familyName: string;
  birthDate: string | null;
  legalSex: string | null;
  municipalityCode: string | null;
  protectedIdentity: boolean;
  deceasedOn: string | null;
  address: { street: string | null; postalCode: string | null; locality: string | null } | null;
  addressHidden?: boolean;
  version: number;
}

export interface CareRelation {
  id: string;
  personId: string;
  unitId: string;
  unitName: string;
  origin: string;
  reason: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface Block {
  id: string;
  careProviderId: string;
  unitId: string | null;
  kind: 'within_provider' | 'across_providers';
  /** The blocking provider, where the reader may see it (their own, or under emergency access). */
  careProviderName?: string | null;
  reason: string | null;
  createdAt: string;
}

export interface EmergencyAccess {
  id: string;
  reason: string;
  startedAt: string;
  expiresAt: string;
}

export interface SharingStatus {
  consentForMyProvider: boolean;
  blockedDataElsewhere: boolean;
  blockingProviders: string[];
  myProvidersBlocks: Block[];
  emergencyAccess: EmergencyAccess | null;
}

export interface Notice {
  id: string;
  episodeId: string;
  personId: string;
  kind: string;
  fromUnitId: string;
  fromUnitName: string;
  toUnitId: string;
  sentAt: string;
  acknowledgedAt: string | null;
}

export interface NoticeInbox {
  items: Notice[];
  unacknowledged: number;
}

export type ClockKind = 'admission_notice' | 'named_contact' | 'information_transfer' | 'sip_invitation' | string;

export interface Clock {
  kind: ClockKind;
  due: string | null;
  metAt: string | null;
  breached: boolean;
  rule: string;
}

export interface LiabilityDay {
  date: string;
  liable: boolean;
  amount: number;
  reason: string;
}

export interface EpisodeHidden {
  id: string;
  personId: string;
  contentHidden: true;
}

export interface EpisodeFull {
  id: string;
  personId: string;
  contentHidden?: false;
  externalVisitId: string | null;
  wardUnitId: string;
  state: string;
  stateName: string;
  admittedAt: string;
  needs: {
    socialServices: boolean;
    municipalHealthCare: boolean;
    regionOutpatient: boolean;
    /** Öppen psykiatrisk tvångsvård (LPT) or öppen rättspsykiatrisk vård (LRV) after discharge:
     * a samordnad vårdplan (LPT 7 a §, LRV 12 a §) takes the place of SIP. */
    outpatientCompulsoryCare: OutpatientCompulsoryCare | null;
    sipRequired: boolean;
  };
  admissionNoticeSentAt: string | null;
  plannedDischarge: string | null;
  namedContactAppointedAt: string | null;
  namedContactUserId: string | null;
  readyPeriods: { sentAt: string; withdrawnAt: string | null }[];
  sipInvitationSentAt: string | null;
  informationTransferredAt: string | null;
  dischargedAt: string | null;
  clocks: Clock[];
  notices: Notice[];
  liability: {
    /** The ward's: psychiatric inpatient care may start liability on another day (5 kap. 4 §). */
    careSetting: CareSetting;
    liableDays: number;
    amount: number;
    days: LiabilityDay[];
    problems: string[];
  };
  version: number;
}

export type Episode = EpisodeFull | EpisodeHidden;

export type OutpatientCompulsoryCare = 'lpt' | 'lrv';

export interface Unit {
  id: string;
  careProviderId: string;
  hsaId: string;
  name: string;
  kind: string;
  kindName: string;
  municipalityCode: string;
  locality: string | null;
  /** A ward giving sluten psykiatrisk vård. */
  psychiatricCare?: boolean;
}

export interface AccessLogLine {
  at: string;
  action: string;
  unitName: string | null;
  unitHsaId: string | null;
  careProviderName: string | null;
  /** What was read: 'person', or a list that showed them ('worklist', 'ward_board', 'visit_plan'). */
  objectType: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function isHidden(e: Episode): e is EpisodeHidden {
  return e.contentHidden === true;
}

/** One row of GET /api/v1/worklist: a statutory step the unit answers for, or a notice to acknowledge. */
export type WorkKind =
  | 'admission_notice'
  | 'named_contact'
  | 'information_transfer'
  | 'sip_invitation'
  | 'payment_liability_start'
  | 'coordinated_care_plan'
  | 'acknowledge_notice';

export interface WorkItem {
  kind: WorkKind | string;
  due: string;
  overdue: boolean;
  secondsLeft: number;
  rule: string;
  episodeId: string;
  episodeState: string;
  personId: string;
  personName: string;
  municipalityCode: string | null;
  wardUnitId: string;
  wardName: string;
  noticeId: string | null;
  noticeKind: string | null;
}

export interface WorklistResponse {
  party: 'ward' | 'health_centre' | 'municipality';
  overdue: number;
  items: WorkItem[];
}

export interface WorklistFilter {
  state?: string;
  overdue?: boolean;
  ward?: string;
  municipality?: string;
}

/** One row of the ward's discharge board (GET /api/v1/episodes?ward=). */
export interface BoardEpisode {
  id: string;
  personId: string;
  personName: string;
  state: string;
  admittedAt: string;
  plannedDischarge: string | null;
  dischargedAt: string | null;
  version: number;
  clockSummary: {
    open: number;
    overdue: number;
    nextKind: string | null;
    nextDue: string | null;
    secondsLeft: number | null;
  };
  clocks: Clock[];
}

export interface WardBoard {
  wardUnitId: string;
  wardName: string;
  episodes: BoardEpisode[];
}

/** Sluten somatisk or sluten psykiatrisk vård, by the ward. */
export type CareSetting = 'somatic' | 'psychiatric';

export interface LiabilityReportEpisode {
  episodeId: string;
  wardName: string;
  careSetting: CareSetting;
  liableDays: number;
  amount: number;
  days: LiabilityDay[];
}

export interface LiabilityReportMunicipality {
  municipalityCode: string;
  municipalityName: string;
  liableDays: number;
  amount: number;
  episodes: LiabilityReportEpisode[];
  problems: string[];
}

export interface LiabilityReport {
  month: string;
  municipalities: LiabilityReportMunicipality[];
}

/** One line of the deadline-compliance report: a clock kind and the unit that answers for it. */
export interface ComplianceLine {
  kind: 'admission_notice' | 'named_contact' | 'information_transfer' | 'sip_invitation';
  rule: string;
  unitId: string | null;
  unitName: string | null;
  metInTime: number;
  metLate: number;
  openOverdue: number;
  openNotDue: number;
  /** Clocks whose due time has passed: the base of the shares. */
  due: number;
  shareInTime: number | null;
  shareLate: number | null;
  shareOverdue: number | null;
}

export interface ComplianceReport {
  month: string;
  lines: ComplianceLine[];
}

/** The citizen's own consent (GET /api/v1/me/consents). */
export interface Consent {
  id: string;
  careProviderId: string;
  careProviderName: string | null;
  scope: 'shared_documentation' | 'sip';
  givenBy: 'person' | 'legal_representative';
  givenAt: string;
  validUntil: string | null;
  withdrawnAt: string | null;
}

/** A person's episode as listed for them: content only where the policy allows it. */
export type PersonEpisode =
  | { id: string; contentHidden: true }
  | {
      id: string;
      contentHidden: false;
      state: string;
      wardUnitId: string;
      wardName: string;
      admittedAt: string;
      dischargedAt: string | null;
    };

export type ReviewReason = 'emergency_access' | 'without_relation' | 'protected_identity' | 'sample';
export type ReviewOutcome = 'justified' | 'unjustified' | 'needs_follow_up';

/** One access selected for log review (GET /api/v1/log-review/selection). */
export interface ReviewItem {
  seq: number;
  at: string;
  action: string;
  outcome: string;
  reasons: ReviewReason[];
  userId: string | null;
  userName: string | null;
  unitName: string | null;
  /** For a list entry, one of the persons it names: the entry has a row for each (same seq). */
  personId: string | null;
  personName: string | null;
  /** 'person', or a list that showed the person ('worklist', 'ward_board', 'visit_plan'). */
  objectType: string;
  purpose: string | null;
  reviewOutcome: ReviewOutcome | null;
  reviewNote: string | null;
}
