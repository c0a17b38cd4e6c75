import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Heading, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client';
import { keys, useCareTeam, useEpisodes, usePerson, usePersonEpisodes, useSharing } from '../api/queries';
import type { EpisodeFull, Person } from '../api/types';
import { isHidden } from '../api/types';
import { useSession } from '../auth/session';
import { ClockTag } from '../components/ClockTag';
import { EmergencyAccessDialog } from '../components/EmergencyAccessDialog';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { mostUrgent } from '../lib/clocks';
import { formatDate, formatDateTime } from '../lib/time';
import { useNow } from '../lib/useNow';
import { paths } from '../routes';
import { NamedContactsSection } from './sip/NamedContactsSection';
import { PersonSipSection } from './sip/PersonSipSection';

const WARD_ROLES = ['ward_nurse', 'physician'];

/** The shared picture of one person: details, episodes, care team, and what is blocked. */
export function PersonOverviewPage() {
  const { personId } = useParams();
  const { t } = useTranslation();
  const person = usePerson(personId);

  if (person.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (person.error || !person.data) {
    return (
      <>
        <PageTitle>{t('person.notVisibleTitle')}</PageTitle>
        <ProblemAlert error={person.error} />
        <Paragraph>
          <Link to={paths.personSearch}>{t('person.backToSearch')}</Link>
        </Paragraph>
      </>
    );
  }
  return <Overview person={person.data} />;
}

function Overview({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <>
      <PageTitle title={name}>
        {name}
        <span className="nara-h1-sub">{person.identifier.value}</span>
      </PageTitle>
      <div className="nara-tags">
        {person.protectedIdentity && <Tag data-color="danger">{t('person.protectedIdentity')}</Tag>}
        {person.deceasedOn && <Tag data-color="neutral">{t('person.deceased', { date: formatDate(person.deceasedOn, i18n.language) })}</Tag>}
      </div>
      <div className="nara-grid">
        <Card className="nara-card">
          <Heading level={2} data-size="xs">
            {t('person.details')}
          </Heading>
          <dl className="nara-dl">
            <dt>{t('person.birthDate')}</dt>
            <dd>{formatDate(person.birthDate, i18n.language)}</dd>
            <dt>{t('person.address')}</dt>
            <dd>
              {person.addressHidden || !person.address
                ? t('person.addressHidden')
                : [person.address.street, [person.address.postalCode, person.address.locality].filter(Boolean).join(' ')]
                    .filter(Boolean)
                    .join(', ') || '–'}
              {person.protectedIdentity && !person.addressHidden && person.address && (
                <div className="nara-muted">{t('person.addressShownAuthorised')}</div>
              )}
            </dd>
            <dt>{t('person.municipality')}</dt>
            <dd>{person.municipalityCode ?? '–'}</dd>
          </dl>
        </Card>
        <SharingCard person={person} name={name} />
      </div>
      <EpisodesSection person={person} />
      <PersonSipSection personId={person.id} />
      <NamedContactsSection personId={person.id} />
      <CareTeamSection personId={person.id} />
    </>
  );
}

function SharingCard({ person, name }: { person: Person; name: string }) {
  const { t, i18n } = useTranslation();
  const sharing = useSharing(person.id);
  const s = sharing.data;
  return (
    <Card className="nara-card" data-testid="sharing">
      <Heading level={2} data-size="xs">
        {t('sharing.title')}
      </Heading>
      {sharing.isPending && <Spinner aria-label={t('common.loading')} />}
      {sharing.error && <ProblemAlert error={sharing.error} />}
      {s && (
        <>
          <ul className="nara-plain-list">
            <li>
              <Tag data-color={s.consentForMyProvider ? 'success' : 'neutral'} data-size="sm">
                {s.consentForMyProvider ? t('sharing.consentYes') : t('sharing.consentNo')}
              </Tag>
            </li>
            {s.myProvidersBlocks.length > 0 && (
              <li>
                <Tag data-color="warning" data-size="sm">
                  {t('sharing.ownBlocks', { count: s.myProvidersBlocks.length })}
                </Tag>
              </li>
            )}
          </ul>
          {s.blockedDataElsewhere && (
            <Alert data-color="warning" data-testid="blocked-elsewhere">
              {t('sharing.blockedElsewhere')}
              {s.blockingProviders.length > 0 && (
                <Paragraph data-size="sm">{t('sharing.blockingProviders', { names: s.blockingProviders.join(', ') })}</Paragraph>
              )}
            </Alert>
          )}
          {s.emergencyAccess ? (
            <Alert data-color="danger" data-testid="emergency-active">
              <strong>{t('sharing.emergencyActive', { until: formatDateTime(s.emergencyAccess.expiresAt, i18n.language) })}</strong>
              <Paragraph data-size="sm">{t('sharing.emergencyReason', { reason: s.emergencyAccess.reason })}</Paragraph>
            </Alert>
          ) : (
            <>
              <Paragraph data-size="sm">{t('sharing.emergencyHelp')}</Paragraph>
              <EmergencyAccessDialog personId={person.id} personName={name} />
            </>
          )}
        </>
      )}
    </Card>
  );
}

function EpisodesSection({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const { assignment } = useSession();
  const now = useNow();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = usePersonEpisodes(person.id);
  const items = list.data?.items ?? [];
  // The full episode (clocks, liability) for the newest few shown with content; each read is logged.
  const details = useEpisodes(
    items
      .filter((e) => !e.contentHidden)
      .slice(0, 5)
      .map((e) => e.id),
  )
    .map((q) => q.data?.episode)
    .filter((e): e is EpisodeFull => !!e && !isHidden(e));
  const canAdmit = !!assignment && WARD_ROLES.includes(assignment.role);
  const admit = useMutation({
    mutationFn: async () =>
      (await request<EpisodeFull>('/api/v1/episodes', { method: 'POST', body: { personId: person.id } })).data,
    onSuccess: (e) => {
      qc.setQueryData(keys.episode(e.id), { episode: e, etag: `"${e.version}"` });
      void qc.invalidateQueries({ queryKey: keys.personEpisodes(person.id) });
      navigate(paths.episode(e.id));
    },
  });

  return (
    <section className="nara-section" aria-labelledby="episodes-heading">
      <div className="nara-section__head">
        <Heading level={2} data-size="sm" id="episodes-heading">
          {t('person.episodes')}
        </Heading>
        {canAdmit && (
          <Button variant="secondary" data-size="sm" onClick={() => admit.mutate()} loading={admit.isPending}>
            {t('person.admit', { unit: assignment?.unitName ?? '' })}
          </Button>
        )}
      </div>
      {admit.error && <ProblemAlert error={admit.error} />}
      <Paragraph data-size="sm" className="nara-muted">
        {t('person.episodesSource')}
      </Paragraph>
      {list.isPending && <Spinner aria-label={t('common.loading')} />}
      {list.error && <ProblemAlert error={list.error} />}
      {list.data && items.length === 0 && <Paragraph>{t('person.noEpisodes')}</Paragraph>}
      <ul className="nara-plain-list nara-stack">
        {items.map((item) => {
          if (item.contentHidden) {
            return (
              <li key={item.id}>
                <Alert data-color="info" data-testid="episode-hidden">
                  {t('person.episodeHidden')}
                </Alert>
              </li>
            );
          }
          const e = details.find((d) => d.id === item.id);
          const c = e ? mostUrgent(e.clocks, now) : null;
          return (
            <li key={item.id}>
              <Card className="nara-card" data-testid="episode-card">
                <Heading level={3} data-size="xs">
                  <Link to={paths.episode(item.id)}>{t(`state.${item.state}`, item.state)}</Link>
                </Heading>
                <Paragraph data-size="sm">
                  {item.wardName} · {t('episode.admittedAt', { at: formatDateTime(item.admittedAt, i18n.language) })}
                  {item.dischargedAt && ` · ${t('person.dischargedAt', { at: formatDateTime(item.dischargedAt, i18n.language) })}`}
                  {!item.dischargedAt &&
                    e?.plannedDischarge &&
                    ` · ${t('episode.plannedDischargeAt', { at: formatDateTime(e.plannedDischarge, i18n.language) })}`}
                </Paragraph>
                {c && <ClockTag clock={c} now={now} />}
                {e && e.liability.liableDays > 0 && (
                  <Paragraph data-size="sm">
                    {t('episode.liabilitySummary', { days: e.liability.liableDays, amount: e.liability.amount.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE') })}
                  </Paragraph>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function CareTeamSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const team = useCareTeam(personId);
  return (
    <section className="nara-section" aria-labelledby="team-heading">
      <Heading level={2} data-size="sm" id="team-heading">
        {t('person.careTeam')}
      </Heading>
      {team.isPending && <Spinner aria-label={t('common.loading')} />}
      {team.error && <ProblemAlert error={team.error} />}
      {team.data && team.data.items.length === 0 && <Paragraph>{t('person.careTeamEmpty')}</Paragraph>}
      {team.data && team.data.items.length > 0 && (
        <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
          <Table zebra data-size="sm" data-testid="care-team">
            <caption className="nara-sr-only">{t('person.careTeam')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('person.col.unit')}</Table.HeaderCell>
                <Table.HeaderCell>{t('person.col.origin')}</Table.HeaderCell>
                <Table.HeaderCell>{t('person.col.since')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {team.data.items.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{r.unitName}</Table.Cell>
                  <Table.Cell>{t(`relation.origin.${r.origin}`, r.origin)}</Table.Cell>
                  <Table.Cell>{formatDate(r.startedAt, i18n.language)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}
