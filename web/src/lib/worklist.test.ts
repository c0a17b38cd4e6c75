import { filterFromSearch, meaningfulFilters, municipalityName, optionsFrom, searchFromFilter, summarize, workStatus } from './worklist';
import { workItem } from './fixtures';

const now = new Date('2026-11-23T12:00:00Z');

describe('worklist', () => {
  it('tells overdue, due within 24 h, later, and notices waiting to be acknowledged apart', () => {
    expect(workStatus(workItem({ due: '2026-11-23T11:00:00Z', overdue: true }), now)).toBe('overdue');
    // The server's overdue flag was set when the list was read; the clock keeps running in the page.
    expect(workStatus(workItem({ due: '2026-11-23T11:59:00Z', overdue: false }), now)).toBe('overdue');
    expect(workStatus(workItem({ due: '2026-11-24T11:00:00Z' }), now)).toBe('due_soon');
    expect(workStatus(workItem({ due: '2026-11-25T12:00:01Z' }), now)).toBe('pending');
    // A notice's "due" is when it arrived: waiting, not overdue.
    expect(workStatus(workItem({ kind: 'acknowledge_notice', due: '2026-11-20T12:00:00Z', noticeId: 'n' }), now)).toBe('received');
  });

  it('counts what the summary cards show', () => {
    const s = summarize(
      [
        workItem({ due: '2026-11-22T12:00:00Z', overdue: true }),
        workItem({ due: '2026-11-23T20:00:00Z' }),
        workItem({ due: '2026-11-30T20:00:00Z' }),
        workItem({ kind: 'acknowledge_notice', due: '2026-11-22T12:00:00Z', noticeId: 'n1' }),
        workItem({ kind: 'acknowledge_notice', due: '2026-11-23T10:00:00Z', noticeId: 'n2' }),
      ],
      now,
    );
    expect(s).toEqual({ total: 5, overdue: 1, dueSoon: 1, toAcknowledge: 2 });
  });

  it('offers the ward a municipality filter and receiving units a ward filter', () => {
    expect(meaningfulFilters('ward')).toEqual({ ward: false, municipality: true });
    expect(meaningfulFilters('health_centre')).toEqual({ ward: true, municipality: false });
    expect(meaningfulFilters('municipality')).toEqual({ ward: true, municipality: false });
  });

  it('builds distinct, sorted filter options and names municipalities', () => {
    const items = [
      workItem({ wardUnitId: 'w2', wardName: 'Ortopedavdelning' }),
      workItem({ wardUnitId: 'w1', wardName: 'Medicinavdelning 1' }),
      workItem({ wardUnitId: 'w2', wardName: 'Ortopedavdelning' }),
    ];
    expect(optionsFrom(items, (i) => [i.wardUnitId, i.wardName])).toEqual([
      ['w1', 'Medicinavdelning 1'],
      ['w2', 'Ortopedavdelning'],
    ]);
    expect(municipalityName('2283')).toBe('Sollefteå');
    expect(municipalityName('9999')).toBe('9999');
    expect(municipalityName(null)).toBe('–');
  });

  it('keeps the filter in the URL and ignores values the server would refuse', () => {
    const f = { state: 'ready', overdue: true, municipality: '2282' };
    expect(filterFromSearch(searchFromFilter(f))).toEqual(f);
    expect(filterFromSearch(new URLSearchParams('tillstand=flying&kommun=12&forsenade=ja'))).toEqual({});
  });
});
