import { useState } from 'react';
import { Alert, Button, Card, Heading, Paragraph, Spinner, Tag, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client';
import { sipKeys, useMyPlans } from '../../api/sipQueries';
import { isPlanHidden, type SipPlanFull } from '../../api/sipTypes';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../lib/time';
import { PlanSummary } from '../sip/PlanSummary';

/** My SIPs, read-only, with a comment on a goal in my own words. */
export function MySipsPage() {
  const { t } = useTranslation();
  const q = useMyPlans();
  const plans = (q.data?.items ?? []).filter((p): p is SipPlanFull => !isPlanHidden(p));
  return (
    <>
      <PageTitle>{t('citizen.sips.title')}</PageTitle>
      <Paragraph>{t('citizen.sips.intro')}</Paragraph>
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && plans.length === 0 && <Paragraph>{t('citizen.sips.empty')}</Paragraph>}
      <ul className="nara-plain-list nara-stack">
        {plans.map((p) => (
          <li key={p.id}>
            <MyPlan plan={p} />
          </li>
        ))}
      </ul>
    </>
  );
}

function MyPlan({ plan }: { plan: SipPlanFull }) {
  const { t, i18n } = useTranslation();
  const unitName = (id: string) => plan.participants.find((p) => p.kind === 'unit' && p.unitId === id)?.name ?? plan.namedContacts.find((c) => c.unitId === id)?.unitName ?? t('citizen.sips.unitUnknown');
  return (
    <Card className="nara-card" data-testid="my-plan">
      <Heading level={2} data-size="sm">
        {t('citizen.sips.planFrom', { date: formatDate(plan.initiatedAt, i18n.language) })}
      </Heading>
      <div className="nara-tags">
        <Tag data-color="accent" data-testid="my-plan-state">
          {plan.stateName}
        </Tag>
        {plan.kind !== 'sip' && <Tag data-color="info">{plan.kindName}</Tag>}
      </div>
      <PlanSummary
        plan={plan}
        unitName={unitName}
        headingLevel={3}
        goalExtra={(goalId) => (plan.state === 'closed' ? null : <GoalComment planId={plan.id} goalId={goalId} />)}
      />
      <MyMeetings plan={plan} />
    </Card>
  );
}

function GoalComment({ planId, goalId }: { planId: string; goalId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => post(`/api/v1/sips/${encodeURIComponent(planId)}/goals/${encodeURIComponent(goalId)}/comments`, { text: text.trim() }),
    onSuccess: () => {
      setText('');
      setOpen(false);
      void qc.invalidateQueries({ queryKey: sipKeys.mine });
    },
  });
  if (!open) {
    return (
      <>
        {send.isSuccess && (
          <Alert data-color="success" role="status">
            {t('citizen.sips.commented')}
          </Alert>
        )}
        <Button variant="tertiary" data-size="sm" onClick={() => setOpen(true)}>
          {t('citizen.sips.comment')}
        </Button>
      </>
    );
  }
  return (
    <form
      className="nara-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) send.mutate();
      }}
    >
      <Textfield multiline rows={2} label={t('citizen.sips.commentLabel')} value={text} onChange={(e) => setText(e.target.value)} />
      {send.error && <ProblemAlert error={send.error} />}
      <div className="nara-buttons">
        <Button type="submit" data-size="sm" loading={send.isPending}>
          {t('citizen.sips.send')}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The plan's meetings; while one is invited, the person answers for themself. */
function MyMeetings({ plan }: { plan: SipPlanFull }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = plan.participants.find((p) => p.kind === 'person');
  const answer = useMutation({
    mutationFn: (v: { meetingId: string; reply: string }) =>
      post(`/api/v1/sip-meetings/${encodeURIComponent(v.meetingId)}/replies`, { participantId: me?.id, reply: v.reply }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: sipKeys.mine }),
  });
  if (plan.meetings.length === 0) return null;
  return (
    <>
      <Heading level={3} data-size="xs">
        {t('sip.meetings.title')}
      </Heading>
      {answer.error && <ProblemAlert error={answer.error} />}
      <ul className="nara-plain-list nara-stack" data-testid="my-meetings">
        {plan.meetings.map((m) => {
          const mine = me && m.replies.find((r) => r.participantId === me.id);
          return (
            <li key={m.id}>
              <Paragraph>
                {t('sip.meetings.at', { at: formatDateTime(m.startsAt, i18n.language) })} · {t(`sip.meetingState.${m.state}`, m.state)}
                {m.place ? ` · ${m.place}` : ''}
              </Paragraph>
              {mine && <Paragraph data-size="sm">{t('citizen.sips.myReply', { reply: t(`sip.reply.${mine.reply}`) })}</Paragraph>}
              {me && m.state === 'invited' && (
                <div className="nara-buttons" role="group" aria-label={t('citizen.sips.replyTo', { at: formatDateTime(m.startsAt, i18n.language) })}>
                  {(['accepted', 'tentative', 'declined'] as const).map((r) => (
                    <Button
                      key={r}
                      variant={mine?.reply === r ? 'primary' : 'secondary'}
                      data-size="sm"
                      aria-pressed={mine?.reply === r}
                      onClick={() => answer.mutate({ meetingId: m.id, reply: r })}
                    >
                      {t(`citizen.sips.reply.${r}`)}
                    </Button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
