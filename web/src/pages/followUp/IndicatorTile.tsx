import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, IndicatorSeries } from '../../api/followUpTypes';
import { formatCell, formatDelta, latestChange } from '../../lib/followUp';
import { monthLabel } from '../../lib/liability';
import { localized } from '../../lib/proactive';
import { Sparkline } from './Sparkline';

const ARROW = { up: '↑', down: '↓', same: '→' } as const;

/** The change in words and an arrow; the colour follows whether it is better, never alone. */
export function ChangeText({ def, series, upTo }: { def: IndicatorDefinition; series: IndicatorSeries | undefined; upTo: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const c = latestChange(series, def.higherIsBetter, upTo);
  if (!c || c.cell.suppressed) return null;
  if (!c.against || c.delta === null) {
    return <p className="nara-tile__change nara-muted">{t('followUp.noCompare')}</p>;
  }
  const month = monthLabel(c.against.month, lng);
  const text =
    c.verdict === 'same'
      ? t('followUp.unchanged', { month })
      : t('followUp.change', {
          delta: formatDelta(c.delta, def.unit, lng),
          suffix: t(`followUp.deltaUnit.${def.unit}`),
          direction: t(c.direction === 'up' ? 'followUp.higher' : 'followUp.lower'),
          month,
        });
  return (
    <p className="nara-tile__change" data-verdict={c.verdict} data-testid="tile-change">
      <span aria-hidden="true" className="nara-tile__arrow">
        {ARROW[c.direction]}
      </span>{' '}
      {text}
      {c.verdict !== 'same' && <strong> – {t(`followUp.verdict.${c.verdict}`)}</strong>}
    </p>
  );
}

/** One indicator: its latest value, the change, a trend line; the name is the link to its detail
 * (the whole tile is clickable, but the link is the one thing a keyboard or screen reader meets). */
export function IndicatorTile({
  def,
  series,
  upTo,
  to,
}: {
  def: IndicatorDefinition;
  series: IndicatorSeries | undefined;
  upTo: string;
  to: string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const c = latestChange(series, def.higherIsBetter, upTo);
  const cells = series?.months.filter((m) => m.month <= upTo) ?? [];
  return (
    <li className="nara-tile" data-testid="indicator-tile" data-indicator={def.id}>
      <h3 className="nara-tile__name">
        <Link to={to} className="nara-tile__link">
          {localized(def.name, lng)}
        </Link>
      </h3>
      {c ? (
        <p className="nara-tile__value">
          <span className="nara-tile__number" data-testid="tile-value">
            {formatCell(c.cell, def.unit, lng)}
          </span>{' '}
          <span className="nara-muted">{monthLabel(c.month, lng)}</span>
        </p>
      ) : (
        <p className="nara-tile__value nara-muted">{series ? t('followUp.noValue') : t('followUp.noSeries')}</p>
      )}
      <ChangeText def={def} series={series} upTo={upTo} />
      <div className="nara-tile__foot">
        <Sparkline cells={cells} unit={def.unit} />
        <span className="nara-muted nara-tile__better">{t(def.higherIsBetter ? 'followUp.higherIsBetter' : 'followUp.lowerIsBetter')}</span>
      </div>
    </li>
  );
}
