import { Table, Tag } from '@digdir/designsystemet-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CareRequest } from '../api/sipTypes';
import { requestStateColor, type Box } from '../lib/requests';
import { formatDateTime } from '../lib/time';
import { paths } from '../routes';

/** Requests as a table in a focusable scroll region: type (links to the request), person, the other
 * unit, state (written out, with "Försenad"), optionally when sent, and the wished-for date. */
export function RequestTable({
  items,
  box,
  caption,
  showSent = true,
  tableTestId,
  rowTestId,
}: {
  items: CareRequest[];
  box: Box;
  caption: string;
  showSent?: boolean;
  tableTestId?: string;
  rowTestId: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
      <Table zebra data-size="sm" data-testid={tableTestId}>
        <caption className="nara-sr-only">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('requests.col.type')}</Table.HeaderCell>
            <Table.HeaderCell>{t('requests.col.person')}</Table.HeaderCell>
            <Table.HeaderCell>{box === 'inbox' ? t('requests.col.from') : t('requests.col.to')}</Table.HeaderCell>
            <Table.HeaderCell>{t('requests.col.state')}</Table.HeaderCell>
            {showSent && <Table.HeaderCell>{t('requests.col.sent')}</Table.HeaderCell>}
            <Table.HeaderCell>{t('requests.col.due')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {items.map((r) => (
            <Table.Row key={r.id} data-testid={rowTestId}>
              <Table.Cell>
                <Link to={paths.request(r.id)}>{r.typeName || r.type}</Link>
              </Table.Cell>
              <Table.Cell>{r.personName}</Table.Cell>
              <Table.Cell>{box === 'inbox' ? r.fromUnitName : r.toUnitName}</Table.Cell>
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
              {showSent && <Table.Cell>{formatDateTime(r.sentAt, i18n.language)}</Table.Cell>}
              <Table.Cell>{r.dueAt ? formatDateTime(r.dueAt, i18n.language) : '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
