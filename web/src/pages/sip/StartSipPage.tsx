import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePerson } from '../../api/queries';
import { useSession } from '../../auth/session';
import { useStartPlan } from '../../api/sipQueries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { paths } from '../../routes';

/** Start a SIP: the person's consent is recorded first (HSL 16:4 2 st., SoL 10:8 2 st.); at
 * discharge the plan is linked to the episode (2017:612 4 kap.). */
export function StartSipPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const personId = params.get('person') ?? undefined;
  const episodeId = params.get('vardtillfalle') ?? undefined;
  const person = usePerson(personId);
  const { assignment } = useSession();
  const [consented, setConsented] = useState(false);
  const [givenBy, setGivenBy] = useState('person');
  const [scope, setScope] = useState('');
  const [consentError, setConsentError] = useState<string | null>(null);
  const start = useStartPlan();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!consented || !scope.trim()) {
      setConsentError(t('sip.start.consentRequired'));
      return;
    }
    setConsentError(null);
    // The starting unit and the person themself take part from the start.
    const participants = [
      { kind: 'unit', unitId: assignment?.unitId, name: assignment?.unitName ?? '', role: t('sip.start.initiatorRole') },
      { kind: 'person', name: `${person.data?.givenName ?? ''} ${person.data?.familyName ?? ''}`.trim(), role: t('sip.start.personRole') },
    ];
    start.mutate({ personId, episodeId, consent: { givenBy, scope: scope.trim() }, participants });
  }
  if (!personId) return <PageTitle>{t('sip.start.title')}</PageTitle>;
  if (person.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (person.error || !person.data) {
    return (
      <>
        <PageTitle>{t('sip.start.title')}</PageTitle>
        <ProblemAlert error={person.error} />
      </>
    );
  }
  const name = `${person.data.givenName} ${person.data.familyName}`;
  return (
    <>
      <PageTitle title={`${t('sip.start.title')} – ${name}`}>
        {t('sip.start.title')} – {name}
      </PageTitle>
      <Paragraph>{episodeId ? t('sip.start.introEpisode') : t('sip.start.intro')}</Paragraph>
      <Card className="nara-card">
        <form onSubmit={submit} noValidate className="nara-form" aria-label={t('sip.start.title')}>
          <SelectField
            label={t('sip.consent.givenBy')}
            value={givenBy}
            onChange={setGivenBy}
            options={['person', 'legal_representative'].map((v) => ({ value: v, label: t(`sip.consent.by.${v}`) }))}
          />
          <Textfield
            multiline
            rows={3}
            label={t('sip.consent.scope')}
            description={t('sip.consent.scopeHelp')}
            value={scope}
            onChange={(e) => setScope(e.target.value)}
          />
          <Checkbox
            label={t('sip.start.consentGiven', { name })}
            checked={consented}
            onChange={(e) => setConsented(e.target.checked)}
            error={consentError ?? undefined}
          />
          {start.error && <ProblemAlert error={start.error} />}
          <div className="nara-buttons">
            <Button type="submit" loading={start.isPending} disabled={start.isPending}>
              {t('sip.start.submit')}
            </Button>
            <Link to={paths.person(person.data.id)}>{t('common.cancel')}</Link>
          </div>
        </form>
      </Card>
    </>
  );
}
