import { Link } from 'react-router-dom';
import { Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useVisitPlans } from '../../api/planningQueries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/time';
import { paths } from '../../routes';

/** The joint home-visit plans the unit takes part in, newest day first. The list holds no
 * personal data; opening a plan is an audited read of everyone in it. */
export function VisitPlansPage() {
  const { t, i18n } = useTranslation();
  const q = useVisitPlans();
  const items = q.data?.items ?? [];
  return (
    <>
      <PageTitle>{t('planning.title')}</PageTitle>
      <Paragraph>{t('planning.intro')}</Paragraph>
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && items.length === 0 && <Paragraph data-testid="plans-empty">{t('planning.empty')}</Paragraph>}
      {items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="plans-table">
            <caption className="nara-sr-only">{t('planning.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('planning.col.date')}</Table.HeaderCell>
                <Table.HeaderCell>{t('planning.col.title')}</Table.HeaderCell>
                <Table.HeaderCell className="nara-num">{t('planning.col.caregivers')}</Table.HeaderCell>
                <Table.HeaderCell className="nara-num">{t('planning.col.visits')}</Table.HeaderCell>
                <Table.HeaderCell>{t('planning.col.checked')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{formatDate(p.date, i18n.language)}</Table.Cell>
                  <Table.Cell>
                    <Link to={paths.visitPlan(p.id)}>{p.title}</Link>
                  </Table.Cell>
                  <Table.Cell className="nara-num">{p.caregivers}</Table.Cell>
                  <Table.Cell className="nara-num">{p.visits}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={p.feasible ? 'success' : 'warning'}>
                      {p.feasible ? t('planning.feasible') : t('planning.notFeasible')}
                    </Tag>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}
