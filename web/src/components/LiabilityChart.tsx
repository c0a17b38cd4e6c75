// The chart beside the table (the table is primary): bars per month, one colour per municipality,
// labelled by Plot's legend; the figure's caption is the text alternative.
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import type { MonthAmount } from '../lib/liability';

function totalsPerMonth(data: MonthAmount[]): number[] {
  const m = new Map<string, number>();
  for (const d of data) m.set(d.month, (m.get(d.month) ?? 0) + d.liableDays);
  return [...m.values()];
}

export function LiabilityChart({
  data,
  months,
  monthLabel,
  daysLabel,
  lng,
}: {
  data: MonthAmount[];
  months: string[];
  monthLabel: (m: string) => string;
  daysLabel: string;
  lng: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const chart = Plot.plot({
      width: Math.max(320, Math.min(host.clientWidth || 720, 900)),
      height: 320,
      marginLeft: 70,
      style: { fontSize: '13px', color: '#1e2b3c', background: 'transparent' },
      x: { domain: months, tickFormat: (m: string) => monthLabel(m), label: null },
      // Days, not kronor: a year without an agreed amount is priced at nothing (reported as a
      // problem), but its liable days still count.
      y: { grid: true, label: daysLabel, domain: [0, Math.max(5, ...totalsPerMonth(data))], tickFormat: (v: number) => v.toLocaleString(lng === 'en' ? 'en-GB' : 'sv-SE') },
      color: { legend: true, scheme: 'dark2' },
      marks: [
        Plot.barY(data, Plot.stackY({ x: 'month', y: 'liableDays', fill: 'municipality' })),
        Plot.ruleY([0]),
      ],
    });
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [data, months, monthLabel, daysLabel, lng]);
  // The caption beside it is the text alternative and the table holds the figures: hidden from
  // assistive technology so the same numbers are not read twice.
  return <div ref={ref} className="nara-chart__plot" aria-hidden="true" />;
}
