import { useState } from 'react';
import { Alert, Button, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../../api/client';
import { useUnit } from '../../api/queries';
import { sipKeys, useContactCandidates, useNamedContacts } from '../../api/sipQueries';
import type { NamedContact } from '../../api/sipTypes';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { principalOfUnitKind } from '../../lib/sip';
import { formatDate } from '../../lib/time';

/** The person's fast vårdkontakt (region, HSL 6:2, 2017:612 2:5) and fast omsorgskontakt
 * (municipality): shown, appointed (the signed-in staff member or a colleague at their unit), ended. */
export function NamedContactsSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const { session, assignment } = useSession();
  const unit = useUnit(assignment?.unitId);
  const q = useNamedContacts(personId);
  const qc = useQueryClient();
  const principal = unit.data ? principalOfUnitKind(unit.data.kind) : null;
  const kind = principal === 'region' ? 'fast_vardkontakt' : 'fast_omsorgskontakt';
  const candidates = useContactCandidates(principal ? assignment?.unitId : null);
  const [chosen, setChosen] = useState('');
  const userId = chosen || session?.user.id;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: sipKeys.contacts(personId) });
    void qc.invalidateQueries({ queryKey: ['sip'] });
  };
  const appoint = useMutation({
    mutationFn: () =>
      post<NamedContact>(`/api/v1/persons/${encodeURIComponent(personId)}/named-contacts`, {
        kind,
        userId,
        unitId: assignment?.unitId ?? undefined,
      }),
    onSuccess: refresh,
  });
  const end = useMutation({
    mutationFn: (id: string) => post<void>(`/api/v1/named-contacts/${encodeURIComponent(id)}/end`),
    onSuccess: refresh,
  });
  const current = q.data?.items.find((c) => c.userId === userId && c.kind === kind && c.unitId === assignment?.unitId);
  return (
    <section className="nara-section" aria-labelledby="contacts-heading">
      <div className="nara-section__head">
        <Heading level={2} data-size="sm" id="contacts-heading">
          {t('contacts.title')}
        </Heading>
      </div>
      <Paragraph data-size="sm" className="nara-muted">
        {t('contacts.intro')}
      </Paragraph>
      {principal && (
        <div className="nara-filters__row">
          <SelectField
            label={t(`contacts.who.${kind}`)}
            value={userId ?? ''}
            onChange={setChosen}
            options={(candidates.data?.items ?? [{ userId: session?.user.id ?? '', displayName: session?.user.displayName ?? '', title: '' }]).map((c) => ({
              value: c.userId,
              label: c.userId === session?.user.id ? t('contacts.me', { name: c.displayName }) : `${c.displayName}${c.title ? ` (${c.title})` : ''}`,
            }))}
          />
          <div>
            <Button variant="secondary" data-size="sm" onClick={() => appoint.mutate()} loading={appoint.isPending} disabled={!!current}>
              {t(`contacts.appoint.${kind}`)}
            </Button>
          </div>
        </div>
      )}
      {current && <Paragraph data-size="sm">{t('contacts.already', { name: current.userName })}</Paragraph>}
      {appoint.error && <ProblemAlert error={appoint.error} />}
      {end.error && <ProblemAlert error={end.error} />}
      {appoint.isSuccess && (
        <Alert data-color="success" role="status">
          {t('contacts.appointed')}
        </Alert>
      )}
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && <Paragraph>{t('contacts.none')}</Paragraph>}
      {q.data && q.data.items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="named-contacts">
            <caption className="nara-sr-only">{t('contacts.title')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('contacts.col.kind')}</Table.HeaderCell>
                <Table.HeaderCell>{t('contacts.col.who')}</Table.HeaderCell>
                <Table.HeaderCell>{t('contacts.col.unit')}</Table.HeaderCell>
                <Table.HeaderCell>{t('contacts.col.since')}</Table.HeaderCell>
                <Table.HeaderCell>
                  <span className="nara-sr-only">{t('contacts.col.actions')}</span>
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {q.data.items.map((c) => (
                <Table.Row key={c.id}>
                  <Table.Cell>{t(`contacts.kind.${c.kind}`)}</Table.Cell>
                  <Table.Cell>{c.userName}</Table.Cell>
                  <Table.Cell>{c.unitName}</Table.Cell>
                  <Table.Cell>{formatDate(c.validFrom, i18n.language)}</Table.Cell>
                  <Table.Cell>
                    {c.unitId === assignment?.unitId && (
                      <Button variant="tertiary" data-size="sm" data-color="danger" onClick={() => end.mutate(c.id)}>
                        {t('contacts.end', { name: c.userName })}
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
  );
}
