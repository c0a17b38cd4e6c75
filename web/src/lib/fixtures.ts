// Test data shaped like the API's answers.
import type { BoardEpisode, EpisodeFull, Notice, WorkItem } from '../api/types';

export function episode(over: Partial<EpisodeFull> = {}): EpisodeFull {
  return {
    id: 'ep-1',
    personId: 'p-1',
    externalVisitId: null,
    wardUnitId: 'ward-1',
    state: 'admitted',
    stateName: 'Inskriven',
    admittedAt: '2026-11-20T08:00:00Z',
    needs: { socialServices: false, municipalHealthCare: false, regionOutpatient: false, outpatientCompulsoryCare: null, sipRequired: false },
    admissionNoticeSentAt: null,
    plannedDischarge: null,
    namedContactAppointedAt: null,
    namedContactUserId: null,
    readyPeriods: [],
    sipInvitationSentAt: null,
    informationTransferredAt: null,
    dischargedAt: null,
    clocks: [],
    notices: [],
    liability: { careSetting: 'somatic', liableDays: 0, amount: 0, days: [], problems: [] },
    version: 3,
    ...over,
  };
}

export function notice(over: Partial<Notice> = {}): Notice {
  return {
    id: 'n-1',
    episodeId: 'ep-1',
    personId: 'p-1',
    kind: 'admission_notice',
    fromUnitId: 'ward-1',
    fromUnitName: 'Medicinavdelning 1',
    toUnitId: 'hc-1',
    sentAt: '2026-11-20T09:00:00Z',
    acknowledgedAt: null,
    ...over,
  };
}

export function workItem(over: Partial<WorkItem> = {}): WorkItem {
  return {
    kind: 'admission_notice',
    due: '2026-11-24T08:00:00Z',
    overdue: false,
    secondsLeft: 72000,
    rule: '2017:612 2 kap. 1 §',
    episodeId: 'ep-1',
    episodeState: 'needs_assessed',
    personId: 'p-1',
    personName: 'Anna Andersson',
    municipalityCode: '2282',
    wardUnitId: 'ward-1',
    wardName: 'Medicinavdelning 1',
    noticeId: null,
    noticeKind: null,
    ...over,
  };
}

export function boardEpisode(over: Partial<BoardEpisode> = {}): BoardEpisode {
  return {
    id: 'ep-1',
    personId: 'p-1',
    personName: 'Anna Andersson',
    state: 'planning',
    admittedAt: '2026-11-20T08:00:00Z',
    plannedDischarge: null,
    dischargedAt: null,
    version: 1,
    clockSummary: { open: 0, overdue: 0, nextKind: null, nextDue: null, secondsLeft: null },
    clocks: [],
    ...over,
  };
}
