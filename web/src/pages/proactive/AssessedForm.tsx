import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Heading, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useRecordProactiveAction } from '../../api/followUpQueries';
import { ProblemAlert } from '../../components/ProblemAlert';
import { actionBody, isoDate, NOTE_MAX, reviewRange, suggestedReview, validateAction } from '../../lib/proactive';
import { formatDate } from '../../lib/time';

/** "Bedömd – ingen åtgärd": when to look again (required) and an optional note. */
export function AssessedForm({
  personId,
  name,
  onDone,
  onCancel,
}: {
  personId: string;
  name: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const today = isoDate(new Date());
  const range = reviewRange(today);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  const record = useRecordProactiveAction();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const problems = validateAction('assessed_no_action', { nextReviewOn: date, note }, today);
  const server = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const dateError = shown && problems.nextReviewOn
    ? t(`proactive.form.problem.${problems.nextReviewOn}`, { min: formatDate(range.min, lng), max: formatDate(range.max, lng) })
    : server.nextReviewOn;
  const noteError = shown && problems.note ? t('proactive.form.problem.noteTooLong', { max: NOTE_MAX }) : server.note;
  const otherError = record.error && !server.nextReviewOn && !server.note ? record.error : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setShown(true);
    if (Object.keys(problems).length > 0) {
      first.current?.focus();
      return;
    }
    try {
      await record.mutateAsync(actionBody(personId, 'assessed_no_action', { nextReviewOn: date, note }));
      onDone(t('proactive.recordedAssessed', { name, date: formatDate(date, lng) }));
    } catch {
      /* shown below */
    }
  }

  return (
    <form className="nara-form nara-assessed" onSubmit={submit} noValidate data-testid="assessed-form" aria-labelledby={`assessed-${personId}`}>
      <Heading level={4} data-size="2xs" id={`assessed-${personId}`}>
        {t('proactive.form.title', { name })}
      </Heading>
      <Textfield
        ref={first}
        label={t('proactive.form.nextReview')}
        description={t('proactive.form.nextReviewHelp', { suggestion: formatDate(suggestedReview(today), lng) })}
        type="date"
        min={range.min}
        max={range.max}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={dateError || undefined}
        required
      />
      <Textfield
        multiline
        rows={2}
        label={t('proactive.form.note')}
        description={t('proactive.form.noteHelp')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={noteError || undefined}
      />
      {otherError && <ProblemAlert error={otherError} title={t('proactive.failed')} />}
      <div className="nara-buttons">
        <Button type="submit" loading={record.isPending} disabled={record.isPending}>
          {t('proactive.form.save')}
        </Button>
        <Button type="button" variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
