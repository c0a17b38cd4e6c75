// The chart beside the table (the table is primary): bars per month, one colour per municipality,
// labelled by Plot's legend; the figure's caption is the text alternative.
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import type { MonthAmount } from '../lib/liability';

export function LiabilityChart({
  data,
  months,
  monthLabel,
  amountLabel,
  lng,
}: {
  data: MonthAmount[];
  months: string[];
  monthLabel: (m: string) => string;
  amountLabel: string;
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
      y: { grid: true, label: amountLabel, tickFormat: (v: number) => v.toLocaleString(lng === 'en' ? 'en-GB' : 'sv-SE') },
      color: { legend: true, scheme: 'dark2' },
      marks: [
        Plot.barY(data, Plot.stackY({ x: 'month', y: 'amount', fill: 'municipality', title: (d: MonthAmount) => `${d.municipality} ${monthLabel(d.month)}: ${d.amount} kr` })),
        Plot.ruleY([0]),
      ],
    });
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [data, months, monthLabel, amountLabel, lng]);
  // The caption beside it is the text alternative and the table holds the figures: hidden from
  // assistive technology so the same numbers are not read twice.
  return <div ref={ref} className="nara-chart__plot" aria-hidden="true" />;
}
