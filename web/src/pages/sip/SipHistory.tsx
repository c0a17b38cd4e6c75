import { useState } from 'react';
import { Details, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePlanHistory } from '../../api/sipQueries';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/time';

/** Every version: who changed what, when (loaded when opened). */
export function SipHistory({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = usePlanHistory(planId, open);
  return (
    <Details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <Details.Summary>{t('sip.history.title')}</Details.Summary>
      <Details.Content>
        {q.isFetching && !q.data && <Spinner aria-label={t('common.loading')} />}
        {q.error && <ProblemAlert error={q.error} />}
        {q.data && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table data-size="sm" zebra data-testid="sip-history">
              <caption className="nara-sr-only">{t('sip.history.title')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('sip.history.version')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('sip.history.when')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('sip.history.who')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('sip.history.change')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('sip.history.fields')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {q.data.items.map((h) => (
                  <Table.Row key={h.version}>
                    <Table.Cell>{h.version}</Table.Cell>
                    <Table.Cell>{formatDateTime(h.changedAt, i18n.language)}</Table.Cell>
                    <Table.Cell>{h.changedByName}</Table.Cell>
                    <Table.Cell>{t(`sip.change.${h.change.replace(' (demo)', '')}`, h.change)}</Table.Cell>
                    <Table.Cell>{h.changedFields.map((f) => t(`sip.field.${f}`, f)).join(', ')}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Details.Content>
    </Details>
  );
}
