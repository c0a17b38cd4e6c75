import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { planEvent, usePlanMutation } from '../../api/sipQueries';
import type { SipEventKind, SipPlanFull } from '../../api/sipTypes';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { useSession } from '../../auth/session';
import { checklistComplete, checklistFor, isCarePlan, sipEvents } from '../../lib/sip';

/** Activate, follow up, close, consent: the events the plan's state allows (If-Match). A refused
 * activation lists every missing item, as the server names them. A samordnad vårdplan is
 * approved (justerad) instead, by each unit whose approval is missing. */
export function SipActions({ plan }: { plan: SipPlanFull }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<SipEventKind | null>(null);
  const [done, setDone] = useState<SipEventKind | null>(null);
  const send = usePlanMutation(plan, (body: Record<string, unknown>, version) => planEvent(plan.id, body, version));
  const { assignment } = useSession();
  const carePlan = isCarePlan(plan.kind);
  const mayApprove = !!assignment?.unitId && (plan.missingApprovals ?? []).includes(assignment.unitId);
  const events = sipEvents(plan.state, !!plan.consent?.inForce, carePlan ? { mayApprove } : null);
  if (events.length === 0) return null;
  const complete = checklistComplete(checklistFor(plan));
  return (
    <section className="nara-section nara-actions" aria-labelledby="sip-actions-h">
      <Heading level={2} data-size="sm" id="sip-actions-h">
        {t('sip.actions.title')}
      </Heading>
      {done && !send.error && (
        <Alert data-color="success" role="status" data-testid="sip-event-done">
          {t('sip.actions.done', { event: t(`sip.event.${done}`) })}
        </Alert>
      )}
      {send.error && <ProblemAlert error={send.error} title={t('sip.actions.refused')} />}
      <div className="nara-buttons">
        {events.map((k) => (
          <Button
            key={k}
            variant={open === k ? 'primary' : 'secondary'}
            data-color={k === 'close' || k === 'withdraw_consent' ? 'danger' : undefined}
            aria-expanded={open === k}
            aria-controls="sip-event-form"
            onClick={() => {
              send.reset();
              setDone(null);
              setOpen(open === k ? null : k);
            }}
          >
            {t(`sip.event.${k}`)}
          </Button>
        ))}
      </div>
      {open && (
        <div id="sip-event-form">
          <EventForm
            key={open}
            kind={open}
            warnIncomplete={(open === 'activate' || open === 'approve') && !complete}
            busy={send.isPending}
            onCancel={() => setOpen(null)}
            onSubmit={(body) =>
              send.mutate(body, {
                onSuccess: () => {
                  setOpen(null);
                  setDone(open);
                },
              })
            }
          />
        </div>
      )}
    </section>
  );
}

function EventForm({
  kind,
  warnIncomplete,
  busy,
  onSubmit,
  onCancel,
}: {
  kind: SipEventKind;
  warnIncomplete: boolean;
  busy: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [next, setNext] = useState('');
  const [reason, setReason] = useState('');
  const [givenBy, setGivenBy] = useState('person');
  const [scope, setScope] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = { kind };
    if (kind === 'complete_follow_up') {
      body.outcome = outcome;
      if (next) body.nextFollowUp = next;
    }
    if (kind === 'close' && reason.trim()) body.reason = reason.trim();
    if (kind === 'give_consent') body.consent = { givenBy, scope };
    onSubmit(body);
  }

  return (
    <Card className="nara-card">
      <form onSubmit={submit} noValidate className="nara-form" aria-label={t(`sip.event.${kind}`)}>
        <Heading level={3} data-size="xs">
          {t(`sip.event.${kind}`)}
        </Heading>
        <Paragraph data-size="sm">{t(`sip.eventHelp.${kind}`)}</Paragraph>
        {warnIncomplete && (
          <Alert data-color="warning" data-testid="activate-warning">
            {t('sip.actions.incompleteWarning')}
          </Alert>
        )}
        {kind === 'complete_follow_up' && (
          <>
            <Textfield multiline rows={3} label={t('sip.actions.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
            <Textfield type="date" label={t('sip.actions.nextFollowUp')} value={next} onChange={(e) => setNext(e.target.value)} />
          </>
        )}
        {kind === 'close' && (
          <Textfield multiline rows={2} label={t('sip.actions.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
        {kind === 'give_consent' && (
          <>
            <SelectField
              label={t('sip.consent.givenBy')}
              value={givenBy}
              onChange={setGivenBy}
              options={['person', 'legal_representative'].map((v) => ({ value: v, label: t(`sip.consent.by.${v}`) }))}
            />
            <Textfield multiline rows={2} label={t('sip.consent.scope')} value={scope} onChange={(e) => setScope(e.target.value)} />
          </>
        )}
        <div className="nara-buttons">
          <Button type="submit" loading={busy} disabled={busy}>
            {t('sip.actions.confirm', { event: t(`sip.event.${kind}`) })}
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
