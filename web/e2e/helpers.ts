import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const PASSWORD = 'Nara-demo-2026';
/** Hugo Jakobsson, the demo citizen `invanare`, a Kramfors resident (Skatteverket test number). */
export const HUGO = { identifier: '19400718-9196', name: 'Hugo Jakobsson' };

const SHOTS = 'test-results/screenshots';

/** Zero axe violations against WCAG 2.1 A and AA, and a screenshot kept as a test artefact. */
export async function checkPage(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  // Let transitions (a dialog fading in) finish so contrast is measured on the settled page.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Narrow screen (320 CSS px, what 1280 px at 400 % or 640 px at 200 % zoom gives): no sideways scrolling. */
export async function checkReflow(page: Page, name: string) {
  const old = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await checkPage(page, `${name}-narrow`);
  if (old) await page.setViewportSize(old);
}

export async function signIn(page: Page, username: string, assignment?: RegExp) {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  if (assignment) {
    await expect(page.getByRole('heading', { level: 1, name: 'Välj uppdrag' })).toBeVisible();
    await page.getByRole('button', { name: assignment }).click();
  }
  await expect(page.getByTestId('who')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
}

export async function openPerson(page: Page, identifier: string) {
  await page.getByRole('link', { name: 'Sök person' }).click();
  await page.getByLabel('Personnummer').fill(identifier);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
}

/** HL7 DTM with an explicit offset (UTC), so the server need not guess the local time. */
function hl7Time(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+0000`;
}

/** A Swedish ADT^A01 as a hospital's patient administration system sends it: PID-3 the
 * personnummer with its OID, PV1-3 the ward's HSA-id, PV1-19 the visit number. */
export function adtA01(o: { personnummer: string; family: string; given: string; wardHsaId: string; visit: string; controlId: string; at: Date }): string {
  const at = hl7Time(o.at);
  const pv1 = `PV1|1|I|${o.wardHsaId}${'|'.repeat(16)}${o.visit}`;
  return [
    `MSH|^~\\&|COSMIC|SUNDSVALLS SJUKHUS|NARA|REGION VN|${at}||ADT^A01^ADT_A01|${o.controlId}|P|2.5`,
    `EVN|A01|${at}`,
    `PID|1||${o.personnummer}^^^&1.2.752.129.2.1.3.1&ISO^PN||${o.family}^${o.given}||${o.personnummer.slice(0, 8)}|M`,
    pv1,
  ].join('\r') + '\r';
}

/** Sends one HL7 v2 message as the integration account `hl7.region`; returns the ACK code (MSA-1). */
export async function sendHl7(request: APIRequestContext, message: string): Promise<{ code: string; ack: string }> {
  const signIn = await request.post('/api/v1/session', { data: { username: 'hl7.region', password: PASSWORD, client: 'api' } });
  expect(signIn.status()).toBe(201);
  const { token } = (await signIn.json()) as { token: string };
  const res = await request.post('/api/v1/hl7/v2', {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/hl7-v2' },
    data: message,
  });
  expect(res.status()).toBe(200);
  const ack = await res.text();
  return { code: res.headers()['x-hl7-ack-code'] ?? '', ack };
}
