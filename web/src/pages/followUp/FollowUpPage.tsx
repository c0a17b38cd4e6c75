import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFollowUp, useIndicatorCatalogue } from '../../api/followUpQueries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { focusSeries, periodProblem, searchFromFilter } from '../../lib/followUp';
import { currentMonth, monthLabel } from '../../lib/liability';
import { paths } from '../../routes';
import { Computing } from '../../components/Computing';
import { focusName, useFollowUpFilter } from './filter';
import { FollowUpFilters } from './FollowUpFilters';
import { IndicatorTile } from './IndicatorTile';
import './followUp.css';

/** Uppföljning: every indicator of the catalogue as a tile, for the county, a municipality or a unit. */
export function FollowUpPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const catalogue = useIndicatorCatalogue();
  const [filter, setFilter] = useFollowUpFilter(catalogue.data);
  const problem = periodProblem(filter.from, filter.to);
  const data = useFollowUp(catalogue.data && !problem ? filter : null);
  const upTo = currentMonth(new Date());
  const county = data.data?.series.find((s) => s.level === 'county')?.name ?? t('followUp.county');
  const name = focusName(catalogue.data, filter, county);
  const search = searchFromFilter(filter).toString();
  const busy = data.isFetching;

  return (
    <>
      <PageTitle title={t('followUp.title')}>{t('followUp.title')}</PageTitle>
      <Paragraph>{t('followUp.intro')}</Paragraph>
      {catalogue.isPending && <Spinner aria-label={t('common.loading')} />}
      {catalogue.error && <ProblemAlert error={catalogue.error} />}
      {catalogue.data && (
        <>
          <FollowUpFilters catalogue={catalogue.data} filter={filter} onChange={setFilter} />
          <section className="nara-section" aria-labelledby="tiles-heading">
            <Heading level={2} data-size="sm" id="tiles-heading">
              {t('followUp.tilesHeading', { name, from: monthLabel(filter.from, lng), to: monthLabel(filter.to, lng) })}
            </Heading>
            <Paragraph data-size="sm" className="nara-muted">
              {t('followUp.tilesHelp')} {t('followUp.suppressedHelp')}
            </Paragraph>
            {busy && <Computing text={t('followUp.computing')} />}
            {data.error && <ProblemAlert error={data.error} />}
            {data.data && (
              <ul className="nara-tiles" aria-busy={busy} data-testid="indicator-tiles">
                {catalogue.data.indicators.map((def) => (
                  <IndicatorTile
                    key={def.id}
                    def={def}
                    series={focusSeries(data.data.series, def.id, filter)}
                    upTo={upTo}
                    to={paths.indicator(def.id, search)}
                  />
                ))}
              </ul>
            )}
            <Paragraph data-size="sm" className="nara-muted">
              {t('followUp.catalogueVersion', { version: catalogue.data.catalogueVersion })}
            </Paragraph>
          </section>
        </>
      )}
    </>
  );
}
