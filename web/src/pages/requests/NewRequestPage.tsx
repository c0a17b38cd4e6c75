import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from '../../api/client';
import { usePerson } from '../../api/queries';
import { sipKeys, useMunicipalityUnits } from '../../api/sipQueries';
import type { CareRequest, SipSuggestion } from '../../api/sipTypes';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { REQUEST_TYPES } from '../../lib/requests';
import { fromLocalInput } from '../../lib/time';
import { paths } from '../../routes';

/** Send a request to another unit; the responsibility catalogue says which principal and kind of
 * unit answers for the type, and its units in the person's municipality come first. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const personId = params.get('person') ?? undefined;
  const planId = params.get('sip') ?? undefined;
  const person = usePerson(personId);
  const units = useMunicipalityUnits(person.data?.municipalityCode);
  const { assignment } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [type, setType] = useState('');
  const [toUnitId, setToUnitId] = useState('');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The person's situation decides the principal (tröskelprincipen, residential care).
  const [canVisit, setCanVisit] = useState(true);
  const [residential, setResidential] = useState(false);
  const suggestion = useQuery({
    queryKey: ['request-suggestion', type, canVisit, residential],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({
        requestType: type,
        canVisitHealthCentre: String(canVisit),
        residence: residential ? 'residential_care' : 'ordinary_home',
      });
      return get<SipSuggestion>(`/api/v1/responsibility-catalogue/suggestion?${q}`, signal);
    },
    enabled: !!type && type !== 'sip_request',
    retry: false,
  });
  const send = useMutation({
    mutationFn: async (body: unknown) => (await request<CareRequest>('/api/v1/requests', { method: 'POST', body })).data,
    onSuccess: (r) => {
      qc.setQueryData(sipKeys.request(r.id), r);
      void qc.invalidateQueries({ queryKey: ['requests'] });
      navigate(paths.request(r.id));
    },
  });
  const s = suggestion.data?.suggestion;
  const others = (units.data ?? []).filter((u) => u.id !== assignment?.unitId);
  const suggested = s ? others.filter((u) => u.kind === s.unitKind) : [];
  const rest = others.filter((u) => !suggested.includes(u));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!type || !toUnitId || !description.trim()) {
      setError(t('requests.new.missing'));
      return;
    }
    const dueAt = due ? fromLocalInput(due) : null;
    if (due && !dueAt) {
      setError(t('requests.new.dueInvalid'));
      return;
    }
    setError(null);
    send.mutate({ personId, type, toUnitId, description: description.trim(), dueAt: dueAt ?? undefined, planId });
  }

  if (person.isPending && personId) return <Spinner aria-label={t('common.loading')} />;
  if (!personId || person.error || !person.data) {
    return (
      <>
        <PageTitle>{t('requests.new.title')}</PageTitle>
        {person.error ? <ProblemAlert error={person.error} /> : <Paragraph>{t('requests.new.choosePerson')}</Paragraph>}
      </>
    );
  }
  const name = `${person.data.givenName} ${person.data.familyName}`;
  return (
    <>
      <PageTitle title={`${t('requests.new.title')} – ${name}`}>
        {t('requests.new.title')} – {name}
      </PageTitle>
      <Card className="nara-card">
        <form onSubmit={submit} noValidate className="nara-form" aria-label={t('requests.new.title')}>
          <SelectField
            label={t('requests.col.type')}
            value={type}
            placeholder={t('requests.new.chooseType')}
            options={REQUEST_TYPES.map((x) => ({ value: x, label: t(`requests.type.${x}`) }))}
            onChange={(v) => {
              setType(v);
              setToUnitId('');
            }}
          />
          <Checkbox label={t('sip.edit.canVisit')} checked={canVisit} onChange={(e) => setCanVisit(e.target.checked)} />
          <Checkbox label={t('requests.new.residential')} checked={residential} onChange={(e) => setResidential(e.target.checked)} />
          {suggestion.error && <ProblemAlert error={suggestion.error} />}
          {suggestion.data && (
            <div className="nara-suggestion" role="status" data-testid="request-suggestion">
              <Paragraph data-size="sm">
                {s
                  ? `${t('sip.suggest.title', { version: suggestion.data.catalogueVersion })} ${t('sip.suggest.responsible', { principal: t(`principal.${s.responsible}`), service: s.serviceName })} ${s.note}`
                  : suggestion.data.noDecision?.reason}
              </Paragraph>
            </div>
          )}
          <SelectField
            label={t('requests.col.to')}
            value={toUnitId}
            placeholder={t('sip.edit.chooseUnit')}
            options={[...suggested, ...rest].map((u) => ({
              value: u.id,
              label: `${u.name} (${u.kindName})${suggested.includes(u) ? ` – ${t('requests.new.suggested')}` : ''}`,
            }))}
            onChange={setToUnitId}
          />
          <Textfield multiline rows={4} label={t('requests.new.description')} value={description} onChange={(e) => setDescription(e.target.value)} />
          <Textfield type="datetime-local" label={t('requests.new.due')} value={due} onChange={(e) => setDue(e.target.value)} />
          {error && (
            <Alert data-color="danger" role="alert">
              {error}
            </Alert>
          )}
          {send.error && <ProblemAlert error={send.error} />}
          <div className="nara-buttons">
            <Button type="submit" loading={send.isPending} disabled={send.isPending}>
              {t('requests.new.send')}
            </Button>
            <Link to={paths.person(person.data.id)}>{t('common.cancel')}</Link>
          </div>
        </form>
      </Card>
    </>
  );
}
