import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, post } from '../api/client';
import { keys } from '../api/queries';
import type { Person } from '../api/types';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert, problemText } from '../components/ProblemAlert';
import { checkIdentifier } from '../lib/personnummer';
import { paths } from '../routes';

/** Find a person by personnummer. The number is posted, never put in the URL (docs/api.md). */
export function PersonSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [identifier, setIdentifier] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notFound, setNotFound] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [relationError, setRelationError] = useState<unknown>(null);

  function open(p: Person) {
    qc.setQueryData(keys.person(p.id), p);
    navigate(paths.person(p.id));
  }

  async function onSearch(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotFound(false);
    const check = checkIdentifier(identifier);
    if (check !== 'ok') {
      setFieldError(t(check === 'format' ? 'search.errFormat' : 'search.errChecksum'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      open(await post<Person>('/api/v1/persons/search', { identifier: identifier.trim() }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setNotFound(true);
      else if (err instanceof ApiError && err.status === 422) setFieldError(problemText(err, t));
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function onDeclareRelation(e: FormEvent) {
    e.preventDefault();
    setRelationError(null);
    if (reason.trim().length < 10) {
      setReasonError(t('search.relationReasonShort'));
      return;
    }
    setReasonError(null);
    setBusy(true);
    try {
      open(await post<Person>('/api/v1/care-relations', { identifier: identifier.trim(), reason: reason.trim() }));
    } catch (err) {
      setRelationError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{t('search.title')}</PageTitle>
      <Paragraph>{t('search.intro')}</Paragraph>
      <form onSubmit={onSearch} noValidate className="nara-form nara-form--inline" role="search">
        <Textfield
          label={t('search.identifier')}
          description={t('search.identifierHelp')}
          value={identifier}
          onChange={(e) => {
            setIdentifier(e.target.value);
            setNotFound(false);
          }}
          error={fieldError ?? undefined}
          autoComplete="off"
          inputMode="numeric"
          spellCheck={false}
        />
        <Button type="submit" loading={busy} disabled={busy}>
          {t('search.submit')}
        </Button>
      </form>
      {error !== null && <ProblemAlert error={error} />}
      {notFound && (
        <section className="nara-section" aria-labelledby="not-found-heading">
          <Alert data-color="info" role="status">
            <Heading level={2} data-size="xs" id="not-found-heading">
              {t('search.notFoundTitle')}
            </Heading>
            <Paragraph>{t('search.notFoundText')}</Paragraph>
          </Alert>
          <form onSubmit={onDeclareRelation} noValidate className="nara-form">
            <Heading level={3} data-size="2xs">
              {t('search.relationTitle')}
            </Heading>
            <Paragraph data-size="sm">{t('search.relationText')}</Paragraph>
            <Textfield
              multiline
              rows={3}
              label={t('search.relationReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={reasonError ?? undefined}
            />
            {relationError !== null && <ProblemAlert error={relationError} />}
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('search.relationSubmit')}
            </Button>
          </form>
        </section>
      )}
    </>
  );
}
