import { Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequests } from '../api/sipQueries';
import { requestStateColor, worklistOrder } from '../lib/requests';
import { formatDateTime } from '../lib/time';
import { paths } from '../routes';
import { ProblemAlert } from './ProblemAlert';

/** The unit's open incoming requests (sent, received, accepted) on the worklist: only those are
 * fetched, so only those are logged as read. */
export function WorklistRequests() {
  const { t, i18n } = useTranslation();
  const q = useRequests('inbox', 'open');
  const items = worklistOrder(q.data?.items ?? []);
  return (
    <section aria-labelledby="worklist-requests" className="nara-section" data-testid="worklist-requests">
      <Heading level={2} data-size="sm" id="worklist-requests">
        {t('worklist.requestsTitle')}
        {q.data && <span className="nara-muted"> ({items.length})</span>}
      </Heading>
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && items.length === 0 && <Paragraph>{t('worklist.requestsEmpty')}</Paragraph>}
      {items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm">
            <caption className="nara-sr-only">{t('worklist.requestsCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('requests.col.type')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.from')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.state')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.due')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((r) => (
                <Table.Row key={r.id} data-testid="worklist-request">
                  <Table.Cell>
                    <Link to={paths.request(r.id)}>{r.typeName || r.type}</Link>
                  </Table.Cell>
                  <Table.Cell>{r.personName}</Table.Cell>
                  <Table.Cell>{r.fromUnitName}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={requestStateColor(r.state)} data-size="sm">
                      {r.stateName}
                    </Tag>
                    {r.overdue && (
                      <Tag data-color="danger" data-size="sm">
                        {t('requests.overdue')}
                      </Tag>
                    )}
                  </Table.Cell>
                  <Table.Cell>{r.dueAt ? formatDateTime(r.dueAt, i18n.language) : '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Paragraph>
        <Link to={paths.requests}>{t('worklist.requestsAll')}</Link>
      </Paragraph>
    </section>
  );
}
