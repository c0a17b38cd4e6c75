// Every text the UI asks for exists in Swedish and English, and the two files hold the same keys.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sv from './locales/sv.json';
import en from './locales/en.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
}

/** Keys without i18next's plural suffixes. */
function bases(keys: string[]): Set<string> {
  return new Set(keys.map((k) => k.replace(/_(one|other|zero|few|many|two)$/, '')));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('translations', () => {
  const svKeys = flatten(sv as Tree);
  const enKeys = flatten(en as Tree);

  it('has the same keys in Swedish and English', () => {
    expect([...enKeys].sort()).toEqual([...svKeys].sort());
  });

  it('has every literal key used in the code', () => {
    const known = bases(svKeys);
    const used = new Set<string>();
    for (const file of sources(path.resolve(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !known.has(k));
    expect(missing).toEqual([]);
  });

  it('names every event, clock and notice kind the API sends', () => {
    const known = bases(svKeys);
    for (const k of ['assess_needs', 'send_admission_notice', 'appoint_named_contact', 'set_planned_discharge', 'mark_ready',
      'withdraw_ready', 'invite_sip', 'transfer_information', 'discharge', 'cancel_discharge', 'cancel', 'death']) {
      expect(known.has(`event.${k}`), k).toBe(true);
      expect(known.has(`eventHelp.${k}`), k).toBe(true);
    }
    for (const k of ['admission_notice', 'named_contact', 'information_transfer', 'sip_invitation'])
      expect(known.has(`clock.kind.${k}`), k).toBe(true);
    for (const k of ['admission_notice', 'planned_discharge_changed', 'ready_for_discharge', 'ready_withdrawn', 'sip_invitation', 'discharged'])
      expect(known.has(`notice.kind.${k}`), k).toBe(true);
  });
  it('names every value unit, risk band, LACE letter, criterion state and action the follow-up API sends', () => {
    const known = bases(svKeys);
    for (const u of ['share', 'per_1000', 'days', 'sek', 'count', 'index']) {
      expect(known.has(`followUp.unitName.${u}`), u).toBe(true);
      expect(known.has(`followUp.deltaUnit.${u}`), u).toBe(true);
    }
    for (const b of ['low', 'moderate', 'high']) expect(known.has(`proactive.band.${b}`), b).toBe(true);
    for (const l of ['L', 'A', 'C', 'E']) expect(known.has(`proactive.letter.${l}`), l).toBe(true);
    for (const c of ['met', 'notMet', 'unknown']) expect(known.has(`proactive.criterion.${c}`), c).toBe(true);
    for (const a of ['offer_sip', 'appoint_named_contact', 'plan_home_visit', 'assessed_no_action'])
      expect(known.has(`proactive.action.${a}`), a).toBe(true);
    for (const k of ['episode', 'sip', 'request']) expect(known.has(`followUp.facts.kind.${k}`), k).toBe(true);
  });
});
