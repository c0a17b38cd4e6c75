import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Button, Card, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { paths } from '../routes';

/** A user with several assignments (medarbetaruppdrag) chooses the one to act in, as with SITHS. */
export function ChooseAssignmentPage() {
  const { t } = useTranslation();
  const { state, session, chooseAssignment, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  if (state.status === 'loading') return <Spinner aria-label={t('common.loading')} />;
  if (!session) return <Navigate to={paths.signIn} replace />;
  const active = session.assignments.filter((a) => a.active);

  async function choose(id: string) {
    setError(null);
    setBusyId(id);
    try {
      await chooseAssignment(id);
      navigate(from ?? '/', { replace: true }); // the start page follows the role (routes.tsx, Home)
    } catch (e) {
      setError(e);
      setBusyId(null);
    }
  }

  return (
    <main id="main" className="nara-signin">
      <div className="nara-signin__lang">
        <LanguageSwitch />
      </div>
      <div className="nara-signin__card nara-signin__card--wide">
        <Paragraph className="nara-brand">Nära</Paragraph>
        <PageTitle>{t('assignment.title')}</PageTitle>
        <Paragraph>{t('assignment.intro', { name: session.user.displayName })}</Paragraph>
        {error !== null && <ProblemAlert error={error} />}
        <ul className="nara-assignments">
          {active.map((a) => (
            <li key={a.id}>
              <Card data-color={a.id === session.activeAssignmentId ? 'accent' : 'neutral'}>
                <Heading level={2} data-size="xs">
                  {a.unitName ?? a.roleName}
                </Heading>
                <Paragraph data-size="sm">
                  {a.roleName}
                  {a.careProviderName ? ` · ${a.careProviderName}` : ''}
                </Paragraph>
                <Button
                  onClick={() => void choose(a.id)}
                  loading={busyId === a.id}
                  disabled={busyId !== null}
                  aria-label={t('assignment.chooseNamed', { unit: a.unitName ?? a.roleName, role: a.roleName })}
                >
                  {a.id === session.activeAssignmentId ? t('assignment.continue') : t('assignment.choose')}
                </Button>
              </Card>
            </li>
          ))}
        </ul>
        <Button variant="tertiary" onClick={() => void signOut().then(() => navigate(paths.signIn, { replace: true }))}>
          {t('nav.signOut')}
        </Button>
      </div>
    </main>
  );
}
