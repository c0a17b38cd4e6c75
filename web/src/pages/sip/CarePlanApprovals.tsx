import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SipPlanFull } from '../../api/sipTypes';
import { formatDateTime } from '../../lib/time';

/** Who has approved (justerat) the samordnad vårdplan as it stands and whose approval is missing:
 * the plan is established when every unit responsible for an insats has approved it
 * (LPT 7 a § 3 st.); a change makes the approvals lapse. */
export function CarePlanApprovals({ plan, unitName }: { plan: SipPlanFull; unitName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const missing = plan.missingApprovals ?? [];
  return (
    <section className="nara-section" aria-labelledby="approvals-h" data-testid="care-plan-approvals">
      <Heading level={2} data-size="sm" id="approvals-h">
        {t('carePlan.approvals.title')}
      </Heading>
      <Paragraph data-size="sm" className="nara-muted">
        {plan.state === 'draft' ? t('carePlan.approvals.draft') : t('carePlan.approvals.established', { at: plan.activatedAt ? formatDateTime(plan.activatedAt, i18n.language) : '–' })}
      </Paragraph>
      <ul className="nara-checklist">
        {plan.approvals.map((a) => (
          <li key={a.unitId} data-testid="approval" data-met="true">
            <span aria-hidden="true" className="nara-check nara-check--met">
              ✓
            </span>
            <span>{t('carePlan.approvals.approved', { unit: a.unitName, user: a.userName, at: formatDateTime(a.at, i18n.language) })}</span>
          </li>
        ))}
        {missing.map((id) => (
          <li key={id} data-testid="approval-missing" data-met="false">
            <span aria-hidden="true" className="nara-check">
              !
            </span>
            <span>{t('carePlan.approvals.missing', { unit: unitName(id) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
