// Prints the production bundle's JavaScript and CSS sizes, raw and gzip (level 9), from web/dist.
// Usage: npm run build && npm run size
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dir = path.resolve('dist/assets');
const rows = readdirSync(dir)
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const buf = readFileSync(path.join(dir, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
for (const r of rows) console.log(`${kb(r.raw)} kB ${kb(r.gzip)} kB gzip  ${r.file}`);
for (const ext of ['js', 'css']) {
  const sel = rows.filter((r) => r.file.endsWith(`.${ext}`));
  const raw = sel.reduce((s, r) => s + r.raw, 0);
  const gz = sel.reduce((s, r) => s + r.gzip, 0);
  console.log(`${kb(raw)} kB ${kb(gz)} kB gzip  total ${ext.toUpperCase()}`);
}
