import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Heading, Paragraph, Spinner, Tag, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, request } from '../../api/client';
import { sipKeys, useCareRequest } from '../../api/sipQueries';
import type { CareRequest, RequestEventKind } from '../../api/sipTypes';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { boxOf, declineReasonValid, requestActions, requestStateColor } from '../../lib/requests';
import { formatDateTime } from '../../lib/time';
import { paths } from '../../routes';

/** One request with its receipts and answers; the answers this side may give (If-Match). */
export function RequestDetailPage() {
  const { requestId } = useParams();
  const { t } = useTranslation();
  const q = useCareRequest(requestId);
  if (q.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (q.error || !q.data) {
    return (
      <>
        <PageTitle>{t('requests.notVisible')}</PageTitle>
        <ProblemAlert error={q.error} />
      </>
    );
  }
  return <Detail r={q.data} />;
}

function Detail({ r }: { r: CareRequest }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { assignment } = useSession();
  const qc = useQueryClient();
  const box = boxOf(r, assignment?.unitId);
  const actions = requestActions(r.state, box);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [done, setDone] = useState<RequestEventKind | null>(null);
  const send = useMutation({
    mutationFn: async (body: { kind: RequestEventKind; reason?: string }) =>
      (await request<CareRequest>(`/api/v1/requests/${encodeURIComponent(r.id)}/events`, { method: 'POST', body, ifMatch: r.version })).data,
    onSuccess: (updated, body) => {
      qc.setQueryData(sipKeys.request(r.id), updated);
      void qc.invalidateQueries({ queryKey: ['requests'] });
      setDeclining(false);
      setDone(body.kind);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) void qc.invalidateQueries({ queryKey: sipKeys.request(r.id) });
    },
  });
  function act(kind: RequestEventKind) {
    setDone(null);
    send.reset();
    if (kind === 'decline') {
      setDeclining(true);
      return;
    }
    send.mutate({ kind });
  }
  return (
    <>
      <PageTitle title={`${r.typeName} – ${r.personName}`}>
        {r.typeName} – {r.personName}
        <span className="nara-h1-sub">{t('requests.fromTo', { from: r.fromUnitName, to: r.toUnitName })}</span>
      </PageTitle>
      <div className="nara-tags">
        <Tag data-color={requestStateColor(r.state)} data-testid="request-state">
          {r.stateName}
        </Tag>
        {r.overdue && <Tag data-color="danger">{t('requests.overdue')}</Tag>}
        <Link to={paths.person(r.personId)}>{t('episode.toPerson')}</Link>
        {r.planId && <Link to={paths.sip(r.planId)}>{t('requests.toPlan')}</Link>}
        <Link to={`${paths.requests}?korg=${box === 'inbox' ? 'inkorg' : 'utkorg'}`}>{t('requests.back')}</Link>
      </div>
      <Card className="nara-card">
        <Paragraph>{r.description}</Paragraph>
        <dl className="nara-dl">
          <dt>{t('requests.col.sent')}</dt>
          <dd>{formatDateTime(r.sentAt, lng)}</dd>
          <dt>{t('requests.col.due')}</dt>
          <dd>{r.dueAt ? formatDateTime(r.dueAt, lng) : '–'}</dd>
          {r.declineReason && (
            <>
              <dt>{t('requests.declineReason')}</dt>
              <dd>{r.declineReason}</dd>
            </>
          )}
        </dl>
      </Card>
      {actions.length > 0 && (
        <section className="nara-section nara-actions" aria-labelledby="req-actions-h">
          <Heading level={2} data-size="sm" id="req-actions-h">
            {t('requests.actions')}
          </Heading>
          {send.error && <ProblemAlert error={send.error} title={t('requests.refused')} />}
          <div className="nara-buttons">
            {actions.map((k) => (
              <Button key={k} variant="secondary" data-color={k === 'decline' || k === 'cancel' ? 'danger' : undefined} onClick={() => act(k)} loading={send.isPending && send.variables?.kind === k}>
                {t(`requests.event.${k}`)}
              </Button>
            ))}
          </div>
          {declining && (
            <form
              className="nara-form"
              noValidate
              aria-label={t('requests.event.decline')}
              onSubmit={(e) => {
                e.preventDefault();
                if (!declineReasonValid(reason)) {
                  setReasonError(t('requests.reasonTooShort'));
                  return;
                }
                setReasonError(null);
                send.mutate({ kind: 'decline', reason: reason.trim() });
              }}
            >
              <Textfield multiline rows={2} label={t('requests.declineReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError ?? undefined} />
              <div className="nara-buttons">
                <Button type="submit" data-color="danger">
                  {t('requests.confirmDecline')}
                </Button>
                <Button type="button" variant="tertiary" onClick={() => setDeclining(false)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </form>
          )}
        </section>
      )}
      {done && !send.error && (
        <Alert data-color="success" role="status" data-testid="request-done">
          {t('requests.done', { event: t(`requests.event.${done}`) })}
        </Alert>
      )}
      <section className="nara-section" aria-labelledby="req-events-h">
        <Heading level={2} data-size="sm" id="req-events-h">
          {t('requests.events')}
        </Heading>
        <ol className="nara-timeline" data-testid="request-events">
          {r.events.map((e, i) => (
            <li key={i}>
              <span className="nara-timeline__what">{t(`requests.eventDone.${e.kind}`, e.kind)}</span>{' '}
              <time dateTime={e.at}>{formatDateTime(e.at, lng)}</time>
              {e.userName ? ` · ${e.userName}` : ''}
              {e.reason ? ` · ${e.reason}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
