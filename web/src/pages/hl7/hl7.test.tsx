import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HeldMessage, WardCode } from '../../api/hl7Types';
import { renderPage, stubApi } from '../../test/apiHarness';
import { Hl7CodesPage } from './Hl7CodesPage';

const routes = [{ path: '/administration/hl7-koder', element: <Hl7CodesPage /> }];

afterEach(() => vi.unstubAllGlobals());

const heldMessage: HeldMessage = {
  id: 'h-1',
  state: 'open',
  sender: 'COSMIC^SUNDSVALLS SJUKHUS',
  controlId: 'C-1',
  triggerEvent: 'A01',
  facility: 'SUNDSVALLS SJUKHUS',
  pointOfCare: 'MED3',
  mapped: false,
  receivedAt: '2026-11-23T09:15:00Z',
  lastAttemptAt: '2026-11-23T09:15:00Z',
  attempts: 1,
  ackCode: 'AE',
  errorCode: 103,
  reason: 'PV1-3.1: avdelningskoden MED3 från SUNDSVALLS SJUKHUS finns inte i Näras kodtabell.',
  processedAt: null,
  processedBy: null,
};

/** A server with one held message and an empty table: a POST maps the code, a re-run processes it. */
function server() {
  let held = [heldMessage];
  const codes: WardCode[] = [];
  const posts: unknown[] = [];
  const fetch = stubApi('county_administrator', (url, init) => {
    if (url.pathname === '/api/v1/hl7/held-messages') return { body: { items: held.filter((m) => m.state === 'open'), open: held.filter((m) => m.state === 'open').length } };
    if (url.pathname === '/api/v1/units') return { body: { items: [{ id: 'w-1', name: 'Medicinavdelning 3', kind: 'hospital_ward' }], nextCursor: null } };
    if (url.pathname === '/api/v1/hl7/ward-codes' && init.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { facility: string; pointOfCare: string; unitId: string; note: string | null };
      posts.push(body);
      const code: WardCode = { id: 'c-1', ...body, unitName: 'Medicinavdelning 3', unitHsaId: 'SE-MED3', version: 1, createdAt: '', updatedAt: '' };
      codes.push(code);
      held = held.map((m) => ({ ...m, mapped: true }));
      return { status: 201, body: code };
    }
    if (url.pathname === '/api/v1/hl7/ward-codes') return { body: { items: codes } };
    if (url.pathname === '/api/v1/hl7/held-messages/h-1/reprocess') {
      held = held.map((m) => ({ ...m, state: 'processed' as const }));
      return { body: { heldMessage: held[0], results: [{ heldMessageId: 'h-1', ackCode: 'AA', errorCode: null, reason: '' }] } };
    }
    return undefined;
  });
  return { fetch, posts };
}

describe('HL7-koder', () => {
  it('lists the held message by its hospital, code and answer, without re-run until the code is mapped', async () => {
    server();
    renderPage('/administration/hl7-koder', routes);
    const row = within(await screen.findByTestId('held-row'));
    expect(row.getByText('MED3')).toBeInTheDocument();
    expect(screen.getByTestId('held-row')).toHaveTextContent('AE 103 – värdet finns inte i tabellen');
    expect(row.getByText('Saknas i tabellen')).toBeInTheDocument();
    expect(row.queryByRole('button', { name: /Bearbeta/ })).toBeNull();
    expect(screen.getByTestId('held-open-count')).toHaveTextContent('1 meddelande väntar.');
  });

  it('maps the code from the held message, then processes it again', async () => {
    const { posts } = server();
    renderPage('/administration/hl7-koder', routes);
    const row = within(await screen.findByTestId('held-row'));
    await userEvent.click(row.getByRole('button', { name: 'Koppla koden MED3 från SUNDSVALLS SJUKHUS' }));
    expect(screen.getByLabelText('Sjukhus (PV1-3.4 eller MSH-4)')).toHaveValue('SUNDSVALLS SJUKHUS');
    expect(screen.getByLabelText('Avdelningskod (PV1-3.1)')).toHaveValue('MED3');
    await waitFor(() => expect(screen.getByTestId('ward-select')).toHaveFocus());
    // Without a ward the form says so and sends nothing.
    await userEvent.click(screen.getByRole('button', { name: 'Koppla' }));
    expect(await screen.findByText('Välj den vårdavdelning koden avser.')).toBeInTheDocument();
    expect(posts).toEqual([]);
    await userEvent.selectOptions(screen.getByTestId('ward-select'), 'w-1');
    await userEvent.click(screen.getByRole('button', { name: 'Koppla' }));
    await waitFor(() => expect(screen.getByTestId('hl7-status')).toHaveTextContent('Koden MED3 från SUNDSVALLS SJUKHUS är kopplad till Medicinavdelning 3.'));
    expect(posts).toEqual([{ facility: 'SUNDSVALLS SJUKHUS', pointOfCare: 'MED3', unitId: 'w-1', note: null }]);
    const rerun = await screen.findByRole('button', { name: 'Bearbeta A01 C-1 igen' });
    await userEvent.click(rerun);
    await waitFor(() => expect(screen.getByTestId('hl7-status')).toHaveTextContent('Meddelandet är bearbetat och godkänt.'));
    expect(await screen.findByTestId('held-empty')).toBeInTheDocument();
  });

  it('shows the field the server names when it refuses', async () => {
    stubApi('county_administrator', (url, init) => {
      if (url.pathname === '/api/v1/hl7/held-messages') return { body: { items: [], open: 0 } };
      if (url.pathname === '/api/v1/units') return { body: { items: [{ id: 'w-1', name: 'Medicinavdelning 3', kind: 'hospital_ward' }], nextCursor: null } };
      if (url.pathname === '/api/v1/hl7/ward-codes' && init.method === 'POST')
        return { status: 422, body: { status: 422, title: 'Ogiltig', errors: [{ field: 'unitId', rule: 'kind', detail: 'Koden kopplas till en vårdavdelning.' }] } };
      if (url.pathname === '/api/v1/hl7/ward-codes') return { body: { items: [] } };
      return undefined;
    });
    renderPage('/administration/hl7-koder', routes);
    await screen.findByTestId('held-empty');
    await userEvent.type(screen.getByLabelText('Sjukhus (PV1-3.4 eller MSH-4)'), 'SVS');
    await userEvent.type(screen.getByLabelText('Avdelningskod (PV1-3.1)'), 'MED3');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2 + 4));
    await userEvent.selectOptions(screen.getByTestId('ward-select'), 'w-1');
    await userEvent.click(screen.getByRole('button', { name: 'Koppla' }));
    expect(await screen.findByText('Koden kopplas till en vårdavdelning.')).toBeInTheDocument();
  });
});
