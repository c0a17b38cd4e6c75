import { buildWorklist, distinct } from './worklist';
import { episode, notice } from './fixtures';

const now = new Date('2026-11-23T12:00:00Z');

describe('worklist', () => {
  it('counts unacknowledged notices and lists them first, newest first', () => {
    const w = buildWorklist(
      [
        notice({ id: 'old-open', sentAt: '2026-11-20T09:00:00Z' }),
        notice({ id: 'done', sentAt: '2026-11-23T09:00:00Z', acknowledgedAt: '2026-11-23T10:00:00Z' }),
        notice({ id: 'new-open', sentAt: '2026-11-22T09:00:00Z' }),
      ],
      [],
      now,
    );
    expect(w.unacknowledged).toBe(2);
    expect(w.notices.map((n) => n.id)).toEqual(['new-open', 'old-open', 'done']);
  });

  it('lists open clocks of active episodes, overdue first, and counts overdue and due soon', () => {
    const active = episode({
      id: 'a',
      clocks: [
        { kind: 'named_contact', due: '2026-11-26T12:00:00Z', metAt: null, breached: false, rule: '' },
        { kind: 'admission_notice', due: '2026-11-21T08:00:00Z', metAt: '2026-11-21T07:00:00Z', breached: false, rule: '' },
      ],
    });
    const late = episode({
      id: 'b',
      state: 'ready',
      clocks: [{ kind: 'sip_invitation', due: '2026-11-23T10:00:00Z', metAt: null, breached: true, rule: '' }],
    });
    const soon = episode({
      id: 'c',
      clocks: [{ kind: 'named_contact', due: '2026-11-23T20:00:00Z', metAt: null, breached: false, rule: '' }],
    });
    const closed = episode({
      id: 'd',
      state: 'discharged',
      clocks: [{ kind: 'information_transfer', due: '2026-11-22T22:59:59Z', metAt: null, breached: true, rule: '' }],
    });
    const w = buildWorklist([], [active, late, soon, closed, { id: 'h', personId: 'p', contentHidden: true }], now);
    expect(w.clockRows.map((r) => `${r.episodeId}:${r.clock.kind}`)).toEqual(['b:sip_invitation', 'c:named_contact', 'a:named_contact']);
    expect(w.overdue).toBe(1);
    expect(w.dueSoon).toBe(1);
    expect(w.hiddenEpisodes).toBe(1);
  });

  it('keeps distinct values in order', () => {
    expect(distinct(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});
