import { Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useUnitPlans } from '../../api/sipQueries';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PlanTable } from './PlanTable';

/** The SIPs the unit started or takes part in. */
export function SipListPage() {
  const { t } = useTranslation();
  const q = useUnitPlans();
  return (
    <>
      <PageTitle>{t('sip.list.title')}</PageTitle>
      <Paragraph>{t('sip.list.intro')}</Paragraph>
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && <Paragraph>{t('sip.list.empty')}</Paragraph>}
      {q.data && q.data.items.length > 0 && <PlanTable plans={q.data.items} showPerson caption={t('sip.list.title')} />}
    </>
  );
}
