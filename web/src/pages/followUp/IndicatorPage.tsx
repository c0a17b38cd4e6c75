import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useIndicator, useIndicatorCatalogue } from '../../api/followUpQueries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  chartPoints,
  downloadName,
  drillFromSearch,
  hasFacts,
  indicatorPath,
  monthsOf,
  orderSeries,
  periodProblem,
  searchFromFilter,
  searchWithDrill,
} from '../../lib/followUp';
import { monthLabel } from '../../lib/liability';
import { localized } from '../../lib/proactive';
import { paths } from '../../routes';
import { Computing } from '../../components/Computing';
import { FactsPanel } from './FactsPanel';
import { useFollowUpFilter } from './filter';
import { FollowUpFilters } from './FollowUpFilters';
import { IndicatorChart } from './IndicatorChart';
import { IndicatorDefinition } from './IndicatorDefinition';
import { IndicatorTable } from './IndicatorTable';
import './followUp.css';

/** One indicator: its definition, a line per municipality (or unit) over the months, the table of
 * the same figures, downloads, and the facts behind a cell. */
export function IndicatorPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { indicatorId } = useParams();
  const catalogue = useIndicatorCatalogue();
  const [filter, setFilter] = useFollowUpFilter(catalogue.data);
  const [search, setSearch] = useSearchParams();
  const problem = periodProblem(filter.from, filter.to);
  const q = useIndicator(indicatorId, catalogue.data && !problem ? filter : null);
  const def = q.data?.indicator ?? catalogue.data?.indicators.find((d) => d.id === indicatorId);
  const series = useMemo(() => orderSeries(q.data?.series ?? []), [q.data]);
  const months = useMemo(() => monthsOf(series), [series]);
  const points = useMemo(() => (def ? chartPoints(series, def.unit) : []), [series, def]);
  const drill = drillFromSearch(search);
  const drillSeries = drill ? series.find((s) => s.level === drill.level && s.key === drill.key) : undefined;
  const name = def ? localized(def.name, lng) : (indicatorId ?? '');
  const filterSearch = searchFromFilter(filter).toString();

  if (catalogue.isPending) return <Spinner aria-label={t('common.loading')} />;
  if (catalogue.error) return <ProblemAlert error={catalogue.error} />;

  const lines = series.some((s) => s.level === 'unit') ? t('followUp.chartPerUnit') : t('followUp.chartPerMunicipality');
  const caption = def
    ? t('followUp.chartAlt', { name, from: monthLabel(filter.from, lng), to: monthLabel(filter.to, lng), lines })
    : '';

  return (
    <>
      <PageTitle title={name}>
        {name}
        <span className="nara-h1-sub">{t('followUp.title')}</span>
      </PageTitle>
      <Paragraph>
        <Link to={`${paths.followUp}?${filterSearch}`} data-testid="back-to-tiles">
          {t('followUp.back')}
        </Link>
      </Paragraph>
      {catalogue.data && <FollowUpFilters catalogue={catalogue.data} filter={filter} onChange={setFilter} />}
      {!def && !q.isFetching && q.error && <ProblemAlert error={q.error} />}
      {def && <IndicatorDefinition def={def} catalogueVersion={q.data?.catalogueVersion ?? catalogue.data?.catalogueVersion} />}

      {def && (
        <section className="nara-section" aria-labelledby="values-heading">
          <div className="nara-section__head">
            <Heading level={2} data-size="sm" id="values-heading">
              {t('followUp.valuesHeading', { from: monthLabel(filter.from, lng), to: monthLabel(filter.to, lng) })}
            </Heading>
            {!problem && (
              <div className="nara-buttons">
                <Button asChild variant="secondary" data-size="sm">
                  <a href={indicatorPath(def.id, filter, 'csv')} download={downloadName(def.id, filter, 'csv')} data-testid="indicator-csv">
                    {t('followUp.downloadCsv')}
                  </a>
                </Button>
                <Button asChild variant="tertiary" data-size="sm">
                  <a href={indicatorPath(def.id, filter)} download={downloadName(def.id, filter, 'json')} data-testid="indicator-json">
                    {t('followUp.downloadJson')}
                  </a>
                </Button>
              </div>
            )}
          </div>
          <Paragraph data-size="sm" className="nara-muted">
            {t('followUp.valuesHelp')} {hasFacts(def) ? t('followUp.drillHelp') : t('followUp.noFacts')}
          </Paragraph>
          {q.isFetching && <Computing text={t('followUp.computing')} />}
          {q.error && def && <ProblemAlert error={q.error} />}
          {q.data && series.length > 0 && (
            <div aria-busy={q.isFetching}>
              {points.some((p) => !Number.isNaN(p.value)) ? (
                <figure className="nara-chart" data-testid="indicator-chart">
                  <IndicatorChart points={points} unit={def.unit} yLabel={t(`followUp.unitName.${def.unit}`)} lng={lng} />
                  <figcaption className="nara-muted">{caption}</figcaption>
                </figure>
              ) : (
                <Paragraph data-testid="indicator-no-points">{t('followUp.noPoints')}</Paragraph>
              )}
              <IndicatorTable
                def={def}
                series={series}
                months={months}
                open={drill}
                onDrill={(cell) => setSearch(searchWithDrill(search, cell), { replace: true })}
              />
              <Paragraph data-size="sm" className="nara-muted">
                {t('followUp.suppressedHelp')}
              </Paragraph>
            </div>
          )}
          {q.data && series.length === 0 && <Paragraph>{t('followUp.noSeries')}</Paragraph>}
        </section>
      )}

      {def && drill && hasFacts(def) && (
        <FactsPanel
          indicatorId={def.id}
          cell={drill}
          name={drillSeries?.name ?? drill.key}
          onClose={() => setSearch(searchWithDrill(search, null), { replace: true })}
        />
      )}
    </>
  );
}
