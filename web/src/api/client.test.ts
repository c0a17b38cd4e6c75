import { ApiError, request, setCsrfToken, setUnauthorizedHandler } from './client';

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

describe('API client', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('csrf-123');
  });
  afterEach(() => {
    setUnauthorizedHandler(null);
    vi.unstubAllGlobals();
  });

  it('sends the CSRF token on state-changing requests only, with the cookie', async () => {
    fetchMock.mockImplementation(async () => respond(200, { ok: true }));
    await request('/api/v1/notices');
    await request('/api/v1/notices/n1/acknowledge', { method: 'POST', body: {} });
    const [getCall, postCall] = fetchMock.mock.calls;
    expect(getCall[1].headers['X-CSRF-Token']).toBeUndefined();
    expect(getCall[1].credentials).toBe('same-origin');
    expect(postCall[1].headers['X-CSRF-Token']).toBe('csrf-123');
    expect(postCall[1].headers['Content-Type']).toBe('application/json');
  });

  it('quotes the version for If-Match and returns the ETag', async () => {
    fetchMock.mockImplementation(async () => respond(200, { id: 'e' }, { ETag: '"8"' }));
    const res = await request('/api/v1/episodes/e/events', { method: 'POST', body: { kind: 'mark_ready' }, ifMatch: 7 });
    expect(fetchMock.mock.calls[0][1].headers['If-Match']).toBe('"7"');
    expect(res.etag).toBe('"8"');
  });

  it('turns problem+json into an ApiError with the Swedish reason and field errors', async () => {
    fetchMock.mockResolvedValue(
      respond(409, {
        type: 'https://nara.example/problems/transition',
        title: 'Konflikt',
        status: 409,
        detail: 'Kallelse till SIP skickas efter underrättelse om utskrivningsklar (4 kap. 3 §).',
        errors: [{ field: 'kind', rule: 'episode.not_ready', detail: 'Patienten är inte utskrivningsklar.' }],
      }),
    );
    const err = await request('/x', { method: 'POST', body: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.message).toContain('4 kap. 3 §');
    expect(err.fieldErrors()).toEqual({ kind: 'Patienten är inte utskrivningsklar.' });
  });

  it('reports a 401 as an ended session, except where a 401 is the answer (sign-in)', async () => {
    const ended = vi.fn();
    setUnauthorizedHandler(ended);
    fetchMock.mockImplementation(async () => respond(401, { status: 401, title: 'Inte inloggad' }));
    await expect(request('/api/v1/session', { method: 'POST', body: {}, expectUnauthorized: true })).rejects.toThrow();
    expect(ended).not.toHaveBeenCalled();
    await expect(request('/api/v1/notices')).rejects.toThrow();
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('gives status 0 when the server cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const err = await request('/api/v1/notices').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
  });
});
