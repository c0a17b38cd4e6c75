import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Field, Label, Paragraph, Select, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useWardBoard } from '../api/queries';
import type { BoardEpisode } from '../api/types';
import { ClockTag } from '../components/ClockTag';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { BOARD_STATES, countByState, sortBoard } from '../lib/board';
import { formatDateTime } from '../lib/time';
import { useNow } from '../lib/useNow';
import { paths } from '../routes';

function NextClock({ e, now }: { e: BoardEpisode; now: Date }) {
  const { t } = useTranslation();
  const next = e.clocks.find((c) => !c.metAt && c.kind === e.clockSummary.nextKind && c.due === e.clockSummary.nextDue);
  if (!next) return <span className="nara-muted">{t('board.noOpenClock')}</span>;
  return <ClockTag clock={next} now={now} />;
}

export function WardBoardPage() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [search, setSearch] = useSearchParams();
  const state = BOARD_STATES.includes(search.get('tillstand') ?? '') ? search.get('tillstand')! : undefined;
  // One request for the whole board (the counts need it anyway); the state filter narrows it here.
  const board = useWardBoard(undefined);
  const episodes = useMemo(
    () => sortBoard((board.data?.episodes ?? []).filter((e) => !state || e.state === state)),
    [board.data, state],
  );
  const counts = countByState(board.data?.episodes ?? []);

  return (
    <>
      <PageTitle title={t('board.title')}>
        {t('board.title')}
        {board.data && <span className="nara-h1-sub">{board.data.wardName}</span>}
      </PageTitle>
      <Paragraph className="nara-muted">{t('board.intro')}</Paragraph>

      {board.data && (
        <ul className="nara-tags nara-plain-list nara-state-counts" data-testid="board-counts" aria-label={t('board.countsLabel')}>
          {counts.map((c) => (
            <li key={c.state}>
              <Tag data-color={c.count > 0 ? 'info' : 'neutral'} data-size="sm">
                {t('board.countState', { state: t(`state.${c.state}`), count: c.count })}
              </Tag>
            </li>
          ))}
        </ul>
      )}

      <div className="nara-filters nara-filters__row">
        <Field>
          <Label>{t('board.filter')}</Label>
          <Select
            value={state ?? ''}
            onChange={(e) => setSearch(e.target.value ? { tillstand: e.target.value } : {}, { replace: true })}
          >
            <Select.Option value="">{t('board.allStates')}</Select.Option>
            {BOARD_STATES.map((s) => (
              <Select.Option key={s} value={s}>
                {t(`state.${s}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>

      {board.isPending && <Spinner aria-label={t('common.loading')} />}
      {board.error && <ProblemAlert error={board.error} />}
      {board.data && episodes.length === 0 && <Paragraph>{t('board.empty')}</Paragraph>}
      {episodes.length > 0 && (
        <div className="nara-table-wrap nara-section" tabIndex={0} role="region" aria-label={t('common.scrollTable')} data-testid="board">
          <Table zebra data-size="sm">
            <caption className="nara-sr-only">{t('board.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('board.col.patient')}</Table.HeaderCell>
                <Table.HeaderCell>{t('board.col.state')}</Table.HeaderCell>
                <Table.HeaderCell>{t('board.col.admitted')}</Table.HeaderCell>
                <Table.HeaderCell>{t('board.col.planned')}</Table.HeaderCell>
                <Table.HeaderCell>{t('board.col.next')}</Table.HeaderCell>
                <Table.HeaderCell>{t('board.col.overdue')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {episodes.map((e) => (
                <Table.Row key={e.id} data-testid="board-row">
                  <Table.Cell>
                    <Link to={paths.episode(e.id)}>{e.personName}</Link>
                  </Table.Cell>
                  <Table.Cell data-testid="board-state">{t(`state.${e.state}`, e.state)}</Table.Cell>
                  <Table.Cell>{formatDateTime(e.admittedAt, i18n.language)}</Table.Cell>
                  <Table.Cell>
                    {e.state === 'discharged' ? (
                      <>
                        {t('state.discharged')} {formatDateTime(e.dischargedAt, i18n.language)}
                      </>
                    ) : (
                      formatDateTime(e.plannedDischarge, i18n.language)
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <NextClock e={e} now={now} />
                  </Table.Cell>
                  <Table.Cell>
                    {e.clockSummary.overdue > 0 ? (
                      <Tag data-color="danger" data-size="sm">
                        {t('board.overdueCount', { count: e.clockSummary.overdue })}
                      </Tag>
                    ) : (
                      '–'
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </>
  );
}
