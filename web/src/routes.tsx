import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { isCitizen, isLogReviewer, isManager, mayPlanVisits, mayUseProactiveList, useSession } from './auth/session';
import { Layout } from './components/Layout';
import { SignInPage } from './pages/SignInPage';
import { ChooseAssignmentPage } from './pages/ChooseAssignmentPage';
import { WorklistPage } from './pages/WorklistPage';
import { WardBoardPage } from './pages/WardBoardPage';
import { PersonSearchPage } from './pages/PersonSearchPage';
import { PersonOverviewPage } from './pages/PersonOverviewPage';
import { EpisodePage } from './pages/EpisodePage';
import { LogReviewPage } from './pages/LogReviewPage';
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
  wardBoard: '/utskrivningstavla',
  liability: '/rapporter/betalningsansvar',
  compliance: '/rapporter/tidsfrister',
  logReview: '/loggkontroll',
  myAccessLog: '/mina-sidor/vem-har-last',
  mySharing: '/mina-sidor/samtycken-och-sparrar',
  mySips: '/mina-sidor/mina-planer',
  myNamedContacts: '/mina-sidor/fasta-vardkontakter',
  sips: '/sip',
  sip: (id: string) => `/sip/${encodeURIComponent(id)}`,
  startSip: (personId: string, episodeId?: string) =>
    `/sip/ny?person=${encodeURIComponent(personId)}${episodeId ? `&vardtillfalle=${encodeURIComponent(episodeId)}` : ''}`,
  requests: '/begaran',
  request: (id: string) => `/begaran/${encodeURIComponent(id)}`,
  newRequest: (personId: string) => `/begaran/ny?person=${encodeURIComponent(personId)}`,
  visitPlans: '/besoksplaner',
  visitPlan: (id: string) => `/besoksplaner/${encodeURIComponent(id)}`,
  followUp: '/uppfoljning',
  indicator: (id: string, search?: string) => `/uppfoljning/${encodeURIComponent(id)}${search ? `?${search}` : ''}`,
  proactive: '/proaktiv',
  hl7Codes: '/administration/hl7-koder',
};

// The report page carries the chart library: loaded only when a manager opens it, so the
// worklist's bundle stays small.
const LiabilityPage = lazy(() => import('./pages/LiabilityPage').then((m) => ({ default: m.LiabilityPage })));
const CompliancePage = lazy(() => import('./pages/CompliancePage').then((m) => ({ default: m.CompliancePage })));
// The SIP, request and citizen plan pages likewise: the worklist, the most used page, does not
// carry the plan editor.
const SipListPage = lazy(() => import('./pages/sip/SipListPage').then((m) => ({ default: m.SipListPage })));
const SipPage = lazy(() => import('./pages/sip/SipPage').then((m) => ({ default: m.SipPage })));
const StartSipPage = lazy(() => import('./pages/sip/StartSipPage').then((m) => ({ default: m.StartSipPage })));
const RequestsPage = lazy(() => import('./pages/requests/RequestsPage').then((m) => ({ default: m.RequestsPage })));
const RequestDetailPage = lazy(() =>
  import('./pages/requests/RequestDetailPage').then((m) => ({ default: m.RequestDetailPage })),
);
const NewRequestPage = lazy(() => import('./pages/requests/NewRequestPage').then((m) => ({ default: m.NewRequestPage })));
const VisitPlansPage = lazy(() =>
  import('./pages/planning/VisitPlansPage').then((m) => ({ default: m.VisitPlansPage })),
);
const VisitPlanPage = lazy(() => import('./pages/planning/VisitPlanPage').then((m) => ({ default: m.VisitPlanPage })));
// Follow-up (målbild 2030) carries the chart library, like the reports; the proactive list is for
// the staff who reach out to the most ill elderly.
const FollowUpPage = lazy(() => import('./pages/followUp/FollowUpPage').then((m) => ({ default: m.FollowUpPage })));
const IndicatorPage = lazy(() => import('./pages/followUp/IndicatorPage').then((m) => ({ default: m.IndicatorPage })));
const ProactiveListPage = lazy(() =>
  import('./pages/proactive/ProactiveListPage').then((m) => ({ default: m.ProactiveListPage })),
);
// The county administrator's HL7 v2 ward codes and held messages (issue 20 point 5).
const Hl7CodesPage = lazy(() => import('./pages/hl7/Hl7CodesPage').then((m) => ({ default: m.Hl7CodesPage })));
const MySipsPage = lazy(() => import('./pages/citizen/MySipsPage').then((m) => ({ default: m.MySipsPage })));
const MyNamedContactsPage = lazy(() =>
  import('./pages/citizen/MyNamedContactsPage').then((m) => ({ default: m.MyNamedContactsPage })),
);

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

/** Patient lists are for care staff; a manager or log reviewer opening one (a bookmark) gets
 * their own start page instead. */
function NotManagers() {
  const { session } = useSession();
  if (isManager(session)) return <Navigate to={paths.liability} replace />;
  if (isLogReviewer(session)) return <Navigate to={paths.logReview} replace />;
  return <Outlet />;
}

function PlannersOnly() {
  const { session } = useSession();
  return mayPlanVisits(session) ? <Outlet /> : <Navigate to="/" replace />;
}

function ManagersOnly() {
  const { session } = useSession();
  return isManager(session) ? <Outlet /> : <Navigate to="/" replace />;
}

/** The unit's kind is the server's to check for a manager (a ward's manager is answered 403). */
function ProactiveOnly() {
  const { session } = useSession();
  return mayUseProactiveList(session) ? <Outlet /> : <Navigate to="/" replace />;
}

function CountyAdministratorsOnly() {
  const { assignment } = useSession();
  return assignment?.role === 'county_administrator' ? <Outlet /> : <Navigate to="/" replace />;
}

function LogReviewersOnly() {
  const { session } = useSession();
  return isLogReviewer(session) ? <Outlet /> : <Navigate to="/" replace />;
}

/** Lazily loaded pages wait here, inside the layout, so the header and nav stay. */
function LazyPages() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

function CitizenOnly() {
  const { session } = useSession();
  return isCitizen(session) ? <Outlet /> : <Navigate to={paths.worklist} replace />;
}

function Home() {
  const { session } = useSession();
  const to = isCitizen(session)
    ? paths.myAccessLog
    : isManager(session)
      ? paths.liability
      : isLogReviewer(session)
        ? paths.logReview
        : paths.worklist;
  return <Navigate to={to} replace />;
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
            <Route element={<NotManagers />}>
              <Route path={paths.worklist} element={<WorklistPage />} />
              <Route path={paths.wardBoard} element={<WardBoardPage />} />
            </Route>
            <Route path={paths.personSearch} element={<PersonSearchPage />} />
            <Route path="/personer/:personId" element={<PersonOverviewPage />} />
            <Route path="/vardtillfallen/:episodeId" element={<EpisodePage />} />
            <Route element={<NotManagers />}>
              <Route element={<LazyPages />}>
                <Route path={paths.sips} element={<SipListPage />} />
                <Route path="/sip/ny" element={<StartSipPage />} />
                <Route path="/sip/:planId" element={<SipPage />} />
                <Route path={paths.requests} element={<RequestsPage />} />
                <Route path="/begaran/ny" element={<NewRequestPage />} />
                <Route path="/begaran/:requestId" element={<RequestDetailPage />} />
              </Route>
            </Route>
            <Route
              path={paths.liability}
              element={
                <Suspense fallback={<Loading />}>
                  <LiabilityPage />
                </Suspense>
              }
            />
            <Route
              path={paths.compliance}
              element={
                <Suspense fallback={<Loading />}>
                  <CompliancePage />
                </Suspense>
              }
            />
            <Route element={<PlannersOnly />}>
              <Route element={<LazyPages />}>
                <Route path={paths.visitPlans} element={<VisitPlansPage />} />
                <Route path="/besoksplaner/:planId" element={<VisitPlanPage />} />
              </Route>
            </Route>
            <Route element={<ManagersOnly />}>
              <Route element={<LazyPages />}>
                <Route path={paths.followUp} element={<FollowUpPage />} />
                <Route path="/uppfoljning/:indicatorId" element={<IndicatorPage />} />
              </Route>
            </Route>
            <Route element={<ProactiveOnly />}>
              <Route element={<LazyPages />}>
                <Route path={paths.proactive} element={<ProactiveListPage />} />
              </Route>
            </Route>
            <Route element={<CountyAdministratorsOnly />}>
              <Route element={<LazyPages />}>
                <Route path={paths.hl7Codes} element={<Hl7CodesPage />} />
              </Route>
            </Route>
            <Route element={<LogReviewersOnly />}>
              <Route path={paths.logReview} element={<LogReviewPage />} />
            </Route>
          </Route>
          <Route element={<CitizenOnly />}>
            <Route path="/mina-sidor" element={<Navigate to={paths.myAccessLog} replace />} />
            <Route path={paths.myAccessLog} element={<AccessLogPage />} />
            <Route path={paths.mySharing} element={<SharingPage />} />
            <Route element={<LazyPages />}>
              <Route path={paths.mySips} element={<MySipsPage />} />
              <Route path={paths.myNamedContacts} element={<MyNamedContactsPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
