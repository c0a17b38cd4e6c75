import { useRef, useState } from 'react';
import { Button, Heading, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useDiscard, useHeldMessages, useReprocess } from '../../api/hl7Queries';
import type { HeldMessage, HeldState, ReprocessResult } from '../../api/hl7Types';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { draftFromHeld, EMPTY_DRAFT, errorCodeKey, mayReprocess } from '../../lib/hl7Codes';
import { formatDateTime } from '../../lib/time';
import { WardCodeSection, type Editing } from './WardCodeSection';

const STATES: (HeldState | 'all')[] = ['open', 'processed', 'discarded', 'all'];

/** HL7 v2 as hospitals send it (issue 20 point 5): the messages held because a ward code was not
 * mapped, and the table that maps the hospitals' codes to Nära's wards. The county administrator's. */
export function Hl7CodesPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>({ draft: EMPTY_DRAFT });
  const [status, setStatus] = useState('');
  const wardSelect = useRef<HTMLSelectElement>(null);
  return (
    <>
      <PageTitle title={t('hl7.title')}>{t('hl7.title')}</PageTitle>
      <Paragraph>{t('hl7.intro')}</Paragraph>
      <div role="status" className="nara-status" data-testid="hl7-status">
        {status}
      </div>
      <HeldSection
        onStatus={setStatus}
        onMap={(m) => {
          setEditing({ draft: draftFromHeld(m) });
          // The facility and code are filled in: what is left is the ward.
          setTimeout(() => wardSelect.current?.focus(), 0);
        }}
      />
      <WardCodeSection ref={wardSelect} editing={editing} setEditing={setEditing} onStatus={setStatus} />
    </>
  );
}

function HeldSection({ onStatus, onMap }: { onStatus: (s: string) => void; onMap: (m: HeldMessage) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [state, setState] = useState<HeldState | 'all'>('open');
  const held = useHeldMessages(state);
  const reprocess = useReprocess();
  const discard = useDiscard();
  const items = held.data?.items ?? [];

  const describe = (r: ReprocessResult) => {
    if (r.results.length === 0) return t('hl7.held.nothingToDo');
    const accepted = r.results.filter((x) => x.ackCode === 'AA').length;
    const first = r.results[0];
    if (first.ackCode !== 'AA') return t('hl7.held.stillRefused', { code: first.errorCode ?? '', reason: first.reason });
    return t('hl7.held.reprocessed', { count: r.results.length, accepted });
  };

  return (
    <section className="nara-section" aria-labelledby="held-heading">
      <Heading level={2} data-size="sm" id="held-heading">
        {t('hl7.held.title')}
      </Heading>
      <Paragraph data-size="sm" className="nara-muted">
        {t('hl7.held.help')}
      </Paragraph>
      <div className="nara-filters__row">
        <SelectField
          label={t('hl7.held.show')}
          value={state}
          onChange={(v) => setState(v as HeldState | 'all')}
          options={STATES.map((s) => ({ value: s, label: t(`hl7.state.${s}`) }))}
          testId="held-state"
        />
      </div>
      {held.data && (
        <Paragraph data-testid="held-open-count">{t('hl7.held.openCount', { count: held.data.open })}</Paragraph>
      )}
      {held.isPending && <Spinner aria-label={t('common.loading')} />}
      {held.error && <ProblemAlert error={held.error} />}
      {reprocess.error && <ProblemAlert error={reprocess.error} />}
      {discard.error && <ProblemAlert error={discard.error} />}
      {held.data && items.length === 0 && <Paragraph data-testid="held-empty">{t('hl7.held.empty')}</Paragraph>}
      {items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="held-table">
            <caption className="nara-sr-only">{t('hl7.held.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('hl7.col.received')}</Table.HeaderCell>
                <Table.HeaderCell>{t('hl7.col.message')}</Table.HeaderCell>
                <Table.HeaderCell>{t('hl7.col.facilityAndCode')}</Table.HeaderCell>
                <Table.HeaderCell>{t('hl7.col.lastAnswer')}</Table.HeaderCell>
                <Table.HeaderCell>{t('hl7.col.actions')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {items.map((m) => (
                <Table.Row key={m.id} data-testid="held-row">
                  <Table.Cell>
                    {formatDateTime(m.receivedAt, lng)}
                    {m.attempts > 1 && <span className="nara-muted nara-block">{t('hl7.held.attempts', { count: m.attempts })}</span>}
                  </Table.Cell>
                  <Table.Cell>
                    {m.triggerEvent}
                    <span className="nara-muted nara-block">
                      {m.sender} · {m.controlId}
                    </span>
                  </Table.Cell>
                  <Table.Cell>
                    {m.facility}
                    <span className="nara-block">
                      <code>{m.pointOfCare}</code>{' '}
                      <Tag data-size="sm" data-color={m.mapped ? 'success' : 'warning'}>
                        {m.mapped ? t('hl7.held.mapped') : t('hl7.held.unmapped')}
                      </Tag>
                    </span>
                  </Table.Cell>
                  <Table.Cell>
                    {m.state === 'open' ? (
                      <>
                        {m.ackCode} {m.errorCode} – {t(errorCodeKey(m.errorCode))}
                        <span className="nara-muted nara-block">{m.reason}</span>
                      </>
                    ) : (
                      <>
                        {t(`hl7.state.${m.state}`)}
                        <span className="nara-muted nara-block">
                          {formatDateTime(m.processedAt, lng)}
                          {m.processedBy ? ` · ${m.processedBy}` : ''}
                        </span>
                      </>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    {m.state === 'open' && (
                      <div className="nara-buttons">
                        {!m.mapped && m.errorCode === 103 && (
                          <Button
                            variant="secondary"
                            data-size="sm"
                            aria-label={t('hl7.held.mapFor', { code: m.pointOfCare, facility: m.facility })}
                            onClick={() => onMap(m)}
                          >
                            {t('hl7.held.map')}
                          </Button>
                        )}
                        {mayReprocess(m) && (
                          <Button
                            variant="primary"
                            data-size="sm"
                            loading={reprocess.isPending && reprocess.variables === m.id}
                            disabled={reprocess.isPending}
                            aria-label={t('hl7.held.reprocessFor', { event: m.triggerEvent, control: m.controlId })}
                            onClick={async () => {
                              try {
                                onStatus(describe(await reprocess.mutateAsync(m.id)));
                              } catch {
                                // shown above the table
                              }
                            }}
                          >
                            {t('hl7.held.reprocess')}
                          </Button>
                        )}
                        <Button
                          variant="tertiary"
                          data-size="sm"
                          disabled={discard.isPending}
                          aria-label={t('hl7.held.discardFor', { event: m.triggerEvent, control: m.controlId })}
                          onClick={async () => {
                            try {
                              await discard.mutateAsync(m.id);
                              onStatus(t('hl7.held.discarded', { event: m.triggerEvent, control: m.controlId }));
                            } catch {
                              // shown above the table
                            }
                          }}
                        >
                          {t('hl7.held.discard')}
                        </Button>
                      </div>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
