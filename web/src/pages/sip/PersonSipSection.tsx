import { Link } from 'react-router-dom';
import { Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { usePersonPlans } from '../../api/sipQueries';
import { ProblemAlert } from '../../components/ProblemAlert';
import { paths } from '../../routes';
import { PlanTable } from './PlanTable';

/** On the person overview: the person's SIPs as the policy lets the unit see them, start a new
 * one, or send a request to another unit. */
export function PersonSipSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const q = usePersonPlans(personId);
  return (
    <section className="nara-section" aria-labelledby="sips-heading" data-testid="person-sips">
      <div className="nara-section__head">
        <Heading level={2} data-size="sm" id="sips-heading">
          {t('sip.person.title')}
        </Heading>
        <div className="nara-buttons">
          <Link to={paths.startSip(personId)}>{t('sip.person.start')}</Link>
          <Link to={paths.newRequest(personId)}>{t('requests.new.link')}</Link>
        </div>
      </div>
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && <Paragraph>{t('sip.person.none')}</Paragraph>}
      {q.data && q.data.items.length > 0 && <PlanTable plans={q.data.items} showPerson={false} caption={t('sip.person.title')} />}
    </section>
  );
}
