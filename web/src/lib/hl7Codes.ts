// The HL7 v2 ward-code page's rules (issue 20 point 5): a code as the administrator types it, as
// the server checks it (trimmed, 1–100 characters, no control characters), the form's body, and
// HL7 table 0357's codes as the page names them.
import type { HeldMessage, WardCode } from '../api/hl7Types';

export interface WardCodeDraft {
  facility: string;
  pointOfCare: string;
  unitId: string;
  note: string;
}

export interface WardCodeBody {
  facility: string;
  pointOfCare: string;
  unitId: string;
  note: string | null;
}

export type DraftField = keyof WardCodeDraft;
/** Field → translation key of what is wrong with it. */
export type DraftErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: WardCodeDraft = { facility: '', pointOfCare: '', unitId: '', note: '' };
export const MAX_CODE_LENGTH = 100;
export const MAX_NOTE_LENGTH = 500;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Spaces at the ends are not part of a code (the server trims them too). */
export function normaliseCode(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

function codeError(text: string): string | undefined {
  const code = normaliseCode(text);
  if (!code) return 'hl7.form.required';
  if (CONTROL.test(code)) return 'hl7.form.control';
  if (code.length > MAX_CODE_LENGTH) return 'hl7.form.tooLong';
  return undefined;
}

export function validateDraft(d: WardCodeDraft): DraftErrors {
  const errors: DraftErrors = {};
  const facility = codeError(d.facility);
  if (facility) errors.facility = facility;
  const code = codeError(d.pointOfCare);
  if (code) errors.pointOfCare = code;
  if (!d.unitId) errors.unitId = 'hl7.form.chooseWard';
  if (d.note.length > MAX_NOTE_LENGTH) errors.note = 'hl7.form.noteTooLong';
  return errors;
}

export function draftBody(d: WardCodeDraft): WardCodeBody {
  const note = d.note.trim();
  return { facility: normaliseCode(d.facility), pointOfCare: normaliseCode(d.pointOfCare), unitId: d.unitId, note: note || null };
}

export function draftFromCode(c: WardCode): WardCodeDraft {
  return { facility: c.facility, pointOfCare: c.pointOfCare, unitId: c.unitId, note: c.note ?? '' };
}

/** "Koppla koden": the held message's facility and code, the ward still to choose. */
export function draftFromHeld(m: HeldMessage): WardCodeDraft {
  return { facility: m.facility, pointOfCare: m.pointOfCare, unitId: '', note: '' };
}

/** The codes of HL7 table 0357 that Nära answers with; each has a text in the page's language. */
export const ERROR_CODES = [100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207] as const;

export function errorCodeKey(code: number): string {
  return (ERROR_CODES as readonly number[]).includes(code) ? `hl7.errorCode.${code}` : 'hl7.errorCode.other';
}

/** A held message can be processed again once its code is mapped, or when it waits for its visit. */
export function mayReprocess(m: HeldMessage): boolean {
  return m.state === 'open' && (m.mapped || m.errorCode !== 103);
}

/** Codes already mapped for the facility and code of a draft (the server answers 409 for them). */
export function duplicateOf(codes: WardCode[], d: WardCodeDraft, exceptId?: string): WardCode | undefined {
  const facility = normaliseCode(d.facility);
  const code = normaliseCode(d.pointOfCare);
  return codes.find((c) => c.id !== exceptId && c.facility === facility && c.pointOfCare === code);
}
