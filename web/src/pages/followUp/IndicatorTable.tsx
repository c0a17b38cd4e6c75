import { Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, IndicatorSeries } from '../../api/followUpTypes';
import { drillable, formatCell, hasFacts, type DrillCell } from '../../lib/followUp';
import { monthLabel } from '../../lib/liability';
import { localized } from '../../lib/proactive';

function same(a: DrillCell | null, b: DrillCell | null): boolean {
  return !!a && !!b && a.level === b.level && a.key === b.key && a.month === b.month;
}

/** The values per month (rows) and series (columns): the chart's accessible alternative, and the
 * way into a cell's facts for a municipality or unit (a pressed cell closes them again). */
export function IndicatorTable({
  def,
  series,
  months,
  open,
  onDrill,
}: {
  def: IndicatorDefinition;
  series: IndicatorSeries[];
  months: string[];
  open: DrillCell | null;
  onDrill: (cell: DrillCell | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const facts = hasFacts(def);
  const cellsBy = series.map((s) => new Map(s.months.map((c) => [c.month, c])));
  return (
    <div className="nara-table-wrap nara-table-wrap--tall" tabIndex={0} role="region" aria-label={t('followUp.tableRegion')}>
      <Table zebra data-size="sm" data-testid="indicator-table" stickyHeader>
        <caption className="nara-sr-only">
          {t('followUp.tableCaption', { name: localized(def.name, lng), from: monthLabel(months[0], lng), to: monthLabel(months[months.length - 1], lng) })}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('followUp.col.month')}</Table.HeaderCell>
            {series.map((s) => (
              <Table.HeaderCell key={`${s.level}-${s.key}`} className="nara-num" data-level={s.level}>
                {s.name}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {months.map((month) => (
            <Table.Row key={month} data-month={month}>
              <Table.HeaderCell scope="row">{monthLabel(month, lng)}</Table.HeaderCell>
              {series.map((s, i) => {
                const c = cellsBy[i].get(month);
                const text = formatCell(c, def.unit, lng);
                const drill = c && facts ? drillable(s, c) : null;
                return (
                  <Table.Cell key={`${s.level}-${s.key}`} className="nara-num" data-key={s.key} data-suppressed={c?.suppressed || undefined}>
                    {drill ? (
                      <button
                        type="button"
                        className="nara-linkbutton"
                        data-testid="drill"
                        aria-pressed={same(open, drill)}
                        onClick={() => onDrill(same(open, drill) ? null : drill)}
                      >
                        {text}
                        <span className="nara-sr-only">
                          {' '}
                          {t('followUp.drillLabel', { name: s.name, month: monthLabel(month, lng) })}
                        </span>
                      </button>
                    ) : (
                      text
                    )}
                  </Table.Cell>
                );
              })}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
