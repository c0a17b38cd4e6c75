import { expect, test } from '@playwright/test';
import { checkPage, checkReflow, PASSWORD, signIn, signOut } from './helpers';

test('a deep link while signed out leads to sign-in and back to the page after it', async ({ page }) => {
  await page.goto('/personer/finns-inte');
  await expect(page).toHaveURL(/\/logga-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
  await checkPage(page, 'sign-in');
  await checkReflow(page, 'sign-in');
  await page.getByLabel('Användarnamn').fill('dsk.kramfors');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page).toHaveURL(/\/personer\/finns-inte$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Personen kan inte visas' })).toBeVisible();
});

test('a wrong password is refused with a message and no session', async ({ page }) => {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill('avd.ssk');
  await page.getByLabel('Lösenord').fill('fel-lösenord');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('alert')).toContainText('Fel användarnamn eller lösenord');
  await page.goto('/arbetslista');
  await expect(page).toHaveURL(/\/logga-in$/);
});

test('sign-in works by keyboard alone', async ({ page }) => {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').focus();
  await page.keyboard.type('hsl.kramfors');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Arbetslista/ })).toBeVisible();
  await expect(page.getByTestId('who')).toContainText('Hemsjukvård Kramfors');
});

test('a physician with two assignments chooses one, sees it in the header and can change it', async ({ page }) => {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill('avd.lakare');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Välj uppdrag' })).toBeVisible();
  // Until an assignment is chosen, the app's pages are not reachable.
  await checkPage(page, 'choose-assignment');
  await page.getByRole('button', { name: /Geriatrisk avdelning/ }).click();
  await expect(page.getByTestId('who')).toContainText('Geriatrisk avdelning · Läkare');
  await checkPage(page, 'worklist-empty');
  await page.getByRole('button', { name: 'Byt uppdrag' }).click();
  await page.getByRole('button', { name: /Medicinavdelning 1/ }).click();
  await expect(page.getByTestId('who')).toContainText('Medicinavdelning 1 · Läkare');
  await signOut(page);
  await expect(page.getByText('Du är utloggad.')).toBeVisible();
  await page.goto('/arbetslista');
  await expect(page).toHaveURL(/\/logga-in$/);
});

test('an expired session returns the user to sign-in with a message', async ({ page, context }) => {
  await signIn(page, 'dsk.kramfors');
  // Let the start page's own requests finish first: one in flight would meet the 401 before the click.
  await page.waitForLoadState('networkidle');
  await context.clearCookies(); // as when the server ends the session after 30 idle minutes
  await page.getByRole('link', { name: 'Sök person' }).click();
  await page.getByLabel('Personnummer').fill('19400718-9196');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/\/logga-in$/);
  await expect(page.getByText('Din session har gått ut')).toBeVisible();
});

test('the language switches to English and back, and is remembered', async ({ page }) => {
  await signIn(page, 'dsk.kramfors');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Worklist/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Find person' })).toBeVisible();
  await checkPage(page, 'worklist-en');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Arbetslista/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
});

test('an unknown address shows a not-found page inside the app', async ({ page }) => {
  await signIn(page, 'dsk.kramfors');
  await page.goto('/finns/inte');
  await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
  await checkPage(page, 'not-found');
});
