// The worklist's filters on the demo's living episodes, and the manager's payment liability report.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkPage, checkReflow, signIn } from './helpers';

/** The six months the trend shows, ending with `month` (YYYY-MM). */
function sixMonthsEnding(month: string): string[] {
  const [year, number] = month.split('-').map(Number);
  return [5, 4, 3, 2, 1, 0].map((back) => {
    const total = year * 12 + number - 1 - back;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

/** After a filter change the previous rows stay (marked busy) until the server's answer arrives. */
async function settled(page: Page) {
  await expect(page.getByTestId('worklist')).toHaveAttribute('aria-busy', 'false');
}

test('the ward filters its worklist by state, municipality and overdue, and the filter survives a reload', async ({ page }) => {
  await signIn(page, 'avd.ssk');
  await expect(page.getByRole('heading', { level: 1, name: /Arbetslista/ })).toBeVisible();
  const rows = page.getByTestId('work-row');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  // The ward's own work: admission notices and information transfers, never the health centre's.
  const kinds = new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))));
  expect([...kinds].every((k) => k === 'admission_notice' || k === 'information_transfer')).toBe(true);
  // A ward's patients come from several municipalities: that filter is offered; the ward filter is not.
  await expect(page.getByLabel('Avdelning')).toHaveCount(0);

  await page.getByLabel('Visa bara försenade').check();
  await expect(page).toHaveURL(/forsenade=1/);
  await settled(page);
  await expect(rows.first()).toBeVisible();
  const overdue = await rows.count();
  expect(overdue).toBeLessThan(all);
  for (const text of await rows.allTextContents()) expect(text).toContain('Försenad');
  await expect(page.getByTestId('count-overdue')).toHaveText(String(overdue));
  await checkPage(page, 'worklist-filtered');

  await page.reload();
  await expect(page.getByLabel('Visa bara försenade')).toBeChecked();
  await expect(rows).toHaveCount(overdue);

  await page.getByRole('button', { name: 'Rensa filter' }).click();
  await settled(page);
  await expect(rows).toHaveCount(all);
  await page.getByLabel('Vårdtillfällets tillstånd').selectOption('needs_assessed');
  await expect(page).toHaveURL(/tillstand=needs_assessed/);
  await settled(page);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain('Behov bedömt');
  await page.getByLabel('Vårdtillfällets tillstånd').selectOption('');
  await page.getByLabel('Kommun').selectOption({ label: 'Kramfors' });
  await expect(page).toHaveURL(/kommun=2282/);
  await settled(page);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain('Kramfors');
});

test('a receiving unit filters by ward, and sees the task kinds in Swedish', async ({ page }) => {
  await signIn(page, 'hsl.kramfors');
  const rows = page.getByTestId('work-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: 'Betalningsansvar börjar' }).first()).toBeVisible();
  await expect(page.getByLabel('Kommun')).toHaveCount(0);
  await page.getByLabel('Avdelning').selectOption({ label: 'Sundsvalls sjukhus, Medicinavdelning 1' });
  await expect(page).toHaveURL(/avdelning=/);
  await settled(page);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain('Medicinavdelning 1');
  await checkPage(page, 'worklist-municipality');
});

test('the unit manager reads payment liability per month as a table and a chart, and downloads the CSV', async ({ page }) => {
  await signIn(page, 'chef.hsl.kramfors');
  // A manager lands on the report; the patient lists are not theirs.
  await expect(page.getByRole('heading', { level: 1, name: 'Betalningsansvar' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Arbetslista' })).toHaveCount(0);
  const trend = page.getByTestId('trend-table');
  await expect(trend).toBeVisible();
  // Six months, one row each; a municipality's manager sees their own municipality only.
  await expect(trend.locator('tbody tr')).toHaveCount(6);
  expect(await trend.locator('thead th').allTextContents()).toEqual(['Månad', 'Kramfors kommun']);
  const chart = page.getByTestId('liability-chart');
  await expect(chart.locator('svg').first()).toBeVisible();
  await expect(chart.locator('figcaption')).toContainText('Stapeldiagram över dagar med betalningsansvar per kommun och månad');
  await expect(chart.locator('figcaption')).toContainText('Samma siffror finns i tabellen ovan.');
  await expect(page.getByTestId('compliance-link')).toBeVisible();
  await checkPage(page, 'liability-report');
  await checkReflow(page, 'liability-report');

  const month = new URL(page.url()).searchParams.get('manad') ?? (await page.getByRole('textbox', { name: 'Månad' }).inputValue());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
  expect(download.suggestedFilename()).toBe(`betalningsansvar-${month}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('kommunkod;kommun;vårdtillfälle;avdelning;vård;datum;debiteras;belopp;skäl')).toBe(true);
  for (const line of csv.trim().split('\n').slice(1)) expect(line.startsWith('2282;')).toBe(true);

  // The month picker moves the report; the URL keeps the month.
  await page.getByRole('textbox', { name: 'Månad' }).fill('2026-01');
  await expect(page).toHaveURL(/manad=2026-01/);
  await expect(page.getByRole('heading', { level: 2, name: /januari 2026/ })).toBeVisible();
  await expect(page.getByTestId('csv-download')).toHaveAttribute('href', /month=2026-01&format=csv/);
});

test('the county administrator sees every municipality with liability in the report', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Betalningsansvar' })).toBeVisible();
  const trend = page.getByTestId('trend-table');
  await expect(trend).toBeVisible();
  // A column for every municipality the six months' reports list, in Swedish order: the living
  // demo's Kramfors and Sollefteå residents and its Sundsvall resident on the psychiatric ward
  // (src/app/demo_episodes.cpp, demo_psychiatry.cpp), and with the county's three years of history
  // (src/app/demo_classic_history.cpp) the other municipalities whose residents waited as
  // utskrivningsklara in those months.
  const month = new URL(page.url()).searchParams.get('manad') ?? (await page.getByRole('textbox', { name: 'Månad' }).inputValue());
  const listed = new Set<string>();
  for (const m of sixMonthsEnding(month)) {
    const report = (await (await page.request.get(`/api/v1/reports/payment-liability?month=${m}`)).json()) as { municipalities: { municipalityName: string }[] };
    for (const municipality of report.municipalities) listed.add(municipality.municipalityName);
  }
  const expected = [...listed].sort((a, b) => a.localeCompare(b, 'sv'));
  expect(expected).toEqual(expect.arrayContaining(['Kramfors kommun', 'Sollefteå kommun', 'Sundsvalls kommun']));
  expect(expected.length).toBeGreaterThan(3);
  expect(await trend.locator('thead th').allTextContents()).toEqual(['Månad', ...expected]);
  await checkPage(page, 'liability-report-county');
});
