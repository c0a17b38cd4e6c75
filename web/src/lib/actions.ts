// Which statutory events the episode view offers to the signed-in assignment. The server decides
// (403/409 with a reason); this only avoids offering what cannot succeed.
import type { EpisodeFull } from '../api/types';
import { isActive } from './clocks';

export type EventKind =
  | 'assess_needs'
  | 'send_admission_notice'
  | 'appoint_named_contact'
  | 'set_planned_discharge'
  | 'mark_ready'
  | 'withdraw_ready'
  | 'invite_sip'
  | 'transfer_information'
  | 'discharge'
  | 'cancel_discharge'
  | 'cancel'
  | 'death';

export interface Actor {
  role: string;
  unitId: string | null;
  unitKind: string | null;
}

const WARD_ROLES = ['ward_nurse', 'physician'];

function readyInForce(e: EpisodeFull): boolean {
  const last = e.readyPeriods[e.readyPeriods.length - 1];
  return !!last && !last.withdrawnAt;
}

function anyNeeds(e: EpisodeFull): boolean {
  return e.needs.socialServices || e.needs.municipalHealthCare || e.needs.regionOutpatient;
}

export function availableActions(e: EpisodeFull, actor: Actor): EventKind[] {
  const out: EventKind[] = [];
  const active = isActive(e);
  const onWard = WARD_ROLES.includes(actor.role) && actor.unitId === e.wardUnitId;
  if (onWard) {
    if (active) {
      out.push('assess_needs');
      if (anyNeeds(e)) out.push('send_admission_notice');
      out.push('set_planned_discharge');
      out.push(readyInForce(e) ? 'withdraw_ready' : 'mark_ready');
      out.push('transfer_information', 'discharge', 'cancel', 'death');
    } else if (e.state === 'discharged') {
      out.push('transfer_information', 'cancel_discharge');
    }
  }
  if (actor.unitKind === 'health_centre' && !onWard) {
    if (active && e.needs.regionOutpatient && !e.namedContactAppointedAt) out.push('appoint_named_contact');
    if (e.state === 'ready' && e.needs.sipRequired) out.push('invite_sip');
  }
  return out;
}

/** Events that end or undo care and ask the user to confirm first. */
export const CONFIRM_EVENTS: EventKind[] = ['discharge', 'cancel', 'death', 'cancel_discharge', 'withdraw_ready'];
