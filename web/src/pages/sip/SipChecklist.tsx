import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SipPlanFull } from '../../api/sipTypes';
import { checklistComplete, checklistFor, isCarePlan } from '../../lib/sip';

/** What the law requires before the plan is in force (HSL 16:4 p. 1–4, SoL 10:8; for a
 * samordnad vårdplan LPT 7 a § 2–3 st.), met or not, for the saved plan: the server checks the
 * same on activation or approval. */
export function SipChecklist({ plan }: { plan: SipPlanFull }) {
  const { t } = useTranslation();
  const entries = checklistFor(plan);
  const kind = isCarePlan(plan.kind) ? 'carePlan' : 'sip';
  const complete = checklistComplete(entries);
  return (
    <section className="nara-section" aria-labelledby="checklist-h" data-testid="sip-checklist">
      <Heading level={2} data-size="sm" id="checklist-h">
        {t('sip.checklist.title')}
      </Heading>
      <Paragraph data-size="sm" className="nara-muted">
        {t(`sip.checklist.intro.${kind}`, { law: plan.legalReference })}
      </Paragraph>
      <ul className="nara-checklist">
        {entries.map((e) => (
          <li key={e.item} data-testid={`check-${e.item}`} data-met={e.met}>
            <span aria-hidden="true" className={e.met ? 'nara-check nara-check--met' : 'nara-check'}>
              {e.met ? '✓' : '!'}
            </span>
            <span>
              <strong>{e.met ? t('sip.checklist.met') : t('sip.checklist.missing')}:</strong> {t(`sip.checklist.item.${e.item}`)}
            </span>
          </li>
        ))}
      </ul>
      <Alert data-color={complete ? 'success' : 'warning'} data-testid="checklist-status">
        {complete ? t(`sip.checklist.complete.${kind}`) : t(`sip.checklist.incomplete.${kind}`)}
      </Alert>
    </section>
  );
}
