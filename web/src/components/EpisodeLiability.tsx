import { Alert, Details, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { EpisodeFull } from '../api/types';
import { formatDate } from '../lib/time';

/** The municipality's payment liability for one episode (Lag 2017:612 5 kap.), day by day with the
 * server's reason for each, and a note when the ward gives psychiatric inpatient care. */
export function EpisodeLiability({ liability }: { liability: EpisodeFull['liability'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section className="nara-section" aria-labelledby="liability-h">
      <Heading level={2} data-size="sm" id="liability-h">
        {t('episode.liability')}
      </Heading>
      <Paragraph data-testid="liability">
        {t('episode.liabilitySummary', {
          days: liability.liableDays,
          amount: liability.amount.toLocaleString(lng === 'en' ? 'en-GB' : 'sv-SE'),
        })}
      </Paragraph>
      {liability.careSetting === 'psychiatric' && (
        <Paragraph data-testid="liability-psychiatric">{t('episode.liabilityPsychiatric')}</Paragraph>
      )}
      {liability.problems.map((p) => (
        <Alert key={p} data-color="warning">
          {p}
        </Alert>
      ))}
      {liability.days.length > 0 && (
        <Details>
          <Details.Summary>{t('episode.liabilityDays', { count: liability.days.length })}</Details.Summary>
          <Details.Content>
            <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
              <Table data-size="sm">
                <caption className="nara-sr-only">{t('episode.liability')}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('episode.col.date')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('episode.col.liable')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('episode.col.reason')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {liability.days.map((d) => (
                    <Table.Row key={d.date}>
                      <Table.Cell>{formatDate(d.date, lng)}</Table.Cell>
                      <Table.Cell>{d.liable ? `${t('common.yes')} (${d.amount} kr)` : t('common.no')}</Table.Cell>
                      <Table.Cell>{d.reason}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </Details.Content>
        </Details>
      )}
    </section>
  );
}
