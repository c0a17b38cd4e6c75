// The signed-in session: who, which assignment (medarbetaruppdrag), and what happens when it ends.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, request, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Assignment, Session } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; session: Session };

interface SessionApi {
  state: SessionState;
  session: Session | null;
  assignment: Assignment | null;
  signIn: (username: string, password: string) => Promise<Session>;
  chooseAssignment: (assignmentId: string) => Promise<Session>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function activeAssignment(session: Session | null): Assignment | null {
  if (!session?.activeAssignmentId) return null;
  return session.assignments.find((a) => a.id === session.activeAssignmentId) ?? null;
}

/** Managers read figures (the liability report), not lists of patients. */
export function isManager(session: Session | null): boolean {
  const role = activeAssignment(session)?.role;
  return role === 'unit_manager' || role === 'county_administrator';
}

/** Log reviewers check accesses (loggkontroll), not patient lists. */
export function isLogReviewer(session: Session | null): boolean {
  return activeAssignment(session)?.role === 'log_reviewer';
}

/** Those who lay out and staff a day's home visits (Permission::plan_visits on the server). */
export function mayPlanVisits(session: Session | null): boolean {
  const role = activeAssignment(session)?.role;
  return role === 'district_nurse' || role === 'home_health_care_nurse' || role === 'unit_manager';
}

/** Those who read their unit's proactive list of persons to reach out to (docs/follow-up.md): care
 * staff who follow persons over time, and the manager of a health centre or municipal unit (the
 * unit's kind decides that; without it the server does). */
const PROACTIVE_ROLES = ['district_nurse', 'physician', 'home_health_care_nurse', 'sip_coordinator'];
// Units with a population to reach out to; a hospital ward has none (the server answers 403).
const PROACTIVE_UNITS = ['health_centre', 'home_health_care', 'home_care', 'residential_care', 'administration'];
export function mayUseProactiveList(session: Session | null, unitKind?: string | null): boolean {
  const role = activeAssignment(session)?.role;
  if (!role) return false;
  // Managers follow up aggregates (Uppföljning); the list names persons, so it is for the staff
  // who reach out to them (PDL 4:2, the need of the task).
  if (!PROACTIVE_ROLES.includes(role)) return false;
  return unitKind === undefined || (!!unitKind && PROACTIVE_UNITS.includes(unitKind));
}

export function isCitizen(session: Session | null): boolean {
  return activeAssignment(session)?.role === 'citizen';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const accept = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
    return session;
  }, []);

  const end = useCallback(
    (expired: boolean) => {
      setCsrfToken(null);
      queryClient.clear();
      setState({ status: 'signed-out', expired });
    },
    [queryClient],
  );

  useEffect(() => {
    // Any 401 from the API means the session ended (timeout, sign-out elsewhere).
    setUnauthorizedHandler(() => end(true));
    return () => setUnauthorizedHandler(null);
  }, [end]);

  useEffect(() => {
    let cancelled = false;
    request<Session>('/api/v1/session', { expectUnauthorized: true })
      .then(({ data }) => !cancelled && accept(data))
      .catch(() => !cancelled && setState({ status: 'signed-out', expired: false }));
    return () => {
      cancelled = true;
    };
  }, [accept]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { data } = await request<Session>('/api/v1/session', {
        method: 'POST',
        body: { username, password, client: 'browser' },
        expectUnauthorized: true,
      });
      queryClient.clear();
      return accept(data);
    },
    [accept, queryClient],
  );

  const chooseAssignment = useCallback(
    async (assignmentId: string) => {
      const { data } = await request<Session>('/api/v1/session/assignment', {
        method: 'PUT',
        body: { assignmentId },
      });
      queryClient.clear();
      return accept(data);
    },
    [accept, queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await request<void>('/api/v1/session', { method: 'DELETE', expectUnauthorized: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    end(false);
  }, [end]);

  const value = useMemo<SessionApi>(() => {
    const session = state.status === 'signed-in' ? state.session : null;
    return { state, session, assignment: activeAssignment(session), signIn, chooseAssignment, signOut };
  }, [state, signIn, chooseAssignment, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
