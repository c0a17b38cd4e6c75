import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProactiveList, ProactiveRow } from '../../api/followUpTypes';
import { proactiveList, proactiveRow } from '../../lib/followUpFixtures';
import { addDays, isoDate } from '../../lib/proactive';
import { renderPage, stubApi } from '../../test/apiHarness';
import { ProactiveListPage } from './ProactiveListPage';

const routes = [{ path: '/proaktiv', element: <ProactiveListPage /> }];

afterEach(() => vi.unstubAllGlobals());

/** A server holding one list: a POST of "assessed, no action" moves the person to the reviewed section. */
function server(rows: ProactiveRow[], answer?: { status: number; body: unknown }) {
  let list: ProactiveList = proactiveList(rows);
  const posts: unknown[] = [];
  const fetch = stubApi('district_nurse', (url, init) => {
    if (url.pathname === '/api/v1/proactive-list') return { body: list };
    if (url.pathname === '/api/v1/proactive-list/actions' && init.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { personId: string; kind: string; nextReviewOn?: string; note?: string };
      posts.push(body);
      if (answer) return answer;
      const action = { id: 'act-1', kind: body.kind, at: '2026-12-04T10:00:00Z', byName: 'Demo', note: body.note ?? null, nextReviewOn: body.nextReviewOn ?? null };
      list = {
        ...list,
        rows: list.rows.map((r) =>
          r.person.id === body.personId ? { ...r, lastAction: action as ProactiveRow['lastAction'], reviewPending: body.kind === 'assessed_no_action' } : r,
        ),
      };
      return { status: 201, body: action };
    }
    return undefined;
  });
  return { fetch, posts };
}

describe('Proaktiv lista', () => {
  const hugo = proactiveRow();
  const greta = proactiveRow({ person: { id: 'p-2', name: 'Greta Berg', personnummer: '193511289285', age: 91 }, risk: { ...hugo.risk, total: 7, band: 'moderate' } });

  it('ranks the persons, with the LACE badge, the reasons, the gaps and a link to the person', async () => {
    server([greta, hugo]);
    renderPage('/proaktiv', routes);
    const rows = await screen.findAllByTestId('proactive-row');
    expect(rows.map((r) => within(r).getByRole('heading', { level: 3 }).textContent)).toEqual(['Hugo Jakobsson', 'Greta Berg']);
    const first = within(rows[0]);
    expect(first.getByRole('link', { name: 'Hugo Jakobsson' })).toHaveAttribute('href', '/personer/p-1');
    expect(first.getByTestId('lace-badge')).toHaveTextContent('LACE 12 – hög risk');
    expect(rows[0]).toHaveTextContent('19400718-9196 · 86 år');
    expect(first.getByTestId('gaps')).toHaveTextContent('Ingen fast vårdkontakt');
    expect(within(rows[1]).getByText('19351128-9285 · 91 år')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Att gå igenom (2 personer)' })).toBeInTheDocument();
  });

  it('explains "Varför?": each LACE factor and each criterion, unknown named as such', async () => {
    server([hugo]);
    renderPage('/proaktiv', routes);
    const row = within(await screen.findByTestId('proactive-row'));
    await userEvent.click(row.getByText('Varför?'));
    const factors = row.getAllByTestId('lace-factor');
    expect(factors.map((f) => f.textContent)).toEqual([
      'L Vårdtid4 av 7Vårdtid 5 dygn',
      'A Akut inskrivning3 av 3Akut inskrivning',
      'C Samsjuklighet2 av 5Hjärtsvikt',
      'E Akuta inskrivningar senaste 6 månaderna3 av 42 akuta inskrivningar senaste 6 månaderna',
    ]);
    const criteria = row.getByTestId('criteria');
    expect(criteria).toHaveTextContent('Minst 3 inskrivningar på 12 månader: uppfyllt');
    expect(criteria).toHaveTextContent('Minst 25 timmar hemtjänst per månad: inte uppfyllt');
    expect(criteria).toHaveTextContent('Fler än 7 läkarbesök i specialistvård: uppgift saknas');
  });

  it('records "Bedömd – ingen åtgärd" with a review date; the row moves to the reviewed section', async () => {
    const { posts } = server([hugo, greta]);
    renderPage('/proaktiv', routes);
    const row = within((await screen.findAllByTestId('proactive-row'))[0]);
    await userEvent.click(row.getByRole('button', { name: 'Bedömd – ingen åtgärd' }));
    const form = within(row.getByTestId('assessed-form'));
    await userEvent.click(form.getByRole('button', { name: 'Spara bedömningen' }));
    expect(form.getByText('Välj ett datum för nästa genomgång.')).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    const date = addDays(isoDate(new Date()), 90);
    await userEvent.type(form.getByLabelText('Nästa genomgång'), date);
    await userEvent.type(form.getByLabelText('Anteckning (frivillig)'), 'Stabil, träffar dsk varje vecka.');
    await userEvent.click(form.getByRole('button', { name: 'Spara bedömningen' }));
    await waitFor(() => expect(posts).toEqual([{ personId: 'p-1', kind: 'assessed_no_action', nextReviewOn: date, note: 'Stabil, träffar dsk varje vecka.' }]));
    await waitFor(() => expect(screen.getAllByTestId('proactive-row')).toHaveLength(2));
    expect(await screen.findByTestId('proactive-status')).toHaveTextContent('Hugo Jakobsson är bedömd utan åtgärd.');
    const reviewed = screen.getByTestId('proactive-reviewed');
    expect(within(reviewed).getByText('Visa 1 bedömd person')).toBeInTheDocument();
    expect(within(screen.getByTestId('proactive-active')).queryByText('Hugo Jakobsson')).toBeNull();
    expect(within(reviewed).getByTestId('last-action')).toHaveTextContent('Nästa genomgång');
  });

  it('records an action with one press, and shows a refusal with its field', async () => {
    const { posts } = server([hugo], {
      status: 422,
      body: { status: 422, title: 'Ogiltig', errors: [{ field: 'personId', rule: 'proactive.not_listed', detail: 'Personen finns inte på enhetens lista.' }] },
    });
    renderPage('/proaktiv', routes);
    const row = within(await screen.findByTestId('proactive-row'));
    await userEvent.click(row.getByRole('button', { name: 'Erbjud SIP' }));
    await waitFor(() => expect(posts).toEqual([{ personId: 'p-1', kind: 'offer_sip' }]));
    expect(await row.findByRole('alert')).toHaveTextContent('Personen finns inte på enhetens lista.');
  });
});
