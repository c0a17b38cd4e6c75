import { Heading, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useCareTeam, useMyConsents, useSharing } from '../../api/queries';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { consentStatus, sortConsents } from '../../lib/consents';
import { formatDate } from '../../lib/time';

/** My blocks (spärrar), consents (samtycken) and the units that take part in my care. */
export function SharingPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const personId = session?.user.personId ?? undefined;
  const sharing = useSharing(personId);
  const team = useCareTeam(personId);
  const consents = useMyConsents(!!personId);
  const now = new Date();
  const unitName = (id: string | null) =>
    (id && team.data?.items.find((r) => r.unitId === id)?.unitName) || null;

  return (
    <>
      <PageTitle>{t('citizen.sharing.title')}</PageTitle>
      <Paragraph>{t('citizen.sharing.intro')}</Paragraph>

      <section className="nara-section" aria-labelledby="blocks-h">
        <Heading level={2} data-size="sm" id="blocks-h">
          {t('citizen.sharing.blocks')}
        </Heading>
        {sharing.isPending && <Spinner aria-label={t('common.loading')} />}
        {sharing.error && <ProblemAlert error={sharing.error} />}
        {sharing.data && sharing.data.myProvidersBlocks.length === 0 && (
          <Paragraph data-testid="no-blocks">{t('citizen.sharing.noBlocks')}</Paragraph>
        )}
        {sharing.data && sharing.data.myProvidersBlocks.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="blocks">
              <caption className="nara-sr-only">{t('citizen.sharing.blocks')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('citizen.sharing.col.kind')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.provider')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.unit')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.since')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.reason')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {sharing.data.myProvidersBlocks.map((b) => (
                  <Table.Row key={b.id}>
                    <Table.Cell>{t(`block.kind.${b.kind}`)}</Table.Cell>
                    <Table.Cell>{b.careProviderName ?? '–'}</Table.Cell>
                    <Table.Cell>{unitName(b.unitId) ?? '–'}</Table.Cell>
                    <Table.Cell>{formatDate(b.createdAt, i18n.language)}</Table.Cell>
                    <Table.Cell>{b.reason ?? '–'}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        <Paragraph data-size="sm">{t('citizen.sharing.blocksHelp')}</Paragraph>
      </section>

      <section className="nara-section" aria-labelledby="consents-h">
        <Heading level={2} data-size="sm" id="consents-h">
          {t('citizen.sharing.consents')}
        </Heading>
        {consents.isPending && <Spinner aria-label={t('common.loading')} />}
        {consents.error && <ProblemAlert error={consents.error} />}
        {consents.data && consents.data.items.length === 0 && (
          <Paragraph data-testid="no-consents">{t('citizen.sharing.noConsents')}</Paragraph>
        )}
        {consents.data && consents.data.items.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="consents">
              <caption className="nara-sr-only">{t('citizen.sharing.consents')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('citizen.sharing.col.provider')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.scope')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.given')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.givenBy')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('citizen.sharing.col.status')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {sortConsents(consents.data.items, now).map((c) => {
                  const status = consentStatus(c, now);
                  return (
                    <Table.Row key={c.id} data-testid="consent-row">
                      <Table.Cell>{c.careProviderName ?? '–'}</Table.Cell>
                      <Table.Cell>{t(`citizen.sharing.scope.${c.scope}`)}</Table.Cell>
                      <Table.Cell>{formatDate(c.givenAt, i18n.language)}</Table.Cell>
                      <Table.Cell>{t(`citizen.sharing.givenBy.${c.givenBy}`)}</Table.Cell>
                      <Table.Cell>
                        <Tag data-size="sm" data-color={status === 'active' ? 'success' : 'neutral'}>
                          {status === 'withdrawn'
                            ? t('citizen.sharing.status.withdrawn', { date: formatDate(c.withdrawnAt, i18n.language) })
                            : status === 'expired'
                              ? t('citizen.sharing.status.expired', { date: formatDate(c.validUntil, i18n.language) })
                              : c.validUntil
                                ? t('citizen.sharing.status.activeUntil', { date: formatDate(c.validUntil, i18n.language) })
                                : t('citizen.sharing.status.active')}
                        </Tag>
                      </Table.Cell>
                    </Table.Row>
                  );
                })}
              </Table.Body>
            </Table>
          </div>
        )}
        <Paragraph data-size="sm">{t('citizen.sharing.consentsHelp')}</Paragraph>
      </section>

      <section className="nara-section" aria-labelledby="team-h">
        <Heading level={2} data-size="sm" id="team-h">
          {t('citizen.sharing.team')}
        </Heading>
        {team.isPending && <Spinner aria-label={t('common.loading')} />}
        {team.error && <ProblemAlert error={team.error} />}
        {team.data && team.data.items.length === 0 && <Paragraph>{t('person.careTeamEmpty')}</Paragraph>}
        {team.data && team.data.items.length > 0 && (
          <ul className="nara-plain-list" data-testid="my-care-team">
            {team.data.items.map((r) => (
              <li key={r.id}>
                {r.unitName} <span className="nara-muted">({t(`relation.origin.${r.origin}`, r.origin)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
