import { useMemo, useState } from 'react';
import { Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useProactiveList } from '../../api/followUpQueries';
import { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { sections } from '../../lib/proactive';
import { formatDate } from '../../lib/time';
import { Computing } from '../../components/Computing';
import { ProactiveRowItem } from './ProactiveRowItem';
import './proactive.css';

/** Proaktiv lista: the persons with a care relation to the reader's unit who are among the most
 * ill elderly or at high risk of readmission, ranked, with why and what to do. */
export function ProactiveListPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { assignment } = useSession();
  const list = useProactiveList();
  const [status, setStatus] = useState('');
  const { active, reviewed } = useMemo(() => sections(list.data?.rows ?? []), [list.data]);
  const forbidden = list.error instanceof ApiError && list.error.status === 403;

  return (
    <>
      <PageTitle title={t('proactive.title')}>
        {t('proactive.title')}
        <span className="nara-h1-sub">{list.data?.unit.name ?? assignment?.unitName}</span>
      </PageTitle>
      <Paragraph>{t('proactive.intro')}</Paragraph>
      <Details className="nara-proactive__explain">
        <Details.Summary>{t('proactive.explainTitle')}</Details.Summary>
        <Details.Content>
          <Paragraph>{t('proactive.explainLace', { min: list.data?.minLace ?? 10 })}</Paragraph>
          <Paragraph>{t('proactive.explainMostIll')}</Paragraph>
          <Paragraph>{t('proactive.explainUnknown')}</Paragraph>
        </Details.Content>
      </Details>

      <div className="nara-status" role="status" data-testid="proactive-status">
        {status}
      </div>
      {list.isPending && <Computing text={t('proactive.loading')} />}
      {forbidden && <ProblemAlert error={list.error} title={t('proactive.forbidden')} />}
      {list.error && !forbidden && <ProblemAlert error={list.error} />}

      {list.data && (
        <>
          <section className="nara-section" aria-labelledby="active-heading">
            <Heading level={2} data-size="sm" id="active-heading">
              {t('proactive.activeHeading', { count: active.length })}
            </Heading>
            <Paragraph data-size="sm" className="nara-muted">
              {t('proactive.reference', { date: formatDate(list.data.referenceDate, lng) })}
            </Paragraph>
            {(list.data.totalActive ?? active.length) > active.length && (
              <Paragraph data-size="sm" data-testid="proactive-shown-of">
                {t('proactive.shownOf', { shown: active.length, total: list.data.totalActive })}
              </Paragraph>
            )}
            {active.length === 0 ? (
              <Paragraph data-testid="proactive-empty">{t('proactive.empty')}</Paragraph>
            ) : (
              <ol className="nara-rows" data-testid="proactive-active" aria-busy={list.isFetching}>
                {active.map((row) => (
                  <ProactiveRowItem key={row.person.id} row={row} onRecorded={setStatus} />
                ))}
              </ol>
            )}
          </section>

          <section className="nara-section" aria-labelledby="reviewed-heading">
            <Heading level={2} data-size="sm" id="reviewed-heading">
              {t('proactive.reviewedHeading')}
            </Heading>
            <Details data-testid="proactive-reviewed">
              <Details.Summary>{t('proactive.reviewedSummary', { count: reviewed.length })}</Details.Summary>
              <Details.Content>
                <Paragraph data-size="sm" className="nara-muted">
                  {t('proactive.reviewedHelp')}
                </Paragraph>
                {reviewed.length === 0 ? (
                  <Paragraph>{t('proactive.reviewedEmpty')}</Paragraph>
                ) : (
                  <ol className="nara-rows" data-testid="proactive-reviewed-rows">
                    {reviewed.map((row) => (
                      <ProactiveRowItem key={row.person.id} row={row} onRecorded={setStatus} />
                    ))}
                  </ol>
                )}
              </Details.Content>
            </Details>
          </section>
        </>
      )}
    </>
  );
}
