import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Shows an API error as the user should read it: the server's Swedish detail when it has one. */
export function problemText(error: unknown, t: (k: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    const fields = error.problem.errors?.map((e) => e.detail).filter(Boolean) ?? [];
    if (fields.length > 0) return fields.join(' ');
    if (error.problem.detail) return error.problem.detail;
    if (error.status === 404) return t('errors.notFound');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 412) return t('errors.stale');
    return error.problem.title ?? t('errors.generic');
  }
  return t('errors.generic');
}

export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert data-color="danger" role="alert">
      {title && <strong>{title} </strong>}
      <Paragraph>{problemText(error, t)}</Paragraph>
    </Alert>
  );
}
