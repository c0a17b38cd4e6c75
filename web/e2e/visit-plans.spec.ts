// Joint home-visit planning (issue 7 point 5) in the browser: the home health care nurse opens the
// demo county's joint day for Kramfors and Sollefteå and reads each caregiver's day in order; a
// ward nurse, who does not plan home visits, has no way in.
import { expect, test } from '@playwright/test';
import { checkPage, checkReflow, signIn } from './helpers';

test('the home health care nurse reads the joint day her unit takes part in, caregiver by caregiver', async ({ page }) => {
  await signIn(page, 'hsl.kramfors');
  await page.getByRole('link', { name: 'Besöksplaner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Besöksplaner' })).toBeVisible();
  const table = page.getByTestId('plans-table');
  await expect(table).toContainText('Gemensam dag');
  await expect(table).toContainText('Kontrollerad');
  await checkPage(page, 'visit-plans');

  await table.getByRole('link', { name: /Gemensam dag/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Gemensam dag/ })).toBeVisible();
  await expect(page.getByTestId('plan-summary')).toContainText(/\d+ besök hos \d+ i personalen\. Kontinuitet \d+ %/);
  const routes = page.getByTestId('plan-route');
  expect(await routes.count()).toBeGreaterThanOrEqual(2);
  // Each caregiver's visits in time order, with the person, the task and its principal.
  const first = routes.first();
  await expect(first.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(first).toContainText(/ut \d\d:\d\d, tillbaka \d\d:\d\d/);
  const times = await first.locator('tbody tr td:first-child').allTextContents();
  expect(times.length).toBeGreaterThan(0);
  expect([...times].sort()).toEqual(times);
  await expect(page.getByText(/Dubbelbemannat med /).first()).toBeVisible();
  await checkPage(page, 'visit-plan');
  await checkReflow(page, 'visit-plan');
});

test('a ward nurse does not plan home visits and is not shown the plans', async ({ page }) => {
  await signIn(page, 'avd.ssk');
  await expect(page.getByRole('link', { name: 'Arbetslista' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Besöksplaner' })).toHaveCount(0);
  await page.goto('/besoksplaner');
  await expect(page.getByRole('heading', { level: 1, name: /Arbetslista/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Besöksplaner' })).toHaveCount(0);
});
