// The discharge timeline of an episode: what happened when, oldest first.
import type { EpisodeFull } from '../api/types';

export interface TimelineEntry {
  kind:
    | 'admitted'
    | 'admission_notice'
    | 'named_contact'
    | 'ready'
    | 'ready_withdrawn'
    | 'sip_invited'
    | 'information_transferred'
    | 'discharged';
  at: string;
}

export function buildTimeline(e: EpisodeFull): TimelineEntry[] {
  const out: TimelineEntry[] = [{ kind: 'admitted', at: e.admittedAt }];
  if (e.admissionNoticeSentAt) out.push({ kind: 'admission_notice', at: e.admissionNoticeSentAt });
  if (e.namedContactAppointedAt) out.push({ kind: 'named_contact', at: e.namedContactAppointedAt });
  for (const p of e.readyPeriods) {
    out.push({ kind: 'ready', at: p.sentAt });
    if (p.withdrawnAt) out.push({ kind: 'ready_withdrawn', at: p.withdrawnAt });
  }
  if (e.sipInvitationSentAt) out.push({ kind: 'sip_invited', at: e.sipInvitationSentAt });
  if (e.informationTransferredAt) out.push({ kind: 'information_transferred', at: e.informationTransferredAt });
  if (e.dischargedAt) out.push({ kind: 'discharged', at: e.dischargedAt });
  return out
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.i - b.i)
    .map((x) => x.entry);
}
