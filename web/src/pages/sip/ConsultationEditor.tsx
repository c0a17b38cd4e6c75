import { Checkbox, Fieldset, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SipContent } from '../../api/sipTypes';

/** The samordnad vårdplan's own items (LPT 7 a § 2–3 st.): the patient's view of the decisions,
 * or why it could not be had ("så långt det är möjligt"), and the consultation with the patient and,
 * unless that is inappropriate, the närstående. Each pair is one or the other, as the server
 * requires, so ticking one clears the other. */
export function ConsultationEditor({ content, onChange }: { content: SipContent; onChange: (patch: Partial<SipContent>) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Fieldset>
        <Fieldset.Legend>{t('carePlan.edit.patientView')}</Fieldset.Legend>
        <Fieldset.Description>{t('carePlan.edit.patientViewHelp')}</Fieldset.Description>
        <Textfield
          multiline
          rows={2}
          label={t('carePlan.edit.patientViewText')}
          value={content.patientView ?? ''}
          onChange={(e) => onChange({ patientView: e.target.value, patientViewNotObtained: e.target.value.trim() ? null : content.patientViewNotObtained })}
        />
        <Textfield
          label={t('carePlan.edit.patientViewNotObtained')}
          value={content.patientViewNotObtained ?? ''}
          disabled={!!content.patientView?.trim()}
          onChange={(e) => onChange({ patientViewNotObtained: e.target.value })}
        />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('carePlan.edit.consultation')}</Fieldset.Legend>
        <Fieldset.Description>{t('carePlan.edit.consultationHelp')}</Fieldset.Description>
        <Checkbox label={t('carePlan.edit.consultedPatient')} checked={!!content.consultedPatient} onChange={(e) => onChange({ consultedPatient: e.target.checked })} />
        <Checkbox
          label={t('carePlan.edit.consultedRelatives')}
          checked={!!content.consultedRelatives}
          onChange={(e) => onChange({ consultedRelatives: e.target.checked, relativesNotConsultedReason: e.target.checked ? null : content.relativesNotConsultedReason })}
        />
        <Textfield
          label={t('carePlan.edit.relativesNotConsultedReason')}
          value={content.relativesNotConsultedReason ?? ''}
          disabled={!!content.consultedRelatives}
          onChange={(e) => onChange({ relativesNotConsultedReason: e.target.value })}
        />
      </Fieldset>
    </>
  );
}
