import { Link } from 'react-router-dom';
import { Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePersons } from '../../api/queries';
import { isPlanHidden, type SipPlan } from '../../api/sipTypes';
import { checklistComplete, checklistFor, isCarePlan } from '../../lib/sip';
import { formatDate } from '../../lib/time';
import { distinct } from '../../lib/worklist';
import { paths } from '../../routes';

/** Plans as a table: person (when several), state, the four items, follow-up, updated. */
export function PlanTable({ plans, showPerson, caption }: { plans: SipPlan[]; showPerson: boolean; caption: string }) {
  const { t, i18n } = useTranslation();
  const persons = usePersons(showPerson ? distinct(plans.map((p) => p.personId)) : []);
  const nameOf = (id: string) => {
    const p = persons.find((q) => q.data?.id === id)?.data;
    return p ? `${p.givenName} ${p.familyName}` : t('worklist.personFallback');
  };
  return (
    <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
      <Table zebra data-size="sm" data-testid="sip-table">
        <caption className="nara-sr-only">{caption}</caption>
        <Table.Head>
          <Table.Row>
            {showPerson && <Table.HeaderCell>{t('sip.list.person')}</Table.HeaderCell>}
            <Table.HeaderCell>{t('sip.list.plan')}</Table.HeaderCell>
            <Table.HeaderCell>{t('sip.list.items')}</Table.HeaderCell>
            <Table.HeaderCell>{t('sip.list.nextFollowUp')}</Table.HeaderCell>
            <Table.HeaderCell>{t('sip.list.updated')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {plans.map((p) => {
            if (isPlanHidden(p)) {
              return (
                <Table.Row key={p.id} data-testid="sip-row">
                  {showPerson && <Table.Cell>{nameOf(p.personId)}</Table.Cell>}
                  <Table.Cell colSpan={4}>{t('sip.hidden')}</Table.Cell>
                </Table.Row>
              );
            }
            const next = p.followUps.filter((f) => !f.heldAt).map((f) => f.dueDate).sort()[0];
            return (
              <Table.Row key={p.id} data-testid="sip-row">
                {showPerson && <Table.Cell>{nameOf(p.personId)}</Table.Cell>}
                <Table.Cell>
                  <Link to={paths.sip(p.id)}>
                    {isCarePlan(p.kind) ? `${p.kindName}: ` : ''}
                    {t('sip.list.open', { state: p.stateName, date: formatDate(p.initiatedAt, i18n.language) })}
                  </Link>
                </Table.Cell>
                <Table.Cell>{checklistComplete(checklistFor(p)) ? t('sip.list.complete') : t('sip.list.incomplete')}</Table.Cell>
                <Table.Cell>{next ? formatDate(next, i18n.language) : '–'}</Table.Cell>
                <Table.Cell>{formatDate(p.updatedAt, i18n.language)}</Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}
