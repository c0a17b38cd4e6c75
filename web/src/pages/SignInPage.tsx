import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { activeAssignment, useSession } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageTitle } from '../components/PageTitle';
import { problemText } from '../components/ProblemAlert';
import { paths } from '../routes';

interface SignInState {
  from?: string;
  expired?: boolean;
  signedOut?: boolean;
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const routeState = (location.state ?? {}) as SignInState;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in' && !busy) {
    return <Navigate to={state.session.activeAssignmentId ? '/' : paths.chooseAssignment} replace />;
  }
  const expired = routeState.expired || (state.status === 'signed-out' && state.expired);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    try {
      const session = await signIn(username.trim(), password);
      const from = routeState.from && routeState.from !== paths.signIn ? routeState.from : undefined;
      if (!activeAssignment(session)) {
        navigate(paths.chooseAssignment, { replace: true, state: { from } });
      } else {
        navigate(from ?? '/', { replace: true }); // the start page follows the role (routes.tsx, Home)
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signIn.failed'));
      else setError(problemText(err, t));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="nara-signin">
      <div className="nara-signin__lang">
        <LanguageSwitch />
      </div>
      <div className="nara-signin__card">
        <Paragraph className="nara-brand">Nära</Paragraph>
        <PageTitle>{t('signIn.title')}</PageTitle>
        <Paragraph>{t('signIn.intro')}</Paragraph>
        {expired && !error && (
          <Alert data-color="warning" role="status">
            {t('signIn.expired')}
          </Alert>
        )}
        {routeState.signedOut && !error && !expired && (
          <Alert data-color="info" role="status">
            {t('signIn.signedOut')}
          </Alert>
        )}
        <form onSubmit={onSubmit} noValidate className="nara-form">
          <Textfield
            label={t('signIn.username')}
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <Textfield
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          {error && (
            <Alert data-color="danger" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} disabled={busy}>
            {t('signIn.submit')}
          </Button>
        </form>
        <Heading level={2} data-size="2xs" className="nara-muted-heading">
          {t('signIn.demoTitle')}
        </Heading>
        <Paragraph data-size="sm">{t('signIn.demoText')}</Paragraph>
      </div>
    </main>
  );
}
