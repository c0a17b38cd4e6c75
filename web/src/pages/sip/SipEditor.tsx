import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Fieldset, Heading, Radio, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { patchPlan, useMunicipalityUnits, usePlanMutation } from '../../api/sipQueries';
import type { Principal, SipContent, SipPlanFull } from '../../api/sipTypes';
import { ProblemAlert } from '../../components/ProblemAlert';
import { contentOf, isCarePlan, newId, patchBody } from '../../lib/sip';
import { ConsultationEditor } from './ConsultationEditor';
import { InterventionsEditor } from './InterventionsEditor';
import { GoalsEditor, NeedsEditor, OtherMeasuresEditor, ParticipantsEditor } from './ListEditors';

/** The plan's content as one form: saved with If-Match; a stale page reloads and says so. */
export function SipEditor({ plan, municipalityCode }: { plan: SipPlanFull; municipalityCode: string | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SipContent>(() => contentOf(plan));
  const [saved, setSaved] = useState(false);
  const units = useMunicipalityUnits(municipalityCode);
  // A newer version (ours saved, or someone else's after a 412) replaces the form.
  useEffect(() => setDraft(contentOf(plan)), [plan]);
  const save = usePlanMutation(plan, (body: unknown, version) => patchPlan(plan.id, body, version));
  const set = (patch: Partial<SipContent>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const readOnly = plan.state === 'closed';
  const carePlan = isCarePlan(plan.kind);

  function addUnitParticipant(u: { id: string; name: string }) {
    setDraft((d) =>
      d.participants.some((p) => p.kind === 'unit' && p.unitId === u.id)
        ? d
        : { ...d, participants: [...d.participants, { id: newId(), kind: 'unit', unitId: u.id, name: u.name, role: t('sip.edit.responsibleRole') }] },
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(patchBody(draft, plan.kind), { onSuccess: () => setSaved(true) });
  }

  if (readOnly) return null;
  return (
    <section className="nara-section" aria-labelledby="edit-h">
      <Heading level={2} data-size="sm" id="edit-h">
        {t('sip.edit.title')}
      </Heading>
      <form onSubmit={submit} noValidate className="nara-form" aria-labelledby="edit-h">
        {carePlan && plan.state !== 'draft' && (
          <Alert data-color="info" data-testid="care-plan-reapproval">
            {t('carePlan.edit.reapproval')}
          </Alert>
        )}
        <NeedsEditor
          carePlan={carePlan}
          items={draft.needs}
          onChange={(needs) =>
            // An intervention answering to a removed need no longer points at it.
            set({
              needs,
              interventions: draft.interventions.map((iv) =>
                iv.needId && !needs.some((n) => n.id === iv.needId) ? { ...iv, needId: null } : iv,
              ),
            })
          }
        />
        <InterventionsEditor
          planId={plan.id}
          needs={draft.needs}
          items={draft.interventions}
          units={units.data ?? []}
          onChange={(interventions) => set({ interventions })}
          onUnitChosen={addUnitParticipant}
          carePlan={carePlan}
        />
        <OtherMeasuresEditor
          items={draft.otherMeasures}
          none={draft.noOtherMeasures}
          onChange={(otherMeasures, noOtherMeasures) => set({ otherMeasures, noOtherMeasures })}
          carePlan={carePlan}
        />
        {carePlan && <ConsultationEditor content={draft} onChange={set} />}
        {!carePlan && (
          <Fieldset>
            <Fieldset.Legend>{t('sip.edit.overall')}</Fieldset.Legend>
            <Fieldset.Description>{t('sip.edit.overallHelp')}</Fieldset.Description>
            {(['region', 'municipality'] as Principal[]).map((p) => (
              <Radio
                key={p}
                name="overallResponsible"
                value={p}
                label={t(`principal.${p}`)}
                checked={draft.overallResponsible === p}
                onChange={() => set({ overallResponsible: p })}
              />
            ))}
          </Fieldset>
        )}
        <GoalsEditor items={draft.goals} onChange={(goals) => set({ goals })} />
        <Fieldset>
          <Fieldset.Legend>{t('sip.edit.followUps')}</Fieldset.Legend>
          {draft.followUps.map((f, i) =>
            f.heldAt ? null : (
              <div key={f.id} className="nara-row__fields">
                <Textfield
                  type="date"
                  label={t('sip.edit.followUpDate', { n: i + 1 })}
                  value={f.dueDate}
                  onChange={(e) => set({ followUps: draft.followUps.map((x, j) => (j === i ? { ...x, dueDate: e.target.value } : x)) })}
                />
                <div>
                  <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => set({ followUps: draft.followUps.filter((_, j) => j !== i) })}>
                    {t('sip.edit.removeFollowUp', { n: i + 1 })}
                  </Button>
                </div>
              </div>
            ),
          )}
          <div className="nara-buttons">
            <Button
              type="button"
              variant="secondary"
              data-size="sm"
              onClick={() => set({ followUps: [...draft.followUps, { id: newId(), dueDate: '', heldAt: null, outcome: null }] })}
            >
              {t('sip.edit.addFollowUp')}
            </Button>
          </div>
        </Fieldset>
        <ParticipantsEditor
          items={draft.participants}
          units={units.data ?? []}
          onChange={(participants) => set({ participants })}
        />
        <Checkbox
          label={t('sip.edit.objectsToRelatives')}
          checked={draft.personObjectsToRelatives}
          onChange={(e) => set({ personObjectsToRelatives: e.target.checked })}
        />
        {save.error && <ProblemAlert error={save.error} title={t('sip.edit.notSaved')} />}
        {saved && !save.error && (
          <Alert data-color="success" role="status" data-testid="sip-saved">
            {t('sip.edit.saved', { version: plan.version })}
          </Alert>
        )}
        <div className="nara-buttons">
          <Button type="submit" loading={save.isPending} disabled={save.isPending}>
            {t('sip.edit.save')}
          </Button>
          <Button type="button" variant="tertiary" onClick={() => setDraft(contentOf(plan))}>
            {t('sip.edit.undo')}
          </Button>
        </div>
      </form>
    </section>
  );
}
