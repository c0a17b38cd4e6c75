// One line per series over the months (the county thicker); the table beside it holds the same
// figures and the figure's caption is the text alternative, so the drawing is hidden from
// assistive technology.
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import type { ValueUnit } from '../../api/followUpTypes';
import type { ChartPoint } from '../../lib/followUp';

export function IndicatorChart({
  points,
  unit,
  yLabel,
  lng,
}: {
  points: ChartPoint[];
  unit: ValueUnit;
  yLabel: string;
  lng: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const locale = lng === 'en' ? 'en-GB' : 'sv-SE';
    const names = [...new Set(points.map((p) => p.name))];
    const county = points.find((p) => p.level === 'county')?.name;
    const others = points.filter((p) => p.level !== 'county');
    const countyPoints = points.filter((p) => p.level === 'county');
    const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const chart = Plot.plot({
      width: Math.max(300, Math.min(host.clientWidth || 720, 960)),
      height: 340,
      marginLeft: 64,
      style: { fontSize: '13px', color: '#1e2b3c', background: 'transparent' },
      x: { type: 'utc', label: null, tickFormat: (d: Date) => monthFormat.format(d), ticks: 6 },
      y: {
        grid: true,
        label: yLabel,
        zero: unit === 'share' || unit === 'count' || unit === 'sek',
        tickFormat: (v: number) => v.toLocaleString(locale),
      },
      color: { legend: true, domain: names, scheme: 'dark2' },
      marks: [
        Plot.lineY(others, { x: 'date', y: 'value', stroke: 'name', strokeWidth: 1.75, curve: 'linear' }),
        Plot.dot(others, { x: 'date', y: 'value', fill: 'name', r: 2 }),
        county
          ? Plot.lineY(countyPoints, { x: 'date', y: 'value', stroke: 'name', strokeWidth: 4, curve: 'linear' })
          : null,
      ],
    });
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [points, unit, yLabel, lng]);
  return <div ref={ref} className="nara-chart__plot" aria-hidden="true" data-testid="indicator-chart-plot" />;
}
