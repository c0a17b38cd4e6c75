// Time from navigation to the worklist visible, for the demo county's busiest unit, in headless
// Chromium (Debian's /usr/bin/chromium through playwright-core). A figure for docs/benchmarks.md,
// not a test: run against a server you started (release build, `nara serve --demo`).
//
// Usage: NARA_BENCH_BASE_URL=http://127.0.0.1:8080 node scripts/bench-worklist.mjs [runs]
// The busiest unit is found, not assumed: every demo staff login (and each of its assignments)
// reads GET /api/v1/worklist once and the one with the most rows is measured.
import { chromium } from 'playwright-core';

const base = process.env.NARA_BENCH_BASE_URL ?? 'http://127.0.0.1:8080';
const runs = Number(process.argv[2] ?? 15);
const password = 'Nara-demo-2026';
const candidates = ['avd.ssk', 'avd.lakare', 'dsk.kramfors', 'dsk.halsocentralsolleftea', 'hsl.kramfors', 'hemtjanst.kramfors', 'sip.kramfors'];

async function api(path, init = {}) {
  const res = await fetch(base + path, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  return { status: res.status, body: res.status === 204 ? null : await res.json().catch(() => null) };
}

async function busiest() {
  let best = null;
  for (const username of candidates) {
    const first = await api('/api/v1/session', { method: 'POST', body: JSON.stringify({ username, password, client: 'api' }) });
    if (first.status !== 201) continue;
    for (const a of first.body.assignments) {
      const s = await api('/api/v1/session', {
        method: 'POST',
        body: JSON.stringify({ username, password, client: 'api', assignmentId: a.id }),
      });
      if (s.status !== 201) continue;
      const w = await api('/api/v1/worklist', { headers: { Authorization: `Bearer ${s.body.token}` } });
      if (w.status !== 200) continue;
      const n = w.body.items.length;
      console.log(`  ${username.padEnd(28)} ${String(a.unitName).padEnd(34)} ${String(n).padStart(4)} rows`);
      if (!best || n > best.rows) best = { username, assignment: a, rows: n, multiple: first.body.assignments.length > 1 };
    }
  }
  return best;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}`;

console.log(`Worklist rows per unit (${base}):`);
const unit = await busiest();
if (!unit) throw new Error('no demo login could read a worklist: is the server running with --demo?');
console.log(`Busiest: ${unit.username} at ${unit.assignment.unitName} (${unit.rows} rows); ${runs} runs each`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  // Sign in once through the page, as a user does; the session cookie is reused by every run.
  const setup = await browser.newContext({ baseURL: base, locale: 'sv-SE' });
  const p = await setup.newPage();
  await p.goto('/logga-in');
  await p.getByLabel('Användarnamn').fill(unit.username);
  await p.getByLabel('Lösenord').fill(password);
  await p.getByRole('button', { name: 'Logga in' }).click();
  if (unit.multiple) {
    await p.getByRole('heading', { level: 1, name: 'Välj uppdrag' }).waitFor();
    await p.getByRole('button', { name: new RegExp(unit.assignment.unitName) }).first().click();
  }
  await p.getByTestId('who').waitFor();
  const state = await setup.storageState();
  await setup.close();

  const measure = async (page) => {
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(`${base}/arbetslista`);
    await page.getByTestId('work-row').first().waitFor({ state: 'visible' });
    const ms = performance.now() - t0;
    const rows = await page.getByTestId('work-row').count();
    const apiMs = await page.evaluate(() => {
      const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/v1/worklist'));
      return e ? e.duration : NaN;
    });
    return { ms, rows, apiMs };
  };

  // Cold: a new browser context per run (empty HTTP cache: every script and style downloaded).
  const cold = [];
  const coldApi = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ storageState: state, locale: 'sv-SE' });
    const r = await measure(await ctx.newPage());
    cold.push(r.ms);
    coldApi.push(r.apiMs);
    await ctx.close();
  }
  // Warm: the same tab navigating again (scripts from the cache, as through a working day).
  const ctx = await browser.newContext({ storageState: state, locale: 'sv-SE' });
  const page = await ctx.newPage();
  await measure(page);
  const warm = [];
  const warmApi = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const r = await measure(page);
    warm.push(r.ms);
    warmApi.push(r.apiMs);
    rows = r.rows;
  }
  await ctx.close();
  console.log(`Rows shown: ${rows}`);
  console.log(`Navigation → list visible, cold cache: ${fmt(cold)}  (GET /api/v1/worklist ${fmt(coldApi)})`);
  console.log(`Navigation → list visible, warm cache: ${fmt(warm)}  (GET /api/v1/worklist ${fmt(warmApi)})`);
} finally {
  await browser.close();
}
