import { useState } from 'react';
import { Button, Checkbox, Fieldset, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ParticipantKind, SipGoal, SipNeed, SipOtherMeasure, SipParticipant } from '../../api/sipTypes';
import type { Unit } from '../../api/types';
import { SelectField } from '../../components/SelectField';
import { newId } from '../../lib/sip';

/** Item 3: measures by others than the region and the municipality, or explicitly none. */
export function OtherMeasuresEditor({
  items,
  none,
  onChange,
  carePlan = false,
}: {
  items: SipOtherMeasure[];
  none: boolean;
  onChange: (items: SipOtherMeasure[], none: boolean) => void;
  /** In a samordnad vårdplan this is item 4 (LPT 7 a § p. 4). */
  carePlan?: boolean;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<SipOtherMeasure>) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)), none);
  return (
    <Fieldset>
      <Fieldset.Legend>{carePlan ? t('carePlan.edit.otherMeasures') : t('sip.edit.otherMeasures')}</Fieldset.Legend>
      <Fieldset.Description>{t('sip.edit.otherMeasuresHelp')}</Fieldset.Description>
      <Checkbox
        label={t('sip.edit.noOtherMeasures')}
        checked={none}
        disabled={items.length > 0}
        onChange={(e) => onChange(items, e.target.checked)}
      />
      {items.map((m, i) => (
        <div key={m.id} className="nara-row nara-row__fields">
          <Textfield label={t('sip.edit.measureN', { n: i + 1 })} value={m.description} onChange={(e) => update(i, { description: e.target.value })} />
          <Textfield label={t('sip.edit.actor')} value={m.actor} onChange={(e) => update(i, { actor: e.target.value })} />
          <div>
            <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => onChange(items.filter((_, j) => j !== i), none)}>
              {t('sip.edit.removeMeasure', { n: i + 1 })}
            </Button>
          </div>
        </div>
      ))}
      {!none && (
        <div className="nara-buttons">
          <Button type="button" variant="secondary" data-size="sm" onClick={() => onChange([...items, { id: newId(), description: '', actor: '' }], false)}>
            {t('sip.edit.addMeasure')}
          </Button>
        </div>
      )}
    </Fieldset>
  );
}

/** Goals in the person's own words and as a measurable target. */
export function GoalsEditor({ items, onChange }: { items: SipGoal[]; onChange: (items: SipGoal[]) => void }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<SipGoal>) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Fieldset>
      <Fieldset.Legend>{t('sip.edit.goals')}</Fieldset.Legend>
      {items.map((g, i) => (
        <div key={g.id} className="nara-row">
          <Textfield label={t('sip.edit.ownWords', { n: i + 1 })} value={g.ownWords} onChange={(e) => update(i, { ownWords: e.target.value })} />
          <div className="nara-row__fields">
            <Textfield label={t('sip.edit.target')} value={g.measurableTarget} onChange={(e) => update(i, { measurableTarget: e.target.value })} />
            <Textfield type="date" label={t('sip.edit.targetDate')} value={g.targetDate ?? ''} onChange={(e) => update(i, { targetDate: e.target.value || null })} />
          </div>
          <div>
            <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              {t('sip.edit.removeGoal', { n: i + 1 })}
            </Button>
          </div>
        </div>
      ))}
      <div className="nara-buttons">
        <Button
          type="button"
          variant="secondary"
          data-size="sm"
          onClick={() => onChange([...items, { id: newId(), ownWords: '', measurableTarget: '', targetDate: null, comments: [] }])}
        >
          {t('sip.edit.addGoal')}
        </Button>
      </div>
    </Fieldset>
  );
}

const KINDS: ParticipantKind[] = ['unit', 'person', 'relative', 'external'];

/** Who takes part: units of both principals, the person, närstående, others. */
export function ParticipantsEditor({
  items,
  units,
  onChange,
}: {
  items: SipParticipant[];
  units: Unit[];
  onChange: (items: SipParticipant[]) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ParticipantKind>('unit');
  const [unitId, setUnitId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const named = (p: SipParticipant) => p.name || units.find((u) => u.id === p.unitId)?.name || '–';
  function add() {
    const unit = units.find((u) => u.id === unitId);
    if (kind === 'unit' ? !unit : !name.trim()) return;
    onChange([...items, { id: newId(), kind, unitId: kind === 'unit' ? unitId : null, name: kind === 'unit' ? unit!.name : name.trim(), role: role.trim() }]);
    setName('');
    setRole('');
    setUnitId('');
  }
  return (
    <Fieldset>
      <Fieldset.Legend>{t('sip.edit.participants')}</Fieldset.Legend>
      <ul className="nara-plain-list nara-stack" data-testid="participants">
        {items.map((p, i) => (
          <li key={p.id}>
            {named(p)} ({t(`sip.participantKind.${p.kind}`)}{p.role ? `, ${p.role}` : ''}){' '}
            <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              {t('sip.edit.removeParticipant', { name: named(p) })}
            </Button>
          </li>
        ))}
      </ul>
      <div className="nara-row__fields">
        <SelectField
          label={t('sip.edit.participantKind')}
          value={kind}
          options={KINDS.map((k) => ({ value: k, label: t(`sip.participantKind.${k}`) }))}
          onChange={(v) => setKind(v as ParticipantKind)}
        />
        {kind === 'unit' ? (
          <SelectField
            label={t('sip.edit.unit')}
            value={unitId}
            placeholder={t('sip.edit.chooseUnit')}
            options={units.map((u) => ({ value: u.id, label: `${u.name} (${u.kindName})` }))}
            onChange={setUnitId}
          />
        ) : (
          <Textfield label={t('sip.edit.participantName')} value={name} onChange={(e) => setName(e.target.value)} />
        )}
        <Textfield label={t('sip.edit.participantRole')} value={role} onChange={(e) => setRole(e.target.value)} />
      </div>
      <div className="nara-buttons">
        <Button type="button" variant="secondary" data-size="sm" onClick={add}>
          {t('sip.edit.addParticipant')}
        </Button>
      </div>
    </Fieldset>
  );
}

/** The person's needs, which interventions may answer to. */
/** The needs; in a samordnad vårdplan each says whose assessment found it (LPT 7 a § p. 1). */
export function NeedsEditor({ items, onChange, carePlan = false }: { items: SipNeed[]; onChange: (items: SipNeed[]) => void; carePlan?: boolean }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<SipNeed>) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Fieldset>
      <Fieldset.Legend>{t('sip.edit.needs')}</Fieldset.Legend>
      {carePlan && <Fieldset.Description>{t('carePlan.edit.needsHelp')}</Fieldset.Description>}
      {items.map((n, i) => (
        <div key={n.id} className="nara-row nara-row__fields">
          <Textfield label={t('sip.edit.needN', { n: i + 1 })} value={n.description} onChange={(e) => update(i, { description: e.target.value })} />
          {carePlan && (
            <SelectField
              label={t('carePlan.edit.assessedBy', { n: i + 1 })}
              value={n.assessedBy ?? ''}
              placeholder={t('carePlan.edit.chooseAssessor')}
              options={(['region', 'municipality'] as const).map((p) => ({ value: p, label: t(`principal.${p}`) }))}
              onChange={(v) => update(i, { assessedBy: v === 'region' || v === 'municipality' ? v : null })}
            />
          )}
          <div>
            <Button type="button" variant="tertiary" data-size="sm" data-color="danger" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              {t('sip.edit.removeNeed', { n: i + 1 })}
            </Button>
          </div>
        </div>
      ))}
      <div className="nara-buttons">
        <Button type="button" variant="secondary" data-size="sm" onClick={() => onChange([...items, { id: newId(), description: '' }])}>
          {t('sip.edit.addNeed')}
        </Button>
      </div>
    </Fieldset>
  );
}
