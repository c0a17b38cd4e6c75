// The discharge chain through the browser, one role after the other, on one person:
// the hospital's system admits through HL7 v2, the ward finds the patient on its board and notifies, the health centre acknowledges and appoints the named contact,
// the physician marks ready, the health centre invites to SIP, the named contact starts the SIP with
// the patient's consent, fills in the four items the law requires (with the responsibility
// catalogue's suggestions) and activates it, a request goes to home health care and is answered,
// and the citizen sees their plan, their named contacts and who read their data.
import { expect, test, type Page } from '@playwright/test';
import { adtA01, checkPage, checkReflow, HUGO, openPerson, sendHl7, signIn, signOut } from './helpers';

test.describe.configure({ mode: 'serial' });

let episodePath = '';
let sipPath = '';

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

  // Home health care appoints the fast omsorgskontakt: the signed-in nurse or a colleague at the unit.
  const who = page.getByLabel('Fast omsorgskontakt på din enhet');
  await expect(who.locator('option', { hasText: '(jag)' })).toHaveCount(1);
  expect(await who.locator('option').count()).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Utse till fast omsorgskontakt' }).click();
  await expect(page.getByText('Kontakten är utsedd.')).toBeVisible();
  const contacts = page.getByTestId('named-contacts');
  await expect(contacts.getByRole('row').filter({ hasText: 'Fast omsorgskontakt' })).toHaveCount(1); // the previous one ended
  await expect(contacts.getByRole('row').filter({ hasText: 'Fast omsorgskontakt' })).toContainText('Hemsjukvård Kramfors');
  await expect(page.getByRole('button', { name: 'Utse till fast omsorgskontakt' })).toBeDisabled();
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

test('the named contact starts the SIP with consent, fills in the four required items from the catalogue and activates it', async ({ page, browser }) => {
  await signIn(page, 'dsk.kramfors');
  await board(page);
  await expect(page.getByTestId('episode-state')).toHaveText('Kallad till SIP');
  await page.getByRole('link', { name: 'Starta SIP för vårdtillfället' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Starta SIP – ${HUGO.name}` })).toBeVisible();
  await checkPage(page, 'sip-start');
  await checkReflow(page, 'sip-start');
  // No plan without consent (HSL 16 kap. 4 §, SoL 10 kap. 8 §).
  await page.getByRole('button', { name: 'Starta planen' }).click();
  await expect(page.getByText('Personen måste samtycka')).toBeVisible();
  await page.getByLabel('Vad samtycket omfattar').fill('Hälsocentralen, hemsjukvården och hemtjänsten får dela det som behövs för planen.');
  await page.getByLabel(`${HUGO.name} har samtyckt till att planen upprättas`).check();
  await page.getByRole('button', { name: 'Starta planen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^SIP – ${HUGO.name}`) })).toBeVisible();
  await expect(page).toHaveURL(/\/sip\/[0-9a-f-]{36}$/);
  sipPath = new URL(page.url()).pathname;
  expect(sipPath).toMatch(/^\/sip\//);
  await expect(page.getByTestId('sip-state')).toHaveText('Utkast');
  await expect(page.getByTestId('sip-consent')).toHaveText('Samtycke finns');
  // The checklist names what the law still requires; consent is there, the four items are not.
  const checklist = page.getByTestId('sip-checklist');
  await expect(checklist.getByTestId('check-consent')).toHaveAttribute('data-met', 'true');
  for (const item of ['interventions', 'principals', 'otherMeasures', 'overallResponsible'])
    await expect(checklist.getByTestId(`check-${item}`)).toHaveAttribute('data-met', 'false');
  await expect(page.getByTestId('checklist-status')).toContainText('inte komplett');
  await checkPage(page, 'sip-draft');
  await checkReflow(page, 'sip-draft');

  await page.getByRole('button', { name: 'Lägg till behov' }).click();
  await page.getByLabel('Behov 1').fill('Behöver hjälp med dusch och påklädning');
  // Item 1 and 2: the catalogue says who answers for each service; its unit fills the intervention.
  await page.getByRole('button', { name: 'Lägg till insats' }).click();
  const first = page.getByTestId('intervention-row').nth(0);
  await first.getByLabel('Tjänst enligt ansvarsfördelningen').selectOption({ label: 'Personlig omvårdnad (hemtjänst)' });
  await expect(first.getByTestId('suggestion')).toContainText('Kommunen svarar för Personlig omvårdnad (hemtjänst)');
  await first.getByRole('button', { name: /Använd förslaget: Hemtjänst Kramfors/ }).first().click();
  await expect(first.getByLabel('Beskrivning av insatsen')).toHaveValue('Personlig omvårdnad (hemtjänst)');
  await expect(first.getByLabel('Ansvarig huvudman')).toHaveValue('municipality');
  await first.getByLabel('Beskrivning av insatsen').fill('Hjälp med dusch och påklädning morgon och kväll');
  await first.getByLabel('Svarar mot behov').selectOption({ label: 'Behöver hjälp med dusch och påklädning' });

  await page.getByRole('button', { name: 'Lägg till insats' }).click();
  const second = page.getByTestId('intervention-row').nth(1);
  await second.getByLabel('Tjänst enligt ansvarsfördelningen').selectOption({ label: 'Läkarbesök i hemmet' });
  await expect(second.getByTestId('suggestion')).toContainText('Regionen svarar för Läkarbesök i hemmet');
  await second.getByRole('button', { name: /Använd förslaget: Hälsocentral Kramfors/ }).first().click();
  await expect(second.getByLabel('Ansvarig huvudman')).toHaveValue('region');
  await checkPage(page, 'sip-editor-suggestion');

  // Item 3, stated explicitly; item 4 by keyboard.
  await page.getByLabel('Inga åtgärder av andra än region och kommun').check();
  const overall = page.getByRole('group', { name: /Huvudansvar/ });
  await overall.getByLabel('Regionen').focus();
  await page.keyboard.press('Space');
  await expect(overall.getByLabel('Regionen')).toBeChecked();
  await page.getByRole('button', { name: 'Lägg till mål' }).click();
  await page.getByLabel('Mål 1 med personens egna ord').fill('Jag vill bo kvar hemma och klara morgonen själv');
  await page.getByLabel('Mätbart mål').fill('Duschar med stöd tre gånger i veckan inom fyra veckor');
  await page.getByRole('button', { name: 'Spara planen' }).click();
  await expect(page.getByTestId('sip-saved')).toBeVisible();

  for (const item of ['consent', 'interventions', 'principals', 'otherMeasures', 'overallResponsible'])
    await expect(checklist.getByTestId(`check-${item}`)).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('checklist-status')).toContainText('Alla fyra uppgifter finns');
  await expect(page.getByTestId('summary-interventions')).toContainText('Hemtjänst Kramfors');
  await expect(page.getByTestId('summary-interventions')).toContainText('för: Behöver hjälp med dusch och påklädning');
  await expect(page.getByTestId('summary-overall')).toHaveText('Regionen');

  // A stale tab cannot activate over a newer version (If-Match): it reloads and says so.
  const other = await browser.newPage();
  await signIn(other, 'dsk.kramfors');
  await other.goto(sipPath);
  await other.getByLabel('Mätbart mål').fill('Duschar med stöd tre gånger i veckan');
  await other.getByRole('button', { name: 'Spara planen' }).click();
  await expect(other.getByTestId('sip-saved')).toBeVisible();
  await other.close();

  await page.getByRole('button', { name: 'Fastställ planen' }).click();
  await page.getByRole('button', { name: 'Bekräfta: Fastställ planen' }).click();
  await expect(page.getByRole('alert')).toContainText('Någon annan har ändrat uppgifterna');
  await expect(page.getByTestId('plan-summary')).toContainText('Duschar med stöd tre gånger i veckan');
  // Activate by keyboard on the reloaded plan.
  await page.getByRole('button', { name: 'Bekräfta: Fastställ planen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sip-state')).toHaveText('Aktiv');
  await expect(page.getByTestId('sip-event-done')).toContainText('Fastställ planen');
  await page.getByText('Versionshistorik').click();
  await expect(page.getByTestId('sip-history')).toContainText('Fastställd');
  // The person takes part from the start; the first follow-up meeting is called.
  await expect(page.getByTestId('plan-summary')).toContainText(`${HUGO.name} (den enskilde)`);
  await page.getByLabel('Plats').fill('Hälsocentral Kramfors, samtalsrum 3');
  await page.getByRole('button', { name: 'Skicka kallelse' }).click();
  await expect(page.getByTestId('meetings')).toContainText('Hälsocentral Kramfors, samtalsrum 3');
  await checkPage(page, 'sip-active');
  await checkReflow(page, 'sip-active');

  // The unit's list and the person overview show the plan; the named contact is listed.
  await page.getByRole('link', { name: 'SIP', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /SIP – samordnade individuella planer/ })).toBeVisible();
  await expect(page.getByTestId('sip-row').filter({ hasText: HUGO.name }).filter({ hasText: 'Aktiv' }).first()).toBeVisible();
  await checkPage(page, 'sip-list');
  await checkReflow(page, 'sip-list');
  await openPerson(page, HUGO.identifier);
  await expect(page.getByTestId('person-sips')).toContainText('Aktiv');
  await expect(page.getByTestId('named-contacts')).toContainText('Hälsocentral Kramfors');
  await checkPage(page, 'person-overview-sip');
});

test('a request goes from the health centre to home health care and is answered', async ({ page }) => {
  await signIn(page, 'dsk.kramfors');
  await openPerson(page, HUGO.identifier);
  await page.getByRole('link', { name: 'Skicka begäran om insats' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ny begäran om insats – ${HUGO.name}` })).toBeVisible();
  await page.getByLabel('Typ', { exact: true }).selectOption({ label: 'Insats från kommunal hemsjukvård' });
  await expect(page.getByTestId('request-suggestion')).toContainText('Regionen svarar för');
  // Tröskelprincipen: who cannot get to the health centre gets the municipality's home health care.
  await page.getByLabel('Kan ta sig till hälsocentralen').uncheck();
  await expect(page.getByTestId('request-suggestion')).toContainText('Kommunen svarar för');
  await expect(page.getByLabel('Till', { exact: true }).locator('option', { hasText: 'föreslagen' }).first()).toContainText('Hemsjukvård Kramfors');
  const to = page.getByLabel('Till', { exact: true });
  await to.selectOption((await to.locator('option', { hasText: 'Hemsjukvård Kramfors' }).first().getAttribute('value')) ?? '');
  await page.getByLabel('Vad behövs?').fill('Såromläggning av bensår tre gånger i veckan efter utskrivningen.');
  await checkPage(page, 'request-new');
  await page.getByRole('button', { name: 'Skicka begäran' }).click();
  await expect(page.getByTestId('request-state')).toHaveText('Skickad');
  await checkPage(page, 'request-detail');
  await checkReflow(page, 'request-detail');
  await page.getByRole('link', { name: 'Begäran', exact: true }).click();
  await page.getByRole('link', { name: 'Utkorg' }).click();
  await expect(page.getByRole('link', { name: 'Utkorg' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('request-row').filter({ hasText: HUGO.name }).first()).toContainText('Skickad');
  await signOut(page);

  await signIn(page, 'hsl.kramfors');
  // The new request waits on home health care's worklist, beside the statutory clocks.
  await expect(page.getByRole('heading', { level: 1, name: /Arbetslista/ })).toBeVisible();
  await expect(page.getByTestId('worklist-request').filter({ hasText: HUGO.name }).filter({ hasText: 'Skickad' }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Begäran', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Begäran om insats' })).toBeVisible();
  const row = page.getByTestId('request-row').filter({ hasText: HUGO.name }).filter({ hasText: 'Skickad' }).first();
  await expect(row).toBeVisible();
  await checkPage(page, 'requests-inbox');
  await checkReflow(page, 'requests-inbox');
  await page.getByLabel('Tillstånd').selectOption('sent');
  await expect(page).toHaveURL(/tillstand=sent/);
  await row.getByRole('link').click();
  await expect(page.getByText('Såromläggning av bensår')).toBeVisible();
  await page.getByRole('button', { name: 'Kvittera mottagen' }).click();
  await expect(page.getByTestId('request-state')).toHaveText('Mottagen');
  // Declining needs a reason of at least ten characters.
  await page.getByRole('button', { name: 'Avböj', exact: true }).click();
  await page.getByLabel('Skäl till att avböja').fill('kort');
  await page.getByRole('button', { name: 'Avböj begäran' }).click();
  await expect(page.getByText('Skälet ska vara minst 10 tecken.')).toBeVisible();
  await page.getByRole('button', { name: 'Acceptera' }).click();
  await expect(page.getByTestId('request-state')).toHaveText('Accepterad');
  await page.getByRole('button', { name: 'Markera utförd' }).click();
  await expect(page.getByTestId('request-state')).toHaveText('Utförd');
  await expect(page.getByTestId('request-events')).toContainText('Accepterad');
});

test('the citizen sees who has read their data, and their blocks and care team', async ({ page }) => {
  await signIn(page, 'invanare');
  await expect(page.getByRole('heading', { level: 1, name: 'Vem har läst mina uppgifter' })).toBeVisible();
  const log = page.getByTestId('access-log');
  // The log is paged, newest first: the SIP work came after the ward's reads and the emergency access.
  await expect(log).toContainText('Hälsocentral Kramfors');
  const more = page.getByRole('button', { name: 'Visa fler' });
  const seen = async () => {
    const text = (await log.textContent()) ?? '';
    return text.includes('Medicinavdelning 1') && text.includes('Nödåtkomst');
  };
  for (let i = 0; i < 10 && !(await seen()) && (await more.isVisible()); i++) {
    await more.click();
    await page.waitForLoadState('networkidle');
  }
  await expect(log).toContainText('Medicinavdelning 1');
  await expect(log).toContainText('Nödåtkomst');
  await checkPage(page, 'citizen-access-log');
  await checkReflow(page, 'citizen-access-log');
  await page.getByRole('link', { name: 'Samtycken och spärrar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Samtycken och spärrar' })).toBeVisible();
  await expect(page.getByTestId('no-blocks')).toBeVisible();
  await expect(page.getByTestId('my-care-team')).toContainText('Hälsocentral Kramfors');
  await checkPage(page, 'citizen-sharing');

  // The plan the named contact made with them, read-only; they may comment on their goal.
  await page.getByRole('link', { name: 'Mina planer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina planer' })).toBeVisible();
  const plan = page.getByTestId('my-plan').filter({ hasText: 'Jag vill bo kvar hemma' });
  await expect(plan.getByTestId('my-plan-state')).toHaveText('Aktiv');
  await expect(plan.getByTestId('summary-interventions')).toContainText('Hjälp med dusch och påklädning');
  await expect(plan.getByTestId('summary-interventions')).toContainText('Hemtjänst Kramfors');
  await expect(plan.getByTestId('summary-interventions')).toContainText('Hälsocentral Kramfors');
  await expect(plan.getByTestId('summary-overall')).toHaveText('Regionen');
  await expect(plan.getByRole('textbox')).toHaveCount(0);
  await checkPage(page, 'citizen-sips');
  await checkReflow(page, 'citizen-sips');
  await plan.getByRole('button', { name: 'Kommentera målet' }).click();
  await plan.getByLabel('Din kommentar').fill('Jag vill helst duscha på förmiddagen.');
  await plan.getByRole('button', { name: 'Skicka kommentar' }).click();
  await expect(plan.getByTestId('goal')).toContainText('Personen själv');
  await expect(plan.getByTestId('goal')).toContainText('Jag vill helst duscha på förmiddagen.');

  // The person answers the meeting invitation for themself.
  await plan.getByTestId('my-meetings').getByRole('button', { name: 'Jag kommer', exact: true }).click();
  await expect(plan.getByTestId('my-meetings')).toContainText('Ditt svar: Kommer');

  await page.getByRole('link', { name: 'Mina fasta vårdkontakter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina fasta vårdkontakter' })).toBeVisible();
  await expect(page.getByTestId('my-contacts')).toContainText('Fast vårdkontakt');
  await expect(page.getByTestId('my-contacts')).toContainText('Hälsocentral Kramfors');
  await expect(page.getByTestId('my-contacts')).toContainText('Hemsjukvård Kramfors');
  await checkPage(page, 'citizen-contacts');
  await checkReflow(page, 'citizen-contacts');

  // Who read: home health care, which answered the request about them, is in the log too.
  await page.getByRole('link', { name: 'Vem har läst mina uppgifter' }).click();
  await expect(page.getByTestId('access-log')).toContainText('Hemsjukvård Kramfors');
  // Staff pages are not the citizen's.
  await page.goto('/arbetslista');
  await expect(page).toHaveURL(/\/mina-sidor\/vem-har-last$/);
});
