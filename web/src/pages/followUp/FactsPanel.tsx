import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useIndicatorFacts } from '../../api/followUpQueries';
import type { FactItem, FactKind } from '../../api/followUpTypes';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { DrillCell } from '../../lib/followUp';
import { monthLabel } from '../../lib/liability';
import { formatPersonnummer } from '../../lib/personnummer';
import { formatDate } from '../../lib/time';
import { paths } from '../../routes';
import { Computing } from '../../components/Computing';

/** The fact's state in words: an episode's, a request's or a SIP's, the code itself if unknown. */
function detailText(detail: string | null, kind: FactKind, t: (k: string, fallback: string) => string): string {
  if (!detail) return '';
  const key = kind === 'episode' ? `state.${detail}` : kind === 'request' ? `requests.stateName.${detail}` : `followUp.facts.sipState.${detail}`;
  return t(key, detail);
}

function Item({ item, kind }: { item: FactItem; kind: FactKind }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <Table.Row data-testid="fact-row">
      <Table.HeaderCell scope="row">
        {item.personName}
        <span className="nara-muted nara-block">{formatPersonnummer(item.personnummer)}</span>
      </Table.HeaderCell>
      <Table.Cell>{item.unitName}</Table.Cell>
      <Table.Cell>{formatDate(item.start, lng)}</Table.Cell>
      <Table.Cell>{formatDate(item.end, lng)}</Table.Cell>
      <Table.Cell>{detailText(item.detail, kind, t)}</Table.Cell>
      <Table.Cell>
        {kind === 'episode' ? (
          <Link to={paths.episode(item.id)}>
            {t('followUp.facts.openEpisode')}
            <span className="nara-sr-only"> – {item.personName}</span>
          </Link>
        ) : (
          <span className="nara-muted">{t(`followUp.facts.kind.${kind}`)}</span>
        )}
      </Table.Cell>
    </Table.Row>
  );
}

/** The facts behind one cell, those the reader may see; the rest counted as hidden. A refusal is
 * said plainly (a county administrator reads figures, a manager only their own unit's facts). */
export function FactsPanel({ indicatorId, cell, name, onClose }: { indicatorId: string; cell: DrillCell; name: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const facts = useIndicatorFacts(indicatorId, cell);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = `${cell.level}:${cell.key}:${cell.month}`;
  useEffect(() => {
    heading.current?.focus();
  }, [key]);
  const forbidden = facts.error instanceof ApiError && facts.error.status === 403;
  const data = facts.data;

  return (
    <section className="nara-section nara-facts" aria-labelledby="facts-heading" data-testid="facts">
      <div className="nara-section__head">
        <Heading level={2} data-size="sm" id="facts-heading" ref={heading} tabIndex={-1}>
          {t('followUp.facts.heading', { name, month: monthLabel(cell.month, lng) })}
        </Heading>
        <Button variant="tertiary" data-size="sm" onClick={onClose}>
          {t('followUp.facts.close')}
        </Button>
      </div>
      <Paragraph data-size="sm" className="nara-muted">
        {t('followUp.facts.help')}
      </Paragraph>
      {facts.isFetching && !data && <Computing text={t('followUp.facts.loading')} />}
      {forbidden && (
        <Alert data-color="info" data-testid="facts-forbidden">
          <Heading level={3} data-size="xs">
            {t('followUp.facts.forbiddenTitle')}
          </Heading>
          <Paragraph>{t('followUp.facts.forbidden')}</Paragraph>
        </Alert>
      )}
      {facts.error && !forbidden && <ProblemAlert error={facts.error} />}
      {data && (
        <>
          {data.items.length === 0 && (
            <Paragraph data-testid="facts-empty">{t(data.hidden > 0 ? 'followUp.facts.noneVisible' : 'followUp.facts.none')}</Paragraph>
          )}
          {data.items.length > 0 && (
            <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('followUp.facts.region')}>
              <Table zebra data-size="sm" data-testid="facts-list">
                <caption className="nara-sr-only">{t('followUp.facts.heading', { name, month: monthLabel(cell.month, lng) })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('followUp.facts.col.person')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('followUp.facts.col.unit')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('followUp.facts.col.start')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('followUp.facts.col.end')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('followUp.facts.col.detail')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('followUp.facts.col.open')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {data.items.map((item) => (
                    <Item key={item.id} item={item} kind={data.kind} />
                  ))}
                </Table.Body>
              </Table>
            </div>
          )}
          {data.hidden > 0 && (
            <Paragraph data-testid="facts-hidden">
              <strong>{t('followUp.facts.hidden', { count: data.hidden })}</strong> {t('followUp.facts.hiddenHelp')}
            </Paragraph>
          )}
        </>
      )}
    </section>
  );
}
