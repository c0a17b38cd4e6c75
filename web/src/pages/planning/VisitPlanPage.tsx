import { Link, useParams } from 'react-router-dom';
import { Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useVisitPlan } from '../../api/planningQueries';
import type { CaregiverRoute, VisitPlan } from '../../api/planningTypes';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { caregiverLabel, partnerLabel, percent, personLabel, routesInOrder } from '../../lib/planning';
import { formatDate } from '../../lib/time';
import { paths } from '../../routes';

function CaregiverDay({ route, plan, index }: { route: CaregiverRoute; plan: VisitPlan; index: number }) {
  const { t } = useTranslation();
  const headingId = `route-${index}`;
  return (
    <section className="nara-section" aria-labelledby={headingId} data-testid="plan-route">
      <Heading level={2} data-size="sm" id={headingId}>
        {caregiverLabel(route)}
      </Heading>
      <Paragraph data-size="sm">
        {route.visits.length === 0
          ? t('planning.noVisits', { principal: route.principal, start: route.shift.start, end: route.shift.end })
          : t('planning.routeSummary', {
              principal: route.principal,
              count: route.visits.length,
              departure: route.departure,
              back: route.return,
              travel: Math.round(route.travelMinutes),
            })}
        {route.break && ` ${t('planning.break', { start: route.break.start, end: route.break.end })}`}
      </Paragraph>
      {route.visits.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm">
            <caption className="nara-sr-only">{t('planning.routeCaption', { name: caregiverLabel(route) })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('planning.col.time')}</Table.HeaderCell>
                <Table.HeaderCell>{t('planning.col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{t('planning.col.task')}</Table.HeaderCell>
                <Table.HeaderCell>{t('planning.col.window')}</Table.HeaderCell>
                <Table.HeaderCell className="nara-num">{t('planning.col.travel')}</Table.HeaderCell>
                <Table.HeaderCell>{t('planning.col.note')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {route.visits.map((v) => {
                const partner = partnerLabel(v, plan);
                const notes = [
                  partner ? t('planning.together', { name: partner }) : '',
                  v.tardinessMinutes > 0 ? t('planning.late', { minutes: Math.round(v.tardinessMinutes) }) : '',
                  v.waitMinutes > 0 ? t('planning.wait', { minutes: Math.round(v.waitMinutes) }) : '',
                ].filter(Boolean);
                return (
                  <Table.Row key={`${v.visitId}-${v.start}`}>
                    <Table.Cell>
                      {v.start}–{v.end}
                    </Table.Cell>
                    <Table.Cell>{personLabel(v)}</Table.Cell>
                    <Table.Cell>
                      {v.skill} ({v.principal})
                    </Table.Cell>
                    <Table.Cell>
                      {v.window.earliest}–{v.window.latest}
                    </Table.Cell>
                    <Table.Cell className="nara-num">{Math.round(v.travelMinutes)}</Table.Cell>
                    <Table.Cell>{notes.join(', ')}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

/** One stored joint plan: each caregiver's day in order, and the visits no one could make. */
export function VisitPlanPage() {
  const { t, i18n } = useTranslation();
  const { planId } = useParams();
  const q = useVisitPlan(planId);
  const back = (
    <Paragraph>
      <Link to={paths.visitPlans}>{t('planning.back')}</Link>
    </Paragraph>
  );
  if (q.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (q.error || !q.data) {
    return (
      <>
        <PageTitle>{t('planning.notVisible')}</PageTitle>
        {q.error && <ProblemAlert error={q.error} />}
        {back}
      </>
    );
  }
  const plan = q.data;
  const names = new Map<string, string>();
  for (const c of plan.caregivers) for (const v of c.visits) if (v.personName) names.set(v.personId, v.personName);
  for (const p of plan.continuity.persons) if (p.personName) names.set(p.personId, p.personName);
  const visits = plan.caregivers.reduce((n, c) => n + c.visits.length, 0);
  return (
    <>
      <PageTitle title={plan.title}>{plan.title}</PageTitle>
      <Paragraph data-testid="plan-summary">
        {t('planning.summary', {
          date: formatDate(plan.date, i18n.language),
          visits,
          caregivers: plan.caregivers.filter((c) => c.visits.length > 0).length,
          continuity: percent(plan.continuity.score),
        })}
      </Paragraph>
      {back}
      {routesInOrder(plan).map((r, i) => (
        <CaregiverDay key={r.caregiverId} route={r} plan={plan} index={i} />
      ))}
      <section className="nara-section" aria-labelledby="unserved-h">
        <Heading level={2} data-size="sm" id="unserved-h">
          {t('planning.unserved')}
        </Heading>
        {plan.unserved.length === 0 ? (
          <Paragraph data-testid="plan-unserved-none">{t('planning.unservedNone')}</Paragraph>
        ) : (
          <ul data-testid="plan-unserved">
            {plan.unserved.map((u) => (
              <li key={u.visitId}>
                {names.get(u.personId) ?? u.personId}: {u.reasonText}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
