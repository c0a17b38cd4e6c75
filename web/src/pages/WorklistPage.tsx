import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Heading, Paragraph, Spinner, Switch, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useAcknowledge, useEpisodes, useNotices, usePersons } from '../api/queries';
import type { Episode, Person } from '../api/types';
import { useSession } from '../auth/session';
import { ClockTag } from '../components/ClockTag';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { useNow } from '../lib/useNow';
import { buildWorklist, distinct } from '../lib/worklist';
import { formatDateTime } from '../lib/time';
import { paths } from '../routes';

export function personName(p: Person | undefined): string | null {
  return p ? `${p.givenName} ${p.familyName}` : null;
}

export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const { assignment } = useSession();
  const now = useNow();
  const notices = useNotices();
  const [openOnly, setOpenOnly] = useState(false);
  const items = notices.data?.items ?? [];
  const episodeIds = distinct(items.map((n) => n.episodeId));
  const personIds = distinct(items.map((n) => n.personId));
  const episodes = useEpisodes(episodeIds);
  const persons = usePersons(personIds);
  const acknowledge = useAcknowledge();

  const episodeList = episodes.map((q) => q.data?.episode).filter((e): e is Episode => !!e);
  const personById = useMemo(() => {
    const m = new Map<string, Person>();
    for (const q of persons) if (q.data) m.set(q.data.id, q.data);
    return m;
  }, [persons]);
  const worklist = buildWorklist(items, episodeList, now);
  const shown = openOnly ? worklist.notices.filter((n) => !n.acknowledgedAt) : worklist.notices;

  const who = (personId: string) => {
    const name = personName(personById.get(personId));
    return (
      <Link to={paths.person(personId)}>
        {name ?? t('worklist.personFallback')}
        {personById.get(personId) && (
          <span className="nara-muted"> {personById.get(personId)!.identifier.value}</span>
        )}
      </Link>
    );
  };

  return (
    <>
      <PageTitle title={t('worklist.title')}>
        {t('worklist.title')}
        <span className="nara-h1-sub">{assignment?.unitName}</span>
      </PageTitle>

      <div className="nara-summary" aria-live="polite">
        <Card data-color={worklist.unacknowledged > 0 ? 'warning' : 'neutral'}>
          <span className="nara-summary__n" data-testid="count-unacknowledged">{worklist.unacknowledged}</span>
          <span>{t('worklist.unacknowledged')}</span>
        </Card>
        <Card data-color={worklist.overdue > 0 ? 'danger' : 'neutral'}>
          <span className="nara-summary__n" data-testid="count-overdue">{worklist.overdue}</span>
          <span>{t('worklist.overdue')}</span>
        </Card>
        <Card data-color={worklist.dueSoon > 0 ? 'warning' : 'neutral'}>
          <span className="nara-summary__n" data-testid="count-due-soon">{worklist.dueSoon}</span>
          <span>{t('worklist.dueSoon')}</span>
        </Card>
      </div>

      <section aria-labelledby="inbox-heading" className="nara-section">
        <div className="nara-section__head">
          <Heading level={2} data-size="sm" id="inbox-heading">
            {t('worklist.inbox')}
          </Heading>
          <Switch label={t('worklist.openOnly')} checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
        </div>
        {notices.isPending && <Spinner aria-label={t('common.loading')} />}
        {notices.error && <ProblemAlert error={notices.error} />}
        {acknowledge.error && <ProblemAlert error={acknowledge.error} />}
        {notices.data && shown.length === 0 && <Paragraph>{t('worklist.inboxEmpty')}</Paragraph>}
        {shown.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm">
              <caption className="nara-sr-only">{t('worklist.inboxCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('worklist.col.notice')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.person')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.from')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.sent')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.status')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {shown.map((n) => (
                  <Table.Row key={n.id} data-testid="notice-row">
                    <Table.Cell>
                      <Link to={paths.episode(n.episodeId)}>{t(`notice.kind.${n.kind}`, n.kind)}</Link>
                    </Table.Cell>
                    <Table.Cell>{who(n.personId)}</Table.Cell>
                    <Table.Cell>{n.fromUnitName}</Table.Cell>
                    <Table.Cell>{formatDateTime(n.sentAt, i18n.language)}</Table.Cell>
                    <Table.Cell>
                      {n.acknowledgedAt ? (
                        <Tag data-color="success" data-size="sm">
                          {t('worklist.acknowledgedAt', { at: formatDateTime(n.acknowledgedAt, i18n.language) })}
                        </Tag>
                      ) : (
                        <Button
                          data-size="sm"
                          onClick={() => acknowledge.mutate(n.id)}
                          loading={acknowledge.isPending && acknowledge.variables === n.id}
                          aria-label={t('worklist.acknowledgeNamed', {
                            notice: t(`notice.kind.${n.kind}`, n.kind),
                            person: personName(personById.get(n.personId)) ?? '',
                          })}
                        >
                          {t('worklist.acknowledge')}
                        </Button>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="clocks-heading" className="nara-section">
        <Heading level={2} data-size="sm" id="clocks-heading">
          {t('worklist.clocks')}
        </Heading>
        <Paragraph data-size="sm" className="nara-muted">
          {t('worklist.clocksSource')}
        </Paragraph>
        {worklist.hiddenEpisodes > 0 && (
          <Alert data-color="info">{t('worklist.hiddenEpisodes', { count: worklist.hiddenEpisodes })}</Alert>
        )}
        {notices.data && worklist.clockRows.length === 0 && <Paragraph>{t('worklist.clocksEmpty')}</Paragraph>}
        {worklist.clockRows.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm">
              <caption className="nara-sr-only">{t('worklist.clocksCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('worklist.col.person')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.episode')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.clock')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {worklist.clockRows.map((r) => (
                  <Table.Row key={`${r.episodeId}-${r.clock.kind}`} data-testid="clock-row">
                    <Table.Cell>{who(r.personId)}</Table.Cell>
                    <Table.Cell>
                      <Link to={paths.episode(r.episodeId)}>{r.stateName}</Link>
                    </Table.Cell>
                    <Table.Cell>
                      <ClockTag clock={r.clock} now={now} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}
