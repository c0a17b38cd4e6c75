import { Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMyNamedContacts } from '../../api/sipQueries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/time';

/** My fast vårdkontakt and fast omsorgskontakt. */
export function MyNamedContactsPage() {
  const { t, i18n } = useTranslation();
  const q = useMyNamedContacts();
  return (
    <>
      <PageTitle>{t('citizen.contacts.title')}</PageTitle>
      <Paragraph>{t('citizen.contacts.intro')}</Paragraph>
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && <Paragraph>{t('citizen.contacts.empty')}</Paragraph>}
      {q.data && q.data.items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="my-contacts">
            <caption className="nara-sr-only">{t('citizen.contacts.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('contacts.col.kind')}</Table.HeaderCell>
                <Table.HeaderCell>{t('contacts.col.who')}</Table.HeaderCell>
                <Table.HeaderCell>{t('contacts.col.unit')}</Table.HeaderCell>
                <Table.HeaderCell>{t('contacts.col.since')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {q.data.items.map((c) => (
                <Table.Row key={c.id}>
                  <Table.Cell>{t(`contacts.kind.${c.kind}`)}</Table.Cell>
                  <Table.Cell>{c.userName}</Table.Cell>
                  <Table.Cell>{c.unitName}</Table.Cell>
                  <Table.Cell>{formatDate(c.validFrom, i18n.language)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}
