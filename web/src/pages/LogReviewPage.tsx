import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Dialog, Fieldset, Heading, Paragraph, Radio, Spinner, Table, Tag, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useLogReview, useRecordReview } from '../api/queries';
import type { ReviewItem, ReviewOutcome } from '../api/types';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { defaultPeriod, isDate, periodRange, REVIEW_REASONS, reviewCounts, sortForReview } from '../lib/logReview';
import { formatDate, formatDateTime } from '../lib/time';

const OUTCOMES: ReviewOutcome[] = ['justified', 'unjustified', 'needs_follow_up'];

/** Loggkontroll (PDL 4:3, HSLF-FS 2016:40 4 kap. 9 §): the accesses to check and the documented outcome. */
export function LogReviewPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [search, setSearch] = useSearchParams();
  const fallback = useMemo(() => defaultPeriod(new Date()), []);
  const from = isDate(search.get('fran')) ? search.get('fran')! : fallback.from;
  const to = isDate(search.get('till')) ? search.get('till')! : fallback.to;
  const range = periodRange(from, to);
  const selection = useLogReview(range.from, range.to);
  const items = useMemo(() => sortForReview(selection.data?.items ?? []), [selection.data]);
  const counts = reviewCounts(items);
  const [current, setCurrent] = useState<ReviewItem | null>(null);
  const [status, setStatus] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);

  const setPeriod = (next: { fran?: string; till?: string }) =>
    setSearch({ fran: next.fran ?? from, till: next.till ?? to }, { replace: true });

  return (
    <>
      <PageTitle title={t('logReview.title')}>{t('logReview.title')}</PageTitle>
      <Paragraph>{t('logReview.intro')}</Paragraph>
      <Fieldset className="nara-filters">
        <Fieldset.Legend>{t('logReview.period')}</Fieldset.Legend>
        <div className="nara-filters__row">
          <Textfield
            label={t('logReview.from')}
            type="date"
            value={from}
            max={to}
            onChange={(e) => {
              if (isDate(e.target.value)) setPeriod({ fran: e.target.value });
            }}
          />
          <Textfield
            label={t('logReview.to')}
            type="date"
            value={to}
            min={from}
            onChange={(e) => {
              if (isDate(e.target.value)) setPeriod({ till: e.target.value });
            }}
          />
        </div>
      </Fieldset>

      <section className="nara-section" aria-labelledby="selection-heading">
        <Heading level={2} data-size="sm" id="selection-heading">
          {t('logReview.selection', { from: formatDate(from, lng), to: formatDate(to, lng) })}
        </Heading>
        <Paragraph data-size="sm" className="nara-muted">
          {t('logReview.selectionHelp')}
        </Paragraph>
        {selection.isPending && <Spinner aria-label={t('common.loading')} />}
        {selection.error && <ProblemAlert error={selection.error} />}
        {selection.data && (
          <div className="nara-summary" data-testid="review-counts">
            <Card data-color={counts.reviewed < counts.total ? 'warning' : 'neutral'}>
              <span className="nara-summary__n" data-testid="count-unreviewed">{counts.total - counts.reviewed}</span>
              <span>{t('logReview.countUnreviewed', { total: counts.total })}</span>
            </Card>
            {REVIEW_REASONS.map((r) => (
              <Card key={r} data-color="neutral">
                <span className="nara-summary__n">{counts[r]}</span>
                <span>{t(`logReview.countReason.${r}`, { count: counts[r] })}</span>
              </Card>
            ))}
          </div>
        )}
        <div role="status" className="nara-status" data-testid="review-status">
          {status}
        </div>
        {selection.data && items.length === 0 && <Paragraph data-testid="review-empty">{t('logReview.empty')}</Paragraph>}
        {items.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="review-table">
              <caption className="nara-sr-only">{t('logReview.caption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('logReview.col.when')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('logReview.col.who')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('logReview.col.person')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('logReview.col.action')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('logReview.col.why')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('logReview.col.review')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {items.map((i) => (
                  // A list entry (a worklist shown) is one row per person it names, all with its seq.
                  <Table.Row key={`${i.seq}:${i.personId ?? ''}`} data-testid="review-row">
                    <Table.Cell>{formatDateTime(i.at, lng)}</Table.Cell>
                    <Table.Cell>
                      {i.userName ?? '–'}
                      {i.unitName && <span className="nara-muted nara-block">{i.unitName}</span>}
                    </Table.Cell>
                    <Table.Cell>{i.personName ?? '–'}</Table.Cell>
                    <Table.Cell>
                      {t(`audit.action.${i.action}`, i.action)}
                      {i.purpose && <span className="nara-muted nara-block">{i.purpose}</span>}
                    </Table.Cell>
                    <Table.Cell>
                      <span className="nara-tags">
                        {i.reasons.map((r) => (
                          <Tag key={r} data-size="sm" data-color={r === 'sample' ? 'neutral' : 'warning'}>
                            {t(`logReview.reason.${r}`)}
                          </Tag>
                        ))}
                      </span>
                    </Table.Cell>
                    <Table.Cell>
                      {i.reviewOutcome ? (
                        <>
                          <Tag data-size="sm" data-color={i.reviewOutcome === 'justified' ? 'success' : 'danger'}>
                            {t(`logReview.outcome.${i.reviewOutcome}`)}
                          </Tag>
                          {i.reviewNote && <span className="nara-muted nara-block">{i.reviewNote}</span>}
                        </>
                      ) : (
                        <Button
                          variant="secondary"
                          data-size="sm"
                          aria-label={t('logReview.documentFor', { who: i.userName ?? '–', when: formatDateTime(i.at, lng) })}
                          onClick={() => {
                            setCurrent(i);
                            dialog.current?.showModal();
                          }}
                        >
                          {t('logReview.document')}
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
      <Dialog ref={dialog} closeButton={t('common.close')} aria-labelledby="review-title" closedby="any" onClose={() => setCurrent(null)}>
        {current && (
          <ReviewForm
            key={current.seq}
            item={current}
            onDone={(outcome) => {
              setStatus(t('logReview.recorded', { outcome: t(`logReview.outcome.${outcome}`), who: current.userName ?? '–' }));
              dialog.current?.close();
            }}
            onCancel={() => dialog.current?.close()}
          />
        )}
      </Dialog>
    </>
  );
}

function ReviewForm({ item, onDone, onCancel }: { item: ReviewItem; onDone: (o: ReviewOutcome) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const record = useRecordReview();
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; note?: string }>({});

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!outcome) next.outcome = t('logReview.outcomeRequired');
    if (outcome && outcome !== 'justified' && !note.trim()) next.note = t('logReview.noteRequired');
    setErrors(next);
    if (next.outcome || next.note || !outcome) return;
    try {
      await record.mutateAsync({ seq: item.seq, outcome, note });
      onDone(outcome);
    } catch {
      // shown below from record.error
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="nara-form">
      <Heading level={2} data-size="sm" id="review-title">
        {t('logReview.formTitle')}
      </Heading>
      <Paragraph data-size="sm">
        {t('logReview.formWhat', {
          who: item.userName ?? '–',
          unit: item.unitName ?? '–',
          person: item.personName ?? '–',
          when: formatDateTime(item.at, i18n.language),
        })}
      </Paragraph>
      <Fieldset aria-describedby={errors.outcome ? 'outcome-error' : undefined}>
        <Fieldset.Legend>{t('logReview.outcomeLegend')}</Fieldset.Legend>
        {errors.outcome && <ValidationMessage id="outcome-error">{errors.outcome}</ValidationMessage>}
        {OUTCOMES.map((o) => (
          <Radio
            key={o}
            name="outcome"
            value={o}
            label={t(`logReview.outcome.${o}`)}
            checked={outcome === o}
            onChange={() => setOutcome(o)}
          />
        ))}
      </Fieldset>
      <Textfield
        multiline
        rows={3}
        label={t('logReview.note')}
        description={t('logReview.noteHelp')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={errors.note}
      />
      {record.error && <ProblemAlert error={record.error} />}
      {outcome === 'unjustified' && <Alert data-color="warning">{t('logReview.unjustifiedHelp')}</Alert>}
      <div className="nara-buttons">
        <Button type="submit" loading={record.isPending} disabled={record.isPending}>
          {t('logReview.save')}
        </Button>
        <Button type="button" variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
