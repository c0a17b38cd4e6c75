import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Switches between Swedish and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'sv' : 'en';
  return (
    <Button variant="tertiary" data-size="sm" lang={next} onClick={() => void i18n.changeLanguage(next)}>
      {next === 'en' ? 'English' : 'Svenska'}
    </Button>
  );
}
