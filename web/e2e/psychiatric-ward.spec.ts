// A psychiatric ward (sluten psykiatrisk vård): the needs assessment asks whether the patient is to
// be discharged to öppen psykiatrisk tvångsvård, whose samordnad vårdplan (LPT 7 a §) takes the
// place of SIP (Lag 2017:612 4 kap. 1 §), and the payment liability says it follows the rules for
// psychiatric care.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage, openPerson, PASSWORD, signIn } from './helpers';

const NURSE = 'ssk.sundsvallssjukhuspsykiatriskavdelning1.1';

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

test('a psychiatric ward records discharge to öppen psykiatrisk tvångsvård instead of SIP', async ({ page, request }) => {
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
});
