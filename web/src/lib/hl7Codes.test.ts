import type { HeldMessage, WardCode } from '../api/hl7Types';
import {
  draftBody,
  draftFromHeld,
  duplicateOf,
  EMPTY_DRAFT,
  errorCodeKey,
  mayReprocess,
  normaliseCode,
  validateDraft,
} from './hl7Codes';

const held: HeldMessage = {
  id: 'h1',
  state: 'open',
  sender: 'COSMIC^SUNDSVALLS SJUKHUS',
  controlId: 'C1',
  triggerEvent: 'A01',
  facility: 'SUNDSVALLS SJUKHUS',
  pointOfCare: 'MED3',
  mapped: false,
  receivedAt: '2026-11-23T09:15:00Z',
  lastAttemptAt: '2026-11-23T09:15:00Z',
  attempts: 1,
  ackCode: 'AE',
  errorCode: 103,
  reason: 'PV1-3.1: avdelningskoden MED3 …',
  processedAt: null,
  processedBy: null,
};

const code: WardCode = {
  id: 'w1',
  facility: 'SUNDSVALLS SJUKHUS',
  pointOfCare: 'MED3',
  unitId: 'u1',
  unitName: 'Medicinavdelning 3',
  unitHsaId: 'SE2321000206-MED3',
  note: null,
  version: 1,
  createdAt: '2026-11-23T09:15:00Z',
  updatedAt: '2026-11-23T09:15:00Z',
};

describe('HL7 ward codes', () => {
  it('trims spaces at the ends of a code, as the server does, and keeps those inside', () => {
    expect(normaliseCode('  HUH AE OMU ')).toBe('HUH AE OMU');
    expect(draftBody({ facility: ' A ', pointOfCare: 'MED 3 ', unitId: 'u1', note: '  ' })).toEqual({
      facility: 'A',
      pointOfCare: 'MED 3',
      unitId: 'u1',
      note: null,
    });
  });

  it('names every field that is missing or wrong', () => {
    expect(validateDraft(EMPTY_DRAFT)).toEqual({
      facility: 'hl7.form.required',
      pointOfCare: 'hl7.form.required',
      unitId: 'hl7.form.chooseWard',
    });
    expect(validateDraft({ facility: 'A', pointOfCare: 'MED\t3', unitId: 'u1', note: '' })).toEqual({
      pointOfCare: 'hl7.form.control',
    });
    expect(validateDraft({ facility: 'x'.repeat(101), pointOfCare: 'M', unitId: 'u1', note: 'n'.repeat(501) })).toEqual({
      facility: 'hl7.form.tooLong',
      note: 'hl7.form.noteTooLong',
    });
    expect(validateDraft({ facility: 'A', pointOfCare: 'M', unitId: 'u1', note: '' })).toEqual({});
  });

  it('prefills the facility and code of a held message, leaving the ward to choose', () => {
    expect(draftFromHeld(held)).toEqual({ facility: 'SUNDSVALLS SJUKHUS', pointOfCare: 'MED3', unitId: '', note: '' });
  });

  it('offers a re-run once the code is mapped, or for a message that waits for its visit', () => {
    expect(mayReprocess(held)).toBe(false);
    expect(mayReprocess({ ...held, mapped: true })).toBe(true);
    expect(mayReprocess({ ...held, errorCode: 204 })).toBe(true);
    expect(mayReprocess({ ...held, mapped: true, state: 'processed' })).toBe(false);
  });

  it('finds a mapping the facility already has for the code, but not the one being changed', () => {
    const draft = { facility: ' SUNDSVALLS SJUKHUS', pointOfCare: 'MED3 ', unitId: 'u2', note: '' };
    expect(duplicateOf([code], draft)?.id).toBe('w1');
    expect(duplicateOf([code], draft, 'w1')).toBeUndefined();
    expect(duplicateOf([code], { ...draft, facility: 'SOLLEFTEÅ SJUKHUS' })).toBeUndefined();
  });

  it('names the table 0357 codes Nära answers with', () => {
    expect(errorCodeKey(103)).toBe('hl7.errorCode.103');
    expect(errorCodeKey(0)).toBe('hl7.errorCode.other');
  });
});
