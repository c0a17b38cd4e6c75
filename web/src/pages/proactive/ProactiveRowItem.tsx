import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Heading, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useRecordProactiveAction } from '../../api/followUpQueries';
import type { ActionKind, ProactiveRow } from '../../api/followUpTypes';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatPersonnummer } from '../../lib/personnummer';
import { actionBody, BAND_COLOR, localized } from '../../lib/proactive';
import { formatDate } from '../../lib/time';
import { paths } from '../../routes';
import { AssessedForm } from './AssessedForm';
import { WhyDetails } from './WhyDetails';

const DIRECT: ActionKind[] = ['offer_sip', 'appoint_named_contact', 'plan_home_visit'];

function LastAction({ row }: { row: ProactiveRow }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const a = row.lastAction;
  if (!a) return <p className="nara-muted">{t('proactive.noAction')}</p>;
  return (
    <p data-testid="last-action">
      {t('proactive.lastAction', { action: t(`proactive.action.${a.kind}`), date: formatDate(a.at, lng), by: a.byName })}
      {a.nextReviewOn && <strong> {t('proactive.nextReview', { date: formatDate(a.nextReviewOn, lng) })}</strong>}
      {a.note && <span className="nara-block nara-muted">{t('proactive.note', { note: a.note })}</span>}
    </p>
  );
}

/** One person: who, how high the risk, why, what is missing, what was done, and what to do now. */
export function ProactiveRowItem({ row, onRecorded }: { row: ProactiveRow; onRecorded: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [assessing, setAssessing] = useState(false);
  const record = useRecordProactiveAction();
  const name = row.person.name;
  const headingId = `person-${row.person.id}`;

  const act = async (kind: ActionKind) => {
    try {
      await record.mutateAsync(actionBody(row.person.id, kind));
      onRecorded(t('proactive.recorded', { action: t(`proactive.action.${kind}`), name }));
    } catch {
      /* shown below */
    }
  };

  return (
    <li className="nara-row nara-proactive" data-testid="proactive-row" data-person={row.person.id} aria-labelledby={headingId}>
      <div className="nara-proactive__head">
        <Heading level={3} data-size="xs" id={headingId}>
          <Link to={paths.person(row.person.id)}>{name}</Link>
        </Heading>
        <span className="nara-muted">
          {formatPersonnummer(row.person.personnummer)}
          {row.person.age !== null && row.person.age !== undefined && ` · ${t('proactive.age', { count: row.person.age })}`}
        </span>
        <span className="nara-tags">
          <Tag data-color={BAND_COLOR[row.risk.band] ?? 'neutral'} data-size="sm" data-testid="lace-badge">
            {t('proactive.laceBadge', { total: row.risk.total, band: t(`proactive.band.${row.risk.band}`) })}
          </Tag>
          {row.frailty.mostIll && (
            <Tag data-color="info" data-size="sm">
              {t('proactive.mostIll')}
            </Tag>
          )}
        </span>
      </div>

      <div className="nara-proactive__cols">
        {row.reasons.length > 0 && (
          <div>
            <p className="nara-proactive__label">{t('proactive.reasons')}</p>
            <ul className="nara-proactive__list">
              {row.reasons.map((r) => (
                <li key={r.sv}>{localized(r, lng)}</li>
              ))}
            </ul>
          </div>
        )}
        {row.gaps.length > 0 && (
          <div>
            <p className="nara-proactive__label">{t('proactive.gaps')}</p>
            <ul className="nara-proactive__list" data-testid="gaps">
              {row.gaps.map((g) => (
                <li key={g.sv}>{localized(g, lng)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <WhyDetails row={row} />
      <LastAction row={row} />

      <div className="nara-buttons" role="group" aria-label={t('proactive.actionsFor', { name })}>
        {DIRECT.map((kind) => (
          <Button key={kind} variant="secondary" data-size="sm" disabled={record.isPending} onClick={() => void act(kind)}>
            {t(`proactive.action.${kind}`)}
          </Button>
        ))}
        <Button
          variant="secondary"
          data-size="sm"
          aria-expanded={assessing}
          aria-controls={assessing ? `assessed-form-${row.person.id}` : undefined}
          onClick={() => setAssessing((v) => !v)}
        >
          {t('proactive.action.assessed_no_action')}
        </Button>
      </div>
      {record.error && <ProblemAlert error={record.error} title={t('proactive.failed')} />}
      {assessing && (
        <div id={`assessed-form-${row.person.id}`}>
          <AssessedForm
            personId={row.person.id}
            name={name}
            onCancel={() => setAssessing(false)}
            onDone={(message) => {
              setAssessing(false);
              onRecorded(message);
            }}
          />
        </div>
      )}
    </li>
  );
}
