import { countByState, sortBoard } from './board';
import { boardEpisode } from './fixtures';

describe('ward board', () => {
  it('puts overdue episodes first, discharged last, otherwise the next deadline first', () => {
    const list = sortBoard([
      boardEpisode({ id: 'later', clockSummary: { open: 1, overdue: 0, nextKind: 'named_contact', nextDue: '2026-11-26T12:00:00Z', secondsLeft: 1 } }),
      boardEpisode({ id: 'gone', state: 'discharged', clockSummary: { open: 1, overdue: 0, nextKind: 'information_transfer', nextDue: '2026-11-23T22:59:59Z', secondsLeft: 1 } }),
      boardEpisode({ id: 'none' }),
      boardEpisode({ id: 'soon', clockSummary: { open: 1, overdue: 0, nextKind: 'admission_notice', nextDue: '2026-11-24T08:00:00Z', secondsLeft: 1 } }),
      boardEpisode({ id: 'late', clockSummary: { open: 2, overdue: 1, nextKind: 'admission_notice', nextDue: '2026-11-22T08:00:00Z', secondsLeft: -1 } }),
    ]);
    expect(list.map((e) => e.id)).toEqual(['late', 'soon', 'later', 'none', 'gone']);
  });

  it('counts episodes per state in the order of the process', () => {
    const counts = countByState([boardEpisode({ state: 'ready' }), boardEpisode({ state: 'ready' }), boardEpisode({ state: 'admitted' })]);
    expect(counts[0]).toEqual({ state: 'admitted', count: 1 });
    expect(counts.find((c) => c.state === 'ready')?.count).toBe(2);
    expect(counts.find((c) => c.state === 'discharged')?.count).toBe(0);
  });
});
