import { Textfield } from '@digdir/designsystemet-react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { currentMonth, isMonth } from '../lib/liability';

/** The report month from the URL (`?manad=YYYY-MM`, this month when absent or malformed), so a
 * reload or a shared link keeps it. */
export function useReportMonth(): [string, (month: string) => void] {
  const [search, setSearch] = useSearchParams();
  const month = isMonth(search.get('manad')) ? search.get('manad')! : currentMonth(new Date());
  return [month, (next) => setSearch({ manad: next }, { replace: true })];
}

/** The month picker both manager reports share; a partly typed month is ignored. */
export function ReportMonthField({ label, month, onChange }: { label: string; month: string; onChange: (month: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="nara-filters nara-filters__row">
      <Textfield
        label={label}
        description={t('liability.monthHelp')}
        type="month"
        value={month}
        min="2019-01"
        onChange={(e) => {
          if (isMonth(e.target.value)) onChange(e.target.value);
        }}
      />
    </div>
  );
}
