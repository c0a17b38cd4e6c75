import { forwardRef, useState, type FormEvent } from 'react';
import { Button, Card, Field, Heading, Label, Paragraph, Select, Spinner, Table, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useDeleteWardCode, useHospitalWards, useSaveWardCode, useWardCodes } from '../../api/hl7Queries';
import type { WardCode } from '../../api/hl7Types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { draftBody, draftFromCode, duplicateOf, EMPTY_DRAFT, validateDraft, type DraftErrors, type WardCodeDraft } from '../../lib/hl7Codes';

export interface Editing {
  draft: WardCodeDraft;
  /** The mapping being changed; none for a new one. */
  code?: WardCode;
}

/** The county administrator's table: a hospital's own ward code (with its facility) → a Nära ward. */
export const WardCodeSection = forwardRef<HTMLSelectElement, { editing: Editing; setEditing: (e: Editing) => void; onStatus: (text: string) => void }>(
  function WardCodeSection({ editing, setEditing, onStatus }, wardRef) {
    const { t } = useTranslation();
    const codes = useWardCodes();
    const wards = useHospitalWards();
    const save = useSaveWardCode();
    const remove = useDeleteWardCode();
    const [errors, setErrors] = useState<DraftErrors>({});
    const [confirming, setConfirming] = useState<string | null>(null);
    const { draft, code } = editing;
    const set = (field: keyof WardCodeDraft) => (value: string) => setEditing({ ...editing, draft: { ...draft, [field]: value } });
    const wardName = (id: string) => wards.data?.items.find((w) => w.id === id)?.name ?? '';

    async function onSubmit(e: FormEvent) {
      e.preventDefault();
      const next = validateDraft(draft);
      if (!next.pointOfCare && duplicateOf(codes.data?.items ?? [], draft, code?.id)) next.pointOfCare = 'hl7.form.duplicate';
      setErrors(next);
      if (Object.keys(next).length > 0) return;
      try {
        const saved = await save.mutateAsync({ id: code?.id, version: code?.version, body: draftBody(draft) });
        onStatus(t(code ? 'hl7.codes.changed' : 'hl7.codes.added', { code: saved.pointOfCare, facility: saved.facility, ward: saved.unitName }));
        setEditing({ draft: EMPTY_DRAFT });
        save.reset();
      } catch (err) {
        // The server names the field (problem+json); anything else is shown below the form.
        if (err instanceof ApiError) {
          const fields = err.fieldErrors();
          if (Object.keys(fields).length > 0) setErrors(fields);
        }
      }
    }

    const messageOf = (field: keyof WardCodeDraft) => {
      const e = errors[field];
      if (!e) return undefined;
      return e.startsWith('hl7.') ? t(e) : e;
    };
    const problem = save.error instanceof ApiError && Object.keys(save.error.fieldErrors()).length > 0 ? null : save.error;

    return (
      <section className="nara-section" aria-labelledby="codes-heading">
        <Heading level={2} data-size="sm" id="codes-heading">
          {t('hl7.codes.title')}
        </Heading>
        <Paragraph data-size="sm" className="nara-muted">
          {t('hl7.codes.help')}
        </Paragraph>
        <Card className="nara-card">
          <form onSubmit={onSubmit} noValidate className="nara-form" aria-labelledby="code-form-heading" data-testid="ward-code-form">
            <Heading level={3} data-size="xs" id="code-form-heading">
              {code ? t('hl7.form.editTitle', { code: code.pointOfCare }) : t('hl7.form.newTitle')}
            </Heading>
            <Textfield
              label={t('hl7.form.facility')}
              description={t('hl7.form.facilityHelp')}
              value={draft.facility}
              onChange={(e) => set('facility')(e.target.value)}
              error={messageOf('facility')}
              autoComplete="off"
            />
            <Textfield
              label={t('hl7.form.pointOfCare')}
              description={t('hl7.form.pointOfCareHelp')}
              value={draft.pointOfCare}
              onChange={(e) => set('pointOfCare')(e.target.value)}
              error={messageOf('pointOfCare')}
              autoComplete="off"
            />
            <Field>
              <Label>{t('hl7.form.ward')}</Label>
              <Select ref={wardRef} value={draft.unitId} onChange={(e) => set('unitId')(e.target.value)} aria-invalid={!!errors.unitId} data-testid="ward-select">
                <Select.Option value="">{t('hl7.form.chooseWardOption')}</Select.Option>
                {(wards.data?.items ?? []).map((w) => (
                  <Select.Option key={w.id} value={w.id}>
                    {w.name}
                  </Select.Option>
                ))}
              </Select>
              {messageOf('unitId') && <ValidationMessage>{messageOf('unitId')}</ValidationMessage>}
            </Field>
            <Textfield label={t('hl7.form.note')} value={draft.note} onChange={(e) => set('note')(e.target.value)} error={messageOf('note')} />
            {problem && <ProblemAlert error={problem} />}
            {wards.error && <ProblemAlert error={wards.error} />}
            <div className="nara-buttons">
              <Button type="submit" loading={save.isPending} disabled={save.isPending}>
                {code ? t('hl7.form.saveChange') : t('hl7.form.save')}
              </Button>
              {(code || draft !== EMPTY_DRAFT) && (
                <Button
                  type="button"
                  variant="tertiary"
                  onClick={() => {
                    setErrors({});
                    save.reset();
                    setEditing({ draft: EMPTY_DRAFT });
                  }}
                >
                  {t('common.cancel')}
                </Button>
              )}
            </div>
          </form>
        </Card>
        {codes.isPending && <Spinner aria-label={t('common.loading')} />}
        {codes.error && <ProblemAlert error={codes.error} />}
        {remove.error && <ProblemAlert error={remove.error} />}
        {codes.data && codes.data.items.length === 0 && <Paragraph data-testid="codes-empty">{t('hl7.codes.empty')}</Paragraph>}
        {codes.data && codes.data.items.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="codes-table">
              <caption className="nara-sr-only">{t('hl7.codes.title')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('hl7.col.facility')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('hl7.col.code')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('hl7.col.ward')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('hl7.col.note')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('hl7.col.actions')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {codes.data.items.map((c) => (
                  <Table.Row key={c.id} data-testid="code-row">
                    <Table.Cell>{c.facility}</Table.Cell>
                    <Table.Cell>
                      <code>{c.pointOfCare}</code>
                    </Table.Cell>
                    <Table.Cell>
                      {c.unitName || wardName(c.unitId)}
                      <span className="nara-muted nara-block">{c.unitHsaId}</span>
                    </Table.Cell>
                    <Table.Cell>{c.note ?? ''}</Table.Cell>
                    <Table.Cell>
                      <div className="nara-buttons">
                        {confirming === c.id ? (
                          <>
                            <Button
                              variant="primary"
                              data-color="danger"
                              data-size="sm"
                              loading={remove.isPending}
                              onClick={async () => {
                                try {
                                  await remove.mutateAsync(c.id);
                                  onStatus(t('hl7.codes.removed', { code: c.pointOfCare, facility: c.facility }));
                                  if (code?.id === c.id) setEditing({ draft: EMPTY_DRAFT });
                                } catch {
                                  // shown above the table
                                }
                                setConfirming(null);
                              }}
                            >
                              {t('hl7.codes.confirmRemove', { code: c.pointOfCare })}
                            </Button>
                            <Button variant="tertiary" data-size="sm" onClick={() => setConfirming(null)}>
                              {t('common.cancel')}
                            </Button>
                          </>
                        ) : (
                          <>
                            <Button
                              variant="secondary"
                              data-size="sm"
                              aria-label={t('hl7.codes.editFor', { code: c.pointOfCare, facility: c.facility })}
                              onClick={() => {
                                setErrors({});
                                save.reset();
                                setEditing({ draft: draftFromCode(c), code: c });
                                document.getElementById('code-form-heading')?.scrollIntoView({ block: 'start' });
                              }}
                            >
                              {t('hl7.codes.edit')}
                            </Button>
                            <Button
                              variant="tertiary"
                              data-size="sm"
                              aria-label={t('hl7.codes.removeFor', { code: c.pointOfCare, facility: c.facility })}
                              onClick={() => setConfirming(c.id)}
                            >
                              {t('hl7.codes.remove')}
                            </Button>
                          </>
                        )}
                      </div>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    );
  },
);
