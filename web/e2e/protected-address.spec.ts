// Issue 3 point 2: a person with protected identity (skyddade personuppgifter, OSL 22:1). The home
// health care nurse `hsl.kramfors` visits patients at home and her assignment is specially
// authorised for protected addresses; the district nurse's is not.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage, openPerson, PASSWORD, signIn } from './helpers';

async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/v1/session', { data: { username, password: PASSWORD, client: 'api' } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

interface ListedPerson {
  protectedIdentity: boolean;
  identifier: { value: string };
}

/** The personnummer of a demo person with protected identity, as the county administrator lists them. */
async function protectedPerson(request: APIRequestContext): Promise<string> {
  const headers = { Authorization: `Bearer ${await apiToken(request, 'admin')}` };
  let cursor = '';
  for (let page = 0; page < 20; page++) {
    const res = await request.get(`/api/v1/persons?limit=200${cursor}`, { headers });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: ListedPerson[]; nextCursor: string | null };
    const found = body.items.find((p) => p.protectedIdentity);
    if (found) return found.identifier.value;
    if (!body.nextCursor) break;
    cursor = `&cursor=${body.nextCursor}`;
  }
  throw new Error('the demo county has no person with protected identity');
}

/** Makes `username`'s unit take part in the person's care (a manual relation with its reason). */
async function takePartInCare(request: APIRequestContext, username: string, identifier: string) {
  const headers = { Authorization: `Bearer ${await apiToken(request, username)}` };
  const found = await request.post('/api/v1/persons/search', { headers, data: { identifier } });
  if (found.status() === 200) return;
  const declared = await request.post('/api/v1/care-relations', {
    headers,
    data: { identifier, reason: 'Hembesök planeras efter utskrivning' },
  });
  expect(declared.status()).toBe(201);
}

test('a protected address is shown only to the specially authorised nurse, with a reminder', async ({ page, request }) => {
  const identifier = await protectedPerson(request);
  await takePartInCare(request, 'hsl.kramfors', identifier);
  await takePartInCare(request, 'dsk.kramfors', identifier);

  await signIn(page, 'hsl.kramfors');
  await openPerson(page, identifier);
  await expect(page.getByText('Skyddad identitet', { exact: true })).toBeVisible();
  await expect(page.getByText(/Visas med din särskilda behörighet/)).toBeVisible();
  await expect(page.getByText('Adressen visas inte (skyddad identitet)')).toHaveCount(0);
  await checkPage(page, 'person-protected-authorised');

  await page.context().clearCookies();
  await signIn(page, 'dsk.kramfors');
  await openPerson(page, identifier);
  await expect(page.getByText('Skyddad identitet', { exact: true })).toBeVisible();
  await expect(page.getByText('Adressen visas inte (skyddad identitet)')).toBeVisible();
  await expect(page.getByText(/Visas med din särskilda behörighet/)).toHaveCount(0);
});
