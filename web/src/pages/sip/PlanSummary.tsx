import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SipPlanFull } from '../../api/sipTypes';
import { isCarePlan } from '../../lib/sip';
import { formatDate, formatDateTime } from '../../lib/time';

/** The plan as it stands, read-only: for staff beside the editor and for the person themself.
 * `unitName` names a unit (staff may read the registry; a citizen gets the plan's participants). */
export function PlanSummary({
  plan,
  unitName,
  goalExtra,
  headingLevel = 2,
}: {
  plan: SipPlanFull;
  unitName: (id: string) => string;
  goalExtra?: (goalId: string) => React.ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const sub = (headingLevel + 1) as 3 | 4;
  const carePlan = isCarePlan(plan.kind);
  return (
    <div className="nara-stack" data-testid="plan-summary">
      <Heading level={headingLevel} data-size="xs">
        {t('sip.view.goals')}
      </Heading>
      {plan.goals.length === 0 ? (
        <Paragraph>{t('sip.view.noGoals')}</Paragraph>
      ) : (
        <ul className="nara-plain-list nara-stack">
          {plan.goals.map((g) => (
            <li key={g.id} data-testid="goal">
              {g.ownWords && <Paragraph>“{g.ownWords}”</Paragraph>}
              {g.measurableTarget && (
                <Paragraph data-size="sm">
                  {t('sip.view.target', { target: g.measurableTarget })}
                  {g.targetDate ? ` (${formatDate(g.targetDate, lng)})` : ''}
                </Paragraph>
              )}
              {g.comments.length > 0 && (
                <ul className="nara-plain-list">
                  {g.comments.map((c, i) => (
                    <li key={i}>
                      <Paragraph data-size="sm">
                        {c.byPerson ? t('sip.view.commentByPerson') : c.authorName}, {formatDateTime(c.at, lng)}: {c.text}
                      </Paragraph>
                    </li>
                  ))}
                </ul>
              )}
              {goalExtra?.(g.id)}
            </li>
          ))}
        </ul>
      )}
      {plan.needs.length > 0 && (
        <>
          <Heading level={headingLevel} data-size="xs">
            {t('sip.view.needs')}
          </Heading>
          <ul className="nara-plain-list" data-testid="summary-needs">
            {plan.needs.map((n) => (
              <li key={n.id}>
                {n.description}
                {carePlan && n.assessedBy ? ` (${t('carePlan.view.assessedBy', { principal: t(`principal.${n.assessedBy}`) })})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <Heading level={headingLevel} data-size="xs">
        {t('sip.view.interventions')}
      </Heading>
      {plan.interventions.length === 0 ? (
        <Paragraph>{t('sip.view.noInterventions')}</Paragraph>
      ) : (
        <ul className="nara-plain-list nara-stack" data-testid="summary-interventions">
          {plan.interventions.map((iv) => (
            <li key={iv.id}>
              <strong>{iv.description}</strong> – {t(`principal.${iv.responsible}`)}, {unitName(iv.unitId)}
              {iv.needId && plan.needs.some((n) => n.id === iv.needId)
                ? ` (${t('sip.view.forNeed', { need: plan.needs.find((n) => n.id === iv.needId)!.description })})`
                : ''}
              {carePlan && <div data-testid="summary-decision">{t('carePlan.view.decision', { decision: iv.decision || t('sip.view.notStated') })}</div>}
            </li>
          ))}
        </ul>
      )}
      <Heading level={sub} data-size="2xs">
        {t('sip.view.otherMeasures')}
      </Heading>
      {plan.otherMeasures.length > 0 ? (
        <ul className="nara-plain-list">
          {plan.otherMeasures.map((m) => (
            <li key={m.id}>
              {m.description} – {m.actor}
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph>{plan.noOtherMeasures ? t('sip.view.noOtherMeasures') : t('sip.view.notStated')}</Paragraph>
      )}
      <dl className="nara-dl">
        {carePlan ? (
          <>
            <dt>{t('carePlan.view.patientView')}</dt>
            <dd data-testid="summary-patient-view">
              {plan.patientView || (plan.patientViewNotObtained ? t('carePlan.view.notObtained', { reason: plan.patientViewNotObtained }) : t('sip.view.notStated'))}
            </dd>
            <dt>{t('carePlan.view.consultation')}</dt>
            <dd>
              {[
                plan.consultedPatient ? t('carePlan.view.withPatient') : t('carePlan.view.notWithPatient'),
                plan.consultedRelatives
                  ? t('carePlan.view.withRelatives')
                  : plan.relativesNotConsultedReason
                    ? t('carePlan.view.relativesNot', { reason: plan.relativesNotConsultedReason })
                    : t('carePlan.view.relativesNotStated'),
              ].join('; ')}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('sip.view.overall')}</dt>
            <dd data-testid="summary-overall">{plan.overallResponsible ? t(`principal.${plan.overallResponsible}`) : t('sip.view.notStated')}</dd>
          </>
        )}
        <dt>{t('sip.view.followUps')}</dt>
        <dd>
          {plan.followUps.length === 0
            ? t('sip.view.noFollowUps')
            : plan.followUps
                .map((f) => (f.heldAt ? t('sip.view.followUpHeld', { date: formatDate(f.dueDate, lng), outcome: f.outcome ?? '' }) : formatDate(f.dueDate, lng)))
                .join('; ')}
        </dd>
        <dt>{t('sip.view.participants')}</dt>
        <dd>
          {plan.participants.map((p) => `${p.name || unitName(p.unitId ?? '')}${p.role ? ` (${p.role})` : ''}`).join(', ') || '–'}
        </dd>
        <dt>{t('sip.view.namedContacts')}</dt>
        <dd data-testid="summary-contacts">
          {plan.namedContacts.map((c) => `${c.userName}, ${c.unitName} (${t(`contacts.kind.${c.kind}`)})`).join('; ') || '–'}
        </dd>
      </dl>
    </div>
  );
}
