import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, SkipLink } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isCitizen, isLogReviewer, isManager, mayPlanVisits, mayUseProactiveList, useSession } from '../auth/session';
import { useUnit } from '../api/queries';
import { paths } from '../routes';
import { LanguageSwitch } from './LanguageSwitch';

export function Layout() {
  const { t } = useTranslation();
  const { session, assignment, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After client-side navigation, move focus to the new page's heading (as a page load would).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
    }
  }, [location.pathname]);

  const citizen = isCitizen(session);
  const manager = isManager(session);
  const reviewer = isLogReviewer(session);
  const planner = mayPlanVisits(session);
  // The discharge board is the ward's: shown when the assignment's unit is a hospital ward. A
  // manager's unit decides whether the proactive list is theirs (a health centre's or municipal unit's).
  const unit = useUnit(!citizen && !reviewer && (!manager || assignment?.role === 'unit_manager') ? assignment?.unitId : null);
  const onWard = unit.data?.kind === 'hospital_ward';
  const proactive = mayUseProactiveList(session, unit.data?.kind ?? null);
  const nav = citizen
    ? [
        { to: paths.myAccessLog, label: t('nav.myAccessLog') },
        { to: paths.mySharing, label: t('nav.mySharing') },
        { to: paths.mySips, label: t('nav.mySips') },
        { to: paths.myNamedContacts, label: t('nav.myNamedContacts') },
      ]
    : manager
      ? [
          { to: paths.liability, label: t('nav.liability') },
          { to: paths.compliance, label: t('nav.compliance') },
          { to: paths.followUp, label: t('nav.followUp') },
          ...(proactive ? [{ to: paths.proactive, label: t('nav.proactive') }] : []),
          ...(planner ? [{ to: paths.visitPlans, label: t('nav.visitPlans') }] : []),
          ...(assignment?.role === 'county_administrator' ? [{ to: paths.hl7Codes, label: t('nav.hl7Codes') }] : []),
        ]
      : reviewer
        ? [{ to: paths.logReview, label: t('nav.logReview') }]
        : [
          { to: paths.worklist, label: t('nav.worklist') },
          ...(onWard ? [{ to: paths.wardBoard, label: t('nav.wardBoard') }] : []),
          { to: paths.personSearch, label: t('nav.personSearch') },
          { to: paths.sips, label: t('nav.sips') },
          { to: paths.requests, label: t('nav.requests') },
          ...(proactive ? [{ to: paths.proactive, label: t('nav.proactive') }] : []),
          ...(planner ? [{ to: paths.visitPlans, label: t('nav.visitPlans') }] : []),
        ];

  return (
    <>
      <SkipLink href="#main">{t('nav.skipToContent')}</SkipLink>
      <header className="nara-header">
        <div className="nara-header__top">
          <a className="nara-brand" href="/">
            Nära
          </a>
          <div className="nara-who" data-testid="who">
            <span className="nara-who__name">{session?.user.displayName}</span>
            {assignment && (
              <span className="nara-who__assignment">
                {citizen ? assignment.roleName : `${assignment.unitName ?? ''} · ${assignment.roleName}`}
              </span>
            )}
          </div>
          <div className="nara-header__actions">
            <LanguageSwitch />
            {session && session.assignments.length > 1 && (
              <Button variant="tertiary" data-size="sm" onClick={() => navigate(paths.chooseAssignment)}>
                {t('nav.changeAssignment')}
              </Button>
            )}
            <Button
              variant="secondary"
              data-size="sm"
              onClick={async () => {
                await signOut();
                navigate(paths.signIn, { replace: true, state: { signedOut: true } });
              }}
            >
              {t('nav.signOut')}
            </Button>
          </div>
        </div>
        <nav aria-label={t('nav.main')} className="nara-nav">
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>{n.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="nara-main">
        <Outlet />
      </main>
    </>
  );
}
