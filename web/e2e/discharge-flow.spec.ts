// The discharge chain through the browser, one role after the other, on one person:
// the hospital's system admits through HL7 v2, the ward finds the patient on its board and notifies, the health centre acknowledges and appoints the named contact,
// the physician marks ready, the health centre invites to SIP, and the citizen sees who read.
import { expect, test, type Page } from '@playwright/test';
import { adtA01, checkPage, checkReflow, HUGO, openPerson, sendHl7, signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

let episodePath = '';

async function board(page: Page) {
  await page.goto(episodePath);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Vårdtillfälle – ${HUGO.name}`) })).toBeVisible();
}

test('the patient is admitted through HL7 v2; the ward finds them on its board, assesses needs and sends the admission notice', async ({ page, request }) => {
  await signIn(page, 'avd.ssk');
  await openPerson(page, '19400718-9197');
  await expect(page.getByText('Kontrollsiffran stämmer inte')).toBeVisible();
  await openPerson(page, HUGO.identifier);
  // No care relation yet: the API answers 404 exactly as for a person who does not exist.
  await expect(page.getByRole('heading', { name: 'Ingen person att visa' })).toBeVisible();
  expect(page.url()).not.toContain('9196'); // the personnummer stays out of the URL
  await checkPage(page, 'person-search-not-found');
  await page.getByLabel('Skäl till vårdrelationen').fill('kort');
  await page.getByRole('button', { name: 'Registrera vårdrelation' }).click();
  await expect(page.getByText('minst tio tecken')).toBeVisible();
  await page.getByLabel('Skäl till vårdrelationen').fill('Inkommer akut till Medicinavdelning 1 via akutmottagningen');
  await page.getByRole('button', { name: 'Registrera vårdrelation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(HUGO.name) })).toBeVisible();
  expect(page.url()).not.toContain('9196');
  await expect(page.getByTestId('care-team')).toContainText('Medicinavdelning 1');


  // The hospital's patient administration system sends the admission (ADT^A01) to the ward.
  const session = await (await page.request.get('/api/v1/session')).json();
  const wardHsaId: string = session.assignments[0].unitHsaId;
  expect(wardHsaId).toBeTruthy();
  const stamp = Date.now();
  const { code, ack } = await sendHl7(
    request,
    adtA01({
      personnummer: HUGO.identifier.replace('-', ''),
      family: 'Jakobsson',
      given: 'Hugo',
      wardHsaId,
      visit: `E2E-${stamp}`,
      controlId: `E2E-A01-${stamp}`,
      at: new Date(stamp - 60_000),
    }),
  );
  expect(code, ack).toBe('AA');

  // The ward's discharge board lists the new admission; no clock runs until the needs are assessed.
  await page.getByRole('link', { name: 'Utskrivningstavla' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Utskrivningstavla/ })).toBeVisible();
  const boardRow = page.getByTestId('board-row').filter({ hasText: HUGO.name });
  await expect(boardRow.getByTestId('board-state')).toHaveText('Inskriven');
  await expect(boardRow).toContainText('Inga öppna tidsfrister');
  // Overdue episodes of the demo come first.
  await expect(page.getByTestId('board-row').first()).toContainText('försenad');
  await expect(page.getByTestId('board-counts')).toContainText('Inskriven:');
  await checkPage(page, 'ward-board');
  await checkReflow(page, 'ward-board');
  // The state filter narrows the board to one state, the patient stays among the admitted.
  await page.getByLabel('Visa tillstånd').selectOption('ready');
  await expect(page.getByTestId('board-row').first()).toBeVisible();
  for (const state of await page.getByTestId('board-state').allTextContents()) expect(state).toBe('Utskrivningsklar');
  await page.getByLabel('Visa tillstånd').selectOption('admitted');
  await expect(boardRow).toBeVisible();

  await boardRow.getByRole('link', { name: HUGO.name }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Inskriven');
  episodePath = new URL(page.url()).pathname;
  expect(episodePath).toMatch(/^\/vardtillfallen\//);

  await page.getByRole('button', { name: 'Bedöm behov' }).click();
  await page.getByLabel('Socialtjänst').check();
  await page.getByLabel('Kommunal hälso- och sjukvård').check();
  await page.getByLabel('Regionens öppna vård').check();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Behov bedömt');
  await expect(page.getByText('SIP krävs')).toBeVisible();
  // The 24-hour admission notice clock runs and shows time left.
  await expect(page.getByTestId('episode-clocks')).toContainText('Inskrivningsmeddelande');
  await expect(page.getByTestId('episode-clocks')).toContainText('kvar');

  await page.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }).click();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByText('Välj minst en mottagare.')).toBeVisible();
  await page.getByLabel(/Hälsocentral Kramfors/).check();
  await page.getByLabel(/Hemsjukvård Kramfors/).check();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Inskrivningsmeddelande skickat');
  await expect(page.getByTestId('episode-notices')).toContainText('Hälsocentral Kramfors');
  await expect(page.getByTestId('timeline')).toContainText('Inskrivningsmeddelande skickat');
  await checkPage(page, 'episode-board');
  await checkReflow(page, 'episode-board');
});

test('a stale page cannot overwrite a newer change (If-Match) and says so', async ({ page, browser }) => {
  await signIn(page, 'avd.ssk');
  await board(page);
  const other = await browser.newPage();
  await signIn(other, 'avd.ssk');
  await other.goto(episodePath);
  await other.getByRole('button', { name: 'Information överförd' }).click();
  await other.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(other.getByText('Registrerat: Information överförd.')).toBeVisible();
  await other.close();

  await page.getByRole('button', { name: 'Ändra planerad utskrivning' }).click();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Händelsen kunde inte registreras');
  await expect(page.getByRole('alert')).toContainText('Någon annan har ändrat uppgifterna');
  // The page reloads the episode, so the other tab's change is now shown.
  await expect(page.getByTestId('timeline')).toContainText('Information överförd');
});

test('the district nurse sees the notice on the worklist, acknowledges it by keyboard and appoints the named contact', async ({ page }) => {
  await signIn(page, 'dsk.kramfors');
  await expect(page.getByRole('heading', { level: 1, name: /Arbetslista/ })).toBeVisible();
  const hugo = page.getByTestId('work-row').filter({ hasText: HUGO.name });
  const notice = hugo.filter({ hasText: 'Kvittera meddelande: Inskrivningsmeddelande' });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Inkom för');
  // The health centre answers for the named contact (2 kap. 5 §), due by the planned discharge.
  const named = hugo.filter({ hasText: 'Fast vårdkontakt' });
  await expect(named).toContainText('kvar');
  await expect(named).toContainText('Medicinavdelning 1');
  const before = Number(await page.getByTestId('count-acknowledge').textContent());
  expect(before).toBeGreaterThanOrEqual(1);
  await checkPage(page, 'worklist');
  await checkReflow(page, 'worklist');

  // Acknowledge by keyboard: the button is reachable and named for the notice and the person.
  const ack = notice.getByRole('button', { name: `Kvittera Inskrivningsmeddelande för ${HUGO.name}` });
  await ack.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('worklist-status')).toContainText(`Kvitterat: Inskrivningsmeddelande för ${HUGO.name}.`);
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('count-acknowledge')).toHaveText(String(before - 1));

  await named.getByRole('link', { name: 'Fast vårdkontakt' }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Planering pågår');
  await page.getByRole('button', { name: 'Utse fast vårdkontakt' }).click();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByTestId('timeline')).toContainText('Fast vårdkontakt utsedd');
  await expect(page.getByRole('button', { name: 'Utse fast vårdkontakt' })).toHaveCount(0);
  // Met: the named-contact task has left the worklist.
  await page.getByRole('link', { name: 'Arbetslista' }).click();
  await expect(page.getByTestId('work-row').first()).toBeVisible();
  await expect(page.getByTestId('work-row').filter({ hasText: HUGO.name }).filter({ hasText: 'Fast vårdkontakt' })).toHaveCount(0);
});

test('the person overview shows the shared picture, and emergency access needs a reason', async ({ page }) => {
  await signIn(page, 'hsl.kramfors');
  await openPerson(page, HUGO.identifier);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(HUGO.name) })).toBeVisible();
  await expect(page.getByTestId('care-team')).toContainText('Medicinavdelning 1');
  await expect(page.getByTestId('care-team')).toContainText('Hemsjukvård Kramfors');
  // The region's episode is another provider's data: without consent it exists, its content is hidden.
  await expect(page.getByTestId('episode-hidden')).toBeVisible();
  await checkPage(page, 'person-overview');
  await checkReflow(page, 'person-overview');

  await page.getByRole('button', { name: 'Nödåtkomst' }).click();
  const dialog = page.getByRole('dialog', { name: `Nödåtkomst för ${HUGO.name}` });
  await expect(dialog).toBeVisible();
  await checkPage(page, 'emergency-access-dialog');
  await dialog.getByRole('button', { name: 'Öppna nödåtkomst' }).click();
  await expect(dialog.getByText('Skälet ska vara minst 10 tecken.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Nödåtkomst' }).click();
  await dialog.getByLabel('Skäl').fill('Medvetslös vid hembesök, behöver läkemedelslistan');
  await dialog.getByLabel('Hur länge').selectOption('30');
  await dialog.getByRole('button', { name: 'Öppna nödåtkomst' }).click();
  await expect(page.getByTestId('emergency-active')).toContainText('Nödåtkomst pågår');
  await expect(page.getByTestId('emergency-active')).toContainText('Medvetslös vid hembesök');
  // With emergency access the episode's content is shown.
  await expect(page.getByTestId('episode-card')).toContainText('Planering pågår');
});

test('the physician marks the patient ready for discharge', async ({ page }) => {
  await signIn(page, 'avd.lakare', /Medicinavdelning 1/);
  await board(page);
  await page.getByRole('button', { name: 'Utskrivningsklar' }).click();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Utskrivningsklar');
  await expect(page.getByTestId('episode-clocks')).toContainText('Kallelse till SIP');
  await expect(page.getByRole('button', { name: 'Återta utskrivningsklar' })).toBeVisible();
});

test('the named contact invites to SIP from the worklist', async ({ page }) => {
  await signIn(page, 'dsk.kramfors');
  const hugo = page.getByTestId('work-row').filter({ hasText: HUGO.name });
  // The ready notice waits for acknowledgement, and the SIP invitation clock (4 kap. 3 §) runs.
  await expect(hugo.filter({ hasText: 'Kvittera meddelande: Utskrivningsklar' })).toHaveCount(1);
  const sip = hugo.filter({ hasText: 'Kallelse till SIP' });
  await expect(sip).toContainText('kvar');
  await sip.getByRole('link', { name: 'Kallelse till SIP' }).click();
  await page.getByRole('button', { name: 'Kalla till SIP' }).click();
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Kallad till SIP');
  await expect(page.getByTestId('timeline')).toContainText('Kallad till SIP');
  await signOut(page);
});

test('the citizen sees who has read their data, and their blocks and care team', async ({ page }) => {
  await signIn(page, 'invanare');
  await expect(page.getByRole('heading', { level: 1, name: 'Vem har läst mina uppgifter' })).toBeVisible();
  const log = page.getByTestId('access-log');
  await expect(log).toContainText('Medicinavdelning 1');
  await expect(log).toContainText('Hälsocentral Kramfors');
  await expect(log).toContainText('Nödåtkomst');
  await checkPage(page, 'citizen-access-log');
  await checkReflow(page, 'citizen-access-log');
  await page.getByRole('link', { name: 'Samtycken och spärrar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Samtycken och spärrar' })).toBeVisible();
  await expect(page.getByTestId('no-blocks')).toBeVisible();
  await expect(page.getByTestId('my-care-team')).toContainText('Hälsocentral Kramfors');
  await checkPage(page, 'citizen-sharing');
  // Staff pages are not the citizen's.
  await page.goto('/arbetslista');
  await expect(page).toHaveURL(/\/mina-sidor\/vem-har-last$/);
});
