import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Field, Heading, Label, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { post } from '../api/client';
import type { EmergencyAccess } from '../api/types';
import { ProblemAlert } from './ProblemAlert';

export const EMERGENCY_MINUTES = [15, 30, 60, 120, 240] as const;
export const MIN_REASON = 10;

/** Nödåtkomst (2022:913 3:5–3:6, PDL 4:5 p.2): a stated reason and a duration; flagged for review. */
export function EmergencyAccessDialog({ personId, personName }: { personId: string; personName: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    ref.current?.close();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (reason.trim().length < MIN_REASON) {
      setReasonError(t('emergency.reasonShort', { n: MIN_REASON }));
      return;
    }
    setReasonError(null);
    setBusy(true);
    try {
      await post<EmergencyAccess>(`/api/v1/persons/${encodeURIComponent(personId)}/emergency-access`, {
        reason: reason.trim(),
        minutes,
      });
      await qc.invalidateQueries({ queryKey: ['sharing', personId] });
      await qc.invalidateQueries({ queryKey: ['episode'] });
      await qc.invalidateQueries({ queryKey: ['person-episodes', personId] });
      setReason('');
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="secondary" data-color="danger" onClick={() => ref.current?.showModal()}>
        {t('emergency.open')}
      </Button>
      <Dialog ref={ref} closeButton={t('common.close')} aria-labelledby="emergency-title" closedby="any">
        <form onSubmit={onSubmit} noValidate className="nara-form">
          <Heading level={2} data-size="sm" id="emergency-title">
            {t('emergency.title', { name: personName })}
          </Heading>
          <Alert data-color="warning">{t('emergency.warning')}</Alert>
          <Textfield
            multiline
            rows={3}
            label={t('emergency.reason')}
            description={t('emergency.reasonHelp', { n: MIN_REASON })}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError ?? undefined}
            required
          />
          <Field>
            <Label>{t('emergency.duration')}</Label>
            <Select value={String(minutes)} onChange={(e) => setMinutes(Number(e.target.value))}>
              {EMERGENCY_MINUTES.map((m) => (
                <Select.Option key={m} value={String(m)}>
                  {t('emergency.minutes', { count: m })}
                </Select.Option>
              ))}
            </Select>
          </Field>
          {error !== null && <ProblemAlert error={error} />}
          <Paragraph data-size="sm">{t('emergency.logged')}</Paragraph>
          <div className="nara-buttons">
            <Button type="submit" data-color="danger" loading={busy} disabled={busy}>
              {t('emergency.confirm')}
            </Button>
            <Button type="button" variant="tertiary" onClick={close}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
