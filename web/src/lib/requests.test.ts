import { boxOf, declineReasonValid, isOpen, requestActions, requestStateColor, worklistOrder } from './requests';

describe('request answers', () => {
  it('lets the recipient receive, accept, decline and complete', () => {
    expect(requestActions('sent', 'inbox')).toEqual(['receive', 'accept', 'decline']);
    expect(requestActions('received', 'inbox')).toEqual(['accept', 'decline']);
    expect(requestActions('accepted', 'inbox')).toEqual(['complete']);
    expect(requestActions('done', 'inbox')).toEqual([]);
  });
  it('lets the sender withdraw only while unanswered', () => {
    expect(requestActions('sent', 'outbox')).toEqual(['cancel']);
    expect(requestActions('received', 'outbox')).toEqual(['cancel']);
    expect(requestActions('accepted', 'outbox')).toEqual([]);
  });
  it('knows which box a request is in', () => {
    expect(boxOf({ toUnitId: 'a' }, 'a')).toBe('inbox');
    expect(boxOf({ toUnitId: 'a' }, 'b')).toBe('outbox');
  });
  it('marks states and reasons', () => {
    expect(isOpen('accepted')).toBe(true);
    expect(isOpen('declined')).toBe(false);
    expect(requestStateColor('done')).toBe('success');
    expect(declineReasonValid('för kort')).toBe(false);
    expect(declineReasonValid('Ingen kapacitet denna vecka')).toBe(true);
  });
});

describe('requests on the worklist', () => {
  it('puts overdue first, then the earliest wished-for date, undated last, then the oldest', () => {
    const r = (id: string, overdue: boolean, dueAt: string | null, sentAt: string) => ({ id, overdue, dueAt, sentAt });
    const ordered = worklistOrder([
      r('undated-old', false, null, '2026-11-01T08:00:00Z'),
      r('due-late', false, '2026-12-10T08:00:00Z', '2026-11-20T08:00:00Z'),
      r('overdue', true, '2026-11-22T08:00:00Z', '2026-11-21T08:00:00Z'),
      r('due-soon', false, '2026-11-25T08:00:00Z', '2026-11-22T08:00:00Z'),
      r('undated-new', false, null, '2026-11-22T08:00:00Z'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['overdue', 'due-soon', 'due-late', 'undated-old', 'undated-new']);
  });
});
