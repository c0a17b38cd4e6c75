// Issue 20 point 5: HL7 v2 as hospitals send it. An A01 with the hospital's own ward code is
// answered AE/103 and waits; the county administrator maps the code on the HL7 page and processes
// the message again, by keyboard — checked with axe, at 320 px, in Swedish and English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { adtA01, checkPage, checkReflow, PASSWORD, sendHl7, signIn } from './helpers';

async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/v1/session', { data: { username, password: PASSWORD, client: 'api' } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** A Skatteverket test personnummer the demo has not used, registered by the administrator (the
 * ingest refuses persons Nära does not know). */
async function newPerson(request: APIRequestContext): Promise<string> {
  const shared = process.env.NARA_SHARED ?? path.resolve('..', '..', 'shared');
  const numbers = readFileSync(path.join(shared, 'data/personnummer/skatteverket-testpersonnummer.txt'), 'utf8')
    .split('\n')
    .filter((n) => /^19[5-8]\d{9}$/.test(n.trim()))
    .map((n) => n.trim());
  const token = await apiToken(request, 'admin');
  const start = Math.floor(Math.random() * (numbers.length - 100));
  for (const identifier of numbers.slice(start, start + 100)) {
    const res = await request.post('/api/v1/persons', {
      headers: { Authorization: `Bearer ${token}` },
      data: { identifier, givenName: 'Kodsson', familyName: 'Testperson' },
    });
    if (res.status() === 201) return identifier;
  }
  throw new Error('no unused test personnummer');
}

test('an A01 with a hospital ward code waits until the county administrator maps the code and processes it again', async ({ page, request }) => {
  const stamp = Date.now();
  const wardCode = `MED-E2E-${stamp % 100000}`;
  const personnummer = await newPerson(request);
  const message = adtA01({
    personnummer,
    family: 'Testperson',
    given: 'Kodsson',
    wardHsaId: wardCode, // the hospital's own code in PV1-3.1, no PV1-3.4: MSH-4's
    visit: `E2E-CODE-${stamp}`,
    controlId: `E2E-CODE-${stamp}`,
    at: new Date(stamp - 60_000),
  });
  const refused = await sendHl7(request, message);
  expect(refused.code, refused.ack).toBe('AE');
  expect(refused.ack).toMatch(/\rERR\|\|PV1\^1\^3\^1\^1\|103\^Table value not found\^HL70357\|E\|\|/);
  expect(refused.ack).toContain(wardCode);

  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'HL7-koder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'HL7-koder' })).toBeVisible();
  await expect(page).toHaveURL(/\/administration\/hl7-koder/);
  const row = page.getByTestId('held-row').filter({ hasText: wardCode });
  await expect(row).toBeVisible();
  await expect(row).toContainText('SUNDSVALLS SJUKHUS');
  await expect(row).toContainText('Saknas i tabellen');
  await expect(row).toContainText('103 – värdet finns inte i tabellen');
  // Nothing about the person: the administrator maps codes, not patients (PDL 4:2).
  await expect(page.getByTestId('held-table')).not.toContainText(personnummer.slice(0, 8));
  await expect(page.getByTestId('held-table')).not.toContainText('Kodsson');
  await checkPage(page, 'hl7-codes');
  await checkReflow(page, 'hl7-codes');

  // The form checks what it can before the server does.
  await page.getByRole('button', { name: 'Koppla', exact: true }).click();
  await expect(page.getByText('Fyll i fältet.').first()).toBeVisible();
  await expect(page.getByText('Välj den vårdavdelning koden avser.')).toBeVisible();

  // Keyboard only: "Koppla koden" fills in the hospital and the code and moves to the ward.
  await row.getByRole('button', { name: `Koppla koden ${wardCode} från SUNDSVALLS SJUKHUS` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Sjukhus (PV1-3.4 eller MSH-4)')).toHaveValue('SUNDSVALLS SJUKHUS');
  await expect(page.getByLabel('Avdelningskod (PV1-3.1)')).toHaveValue(wardCode);
  const ward = page.getByTestId('ward-select');
  await expect(ward).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const wardName = (await ward.locator('option:checked').textContent())?.trim() ?? '';
  expect(wardName).not.toBe('');
  expect(wardName).not.toBe('Välj vårdavdelning');
  await page.getByLabel('Anteckning (valfri)').fill('Från COSMIC:s avdelningslista');
  await page.getByRole('button', { name: 'Koppla', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hl7-status')).toContainText(`Koden ${wardCode} från SUNDSVALLS SJUKHUS är kopplad till ${wardName}.`);
  const code = page.getByTestId('code-row').filter({ hasText: wardCode });
  await expect(code).toContainText(wardName);
  await expect(row).toContainText('Kopplad');

  // The same code again from the same hospital is refused before it reaches the server.
  await page.getByLabel('Sjukhus (PV1-3.4 eller MSH-4)').fill('SUNDSVALLS SJUKHUS');
  await page.getByLabel('Avdelningskod (PV1-3.1)').fill(` ${wardCode} `);
  await ward.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Koppla', exact: true }).click();
  await expect(page.getByText('Sjukhuset har redan en koppling för koden.')).toBeVisible();
  await page.getByRole('button', { name: 'Avbryt' }).click();

  // "Bearbeta igen": the message runs as the hospital's, once.
  await row.getByRole('button', { name: /^Bearbeta A01 .* igen$/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hl7-status')).toHaveText('Meddelandet är bearbetat och godkänt.');
  await expect(page.getByTestId('held-row').filter({ hasText: wardCode })).toHaveCount(0);
  await page.getByLabel('Visa').selectOption('processed');
  await expect(page.getByTestId('held-row').filter({ hasText: wardCode })).toContainText('Bearbetade');
  await checkPage(page, 'hl7-codes-processed');
  // The hospital's resend is a duplicate: AA without a second admission.
  const resent = await sendHl7(request, message);
  expect(resent.code, resent.ack).toBe('AA');

  // Change the mapping's note, then remove it; both by keyboard.
  await code.getByRole('button', { name: `Ändra kopplingen för ${wardCode} från SUNDSVALLS SJUKHUS` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: `Ändra koppling för ${wardCode}` })).toBeVisible();
  await page.getByLabel('Anteckning (valfri)').fill('Avdelningen heter nu MED3');
  await page.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(page.getByTestId('hl7-status')).toContainText(`Kopplingen för ${wardCode} från SUNDSVALLS SJUKHUS är ändrad`);
  await expect(code).toContainText('Avdelningen heter nu MED3');
  await code.getByRole('button', { name: `Ta bort kopplingen för ${wardCode} från SUNDSVALLS SJUKHUS` }).click();
  await code.getByRole('button', { name: `Ta bort ${wardCode}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hl7-status')).toContainText('är borttagen');
  await expect(page.getByTestId('code-row').filter({ hasText: wardCode })).toHaveCount(0);

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'HL7 codes' })).toBeVisible();
  await checkPage(page, 'hl7-codes-en');
});

test('only the county administrator has the HL7 page and its API', async ({ page, request }) => {
  await signIn(page, 'chef.hsl.kramfors');
  await expect(page.getByRole('link', { name: 'HL7-koder' })).toHaveCount(0);
  await page.goto('/administration/hl7-koder');
  await expect(page.getByRole('heading', { level: 1, name: 'HL7-koder' })).toHaveCount(0);
  const token = await apiToken(request, 'avd.ssk');
  const refused = await request.get('/api/v1/hl7/held-messages', { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(403);
  expect(refused.headers()['content-type']).toBe('application/problem+json');
  const admin = await apiToken(request, 'admin');
  const bad = await request.post('/api/v1/hl7/ward-codes', { headers: { Authorization: `Bearer ${admin}` }, data: { facility: 'X' } });
  expect(bad.status()).toBe(422);
  const fields = ((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
  expect(fields).toEqual(['pointOfCare', 'unitId']);
});
