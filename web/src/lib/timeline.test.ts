import { buildTimeline } from './timeline';
import { episode } from './fixtures';

describe('timeline', () => {
  it('orders what happened by time, including a withdrawn ready notice and a new one', () => {
    const t = buildTimeline(
      episode({
        admissionNoticeSentAt: '2026-11-20T10:00:00Z',
        namedContactAppointedAt: '2026-11-21T09:00:00Z',
        readyPeriods: [
          { sentAt: '2026-11-21T08:00:00Z', withdrawnAt: '2026-11-21T12:00:00Z' },
          { sentAt: '2026-11-22T08:00:00Z', withdrawnAt: null },
        ],
        sipInvitationSentAt: '2026-11-22T10:00:00Z',
        dischargedAt: '2026-11-24T10:00:00Z',
      }),
    );
    expect(t.map((e) => e.kind)).toEqual([
      'admitted',
      'admission_notice',
      'ready',
      'named_contact',
      'ready_withdrawn',
      'ready',
      'sip_invited',
      'discharged',
    ]);
  });
  it('has only the admission for a new episode', () => {
    expect(buildTimeline(episode())).toEqual([{ kind: 'admitted', at: '2026-11-20T08:00:00Z' }]);
  });
});
