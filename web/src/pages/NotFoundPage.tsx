import { Link } from 'react-router-dom';
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <Link to="/">{t('notFound.home')}</Link>
      </Paragraph>
    </>
  );
}
