import { useTranslation } from 'react-i18next';
import type { MonthCell, ValueUnit } from '../../api/followUpTypes';
import { formatValue, sparkline } from '../../lib/followUp';
import { monthLabel } from '../../lib/liability';

const W = 120;
const H = 32;

/** A small trend line drawn from the series; its label says what it shows in words. */
export function Sparkline({ cells, unit }: { cells: MonthCell[]; unit: ValueUnit }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const s = sparkline(cells, W, H, 3);
  if (cells.length === 0 || s.min === null || s.max === null) return null;
  const label = t('followUp.sparkline', {
    from: monthLabel(cells[0].month, lng),
    to: monthLabel(cells[cells.length - 1].month, lng),
    min: formatValue(s.min, unit, lng),
    max: formatValue(s.max, unit, lng),
  });
  return (
    <svg className="nara-spark" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label} focusable="false">
      {s.segments.map((points) => (
        <polyline key={points} points={points} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
      ))}
      {s.dots.map((d) => (
        <circle key={`${d.x}-${d.y}`} cx={d.x} cy={d.y} r="2" fill="currentColor" />
      ))}
    </svg>
  );
}
