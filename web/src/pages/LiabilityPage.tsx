import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { liabilityReportPath, useLiabilityReports } from '../api/queries';
import type { LiabilityReport } from '../api/types';
import { LiabilityChart } from '../components/LiabilityChart';
import { PageTitle } from '../components/PageTitle';
import { ReportMonthField, useReportMonth } from '../components/ReportMonth';
import { ProblemAlert } from '../components/ProblemAlert';
import { paths } from '../routes';
import { formatKronor, monthAmounts, monthLabel, monthsEnding, totals, unbilledReasons } from '../lib/liability';

export function LiabilityPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [month, setMonth] = useReportMonth();
  const [search] = useSearchParams();
  const months = useMemo(() => monthsEnding(month, 6), [month]);
  const queries = useLiabilityReports(months);
  const selected = queries[queries.length - 1];
  const reports = queries.map((q) => q.data).filter((r): r is LiabilityReport => !!r);
  const allLoaded = reports.length === months.length;
  const label = useCallback((m: string) => monthLabel(m, lng), [lng]);
  const data = useMemo(() => (allLoaded ? monthAmounts(reports) : []), [allLoaded, reports]);
  const report = selected.data;
  const sum = report ? totals(report) : null;
  const reasons = report ? unbilledReasons(report) : [];
  const municipalities = [...new Set(data.map((d) => d.municipality))].sort((a, b) => a.localeCompare(b, 'sv'));
  const highest = data.reduce<(typeof data)[number] | null>((h, d) => (d.liableDays > (h?.liableDays ?? 0) ? d : h), null);
  const from = label(months[0]);
  const to = label(month);
  const description = t('liability.chartAlt', {
    from,
    to,
    summary: highest
      ? t('liability.chartHighest', { municipality: highest.municipality, month: label(highest.month), count: highest.liableDays })
      : t('liability.chartNothing'),
  });
  const problems = report ? report.municipalities.flatMap((m) => m.problems) : [];

  return (
    <>
      <PageTitle title={t('liability.title')}>{t('liability.title')}</PageTitle>
      <Paragraph>{t('liability.intro')}</Paragraph>
      <ReportMonthField label={t('liability.month')} month={month} onChange={setMonth} />

      <section aria-labelledby="month-heading" className="nara-section">
        <div className="nara-section__head">
          <Heading level={2} data-size="sm" id="month-heading">
            {t('liability.perMunicipality', { month: label(month) })}
          </Heading>
          <Button asChild variant="secondary" data-size="sm">
            <a href={liabilityReportPath(month, 'csv')} download data-testid="csv-download">
              {t('liability.download', { month: label(month) })}
            </a>
          </Button>
        </div>
        <Paragraph data-size="sm" className="nara-muted">
          {t('liability.downloadHelp')}
        </Paragraph>
        {selected.isPending && <Spinner aria-label={t('common.loading')} />}
        {selected.error && <ProblemAlert error={selected.error} />}
        {problems.length > 0 && <Alert data-color="warning">{t('liability.problems', { problems: [...new Set(problems)].join(' ') })}</Alert>}
        {report && report.municipalities.length === 0 && <Paragraph>{t('liability.empty')}</Paragraph>}
        {report && report.municipalities.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="liability-table">
              <caption className="nara-sr-only">{t('liability.captionMonth', { month: label(month) })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('liability.col.municipality')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('liability.col.episodes')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('liability.col.days')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('liability.col.amount')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {report.municipalities.map((m) => (
                  <Table.Row key={m.municipalityCode} data-testid="liability-row">
                    <Table.HeaderCell scope="row">{m.municipalityName}</Table.HeaderCell>
                    <Table.Cell className="nara-num">{m.episodes.length}</Table.Cell>
                    <Table.Cell className="nara-num">{m.liableDays}</Table.Cell>
                    <Table.Cell className="nara-num">{formatKronor(m.amount, lng)}</Table.Cell>
                  </Table.Row>
                ))}
                {sum && report.municipalities.length > 1 && (
                  <Table.Row>
                    <Table.HeaderCell scope="row">{t('liability.total')}</Table.HeaderCell>
                    <Table.Cell className="nara-num">{sum.episodes}</Table.Cell>
                    <Table.Cell className="nara-num">{sum.liableDays}</Table.Cell>
                    <Table.Cell className="nara-num">{formatKronor(sum.amount, lng)}</Table.Cell>
                  </Table.Row>
                )}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="trend-heading" className="nara-section">
        <Heading level={2} data-size="sm" id="trend-heading">
          {t('liability.trend')}
        </Heading>
        {!allLoaded && queries.some((q) => q.isPending) && <Spinner aria-label={t('common.loading')} />}
        {allLoaded && (
          <>
            <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
              <Table zebra data-size="sm" data-testid="trend-table">
                <caption className="nara-sr-only">{t('liability.trendCaption', { from, to })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('liability.col.month')}</Table.HeaderCell>
                    {municipalities.map((m) => (
                      <Table.HeaderCell key={m} className="nara-num">
                        {m}
                      </Table.HeaderCell>
                    ))}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {months.map((mo) => (
                    <Table.Row key={mo}>
                      <Table.HeaderCell scope="row">{label(mo)}</Table.HeaderCell>
                      {municipalities.map((m) => {
                        const d = data.find((x) => x.month === mo && x.municipality === m);
                        return (
                          <Table.Cell key={m} className="nara-num">
                            {t('liability.daysAndAmount', { count: d?.liableDays ?? 0, amount: formatKronor(d?.amount ?? 0, lng) })}
                          </Table.Cell>
                        );
                      })}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <figure className="nara-chart" data-testid="liability-chart">
              <LiabilityChart data={data} months={months} monthLabel={label} daysLabel={t('liability.col.days')} lng={lng} />
              <figcaption className="nara-muted">{description}</figcaption>
            </figure>
          </>
        )}
      </section>

      <section aria-labelledby="reasons-heading" className="nara-section">
        <Heading level={2} data-size="sm" id="reasons-heading">
          {t('liability.reasons')}
        </Heading>
        {report && reasons.length === 0 && <Paragraph>{t('liability.reasonsEmpty')}</Paragraph>}
        {reasons.length > 0 && (
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="reasons-table">
              <caption className="nara-sr-only">{t('liability.reasonsCaption', { month: label(month) })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('liability.col.reason')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('liability.col.count')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {reasons.map((r) => (
                  <Table.Row key={r.reason}>
                    <Table.Cell>{r.reason}</Table.Cell>
                    <Table.Cell className="nara-num">{r.days}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <Paragraph data-testid="compliance-link">
        <Link to={paths.compliance + (search.get('manad') ? `?manad=${month}` : '')}>{t('liability.complianceLink')}</Link>
      </Paragraph>
    </>
  );
}
