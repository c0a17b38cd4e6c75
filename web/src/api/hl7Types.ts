// The county administrator's HL7 v2 ward-code table and held messages (/api/v1/hl7/…, issue 20 point 5).

/** A hospital's own ward code (PV1-3.1), read with its facility (PV1-3.4, else MSH-4), mapped to a Nära ward. */
export interface WardCode {
  id: string;
  facility: string;
  pointOfCare: string;
  unitId: string;
  unitName: string;
  unitHsaId: string;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type HeldState = 'open' | 'processed' | 'discarded';

/** A message held because its ward code was not mapped (AE, ERR-3 103), or a later one for its visit (204). */
export interface HeldMessage {
  id: string;
  state: HeldState;
  sender: string;
  controlId: string;
  triggerEvent: string;
  facility: string;
  pointOfCare: string;
  /** The code is in the table now: the message can be processed again. */
  mapped: boolean;
  receivedAt: string;
  lastAttemptAt: string;
  attempts: number;
  ackCode: 'AA' | 'AE' | 'AR';
  /** ERR-3 of the last attempt, HL7 table 0357; 0 once accepted. */
  errorCode: number;
  reason: string;
  processedAt: string | null;
  processedBy: string | null;
}

export interface HeldMessageList {
  items: HeldMessage[];
  open: number;
}

export interface ReprocessResult {
  heldMessage: HeldMessage;
  results: { heldMessageId: string; ackCode: 'AA' | 'AE' | 'AR'; errorCode: number | null; reason: string }[];
}
