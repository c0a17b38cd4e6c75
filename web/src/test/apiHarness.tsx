// Renders a page as the app does (query client, router, session) against a fetch that answers
// from a table of fixtures, so a page can be tested before the server exists.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import type { Session } from '../api/types';
import { SessionProvider } from '../auth/session';

// jsdom has no Web Animations; Designsystemet's spinner asks for them.
if (typeof document !== 'undefined' && !document.getAnimations) document.getAnimations = () => [];

export type Answer = { status?: number; body: unknown };
export type Handler = (url: URL, init: RequestInit) => Answer | undefined;

export function session(role: string, unitName = 'Hälsocentral Kramfors'): Session {
  return {
    user: { id: 'u-1', username: 'demo', displayName: 'Demo', hsaId: null, personId: null },
    assignments: [
      {
        id: 'a-1',
        unitId: 'unit-1',
        unitName,
        unitHsaId: null,
        careProviderId: null,
        careProviderName: null,
        role,
        roleName: role,
        title: role,
        active: true,
      },
    ],
    activeAssignmentId: 'a-1',
    csrfToken: 'csrf',
    expiresAt: '2099-01-01T00:00:00Z',
  };
}

/** Stubs fetch: the session, then each handler in turn; anything else is a 404. Returns the mock. */
export function stubApi(role: string, ...handlers: Handler[]) {
  const mock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    let answer: Answer | undefined = url.pathname === '/api/v1/session' ? { body: session(role) } : undefined;
    for (const h of handlers) answer ??= h(url, init);
    const status = answer?.status ?? (answer ? 200 : 404);
    const body = answer?.body ?? { status: 404, title: 'Not found' };
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

function Where() {
  const l = useLocation();
  return <output data-testid="location">{l.pathname + l.search}</output>;
}

export function renderPage(path: string, routes: { path: string; element: ReactNode }[]) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MemoryRouter initialEntries={[path]}>
        <SessionProvider>
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
          </Routes>
          <Where />
        </SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
