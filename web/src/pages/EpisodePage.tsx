import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Spinner,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../api/client';
import { keys, useEpisode, usePerson, useReceivingUnits, useUnit } from '../api/queries';
import type { EpisodeFull, OutpatientCompulsoryCare } from '../api/types';
import { isHidden } from '../api/types';
import { useSession } from '../auth/session';
import { ClockTag } from '../components/ClockTag';
import { EpisodeLiability } from '../components/EpisodeLiability';
import { EpisodeCarePlan } from '../components/EpisodeCarePlan';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { SelectField } from '../components/SelectField';
import { availableActions, CONFIRM_EVENTS, type EventKind } from '../lib/actions';
import { buildTimeline } from '../lib/timeline';
import { formatDate, formatDateTime, fromLocalInput, toLocalInput } from '../lib/time';
import { useNow } from '../lib/useNow';
import { paths } from '../routes';

/** One inpatient episode: its state, statutory clocks, notices, liability, and the next events. */
export function EpisodePage() {
  const { episodeId } = useParams();
  const { t } = useTranslation();
  const q = useEpisode(episodeId);
  if (q.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (q.error || !q.data) {
    return (
      <>
        <PageTitle>{t('episode.notVisible')}</PageTitle>
        <ProblemAlert error={q.error} />
      </>
    );
  }
  const e = q.data.episode;
  if (isHidden(e)) {
    return (
      <>
        <PageTitle>{t('episode.title')}</PageTitle>
        <Alert data-color="info" data-testid="episode-hidden">
          {t('person.episodeHidden')}
        </Alert>
        <Paragraph>
          <Link to={paths.person(e.personId)}>{t('episode.toPerson')}</Link>
        </Paragraph>
      </>
    );
  }
  return <EpisodeBoard episode={e} />;
}

function EpisodeBoard({ episode: e }: { episode: EpisodeFull }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const person = usePerson(e.personId);
  const ward = useUnit(e.wardUnitId);
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : t('worklist.personFallback');
  const lng = i18n.language;

  return (
    <>
      <PageTitle title={`${t('episode.title')} – ${name}`}>
        {t('episode.title')} – {name}
        <span className="nara-h1-sub">{ward.data?.name}</span>
      </PageTitle>
      <div className="nara-tags">
        <Tag data-color="accent" data-testid="episode-state">
          {e.stateName}
        </Tag>
        {e.needs.sipRequired && <Tag data-color="info">{t('episode.sipRequired')}</Tag>}
        {e.needs.outpatientCompulsoryCare && (
          <Tag data-color="info" data-testid="coordinated-care-plan">
            {t('episode.coordinatedCarePlan')}
          </Tag>
        )}
        <Link to={paths.person(e.personId)}>{t('episode.toPerson')}</Link>
        {e.needs.sipRequired && <Link to={paths.startSip(e.personId, e.id)}>{t('sip.startForEpisode')}</Link>}
        <EpisodeCarePlan episode={e} />
      </div>

      <ActionsPanel episode={e} />

      <section className="nara-section" aria-labelledby="clocks-h">
        <Heading level={2} data-size="sm" id="clocks-h">
          {t('episode.clocks')}
        </Heading>
        {e.clocks.length === 0 ? (
          <Paragraph>{t('episode.noClocks')}</Paragraph>
        ) : (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table data-size="sm" data-testid="episode-clocks">
              <caption className="nara-sr-only">{t('episode.clocks')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('episode.col.clock')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('episode.col.due')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('episode.col.status')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('episode.col.rule')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {e.clocks.map((c) => (
                  <Table.Row key={c.kind}>
                    <Table.Cell>{t(`clock.kind.${c.kind}`, c.kind)}</Table.Cell>
                    <Table.Cell>{formatDateTime(c.due, lng)}</Table.Cell>
                    <Table.Cell>
                      <ClockTag clock={c} now={now} showName={false} />
                    </Table.Cell>
                    <Table.Cell>{c.rule}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <div className="nara-grid">
        <section className="nara-section" aria-labelledby="timeline-h">
          <Heading level={2} data-size="sm" id="timeline-h">
            {t('episode.timeline')}
          </Heading>
          <ol className="nara-timeline" data-testid="timeline">
            {buildTimeline(e).map((entry, i) => (
              <li key={`${entry.kind}-${i}`}>
                <span className="nara-timeline__what">{t(`timeline.${entry.kind}`)}</span>{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at, lng)}</time>
              </li>
            ))}
          </ol>
          <dl className="nara-dl">
            <dt>{t('episode.plannedDischarge')}</dt>
            <dd>{formatDateTime(e.plannedDischarge, lng)}</dd>
            <dt>{t('episode.needs')}</dt>
            <dd>
              {[
                e.needs.socialServices && t('needs.socialServices'),
                e.needs.municipalHealthCare && t('needs.municipalHealthCare'),
                e.needs.regionOutpatient && t('needs.regionOutpatient'),
                e.needs.outpatientCompulsoryCare && t(`needs.compulsory.${e.needs.outpatientCompulsoryCare}`),
              ]
                .filter(Boolean)
                .join(', ') || t('episode.noNeeds')}
            </dd>
            {e.externalVisitId && (
              <>
                <dt>{t('episode.visitId')}</dt>
                <dd>{e.externalVisitId}</dd>
              </>
            )}
          </dl>
        </section>

        <EpisodeLiability liability={e.liability} />
      </div>

      <section className="nara-section" aria-labelledby="notices-h">
        <Heading level={2} data-size="sm" id="notices-h">
          {t('episode.notices')}
        </Heading>
        {e.notices.length === 0 ? (
          <Paragraph>{t('episode.noNotices')}</Paragraph>
        ) : (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table data-size="sm" zebra data-testid="episode-notices">
              <caption className="nara-sr-only">{t('episode.notices')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('worklist.col.notice')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.from')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('episode.col.to')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.sent')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('worklist.col.status')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {e.notices.map((n) => (
                  <Table.Row key={n.id}>
                    <Table.Cell>{t(`notice.kind.${n.kind}`, n.kind)}</Table.Cell>
                    <Table.Cell>{n.fromUnitName}</Table.Cell>
                    <Table.Cell>
                      <UnitName id={n.toUnitId} />
                    </Table.Cell>
                    <Table.Cell>{formatDateTime(n.sentAt, lng)}</Table.Cell>
                    <Table.Cell>
                      {n.acknowledgedAt
                        ? t('worklist.acknowledgedAt', { at: formatDateTime(n.acknowledgedAt, lng) })
                        : t('worklist.notAcknowledged')}
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

function UnitName({ id }: { id: string }) {
  const u = useUnit(id);
  return <>{u.data?.name ?? '–'}</>;
}

interface EventBody {
  kind: EventKind;
  needs?: {
    socialServices: boolean;
    municipalHealthCare: boolean;
    regionOutpatient: boolean;
    outpatientCompulsoryCare: OutpatientCompulsoryCare | null;
  };
  plannedDischarge?: string;
  recipientUnitIds?: string[];
}

function ActionsPanel({ episode: e }: { episode: EpisodeFull }) {
  const { t } = useTranslation();
  const { assignment } = useSession();
  const unit = useUnit(assignment?.unitId);
  const qc = useQueryClient();
  const [open, setOpen] = useState<EventKind | null>(null);
  const [done, setDone] = useState<EventKind | null>(null);
  const actions = assignment
    ? availableActions(e, { role: assignment.role, unitId: assignment.unitId, unitKind: unit.data?.kind ?? null })
    : [];

  const send = useMutation({
    mutationFn: async (body: EventBody) =>
      (await request<EpisodeFull>(`/api/v1/episodes/${encodeURIComponent(e.id)}/events`, {
        method: 'POST',
        body,
        ifMatch: e.version,
      })).data,
    onSuccess: (updated, body) => {
      qc.setQueryData(keys.episode(e.id), { episode: updated, etag: `"${updated.version}"` });
      void qc.invalidateQueries({ queryKey: keys.notices });
      // The event may meet a deadline or start one: the worklist and the board must not show the old state.
      void qc.invalidateQueries({ queryKey: ['worklist'] });
      void qc.invalidateQueries({ queryKey: ['ward-board'] });
      setOpen(null);
      setDone(body.kind);
    },
    onError: (err) => {
      // Someone else changed the episode: show theirs, keep the message.
      if (err instanceof ApiError && err.status === 412) void qc.invalidateQueries({ queryKey: keys.episode(e.id) });
    },
  });

  if (actions.length === 0) return null;

  return (
    <section className="nara-section nara-actions" aria-labelledby="actions-h">
      <Heading level={2} data-size="sm" id="actions-h">
        {t('episode.actions')}
      </Heading>
      {done && !send.error && (
        <Alert data-color="success" role="status">
          {t('episode.done', { event: t(`event.${done}`) })}
        </Alert>
      )}
      {send.error && <ProblemAlert error={send.error} title={t('episode.refused')} />}
      <div className="nara-buttons">
        {actions.map((k) => (
          <Button
            key={k}
            variant={open === k ? 'primary' : 'secondary'}
            data-color={CONFIRM_EVENTS.includes(k) && k !== 'withdraw_ready' ? 'danger' : undefined}
            aria-expanded={open === k}
            aria-controls="event-form"
            onClick={() => {
              send.reset();
              setDone(null);
              setOpen(open === k ? null : k);
            }}
          >
            {t(`event.${k}`)}
          </Button>
        ))}
      </div>
      {open && (
        <div id="event-form">
          <EventForm
            key={open}
            kind={open}
            episode={e}
            busy={send.isPending}
            onCancel={() => setOpen(null)}
            onSubmit={(body) => send.mutate(body)}
          />
        </div>
      )}
    </section>
  );
}

function EventForm({
  kind,
  episode: e,
  busy,
  onSubmit,
  onCancel,
}: {
  kind: EventKind;
  episode: EpisodeFull;
  busy: boolean;
  onSubmit: (body: EventBody) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const person = usePerson(e.personId);
  const needsRecipients = kind === 'send_admission_notice';
  const receivers = useReceivingUnits(needsRecipients ? person.data?.municipalityCode : null);
  const [needs, setNeeds] = useState(e.needs);
  // Öppen tvångsvård follows LPT or LRV care at a psychiatric ward: asked only there.
  const psychiatricWard = useUnit(kind === 'assess_needs' ? e.wardUnitId : null).data?.psychiatricCare === true;
  const defaultPlanned = e.plannedDischarge ? new Date(e.plannedDischarge) : new Date(Date.now() + 3 * 86400_000);
  const [planned, setPlanned] = useState(toLocalInput(defaultPlanned));
  const [recipients, setRecipients] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const body: EventBody = { kind };
    if (kind === 'assess_needs') {
      body.needs = {
        socialServices: needs.socialServices,
        municipalHealthCare: needs.municipalHealthCare,
        regionOutpatient: needs.regionOutpatient,
        outpatientCompulsoryCare: psychiatricWard ? needs.outpatientCompulsoryCare : null,
      };
    }
    if (kind === 'send_admission_notice' || kind === 'set_planned_discharge') {
      const iso = fromLocalInput(planned);
      if (!iso) {
        setError(t('episode.form.plannedInvalid'));
        return;
      }
      body.plannedDischarge = iso;
    }
    if (needsRecipients) {
      if (recipients.length === 0) {
        setError(t('episode.form.recipientsRequired'));
        return;
      }
      body.recipientUnitIds = recipients;
    }
    setError(null);
    onSubmit(body);
  }

  return (
    <Card className="nara-card">
      <form onSubmit={submit} noValidate className="nara-form" aria-label={t(`event.${kind}`)}>
        <Heading level={3} data-size="xs">
          {t(`event.${kind}`)}
        </Heading>
        <Paragraph data-size="sm">{t(`eventHelp.${kind}`)}</Paragraph>
        {kind === 'assess_needs' && (
          <Fieldset>
            <Fieldset.Legend>{t('episode.form.needsLegend')}</Fieldset.Legend>
            <Checkbox
              label={t('needs.socialServices')}
              checked={needs.socialServices}
              onChange={(x) => setNeeds({ ...needs, socialServices: x.target.checked })}
            />
            <Checkbox
              label={t('needs.municipalHealthCare')}
              checked={needs.municipalHealthCare}
              onChange={(x) => setNeeds({ ...needs, municipalHealthCare: x.target.checked })}
            />
            <Checkbox
              label={t('needs.regionOutpatient')}
              checked={needs.regionOutpatient}
              onChange={(x) => setNeeds({ ...needs, regionOutpatient: x.target.checked })}
            />
            {psychiatricWard && (
              <SelectField
                label={t('needs.outpatientCompulsoryCare')}
                value={needs.outpatientCompulsoryCare ?? ''}
                placeholder={t('needs.compulsory.none')}
                options={(['lpt', 'lrv'] as const).map((c) => ({ value: c, label: t(`needs.compulsory.${c}`) }))}
                onChange={(v) => setNeeds({ ...needs, outpatientCompulsoryCare: v === 'lpt' || v === 'lrv' ? v : null })}
              />
            )}
          </Fieldset>
        )}
        {needsRecipients && (
          <Fieldset>
            <Fieldset.Legend>{t('episode.form.recipients')}</Fieldset.Legend>
            {receivers.isPending && <Spinner aria-label={t('common.loading')} />}
            {receivers.error && <ProblemAlert error={receivers.error} />}
            {receivers.data?.map((u) => (
              <Checkbox
                key={u.id}
                label={`${u.name} (${u.kindName})`}
                checked={recipients.includes(u.id)}
                onChange={(x) =>
                  setRecipients(x.target.checked ? [...recipients, u.id] : recipients.filter((r) => r !== u.id))
                }
              />
            ))}
          </Fieldset>
        )}
        {(kind === 'send_admission_notice' || kind === 'set_planned_discharge') && (
          <Textfield
            type="datetime-local"
            label={t('episode.form.planned')}
            value={planned}
            onChange={(x) => setPlanned(x.target.value)}
          />
        )}
        {error && (
          <Alert data-color="danger" role="alert">
            {error}
          </Alert>
        )}
        <div className="nara-buttons">
          <Button type="submit" loading={busy} disabled={busy}>
            {CONFIRM_EVENTS.includes(kind) ? t('episode.form.confirm', { event: t(`event.${kind}`) }) : t('episode.form.save')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
        <Paragraph data-size="xs" className="nara-muted">
          {t('episode.form.at', { date: formatDate(new Date().toISOString(), 'sv') })}
        </Paragraph>
      </form>
    </Card>
  );
}
