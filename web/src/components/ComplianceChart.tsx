// The chart beside the compliance table (the table is primary): one stacked bar per clock kind,
// split by outcome, labelled by Plot's legend; the figure's caption is the text alternative.
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import type { ChartPoint } from '../lib/compliance';
import { OUTCOMES } from '../lib/compliance';

export function ComplianceChart({
  data,
  kindLabel,
  outcomeLabel,
  countLabel,
}: {
  data: ChartPoint[];
  kindLabel: (kind: string) => string;
  outcomeLabel: (outcome: string) => string;
  countLabel: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const rows = data.map((d) => ({ ...d, kindName: kindLabel(d.kind), outcomeName: outcomeLabel(d.outcome) }));
    const chart = Plot.plot({
      width: Math.max(300, Math.min(host.clientWidth || 720, 900)),
      height: 60 + 48 * new Set(rows.map((r) => r.kind)).size,
      marginLeft: 170,
      style: { fontSize: '13px', color: '#1e2b3c', background: 'transparent' },
      // The law's order (the table's), not the alphabet's.
      y: { label: null, domain: [...new Set(rows.map((r) => r.kindName))] },
      x: { grid: true, label: countLabel },
      color: {
        legend: true,
        domain: OUTCOMES.map(outcomeLabel),
        // Green, amber, red, grey: the legend and the table carry the meaning, not the colour.
        range: ['#1b7a3a', '#b36b00', '#c0392b', '#8a94a3'],
      },
      marks: [Plot.barX(rows, Plot.stackX({ y: 'kindName', x: 'count', fill: 'outcomeName', order: OUTCOMES.map(outcomeLabel) })), Plot.ruleX([0])],
    });
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [data, kindLabel, outcomeLabel, countLabel]);
  // The caption is the text alternative and the table holds the figures: hidden from assistive
  // technology so the same numbers are not read twice.
  return <div ref={ref} className="nara-chart__plot" aria-hidden="true" />;
}
