// A psychiatric ward (sluten psykiatrisk vård): the needs assessment asks whether the patient is to
// be discharged to öppen psykiatrisk tvångsvård, whose samordnad vårdplan (LPT 7 a §) takes the
// place of SIP (Lag 2017:612 4 kap. 1 §), and the payment liability says it follows the rules for
// psychiatric care.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage, checkReflow, openPerson, PASSWORD, signIn, signOut } from './helpers';

const NURSE = 'ssk.sundsvallssjukhuspsykiatriskavdelning1.1';
const PHYSICIAN = 'lak.sundsvallssjukhuspsykiatriskavdelning1';
const MUNICIPAL_COORDINATOR = 'sip.sundsvall.1';

/** A Sundsvall resident (the demo's episodes are Kramfors' and Sollefteå's), by personnummer. */
async function sundsvallResident(request: APIRequestContext): Promise<string> {
  const signIn = await request.post('/api/v1/session', { data: { username: 'admin', password: PASSWORD, client: 'api' } });
  expect(signIn.status()).toBe(201);
  const headers = { Authorization: `Bearer ${((await signIn.json()) as { token: string }).token}` };
  let cursor = '';
  for (let page = 0; page < 20; page++) {
    const res = await request.get(`/api/v1/persons?limit=200${cursor}`, { headers });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      items: { municipalityCode: string | null; protectedIdentity: boolean; deceasedOn?: string | null; identifier: { value: string } }[];
      nextCursor: string | null;
    };
    const found = body.items.filter((p) => p.municipalityCode === '2281' && !p.protectedIdentity && !p.deceasedOn).at(-1);
    if (found) return found.identifier.value;
    if (!body.nextCursor) break;
    cursor = `&cursor=${body.nextCursor}`;
  }
  throw new Error('the demo county has no Sundsvall resident');
}

test('a psychiatric ward records discharge to öppen psykiatrisk tvångsvård instead of SIP, and its samordnad vårdplan is drawn up and approved', async ({ page, request }) => {
  const identifier = await sundsvallResident(request);
  await signIn(page, NURSE);
  await openPerson(page, identifier);
  await page.getByLabel('Skäl till vårdrelationen').fill('Inskrivning enligt LPT via psykiatriska akutmottagningen');
  await page.getByRole('button', { name: 'Registrera vårdrelation' }).click();
  await page.getByRole('button', { name: /Skriv in på/ }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Inskriven');
  await expect(page.getByTestId('liability-psychiatric')).toContainText('sluten psykiatrisk vård');

  await page.getByRole('button', { name: 'Bedöm behov' }).click();
  await page.getByLabel('Socialtjänst').check();
  await page.getByLabel('Regionens öppna vård').check();
  await page.getByLabel('Öppen tvångsvård efter utskrivning').selectOption('lpt');
  await checkPage(page, 'psychiatric-assess-needs');
  await page.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(page.getByTestId('episode-state')).toHaveText('Behov bedömt');
  await expect(page.getByTestId('coordinated-care-plan')).toHaveText('Samordnad vårdplan i stället för SIP (LPT 7 a §, LRV 12 a §)');
  await expect(page.getByText('SIP krävs')).toHaveCount(0);
  await expect(page.getByText('Öppen psykiatrisk tvångsvård (LPT)')).toBeVisible();
  await checkPage(page, 'psychiatric-episode');
  const episodeUrl = page.url();
  // Until the plan is established the ward has it on its worklist (the demo's own ÖPT stay has a
  // row there too).
  const carePlanRow = (p: typeof page) =>
    p.locator('[data-testid="work-row"][data-kind="coordinated_care_plan"]').filter({ has: p.locator(`a[href="${new URL(episodeUrl).pathname}"]`) });
  await page.getByRole('link', { name: 'Arbetslista' }).click();
  await expect(page.getByTestId('worklist')).toHaveAttribute('aria-busy', 'false');
  await expect(carePlanRow(page)).toHaveCount(1);
  await expect(carePlanRow(page)).toContainText('Samordnad vårdplan upprättas');
  await page.goto(episodeUrl);
  // Only the ward's physician (for the chefsöverläkare) draws up the plan.
  await expect(page.getByRole('button', { name: 'Upprätta samordnad vårdplan' })).toHaveCount(0);

  // LPT 7 a §: the physician starts the plan from the episode; it needs no consent.
  await signOut(page);
  await signIn(page, PHYSICIAN);
  await page.goto(episodeUrl);
  await page.getByRole('button', { name: 'Upprätta samordnad vårdplan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Samordnad vårdplan (LPT)');
  await expect(page.getByTestId('sip-kind')).toHaveText('LPT 7 a §');
  await expect(page.getByTestId('sip-consent')).toHaveCount(0);
  await expect(page.getByTestId('check-decisions')).toHaveAttribute('data-met', 'false');
  await expect(page.getByRole('button', { name: 'Fastställ planen' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Lägg till behov' }).click();
  await page.getByLabel('Behov 1', { exact: true }).fill('Stöd i boendet');
  await page.getByLabel('Bedömt av (behov 1)').selectOption('municipality');
  await page.getByRole('button', { name: 'Lägg till insats' }).click();
  await page.getByLabel('Beskrivning av insatsen').fill('Boendestöd två gånger i veckan');
  await page.getByLabel('Beslut om insats 1').fill('Biståndsbeslut 2026-11-20');
  await page.getByLabel('Ansvarig huvudman').selectOption('municipality');
  const unitSelect = page.getByTestId('intervention-row').getByLabel('Enhet', { exact: true });
  const social = await unitSelect.locator('option', { hasText: 'Socialförvaltningen Sundsvall' }).getAttribute('value');
  await unitSelect.selectOption(social ?? '');
  await page.getByLabel('Inga åtgärder av andra än region och kommun').check();
  await page.getByLabel('Patientens inställning till besluten').fill('Vill ha boendestödet på förmiddagar.');
  await page.getByLabel('Planen är upprättad i samråd med patienten').check();
  await page.getByLabel('Om närstående inte har deltagit: varför det är olämpligt').fill('Patienten har inga närstående.');
  await page.getByRole('button', { name: 'Spara planen' }).click();
  await expect(page.getByTestId('sip-saved')).toBeVisible();
  await expect(page.getByTestId('checklist-status')).toContainText('kan justera');
  await expect(page.getByTestId('approval-missing')).toContainText('Socialförvaltningen Sundsvall');
  await checkPage(page, 'care-plan-draft');
  const planUrl = page.url();

  // The municipality's unit, responsible for the insats, approves it: the plan is established.
  await signOut(page);
  await signIn(page, MUNICIPAL_COORDINATOR);
  await page.goto(planUrl);
  await expect(page.getByTestId('summary-decision')).toContainText('Biståndsbeslut 2026-11-20');
  await page.getByRole('button', { name: 'Justera planen' }).click();
  await page.getByRole('button', { name: 'Bekräfta: Justera planen' }).click();
  await expect(page.getByTestId('sip-state')).toHaveText('Aktiv');
  await expect(page.getByTestId('approval')).toContainText('Socialförvaltningen Sundsvall justerade');
  await expect(page.getByTestId('approval-missing')).toHaveCount(0);
  await checkPage(page, 'care-plan-established');
  await checkReflow(page, 'care-plan-established');

  // Established, it leaves the ward's worklist.
  await signOut(page);
  await signIn(page, NURSE);
  await expect(page.getByTestId('worklist')).toHaveAttribute('aria-busy', 'false');
  await expect(carePlanRow(page)).toHaveCount(0);
});
