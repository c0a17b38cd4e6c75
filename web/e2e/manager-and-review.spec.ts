// Issue 6: the manager's deadline-compliance report, the log reviewer's page, the citizen's
// consents and the person page's episodes — each checked with axe, at 320 px and by keyboard.
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage, checkReflow, HUGO, PASSWORD, signIn } from './helpers';

async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/v1/session', { data: { username, password: PASSWORD, client: 'api' } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Hugo's person id as Hemsjukvård Kramfors sees him (the unit takes part in his care). */
async function hugoAsHomeCare(request: APIRequestContext): Promise<{ token: string; id: string }> {
  const token = await apiToken(request, 'hsl.kramfors');
  const headers = { Authorization: `Bearer ${token}` };
  let res = await request.post('/api/v1/persons/search', { headers, data: { identifier: HUGO.identifier } });
  if (res.status() === 404) {
    const declared = await request.post('/api/v1/care-relations', {
      headers,
      data: { identifier: HUGO.identifier, reason: 'Hembesök enligt SIP, planerad insats' },
    });
    expect(declared.status()).toBe(201);
    res = await request.post('/api/v1/persons/search', { headers, data: { identifier: HUGO.identifier } });
  }
  expect(res.status()).toBe(200);
  return { token, id: ((await res.json()) as { id: string }).id };
}

test('the unit manager reads how the deadlines were kept, as a table and a chart, and downloads the CSV', async ({ page }) => {
  await signIn(page, 'chef.hsl.kramfors');
  await expect(page.getByRole('heading', { level: 1, name: 'Betalningsansvar' })).toBeVisible();
  // The liability report no longer says the figure is missing; it links to it.
  await expect(page.getByTestId('compliance-link')).toBeVisible();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Tidsfrister' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tidsfrister' })).toBeVisible();
  await expect(page).toHaveURL(/\/rapporter\/tidsfrister/);

  // The demo's clocks fall due around now: this month, or last month early in a month.
  let kinds = page.getByTestId('compliance-kind-row');
  await expect(page.getByTestId('compliance-kinds').or(page.getByTestId('compliance-empty'))).toBeVisible();
  if ((await kinds.count()) === 0) {
    const month = await page.getByRole('textbox', { name: 'Månad' }).inputValue();
    const [y, m] = month.split('-').map(Number);
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    await page.goto(`/rapporter/tidsfrister?manad=${previous}`);
    kinds = page.getByTestId('compliance-kind-row');
  }
  await expect(kinds.first()).toBeVisible();
  // Counts only: the rows name the statutory step and its paragraph, never a person.
  const text = (await page.getByTestId('compliance-kinds').textContent()) ?? '';
  expect(text).toMatch(/Inskrivningsmeddelande|Fast vårdkontakt|Informationsöverföring|Kallelse till SIP/);
  expect(text).toContain('2017:612');
  expect(text).not.toContain(HUGO.name);
  await expect(page.getByTestId('compliance-unit-row').first()).toBeVisible();
  const chart = page.getByTestId('compliance-chart');
  await expect(chart.locator('svg').first()).toBeVisible();
  await expect(chart.locator('[aria-hidden="true"]').first()).toBeAttached();
  await expect(chart.locator('figcaption')).toContainText('Samma siffror finns i tabellen ovan.');
  await checkPage(page, 'compliance-report');
  await checkReflow(page, 'compliance-report');

  const month = await page.getByRole('textbox', { name: 'Månad' }).inputValue();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compliance-csv').click()]);
  expect(download.suggestedFilename()).toBe(`tidsfrister-${month}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('frist;regel;ansvarig enhet;i tid;sent;ej uppfyllt, försenat;ej förfallet;andel i tid (%)');
  expect(lines.length - 1).toBe(await page.getByTestId('compliance-unit-row').count());

  // The month picker, by keyboard: the URL keeps the month, the CSV link follows.
  const picker = page.getByRole('textbox', { name: 'Månad' });
  await picker.focus();
  await picker.fill('2026-01');
  await expect(page).toHaveURL(/manad=2026-01/);
  await expect(page.getByRole('heading', { level: 2, name: /januari 2026/ })).toBeVisible();
  await expect(page.getByTestId('compliance-csv')).toHaveAttribute('href', /month=2026-01&format=csv/);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Månad' })).toHaveValue('2026-01');
});

test('the county administrator sees the deadlines of every unit; care staff are refused', async ({ page, request }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Tidsfrister' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tidsfrister' })).toBeVisible();
  await expect(page.getByTestId('compliance-kinds').or(page.getByTestId('compliance-empty'))).toBeVisible();
  const token = await apiToken(request, 'dsk.kramfors');
  const refused = await request.get('/api/v1/reports/deadline-compliance?month=2026-11', { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(403);
  const bad = await request.get('/api/v1/reports/deadline-compliance?month=2026-13', { headers: { Authorization: `Bearer ${token}` } });
  expect(bad.status()).toBe(422);
  expect(bad.headers()['content-type']).toBe('application/problem+json');
});

test('the log reviewer lands on the log review, finds the emergency access and documents the outcome by keyboard', async ({ page, request }) => {
  // An emergency access in the municipality's name: always selected for review (2022:913 3:5).
  const hugo = await hugoAsHomeCare(request);
  const opened = await request.post(`/api/v1/persons/${hugo.id}/emergency-access`, {
    headers: { Authorization: `Bearer ${hugo.token}` },
    data: { reason: 'Medvetslös vid hembesök, behöver läkemedelslistan', minutes: 15 },
  });
  expect(opened.status()).toBe(201);

  await signIn(page, 'logg.kramfors');
  await expect(page.getByRole('heading', { level: 1, name: 'Loggkontroll' })).toBeVisible();
  await expect(page).toHaveURL(/\/loggkontroll/);
  await expect(page.getByRole('link', { name: 'Arbetslista' })).toHaveCount(0);
  const rows = page.getByTestId('review-row');
  const emergency = rows.filter({ hasText: 'Nödåtkomst' }).filter({ hasText: HUGO.name }).first();
  await expect(emergency).toBeVisible();
  await checkPage(page, 'log-review');
  await checkReflow(page, 'log-review');

  // Keyboard only: focus the row's button, open the form, choose, write, save.
  await emergency.getByRole('button', { name: /Dokumentera/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Dokumentera bedömning' })).toBeVisible();
  await checkPage(page, 'log-review-dialog');
  await dialog.getByRole('radio', { name: 'Behöver följas upp' }).check();
  await dialog.getByRole('button', { name: 'Spara bedömning' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Skriv vad som ska följas upp eller varför åtkomsten var obefogad.').first()).toBeVisible();
  await dialog.getByLabel('Anteckning').fill('Kontrollera med enhetschefen att nödåtkomsten följdes upp.');
  await dialog.getByRole('button', { name: 'Spara bedömning' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('review-status')).toContainText('Behöver följas upp');
  const reviewed = rows.filter({ hasText: 'Kontrollera med enhetschefen' });
  await expect(reviewed).toHaveCount(1);
  await expect(reviewed.getByRole('button', { name: /Dokumentera/ })).toHaveCount(0);

  // The period is in the URL.
  await page.getByLabel('Från och med').fill('2026-01-01');
  await expect(page).toHaveURL(/fran=2026-01-01/);
});

test('the region log reviewer starts on the log review, and a worklist bookmark leads there too', async ({ page }) => {
  await signIn(page, 'logg.region');
  await expect(page.getByRole('heading', { level: 1, name: 'Loggkontroll' })).toBeVisible();
  await page.goto('/arbetslista');
  await expect(page).toHaveURL(/\/loggkontroll/);
  await expect(page.getByRole('heading', { level: 1, name: 'Loggkontroll' })).toBeVisible();
});

test('the citizen sees their consents with the care provider, and the units in their care', async ({ page, request }) => {
  const hugo = await hugoAsHomeCare(request);
  const given = await request.post(`/api/v1/persons/${hugo.id}/consents`, {
    headers: { Authorization: `Bearer ${hugo.token}` },
    data: { scope: 'shared_documentation' },
  });
  expect(given.status()).toBe(201);

  await signIn(page, 'invanare');
  await page.getByRole('link', { name: 'Samtycken och spärrar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Samtycken och spärrar' })).toBeVisible();
  const consent = page.getByTestId('consent-row').first();
  await expect(consent).toContainText('Sammanhållen dokumentation');
  await expect(consent).toContainText('Gäller');
  await expect(consent).toContainText('Du själv');
  await expect(page.getByText('kan ännu inte visa en lista')).toHaveCount(0);
  await checkPage(page, 'citizen-consents');
  await checkReflow(page, 'citizen-consents');
});

test("the person page lists the person's episodes from the server", async ({ page, request }) => {
  const token = await apiToken(request, 'avd.ssk');
  const board = await request.get('/api/v1/episodes', { headers: { Authorization: `Bearer ${token}` } });
  expect(board.status()).toBe(200);
  const { episodes: items } = (await board.json()) as { episodes: { personId: string; state: string }[] };
  const episode = items.find((e) => e.state === 'planning') ?? items[0];
  expect(episode).toBeTruthy();

  await signIn(page, 'avd.ssk');
  await page.goto(`/personer/${episode.personId}`);
  const card = page.getByTestId('episode-card').first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('Sundsvalls sjukhus');
  await expect(page.getByText('fått meddelanden om')).toHaveCount(0);
  await checkPage(page, 'person-episodes');
  await checkReflow(page, 'person-episodes');
  await card.getByRole('link').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/vardtillfallen\//);
});
