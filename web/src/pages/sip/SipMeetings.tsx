import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post, request } from '../../api/client';
import { sipKeys, usePlanMutation } from '../../api/sipQueries';
import type { SipMeeting, SipPlanFull } from '../../api/sipTypes';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { isCarePlan } from '../../lib/sip';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../lib/time';

/** SIP meetings: invite the participants, record their replies, and the meeting's outcome as the
 * plan's next version. */
export function SipMeetings({ plan }: { plan: SipPlanFull }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [startsAt, setStartsAt] = useState(toLocalInput(new Date(Date.now() + 3 * 86400_000)));
  const [place, setPlace] = useState('');
  const [video, setVideo] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: (body: unknown) => post<SipMeeting>(`/api/v1/sips/${encodeURIComponent(plan.id)}/meetings`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: sipKeys.plan(plan.id) });
      void qc.invalidateQueries({ queryKey: ['worklist'] });
      void qc.invalidateQueries({ queryKey: ['episode'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const iso = fromLocalInput(startsAt);
    if (!iso) {
      setFormError(t('sip.meetings.timeInvalid'));
      return;
    }
    setFormError(null);
    invite.mutate({ startsAt: iso, place: place.trim() || undefined, videoLink: video.trim() || undefined });
  }
  const name = (id: string) => plan.participants.find((p) => p.id === id)?.name ?? id;
  return (
    <section className="nara-section" aria-labelledby="meetings-h">
      <Heading level={2} data-size="sm" id="meetings-h">
        {isCarePlan(plan.kind) ? t('carePlan.meetings') : t('sip.meetings.title')}
      </Heading>
      {plan.meetings.length === 0 && <Paragraph>{t('sip.meetings.none')}</Paragraph>}
      <ul className="nara-plain-list nara-stack" data-testid="meetings">
        {plan.meetings.map((m) => (
          <li key={m.id}>
            <Card className="nara-card">
              <Heading level={3} data-size="xs">
                {t('sip.meetings.at', { at: formatDateTime(m.startsAt, i18n.language) })} · {t(`sip.meetingState.${m.state}`, m.state)}
              </Heading>
              <Paragraph data-size="sm">
                {[m.place, m.videoLink].filter(Boolean).join(' · ') || t('sip.meetings.noPlace')}
              </Paragraph>
              {m.replies.length > 0 && (
                <ul className="nara-plain-list">
                  {m.replies.map((r) => (
                    <li key={r.participantId}>
                      {name(r.participantId)}: {t(`sip.reply.${r.reply}`)}
                      {r.comment ? ` – ${r.comment}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {m.outcome && <Paragraph data-size="sm">{t('sip.meetings.outcomeWas', { outcome: m.outcome })}</Paragraph>}
              {!m.heldAt && plan.state !== 'closed' && <MeetingAnswers plan={plan} meeting={m} />}
            </Card>
          </li>
        ))}
      </ul>
      {plan.state !== 'closed' && (
        <form onSubmit={submit} noValidate className="nara-form" aria-labelledby="invite-h">
          <Heading level={3} data-size="xs" id="invite-h">
            {t('sip.meetings.invite')}
          </Heading>
          <div className="nara-row__fields">
            <Textfield type="datetime-local" label={t('sip.meetings.startsAt')} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            <Textfield label={t('sip.meetings.place')} value={place} onChange={(e) => setPlace(e.target.value)} />
            <Textfield label={t('sip.meetings.video')} value={video} onChange={(e) => setVideo(e.target.value)} />
          </div>
          {formError && (
            <Alert data-color="danger" role="alert">
              {formError}
            </Alert>
          )}
          {invite.error && <ProblemAlert error={invite.error} />}
          {invite.isSuccess && (
            <Alert data-color="success" role="status">
              {t('sip.meetings.invited')}
            </Alert>
          )}
          <div className="nara-buttons">
            <Button type="submit" variant="secondary" loading={invite.isPending}>
              {t('sip.meetings.sendInvite')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function MeetingAnswers({ plan, meeting }: { plan: SipPlanFull; meeting: SipMeeting }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { assignment } = useSession();
  // A unit answers for itself, and records the answers of the person and others.
  const own = plan.participants.find((p) => p.kind === 'unit' && p.unitId === assignment?.unitId);
  const [participant, setParticipant] = useState(own?.id ?? plan.participants[0]?.id ?? '');
  const [reply, setReply] = useState('accepted');
  const [outcome, setOutcome] = useState('');
  const [activate, setActivate] = useState(false);
  const answer = useMutation({
    mutationFn: () =>
      post<SipMeeting>(`/api/v1/sip-meetings/${encodeURIComponent(meeting.id)}/replies`, { participantId: participant, reply }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: sipKeys.plan(plan.id) }),
  });
  const record = usePlanMutation(plan, async (body: unknown, version) =>
    (await request<SipPlanFull>(`/api/v1/sip-meetings/${encodeURIComponent(meeting.id)}/outcome`, { method: 'POST', body, ifMatch: version })).data,
  );
  return (
    <div className="nara-stack">
      <div className="nara-row__fields">
        <SelectField
          label={t('sip.meetings.participant')}
          value={participant}
          onChange={setParticipant}
          options={plan.participants.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          label={t('sip.meetings.reply')}
          value={reply}
          onChange={setReply}
          options={['accepted', 'tentative', 'declined'].map((r) => ({ value: r, label: t(`sip.reply.${r}`) }))}
        />
      </div>
      {answer.error && <ProblemAlert error={answer.error} />}
      <div className="nara-buttons">
        <Button type="button" variant="secondary" data-size="sm" onClick={() => answer.mutate()} loading={answer.isPending}>
          {t('sip.meetings.recordReply')}
        </Button>
      </div>
      <Textfield multiline rows={2} label={t('sip.meetings.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      {/* A samordnad vårdplan is established by the units' approvals, not at a meeting. */}
      {plan.state === 'draft' && !isCarePlan(plan.kind) && <Checkbox label={t('sip.meetings.activate')} checked={activate} onChange={(e) => setActivate(e.target.checked)} />}
      {record.error && <ProblemAlert error={record.error} title={t('sip.actions.refused')} />}
      <div className="nara-buttons">
        <Button type="button" variant="secondary" data-size="sm" onClick={() => record.mutate({ outcome, activate })} loading={record.isPending}>
          {t('sip.meetings.recordOutcome')}
        </Button>
      </div>
    </div>
  );
}
