import { useState } from 'react';
import { Button, Checkbox, Fieldset, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { fetchSuggestion, useCatalogue } from '../../api/sipQueries';
import type { Principal, SipIntervention, SipNeed, SipSuggestion } from '../../api/sipTypes';
import type { Unit } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../../components/SelectField';
import { newId } from '../../lib/sip';

interface Props {
  planId: string;
  needs: SipNeed[];
  items: SipIntervention[];
  units: Unit[];
  onChange: (items: SipIntervention[]) => void;
  /** A unit the catalogue names takes part in the plan. */
  onUnitChosen: (unit: { id: string; name: string }) => void;
  /** A samordnad vårdplan records the decision made on each insats (LPT 7 a § p. 2). */
  carePlan?: boolean;
}

/** Item 1 and 2: the interventions needed and which principal and unit answers for each, with the
 * responsibility catalogue's answer beside each one. */
export function InterventionsEditor({ planId, needs, items, units, onChange, onUnitChosen, carePlan = false }: Props) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<SipIntervention>) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Fieldset>
      <Fieldset.Legend>{carePlan ? t('carePlan.edit.interventions') : t('sip.edit.interventions')}</Fieldset.Legend>
      <Fieldset.Description>{carePlan ? t('carePlan.edit.interventionsHelp') : t('sip.edit.interventionsHelp')}</Fieldset.Description>
      <ol className="nara-rows">
        {items.map((iv, i) => (
          <li key={iv.id} className="nara-row" data-testid="intervention-row">
            <InterventionRow
              n={i + 1}
              planId={planId}
              needs={needs}
              item={iv}
              units={units}
              onChange={(patch) => update(i, patch)}
              onRemove={() => onChange(items.filter((_, j) => j !== i))}
              onUnitChosen={onUnitChosen}
              carePlan={carePlan}
            />
          </li>
        ))}
      </ol>
      <div className="nara-buttons">
        <Button
          type="button"
          variant="secondary"
          data-size="sm"
          onClick={() =>
            onChange([...items, { id: newId(), description: '', responsible: 'municipality', unitId: '', needId: null, serviceType: null }])
          }
        >
          {t('sip.edit.addIntervention')}
        </Button>
      </div>
    </Fieldset>
  );
}

function InterventionRow({
  n,
  planId,
  needs,
  item,
  units,
  onChange,
  onRemove,
  onUnitChosen,
  carePlan,
}: {
  carePlan: boolean;
  n: number;
  planId: string;
  needs: SipNeed[];
  item: SipIntervention;
  units: Unit[];
  onChange: (patch: Partial<SipIntervention>) => void;
  onRemove: () => void;
  onUnitChosen: Props['onUnitChosen'];
}) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const [canVisit, setCanVisit] = useState(true);
  const [suggestion, setSuggestion] = useState<SipSuggestion | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const services = catalogue.data?.serviceTypes ?? [];

  async function ask(serviceType: string, visit: boolean) {
    setSuggestion(null);
    setError(null);
    if (!serviceType) return;
    setBusy(true);
    try {
      setSuggestion(await fetchSuggestion(planId, serviceType, visit));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function use(unit: { id: string; name: string } | undefined) {
    const s = suggestion?.suggestion;
    if (!s) return;
    onChange({
      responsible: s.responsible,
      serviceType: s.serviceType,
      unitId: unit?.id ?? item.unitId,
      description: item.description.trim() ? item.description : s.serviceName,
    });
    if (unit) onUnitChosen(unit);
  }

  const s = suggestion?.suggestion;
  return (
    <>
      <Heading level={3} data-size="2xs">
        {t('sip.edit.interventionN', { n })}
      </Heading>
      <div className="nara-row__fields">
        <SelectField
          label={t('sip.edit.serviceType')}
          value={item.serviceType ?? ''}
          placeholder={t('sip.edit.noServiceType')}
          options={services.map((x) => ({ value: x.code, label: x.name }))}
          onChange={(v) => {
            onChange({ serviceType: v || null });
            void ask(v, canVisit);
          }}
        />
        <Checkbox
          label={t('sip.edit.canVisit')}
          checked={canVisit}
          onChange={(e) => {
            setCanVisit(e.target.checked);
            if (item.serviceType) void ask(item.serviceType, e.target.checked);
          }}
        />
      </div>
      {busy && <Paragraph data-size="sm">{t('common.loading')}</Paragraph>}
      {error !== null && <ProblemAlert error={error} />}
      {suggestion && (
        <div className="nara-suggestion" data-testid="suggestion" role="status">
          {s ? (
            <>
              <Paragraph data-size="sm">
                <strong>{t('sip.suggest.title', { version: suggestion.catalogueVersion })}</strong>{' '}
                {t('sip.suggest.responsible', { principal: t(`principal.${s.responsible}`), service: s.serviceName })} {s.note}
              </Paragraph>
              {s.candidateUnits.length === 0 && <Paragraph data-size="sm">{t('sip.suggest.noUnits')}</Paragraph>}
              <div className="nara-buttons">
                {s.candidateUnits.map((u) => (
                  <Button key={u.id} type="button" data-size="sm" variant="secondary" onClick={() => use(u)}>
                    {t('sip.suggest.use', { unit: u.name })}
                  </Button>
                ))}
              </div>
            </>
          ) : (
            <Paragraph data-size="sm">{suggestion.noDecision?.reason ?? t('sip.suggest.none')}</Paragraph>
          )}
        </div>
      )}
      <Textfield label={t('sip.edit.description')} value={item.description} onChange={(e) => onChange({ description: e.target.value })} />
      {carePlan && (
        <Textfield
          label={t('carePlan.edit.decision', { n })}
          description={t('carePlan.edit.decisionHelp')}
          value={item.decision ?? ''}
          onChange={(e) => onChange({ decision: e.target.value })}
        />
      )}
      {needs.length > 0 && (
        <SelectField
          label={t('sip.edit.forNeed')}
          value={item.needId ?? ''}
          placeholder={t('sip.edit.noNeed')}
          options={needs.map((x, i) => ({ value: x.id, label: x.description || t('sip.edit.needN', { n: i + 1 }) }))}
          onChange={(v) => onChange({ needId: v || null })}
        />
      )}
      <div className="nara-row__fields">
        <SelectField
          label={t('sip.edit.responsible')}
          value={item.responsible}
          options={(['region', 'municipality'] as Principal[]).map((p) => ({ value: p, label: t(`principal.${p}`) }))}
          onChange={(v) => onChange({ responsible: v as Principal })}
        />
        <SelectField
          label={t('sip.edit.unit')}
          value={item.unitId}
          placeholder={t('sip.edit.chooseUnit')}
          options={units.map((u) => ({ value: u.id, label: `${u.name} (${u.kindName})` }))}
          onChange={(v) => {
            onChange({ unitId: v });
            const u = units.find((x) => x.id === v);
            if (u) onUnitChosen({ id: u.id, name: u.name });
          }}
        />
      </div>
      <div>
        <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={onRemove}>
          {t('sip.edit.removeN', { n })}
        </Button>
      </div>
    </>
  );
}
