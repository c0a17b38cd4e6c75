import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePerson, useUnit } from '../../api/queries';
import { usePlan, useMunicipalityUnits } from '../../api/sipQueries';
import { isPlanHidden, type SipPlanFull } from '../../api/sipTypes';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isCarePlan } from '../../lib/sip';
import { formatDateTime } from '../../lib/time';
import { paths } from '../../routes';
import { PlanSummary } from './PlanSummary';
import { CarePlanApprovals } from './CarePlanApprovals';
import { SipActions } from './SipActions';
import { SipChecklist } from './SipChecklist';
import { SipEditor } from './SipEditor';
import { SipHistory } from './SipHistory';
import { SipMeetings } from './SipMeetings';

/** One SIP for staff: the plan, what the law still requires, its events, editor, meetings and history. */
export function SipPage() {
  const { planId } = useParams();
  const { t } = useTranslation();
  const q = usePlan(planId);
  if (q.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (q.error || !q.data) {
    return (
      <>
        <PageTitle>{t('sip.notVisible')}</PageTitle>
        <ProblemAlert error={q.error} />
      </>
    );
  }
  if (isPlanHidden(q.data)) {
    return (
      <>
        <PageTitle>{t('sip.title')}</PageTitle>
        <Alert data-color="info">{t('sip.hidden')}</Alert>
        <Paragraph>
          <Link to={paths.person(q.data.personId)}>{t('episode.toPerson')}</Link>
        </Paragraph>
      </>
    );
  }
  return <Plan plan={q.data} />;
}

function Plan({ plan }: { plan: SipPlanFull }) {
  const { t, i18n } = useTranslation();
  const person = usePerson(plan.personId);
  const starter = useUnit(plan.initiatedByUnitId);
  const units = useMunicipalityUnits(person.data?.municipalityCode);
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : t('worklist.personFallback');
  const unitName = (id: string) =>
    units.data?.find((u) => u.id === id)?.name ?? plan.participants.find((p) => p.unitId === id)?.name ?? '–';
  const carePlan = isCarePlan(plan.kind);
  const title = carePlan ? plan.kindName : t('sip.title');
  return (
    <>
      <PageTitle title={`${title} – ${name}`}>
        {title} – {name}
        <span className="nara-h1-sub">{t('sip.startedBy', { unit: starter.data?.name ?? '', at: formatDateTime(plan.initiatedAt, i18n.language) })}</span>
      </PageTitle>
      <div className="nara-tags">
        <Tag data-color="accent" data-testid="sip-state">
          {plan.stateName}
        </Tag>
        {carePlan ? (
          <Tag data-color="info" data-testid="sip-kind">
            {plan.legalReference}
          </Tag>
        ) : (
          <Tag data-color={plan.consent?.inForce ? 'success' : 'danger'} data-testid="sip-consent">
            {plan.consent?.inForce ? t('sip.consent.inForce') : t('sip.consent.notInForce')}
          </Tag>
        )}
        <Link to={paths.person(plan.personId)}>{t('episode.toPerson')}</Link>
        {plan.episodeId && <Link to={paths.episode(plan.episodeId)}>{t('sip.toEpisode')}</Link>}
      </div>
      {plan.consent && (
        <Paragraph data-size="sm">
          {t('sip.consent.summary', {
            by: t(`sip.consent.by.${plan.consent.givenBy}`),
            at: formatDateTime(plan.consent.givenAt, i18n.language),
            scope: plan.consent.scope,
          })}
        </Paragraph>
      )}
      {carePlan && <Paragraph data-size="sm">{t('carePlan.intro', { law: plan.legalReference })}</Paragraph>}
      <SipChecklist plan={plan} />
      {carePlan && <CarePlanApprovals plan={plan} unitName={unitName} />}
      <SipActions plan={plan} />
      <div className="nara-grid">
        <Card className="nara-card">
          <Heading level={2} data-size="sm">
            {t('sip.view.title', { version: plan.version })}
          </Heading>
          <PlanSummary plan={plan} unitName={unitName} headingLevel={3} />
        </Card>
      </div>
      <SipEditor plan={plan} municipalityCode={person.data?.municipalityCode ?? null} />
      <SipMeetings plan={plan} />
      <SipHistory planId={plan.id} />
    </>
  );
}
