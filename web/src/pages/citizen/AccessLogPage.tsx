import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { fetchAccessLog, keys } from '../../api/queries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/time';

/** Who has read my data: unit, care provider and time (PDL 8:5). */
export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: keys.accessLog,
    queryFn: ({ pageParam, signal }) => fetchAccessLog(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle>{t('citizen.accessLog.title')}</PageTitle>
      <Paragraph>{t('citizen.accessLog.intro')}</Paragraph>
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && rows.length === 0 && <Paragraph>{t('citizen.accessLog.empty')}</Paragraph>}
      {rows.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="access-log">
            <caption className="nara-sr-only">{t('citizen.accessLog.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('citizen.accessLog.col.when')}</Table.HeaderCell>
                <Table.HeaderCell>{t('citizen.accessLog.col.unit')}</Table.HeaderCell>
                <Table.HeaderCell>{t('citizen.accessLog.col.provider')}</Table.HeaderCell>
                <Table.HeaderCell>{t('citizen.accessLog.col.action')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((r, i) => (
                <Table.Row key={`${r.at}-${i}`}>
                  <Table.Cell>{formatDateTime(r.at, i18n.language)}</Table.Cell>
                  <Table.Cell>{r.unitName ?? '–'}</Table.Cell>
                  <Table.Cell>{r.careProviderName ?? '–'}</Table.Cell>
                  <Table.Cell>{t(`audit.action.${r.action}`, r.action)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {q.hasNextPage && (
        <Button variant="secondary" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('citizen.accessLog.more')}
        </Button>
      )}
    </>
  );
}
