import { boxOf, declineReasonValid, isOpen, requestActions, requestStateColor } from './requests';

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
