import { useCallback, useMemo } from 'react';
import { Button, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { complianceReportPath, useComplianceReport } from '../api/queries';
import { ComplianceChart } from '../components/ComplianceChart';
import { PageTitle } from '../components/PageTitle';
import { ReportMonthField, useReportMonth } from '../components/ReportMonth';
import { ProblemAlert } from '../components/ProblemAlert';
import { chartPoints, formatShare, totalsPerKind, weakest } from '../lib/compliance';
import { monthLabel } from '../lib/liability';

/** How the statutory deadlines of Lag (2017:612) were kept in a month, per clock kind and unit. */
export function CompliancePage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [month, setMonth] = useReportMonth();
  const report = useComplianceReport(month);
  const label = monthLabel(month, lng);
  const totals = useMemo(() => (report.data ? totalsPerKind(report.data) : []), [report.data]);
  const points = useMemo(() => chartPoints(totals), [totals]);
  const kindLabel = useCallback((k: string) => t(`work.kind.${k}`), [t]);
  const outcomeLabel = useCallback((o: string) => t(`compliance.outcome.${o}`), [t]);
  const worst = weakest(totals);
  const caption = t('compliance.chartAlt', {
    month: label,
    summary: worst
      ? t('compliance.chartWeakest', { kind: kindLabel(worst.kind), share: formatShare(worst.shareInTime, lng) })
      : t('compliance.chartNothingDue'),
  });

  return (
    <>
      <PageTitle title={t('compliance.title')}>{t('compliance.title')}</PageTitle>
      <Paragraph>{t('compliance.intro')}</Paragraph>
      <ReportMonthField label={t('compliance.month')} month={month} onChange={setMonth} />

      <section aria-labelledby="kinds-heading" className="nara-section">
        <div className="nara-section__head">
          <Heading level={2} data-size="sm" id="kinds-heading">
            {t('compliance.perKind', { month: label })}
          </Heading>
          <Button asChild variant="secondary" data-size="sm">
            <a href={complianceReportPath(month, 'csv')} download data-testid="compliance-csv">
              {t('compliance.download', { month: label })}
            </a>
          </Button>
        </div>
        <Paragraph data-size="sm" className="nara-muted">
          {t('compliance.help')}
        </Paragraph>
        {report.isPending && <Spinner aria-label={t('common.loading')} />}
        {report.error && <ProblemAlert error={report.error} />}
        {report.data && totals.length === 0 && <Paragraph data-testid="compliance-empty">{t('compliance.empty')}</Paragraph>}
        {totals.length > 0 && (
          <>
            <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
              <Table zebra data-size="sm" data-testid="compliance-kinds">
                <caption className="nara-sr-only">{t('compliance.captionKinds', { month: label })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('compliance.col.kind')}</Table.HeaderCell>
                    <Table.HeaderCell className="nara-num">{t('compliance.outcome.metInTime')}</Table.HeaderCell>
                    <Table.HeaderCell className="nara-num">{t('compliance.outcome.metLate')}</Table.HeaderCell>
                    <Table.HeaderCell className="nara-num">{t('compliance.outcome.openOverdue')}</Table.HeaderCell>
                    <Table.HeaderCell className="nara-num">{t('compliance.outcome.openNotDue')}</Table.HeaderCell>
                    <Table.HeaderCell className="nara-num">{t('compliance.col.share')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {totals.map((k) => (
                    <Table.Row key={k.kind} data-testid="compliance-kind-row">
                      <Table.HeaderCell scope="row">
                        {kindLabel(k.kind)}
                        <span className="nara-muted nara-block">{k.rule}</span>
                      </Table.HeaderCell>
                      <Table.Cell className="nara-num">{k.metInTime}</Table.Cell>
                      <Table.Cell className="nara-num">{k.metLate}</Table.Cell>
                      <Table.Cell className="nara-num">{k.openOverdue}</Table.Cell>
                      <Table.Cell className="nara-num">{k.openNotDue}</Table.Cell>
                      <Table.Cell className="nara-num">{formatShare(k.shareInTime, lng)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <figure className="nara-chart" data-testid="compliance-chart">
              <ComplianceChart data={points} kindLabel={kindLabel} outcomeLabel={outcomeLabel} countLabel={t('compliance.count')} />
              <figcaption className="nara-muted">{caption}</figcaption>
            </figure>
          </>
        )}
      </section>

      {report.data && report.data.lines.length > 0 && (
        <section aria-labelledby="units-heading" className="nara-section">
          <Heading level={2} data-size="sm" id="units-heading">
            {t('compliance.perUnit')}
          </Heading>
          <div className="nara-table-wrap" tabIndex={0} role="region" aria-label={t('common.scrollTable')}>
            <Table zebra data-size="sm" data-testid="compliance-units">
              <caption className="nara-sr-only">{t('compliance.captionUnits', { month: label })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('compliance.col.unit')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('compliance.col.kind')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('compliance.outcome.metInTime')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('compliance.outcome.metLate')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('compliance.outcome.openOverdue')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('compliance.outcome.openNotDue')}</Table.HeaderCell>
                  <Table.HeaderCell className="nara-num">{t('compliance.col.share')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {report.data.lines.map((l) => (
                  <Table.Row key={`${l.kind}-${l.unitId ?? ''}`} data-testid="compliance-unit-row">
                    <Table.HeaderCell scope="row">{l.unitName ?? t('compliance.noUnit')}</Table.HeaderCell>
                    <Table.Cell>{kindLabel(l.kind)}</Table.Cell>
                    <Table.Cell className="nara-num">{l.metInTime}</Table.Cell>
                    <Table.Cell className="nara-num">{l.metLate}</Table.Cell>
                    <Table.Cell className="nara-num">{l.openOverdue}</Table.Cell>
                    <Table.Cell className="nara-num">{l.openNotDue}</Table.Cell>
                    <Table.Cell className="nara-num">{formatShare(l.shareInTime, lng)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </section>
      )}
    </>
  );
}
