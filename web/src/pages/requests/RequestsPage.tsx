import { Link, useSearchParams } from 'react-router-dom';
import { Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useRequests } from '../../api/sipQueries';
import type { RequestState } from '../../api/sipTypes';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { REQUEST_STATES, requestStateColor, type Box } from '../../lib/requests';
import { formatDateTime } from '../../lib/time';
import { paths } from '../../routes';

/** Requests to the unit (inkorg) and from it (utkorg), filtered by state; box and state in the URL. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box: Box = params.get('korg') === 'utkorg' ? 'outbox' : 'inbox';
  const state = (REQUEST_STATES as string[]).includes(params.get('tillstand') ?? '') ? (params.get('tillstand') as RequestState) : '';
  const q = useRequests(box, state);
  const boxLink = (b: Box) => {
    const p = new URLSearchParams(params);
    p.set('korg', b === 'outbox' ? 'utkorg' : 'inkorg');
    return `?${p}`;
  };
  const items = q.data?.items ?? [];
  return (
    <>
      <PageTitle>{t('requests.title')}</PageTitle>
      <nav aria-label={t('requests.boxes')} className="nara-boxes">
        <ul>
          {(['inbox', 'outbox'] as Box[]).map((b) => (
            <li key={b}>
              <Link to={boxLink(b)} aria-current={box === b ? 'page' : undefined}>
                {b === 'inbox' ? t('requests.inbox') : t('requests.outbox')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="nara-filters__row">
        <SelectField
          label={t('requests.state')}
          value={state}
          placeholder={t('requests.allStates')}
          options={REQUEST_STATES.map((s) => ({ value: s, label: t(`requests.stateName.${s}`) }))}
          onChange={(v) =>
            setParams((p) => {
              if (v) p.set('tillstand', v);
              else p.delete('tillstand');
              return p;
            })
          }
        />
      </div>
      {q.data && (
        <Paragraph data-testid="requests-summary">
          {t('requests.summary', { count: items.length, overdue: q.data.overdue })}
        </Paragraph>
      )}
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && items.length === 0 && <Paragraph>{t('requests.empty')}</Paragraph>}
      {items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="requests">
            <caption className="nara-sr-only">{box === 'inbox' ? t('requests.inbox') : t('requests.outbox')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('requests.col.type')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{box === 'inbox' ? t('requests.col.from') : t('requests.col.to')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.state')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.sent')}</Table.HeaderCell>
                <Table.HeaderCell>{t('requests.col.due')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((r) => (
                <Table.Row key={r.id} data-testid="request-row">
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
                  <Table.Cell>{formatDateTime(r.sentAt, i18n.language)}</Table.Cell>
                  <Table.Cell>{r.dueAt ? formatDateTime(r.dueAt, i18n.language) : '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}
