import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isCitizen, useSession } from './auth/session';
import { Layout } from './components/Layout';
import { SignInPage } from './pages/SignInPage';
import { ChooseAssignmentPage } from './pages/ChooseAssignmentPage';
import { WorklistPage } from './pages/WorklistPage';
import { PersonSearchPage } from './pages/PersonSearchPage';
import { PersonOverviewPage } from './pages/PersonOverviewPage';
import { EpisodePage } from './pages/EpisodePage';
import { AccessLogPage } from './pages/citizen/AccessLogPage';
import { SharingPage } from './pages/citizen/SharingPage';
import { NotFoundPage } from './pages/NotFoundPage';

export const paths = {
  signIn: '/logga-in',
  chooseAssignment: '/valj-uppdrag',
  worklist: '/arbetslista',
  personSearch: '/personer',
  person: (id: string) => `/personer/${encodeURIComponent(id)}`,
  episode: (id: string) => `/vardtillfallen/${encodeURIComponent(id)}`,
  myAccessLog: '/mina-sidor/vem-har-last',
  mySharing: '/mina-sidor/samtycken-och-sparrar',
};

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="nara-center" role="status">
      <Spinner aria-label={t('common.loading')} />
    </div>
  );
}

/** Signed in with a chosen assignment; otherwise off to sign-in or the assignment choice. */
function RequireAssignment() {
  const { state, assignment } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') {
    return <Navigate to={paths.signIn} replace state={{ from: location.pathname, expired: state.expired }} />;
  }
  if (!assignment) return <Navigate to={paths.chooseAssignment} replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

function StaffOnly() {
  const { session } = useSession();
  return isCitizen(session) ? <Navigate to={paths.myAccessLog} replace /> : <Outlet />;
}

function CitizenOnly() {
  const { session } = useSession();
  return isCitizen(session) ? <Outlet /> : <Navigate to={paths.worklist} replace />;
}

function Home() {
  const { session } = useSession();
  return <Navigate to={isCitizen(session) ? paths.myAccessLog : paths.worklist} replace />;
}

export function AppRoutes() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  return (
    <Routes>
      <Route path={paths.signIn} element={<SignInPage />} />
      <Route path={paths.chooseAssignment} element={<ChooseAssignmentPage />} />
      <Route element={<RequireAssignment />}>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route element={<StaffOnly />}>
            <Route path={paths.worklist} element={<WorklistPage />} />
            <Route path={paths.personSearch} element={<PersonSearchPage />} />
            <Route path="/personer/:personId" element={<PersonOverviewPage />} />
            <Route path="/vardtillfallen/:episodeId" element={<EpisodePage />} />
          </Route>
          <Route element={<CitizenOnly />}>
            <Route path="/mina-sidor" element={<Navigate to={paths.myAccessLog} replace />} />
            <Route path={paths.myAccessLog} element={<AccessLogPage />} />
            <Route path={paths.mySharing} element={<SharingPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
