import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRequests } from '../api/sipQueries';
import { worklistOrder } from '../lib/requests';
import { paths } from '../routes';
import { ProblemAlert } from './ProblemAlert';
import { RequestTable } from './RequestTable';

/** The unit's open incoming requests (sent, received, accepted) on the worklist: only those are
 * fetched, so only those are logged as read. */
export function WorklistRequests() {
  const { t } = useTranslation();
  const q = useRequests('inbox', 'open');
  const items = worklistOrder(q.data?.items ?? []);
  return (
    <section aria-labelledby="worklist-requests" className="nara-section" data-testid="worklist-requests">
      <Heading level={2} data-size="sm" id="worklist-requests">
        {t('worklist.requestsTitle')}
        {q.data && <span className="nara-muted"> ({items.length})</span>}
      </Heading>
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && items.length === 0 && <Paragraph>{t('worklist.requestsEmpty')}</Paragraph>}
      {items.length > 0 && (
        <RequestTable
          items={items}
          box="inbox"
          caption={t('worklist.requestsCaption')}
          showSent={false}
          rowTestId="worklist-request"
        />
      )}
      <Paragraph>
        <Link to={paths.requests}>{t('worklist.requestsAll')}</Link>
      </Paragraph>
    </section>
  );
}
