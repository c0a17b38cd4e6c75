import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FactsResponse, FollowUpResponse, IndicatorResponse } from '../../api/followUpTypes';
import { catalogue, definition, series } from '../../lib/followUpFixtures';
import { renderPage, stubApi, type Handler } from '../../test/apiHarness';
import { FollowUpPage } from './FollowUpPage';
import { IndicatorPage } from './IndicatorPage';

// Plot draws into the real DOM; jsdom has no layout, so the chart is a stand-in here (the e2e
// tests draw it in Chromium).
vi.mock('./IndicatorChart', () => ({ IndicatorChart: () => <div data-testid="chart-stand-in" /> }));

const county = series({ start: '2024-01', values: [5, ...Array(11).fill(4), 3] });
const kramfors = series({ level: 'municipality', key: '2282', name: 'Kramfors', start: '2024-01', values: [...Array(12).fill(2), 'S'] });
const share = series({ indicator: 'named_contact_share', start: '2024-01', values: [...Array(12).fill(0.5), 0.4] });

const followUp: FollowUpResponse = { from: '2024-01', to: '2025-01', catalogueVersion: '2026.1', series: [county, kramfors, share] };

const api: Handler = (url) => {
  if (url.pathname === '/api/v1/indicators') return { body: catalogue({ defaultPeriod: { from: '2024-01', to: '2025-01' } }) };
  if (url.pathname === '/api/v1/follow-up') return { body: followUp };
  if (url.pathname === '/api/v1/indicators/ready_days_mean') {
    const body: IndicatorResponse = { indicator: definition(), series: [kramfors, county], catalogueVersion: '2026.1' };
    return { body };
  }
  return undefined;
};

const routes = [
  { path: '/uppfoljning', element: <FollowUpPage /> },
  { path: '/uppfoljning/:indicatorId', element: <IndicatorPage /> },
];

afterEach(() => vi.unstubAllGlobals());

describe('Uppföljning', () => {
  it('shows a tile per indicator with its latest value, its change in words and a trend', async () => {
    const fetch = stubApi('unit_manager', api);
    renderPage('/uppfoljning', routes);
    const tiles = await screen.findAllByTestId('indicator-tile');
    expect(tiles).toHaveLength(3);
    const mean = within(tiles[0]);
    expect(mean.getByRole('link', { name: 'Utskrivningsklara dagar, medel' })).toHaveAttribute(
      'href',
      '/uppfoljning/ready_days_mean?fran=2024-01&till=2025-01',
    );
    expect(mean.getByTestId('tile-value')).toHaveTextContent('3,0');
    // Fewer days is better: the drop is said in words, not only in colour.
    expect(mean.getByTestId('tile-change')).toHaveTextContent('2,0 dagar lägre än januari 2024 – bättre');
    expect(mean.getByTestId('tile-change')).toHaveAttribute('data-verdict', 'better');
    expect(mean.getByRole('img', { name: /Trend januari 2024–januari 2025: lägst 3,0, högst 5,0/ })).toBeInTheDocument();
    const named = within(tiles[1]);
    expect(named.getByTestId('tile-change')).toHaveTextContent('10,0 procentenheter lägre än januari 2024 – sämre');
    // No series for an indicator: said, not left blank.
    expect(within(tiles[2]).getByText('Inga värden för urvalet')).toBeInTheDocument();
    expect(fetch.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/follow-up?from=2024-01&to=2025-01');
  });

  it('keeps the municipality in the URL and shows its figures, "<5" for a suppressed month', async () => {
    const fetch = stubApi('county_administrator', api);
    renderPage('/uppfoljning', routes);
    await screen.findAllByTestId('indicator-tile');
    await userEvent.selectOptions(screen.getByLabelText('Kommun'), '2282');
    expect(screen.getByTestId('location')).toHaveTextContent('/uppfoljning?fran=2024-01&till=2025-01&kommun=2282');
    await waitFor(() => expect(screen.getAllByTestId('tile-value')[0]).toHaveTextContent('<5'));
    expect(screen.getByRole('heading', { level: 2, name: /Kramfors, januari 2024–januari 2025/ })).toBeInTheDocument();
    // The unit select offers the municipality's units only.
    const unit = screen.getByLabelText('Enhet');
    expect(within(unit).getAllByRole('option').map((o) => o.textContent)).toEqual(['Alla enheter i kommunen', 'Hälsocentral Kramfors']);
    expect(fetch.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/follow-up?from=2024-01&to=2025-01&municipality=2282');
  });

  it('says when the period is the wrong way round, and asks for nothing', async () => {
    const fetch = stubApi('unit_manager', api);
    renderPage('/uppfoljning?fran=2025-05&till=2025-01', routes);
    expect(await screen.findByTestId('period-problem')).toHaveTextContent('Från-månaden måste vara före');
    expect(fetch.mock.calls.some((c) => String(c[0]).startsWith('/api/v1/follow-up'))).toBe(false);
  });
});

describe('an indicator', () => {
  it('shows the definition, the table with "<5", and the downloads', async () => {
    stubApi('unit_manager', api);
    renderPage('/uppfoljning/ready_days_mean?fran=2024-01&till=2025-01', routes);
    expect(await screen.findByRole('heading', { level: 1, name: /Utskrivningsklara dagar, medel/ })).toBeInTheDocument();
    expect(screen.getByTestId('indicator-definition')).toHaveTextContent('Vårdtillfällen med minst en utskrivningsklar dag');
    const table = await screen.findByTestId('indicator-table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Månad', 'Västernorrland', 'Kramfors']);
    const last = within(table).getAllByRole('row').at(-1)!;
    expect(last).toHaveTextContent('januari 2025');
    expect(last).toHaveTextContent('<5');
    expect(screen.getByTestId('indicator-csv')).toHaveAttribute('href', '/api/v1/indicators/ready_days_mean?from=2024-01&to=2025-01&format=csv');
    expect(screen.getByTestId('indicator-json')).toHaveAttribute('href', '/api/v1/indicators/ready_days_mean?from=2024-01&to=2025-01');
    expect(screen.getByTestId('indicator-chart')).toHaveTextContent('länet är den tjockare linjen');
  });

  it('drills into a municipality month: the facts, with links to episodes and the hidden count', async () => {
    const facts: FactsResponse = {
      indicator: 'ready_days_mean',
      month: '2024-02',
      kind: 'episode',
      hidden: 3,
      items: [{ id: 'ep-9', personId: 'p-9', personName: 'Hugo Jakobsson', personnummer: '194007189196', unitName: 'Medicinavdelning 1', start: '2024-02-01', end: '2024-02-10', detail: '4 dagar' }],
    };
    const fetch = stubApi('unit_manager', api, (url) => (url.pathname.endsWith('/facts') ? { body: facts } : undefined));
    renderPage('/uppfoljning/ready_days_mean?fran=2024-01&till=2025-01', routes);
    const buttons = await screen.findAllByRole('button', { name: /visa underlag för Kramfors, februari 2024/ });
    await userEvent.click(buttons[0]);
    expect(screen.getByTestId('location')).toHaveTextContent('niva=municipality&nyckel=2282&manad=2024-02');
    const list = await screen.findByTestId('facts-list');
    expect(within(list).getByRole('link', { name: /Öppna vårdtillfället/ })).toHaveAttribute('href', '/vardtillfallen/ep-9');
    expect(list).toHaveTextContent('19400718-9196');
    expect(screen.getByTestId('facts-hidden')).toHaveTextContent('3 dolda.');
    expect(fetch.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/indicators/ready_days_mean/facts?level=municipality&key=2282&month=2024-02');
    // The county's cells are figures only.
    expect(screen.queryByRole('button', { name: /Västernorrland/ })).toBeNull();
  });

  it('says plainly when the reader may not see the facts (403)', async () => {
    stubApi('county_administrator', api, (url) =>
      url.pathname.endsWith('/facts') ? { status: 403, body: { status: 403, title: 'Forbidden' } } : undefined,
    );
    renderPage('/uppfoljning/ready_days_mean?fran=2024-01&till=2025-01&niva=municipality&nyckel=2282&manad=2024-03', routes);
    expect(await screen.findByTestId('facts-forbidden')).toHaveTextContent('Du kan inte se underlaget');
    expect(screen.getByTestId('indicator-table')).toBeInTheDocument();
  });
});
