import { Fragment } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition as Definition } from '../../api/followUpTypes';
import { localized } from '../../lib/proactive';

/** How the indicator is counted, in the chosen language: what a reader needs to trust a figure. */
export function IndicatorDefinition({ def, catalogueVersion }: { def: Definition; catalogueVersion?: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rows: [string, string][] = [
    [t('followUp.def.numerator'), localized(def.numerator, lng)],
    [t('followUp.def.denominator'), localized(def.denominator, lng) || t('followUp.def.noDenominator')],
    [t('followUp.def.unit'), `${t(`followUp.unitName.${def.unit}`)} – ${t(def.higherIsBetter ? 'followUp.higherIsBetter' : 'followUp.lowerIsBetter').toLowerCase()}`],
    [t('followUp.def.population'), localized(def.population, lng)],
    [t('followUp.def.period'), localized(def.period, lng)],
    [t('followUp.def.source'), def.source],
    [t('followUp.def.notes'), localized(def.notes, lng)],
    [t('followUp.def.version'), t('followUp.def.versionText', { version: def.version, catalogue: catalogueVersion ?? '–' })],
  ];
  return (
    <section className="nara-section" aria-labelledby="definition-heading" data-testid="indicator-definition">
      <Heading level={2} data-size="sm" id="definition-heading">
        {t('followUp.def.heading')}
      </Heading>
      <dl className="nara-dl">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <Fragment key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
      </dl>
    </section>
  );
}
