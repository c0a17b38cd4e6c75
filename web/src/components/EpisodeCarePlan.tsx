import { Button } from '@digdir/designsystemet-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePerson } from '../api/queries';
import { usePersonPlans, useStartPlan } from '../api/sipQueries';
import { isPlanHidden, type SipPlanFull } from '../api/sipTypes';
import type { EpisodeFull } from '../api/types';
import { useSession } from '../auth/session';
import { paths } from '../routes';
import { ProblemAlert } from './ProblemAlert';

/** The episode's samordnad vårdplan when it ends in öppen psykiatrisk tvångsvård or öppen
 * rättspsykiatrisk vård (LPT 7 a §, LRV 12 a §): a link to the plan, or for the ward's physician
 * (standing for the chefsöverläkare) the button that starts it. It replaces the SIP there. */
export function EpisodeCarePlan({ episode: e }: { episode: EpisodeFull }) {
  const { t } = useTranslation();
  const { assignment } = useSession();
  const person = usePerson(e.personId);
  const plans = usePersonPlans(e.personId);
  const kind = e.needs.outpatientCompulsoryCare;
  const start = useStartPlan();
  if (!kind) return null;
  const existing = (plans.data?.items ?? []).find(
    (p): p is SipPlanFull => !isPlanHidden(p) && p.episodeId === e.id && p.kind !== 'sip' && p.state !== 'closed',
  );
  if (existing) {
    return (
      <Link to={paths.sip(existing.id)} data-testid="care-plan-link">
        {t('carePlan.open', { state: existing.stateName })}
      </Link>
    );
  }
  const physicianHere = assignment?.role === 'physician' && assignment.unitId === e.wardUnitId;
  if (!physicianHere || plans.isPending) return null;
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}`.trim() : '';
  return (
    <>
      <Button
        type="button"
        data-size="sm"
        variant="secondary"
        loading={start.isPending}
        disabled={start.isPending}
        onClick={() =>
          start.mutate({
            kind,
            personId: e.personId,
            episodeId: e.id,
            participants: [
              { kind: 'unit', unitId: assignment.unitId, name: assignment.unitName ?? '', role: t('carePlan.physicianRole') },
              ...(name ? [{ kind: 'person', name, role: t('sip.start.personRole') }] : []),
            ],
          })
        }
      >
        {t('carePlan.start')}
      </Button>
      {start.error && <ProblemAlert error={start.error} />}
    </>
  );
}
