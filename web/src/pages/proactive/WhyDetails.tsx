import { Details, Heading, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ProactiveRow } from '../../api/followUpTypes';
import { criterionStatus, localized } from '../../lib/proactive';

const MARK = { met: '✓', notMet: '–', unknown: '?' } as const;

/** "Varför?": each LACE factor with its points, and the mest sjuka äldre criteria — met, not met,
 * or not known (the data lacks it, never counted as met). The criterion's text carries its value
 * and threshold ("3 inskrivningar … (gräns 3)"). */
export function WhyDetails({ row }: { row: ProactiveRow }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const name = row.person.name;
  return (
    <Details data-testid="why">
      <Details.Summary>
        {t('proactive.why')}
        <span className="nara-sr-only"> – {name}</span>
      </Details.Summary>
      <Details.Content>
        <Heading level={4} data-size="2xs">
          {t('proactive.laceHeading', { total: row.risk.total })}
        </Heading>
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('proactive.laceRegion', { name })}>
          <Table data-size="sm" data-testid="lace-factors">
            <caption className="nara-sr-only">{t('proactive.laceCaption', { name })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('proactive.col.factor')}</Table.HeaderCell>
                <Table.HeaderCell className="nara-num">{t('proactive.col.points')}</Table.HeaderCell>
                <Table.HeaderCell>{t('proactive.col.explanation')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {row.risk.factors.map((f) => (
                <Table.Row key={f.letter} data-testid="lace-factor">
                  <Table.HeaderCell scope="row">
                    <span className="nara-letter" aria-hidden="true">
                      {f.letter}
                    </span>{' '}
                    {t(`proactive.letter.${f.letter}`, f.letter)}
                  </Table.HeaderCell>
                  <Table.Cell className="nara-num">{t('proactive.points', { points: f.points, max: f.maxPoints })}</Table.Cell>
                  <Table.Cell>{localized(f.explanation, lng)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>

        <Heading level={4} data-size="2xs" className="nara-muted-heading">
          {t('proactive.frailtyHeading')}
        </Heading>
        <p>
          {row.frailty.mostIll ? t('proactive.mostIllYes') : t('proactive.mostIllNo')}
          {row.frailty.extensiveCare && ` ${t('proactive.extensiveCare')}`}
          {row.frailty.extensiveSocialCare && ` ${t('proactive.extensiveSocialCare')}`}
        </p>
        <ul className="nara-checklist" data-testid="criteria">
          {row.frailty.criteria.map((c) => {
            const status = criterionStatus(c);
            return (
              <li key={c.id} data-status={status}>
                <span className={`nara-check${status === 'met' ? ' nara-check--met' : ''}`} data-status={status} aria-hidden="true">
                  {MARK[status]}
                </span>
                <span>
                  {localized(c.text, lng)}: <strong>{t(`proactive.criterion.${status}`)}</strong>
                </span>
              </li>
            );
          })}
        </ul>
      </Details.Content>
    </Details>
  );
}
