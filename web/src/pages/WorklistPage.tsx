import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Field, Fieldset, Label, Paragraph, Select, Spinner, Switch, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useAcknowledge, useWorklist } from '../api/queries';
import type { WorkItem, WorklistFilter } from '../api/types';
import { useSession } from '../auth/session';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { WorklistRequests } from '../components/WorklistRequests';
import { useNow } from '../lib/useNow';
import {
  filterFromSearch,
  meaningfulFilters,
  municipalityName,
  optionsFrom,
  searchFromFilter,
  summarize,
  workStatus,
  WORK_STATES,
  type WorkStatus,
} from '../lib/worklist';
import { formatDateTime, formatDuration } from '../lib/time';
import { paths } from '../routes';

const COLOR: Record<WorkStatus, 'danger' | 'warning' | 'info' | 'neutral'> = {
  overdue: 'danger',
  due_soon: 'warning',
  pending: 'info',
  received: 'neutral',
};

/** Time left in words, never colour alone: "3 tim kvar", "Försenad 2 d 3 tim", "Inkom för 2 tim sedan". */
function TimeCell({ item, now }: { item: WorkItem; now: Date }) {
  const { t, i18n } = useTranslation();
  const status = workStatus(item, now);
  const left = Date.parse(item.due) - now.getTime();
  const text =
    status === 'received'
      ? t('worklist.received', { duration: formatDuration(-left, i18n.language) })
      : status === 'overdue'
        ? t('clock.overdue', { duration: formatDuration(-left, i18n.language) })
        : t('clock.left', { duration: formatDuration(left, i18n.language) });
  return (
    <span className="nara-clock" data-status={status}>
      <Tag data-color={COLOR[status]} data-size="sm">
        {text}
      </Tag>
      {status !== 'received' && (
        <span className="nara-clock__due">{t('clock.due', { at: formatDateTime(item.due, i18n.language) })}</span>
      )}
      <span className="nara-muted nara-rule">{item.rule}</span>
    </span>
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const { assignment } = useSession();
  const now = useNow();
  const [search, setSearch] = useSearchParams();
  const filter = useMemo(() => filterFromSearch(search), [search]);
  const worklist = useWorklist(filter);
  const acknowledge = useAcknowledge();
  const [done, setDone] = useState<string | null>(null);
  // Filter choices come from the lists seen in this visit, so narrowing never hides the way back.
  const [wards, setWards] = useState<[string, string][]>([]);
  const [municipalities, setMunicipalities] = useState<[string, string][]>([]);
  const items = useMemo(() => worklist.data?.items ?? [], [worklist.data]);
  useEffect(() => {
    const merge = (old: [string, string][], found: [string, string][]) => {
      const known = new Set(old.map(([v]) => v));
      const added = found.filter(([v]) => !known.has(v));
      return added.length ? [...old, ...added].sort((a, b) => a[1].localeCompare(b[1], 'sv')) : old;
    };
    setWards((old) => merge(old, optionsFrom(items, (i) => [i.wardUnitId, i.wardName])));
    setMunicipalities((old) =>
      merge(old, optionsFrom(items, (i) => (i.municipalityCode ? [i.municipalityCode, municipalityName(i.municipalityCode)] : null))),
    );
  }, [items]);
  const show = meaningfulFilters(worklist.data?.party);
  const summary = summarize(items, now);
  const filtered = Object.keys(filter).length > 0;

  const update = (change: Partial<WorklistFilter>) => {
    setDone(null);
    setSearch(searchFromFilter({ ...filter, ...change }), { replace: true });
  };
  const kindLabel = (i: WorkItem) =>
    i.kind === 'acknowledge_notice'
      ? t('work.acknowledgeWhat', { notice: t(`notice.kind.${i.noticeKind}`, i.noticeKind ?? '') })
      : t(`work.kind.${i.kind}`, i.kind);

  return (
    <>
      <PageTitle title={t('worklist.title')}>
        {t('worklist.title')}
        <span className="nara-h1-sub">{assignment?.unitName}</span>
      </PageTitle>

      <div className="nara-summary" aria-live="polite">
        <Card data-color={summary.overdue > 0 ? 'danger' : 'neutral'}>
          <span className="nara-summary__n" data-testid="count-overdue">{summary.overdue}</span>
          <span>{t('worklist.overdue')}</span>
        </Card>
        <Card data-color={summary.dueSoon > 0 ? 'warning' : 'neutral'}>
          <span className="nara-summary__n" data-testid="count-due-soon">{summary.dueSoon}</span>
          <span>{t('worklist.dueSoon')}</span>
        </Card>
        <Card data-color={summary.toAcknowledge > 0 ? 'warning' : 'neutral'}>
          <span className="nara-summary__n" data-testid="count-acknowledge">{summary.toAcknowledge}</span>
          <span>{t('worklist.toAcknowledge')}</span>
        </Card>
        <Card data-color="neutral">
          <span className="nara-summary__n" data-testid="count-total">{summary.total}</span>
          <span>{t('worklist.total')}</span>
        </Card>
      </div>

      <Fieldset className="nara-filters">
        <Fieldset.Legend>{t('worklist.filters')}</Fieldset.Legend>
        <div className="nara-filters__row">
          <Field>
            <Label>{t('worklist.state')}</Label>
            <Select value={filter.state ?? ''} onChange={(e) => update({ state: e.target.value || undefined })}>
              <Select.Option value="">{t('worklist.allStates')}</Select.Option>
              {WORK_STATES.map((s) => (
                <Select.Option key={s} value={s}>
                  {t(`state.${s}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          {show.ward && (
            <Field>
              <Label>{t('worklist.ward')}</Label>
              <Select value={filter.ward ?? ''} onChange={(e) => update({ ward: e.target.value || undefined })}>
                <Select.Option value="">{t('worklist.allWards')}</Select.Option>
                {wards.map(([id, name]) => (
                  <Select.Option key={id} value={id}>
                    {name}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          )}
          {show.municipality && (
            <Field>
              <Label>{t('worklist.municipality')}</Label>
              <Select value={filter.municipality ?? ''} onChange={(e) => update({ municipality: e.target.value || undefined })}>
                <Select.Option value="">{t('worklist.allMunicipalities')}</Select.Option>
                {municipalities.map(([code, name]) => (
                  <Select.Option key={code} value={code}>
                    {name}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          )}
          <Switch
            label={t('worklist.overdueOnly')}
            checked={!!filter.overdue}
            onChange={(e) => update({ overdue: e.target.checked || undefined })}
          />
          {filtered && (
            <Button variant="tertiary" data-size="sm" onClick={() => update({ state: undefined, overdue: undefined, ward: undefined, municipality: undefined })}>
              {t('worklist.clearFilters')}
            </Button>
          )}
        </div>
      </Fieldset>

      <div role="status" className="nara-status" data-testid="worklist-status">
        {done}
        {worklist.isFetching && worklist.isPlaceholderData && <span className="nara-muted">{t('worklist.updating')}</span>}
      </div>
      {worklist.isPending && <Spinner aria-label={t('common.loading')} />}
      {worklist.error && <ProblemAlert error={worklist.error} />}
      {acknowledge.error && <ProblemAlert error={acknowledge.error} />}
      {worklist.data && items.length === 0 && (
        <Paragraph data-testid="worklist-empty">{filtered ? t('worklist.emptyFiltered') : t('worklist.empty')}</Paragraph>
      )}
      {items.length > 0 && (
        <div
          className="nara-table-wrap"
          tabIndex={0}
          role="region"
          aria-label={t('common.scrollTable')}
          aria-busy={worklist.isPlaceholderData}
          data-testid="worklist"
        >
          <Table zebra data-size="sm">
            <caption className="nara-sr-only">{t('worklist.caption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('worklist.col.task')}</Table.HeaderCell>
                <Table.HeaderCell>{t('worklist.col.person')}</Table.HeaderCell>
                <Table.HeaderCell>{t('worklist.col.ward')}</Table.HeaderCell>
                <Table.HeaderCell>{t('worklist.col.state')}</Table.HeaderCell>
                <Table.HeaderCell>{t('worklist.col.time')}</Table.HeaderCell>
                <Table.HeaderCell>{t('worklist.col.action')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((i) => (
                <Table.Row key={`${i.episodeId}-${i.kind}-${i.noticeId ?? ''}`} data-testid="work-row" data-kind={i.kind}>
                  <Table.Cell>
                    <Link to={paths.episode(i.episodeId)}>{kindLabel(i)}</Link>
                  </Table.Cell>
                  <Table.Cell>
                    <Link to={paths.person(i.personId)}>{i.personName}</Link>
                  </Table.Cell>
                  <Table.Cell>
                    {i.wardName}
                    <span className="nara-muted nara-block">{municipalityName(i.municipalityCode)}</span>
                  </Table.Cell>
                  <Table.Cell>{t(`state.${i.episodeState}`, i.episodeState)}</Table.Cell>
                  <Table.Cell>
                    <TimeCell item={i} now={now} />
                  </Table.Cell>
                  <Table.Cell>
                    {i.kind === 'acknowledge_notice' && i.noticeId && (
                      <Button
                        data-size="sm"
                        onClick={() => {
                          const notice = t(`notice.kind.${i.noticeKind}`, i.noticeKind ?? '');
                          acknowledge.mutate(i.noticeId!, {
                            onSuccess: () => setDone(t('worklist.acknowledged', { notice, person: i.personName })),
                          });
                        }}
                        loading={acknowledge.isPending && acknowledge.variables === i.noticeId}
                        aria-label={t('worklist.acknowledgeNamed', {
                          notice: t(`notice.kind.${i.noticeKind}`, i.noticeKind ?? ''),
                          person: i.personName,
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
      <WorklistRequests />
    </>
  );
}
