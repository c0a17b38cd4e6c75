import { useEffect, useState } from 'react';
import { Fieldset, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { IndicatorCatalogue } from '../../api/followUpTypes';
import { SelectField } from '../../components/SelectField';
import { periodProblem, type FollowUpFilter } from '../../lib/followUp';
import { isMonth } from '../../lib/liability';

/** A month field that keeps what is typed and reports a whole month only. */
function MonthField({ label, value, onChange }: { label: string; value: string; onChange: (m: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Textfield
      label={label}
      type="month"
      value={text}
      min="2015-01"
      onChange={(e) => {
        setText(e.target.value);
        if (isMonth(e.target.value)) onChange(e.target.value);
      }}
    />
  );
}

/** Period, municipality and unit; the page keeps them in the URL so a view can be linked. */
export function FollowUpFilters({
  catalogue,
  filter,
  onChange,
}: {
  catalogue: IndicatorCatalogue;
  filter: FollowUpFilter;
  onChange: (f: FollowUpFilter) => void;
}) {
  const { t } = useTranslation();
  const problem = periodProblem(filter.from, filter.to);
  const municipalities = [...catalogue.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const units = catalogue.units
    .filter((u) => u.municipalityCode === filter.municipality)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <Fieldset className="nara-filters">
      <Fieldset.Legend>{t('followUp.filters')}</Fieldset.Legend>
      <div className="nara-filters__row">
        <MonthField label={t('followUp.from')} value={filter.from} onChange={(from) => onChange({ ...filter, from })} />
        <MonthField label={t('followUp.to')} value={filter.to} onChange={(to) => onChange({ ...filter, to })} />
        <SelectField
          label={t('followUp.municipality')}
          value={filter.municipality ?? ''}
          placeholder={t('followUp.wholeCounty')}
          options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
          onChange={(code) => onChange({ from: filter.from, to: filter.to, municipality: code || undefined })}
          testId="filter-municipality"
        />
        {filter.municipality && (
          <SelectField
            label={t('followUp.unit')}
            value={filter.unit ?? ''}
            placeholder={t('followUp.allUnits')}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(id) => onChange({ ...filter, unit: id || undefined })}
            testId="filter-unit"
          />
        )}
      </div>
      {problem && (
        <ValidationMessage data-testid="period-problem">{t(`followUp.periodProblem.${problem}`)}</ValidationMessage>
      )}
    </Fieldset>
  );
}
