import { Link, useSearchParams } from 'react-router-dom';
import { Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useRequests } from '../../api/sipQueries';
import type { RequestState } from '../../api/sipTypes';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RequestTable } from '../../components/RequestTable';
import { SelectField } from '../../components/SelectField';
import { REQUEST_STATES, type Box } from '../../lib/requests';

/** Requests to the unit (inkorg) and from it (utkorg), filtered by state; box and state in the URL. */
export function RequestsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box: Box = params.get('korg') === 'utkorg' ? 'outbox' : 'inbox';
  const state = (REQUEST_STATES as string[]).includes(params.get('tillstand') ?? '') ? (params.get('tillstand') as RequestState) : '';
  const q = useRequests(box, state);
  const boxLink = (b: Box) => {
    const p = new URLSearchParams(params);
    p.set('korg', b === 'outbox' ? 'utkorg' : 'inkorg');
    return `?${p}`;
  };
  const items = q.data?.items ?? [];
  return (
    <>
      <PageTitle>{t('requests.title')}</PageTitle>
      <nav aria-label={t('requests.boxes')} className="nara-boxes">
        <ul>
          {(['inbox', 'outbox'] as Box[]).map((b) => (
            <li key={b}>
              <Link to={boxLink(b)} aria-current={box === b ? 'page' : undefined}>
                {b === 'inbox' ? t('requests.inbox') : t('requests.outbox')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="nara-filters__row">
        <SelectField
          label={t('requests.state')}
          value={state}
          placeholder={t('requests.allStates')}
          options={REQUEST_STATES.map((s) => ({ value: s, label: t(`requests.stateName.${s}`) }))}
          onChange={(v) =>
            setParams((p) => {
              if (v) p.set('tillstand', v);
              else p.delete('tillstand');
              return p;
            })
          }
        />
      </div>
      {q.data && (
        <Paragraph data-testid="requests-summary">
          {t('requests.summary', { count: items.length, overdue: q.data.overdue })}
        </Paragraph>
      )}
      {q.isPending && <Spinner aria-label={t('common.loading')} />}
      {q.error && <ProblemAlert error={q.error} />}
      {q.data && items.length === 0 && <Paragraph>{t('requests.empty')}</Paragraph>}
      {items.length > 0 && (
        <RequestTable
          items={items}
          box={box}
          caption={box === 'inbox' ? t('requests.inbox') : t('requests.outbox')}
          tableTestId="requests"
          rowTestId="request-row"
        />
      )}
    </>
  );
}
