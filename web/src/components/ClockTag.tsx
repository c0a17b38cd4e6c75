import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Clock } from '../api/types';
import { clockStatus, timeLeft } from '../lib/clocks';
import { formatDateTime, formatDuration } from '../lib/time';

const COLOR = {
  met: 'success',
  met_late: 'warning',
  overdue: 'danger',
  due_soon: 'warning',
  pending: 'info',
  none: 'neutral',
} as const;

/** One statutory clock: its name, and time left / overdue / met, never by colour alone. */
export function ClockTag({ clock, now, showName = true }: { clock: Clock; now: Date; showName?: boolean }) {
  const { t, i18n } = useTranslation();
  const status = clockStatus(clock, now);
  const left = timeLeft(clock, now);
  let text: string;
  if (status === 'met') text = t('clock.met', { at: formatDateTime(clock.metAt, i18n.language) });
  else if (status === 'met_late') text = t('clock.metLate', { at: formatDateTime(clock.metAt, i18n.language) });
  else if (status === 'overdue') text = t('clock.overdue', { duration: formatDuration(-(left ?? 0), i18n.language) });
  else if (status === 'none') text = t('clock.noDue');
  else text = t('clock.left', { duration: formatDuration(left ?? 0, i18n.language) });
  return (
    <span className="nara-clock" data-status={status}>
      {showName && <span className="nara-clock__name">{t(`clock.kind.${clock.kind}`, clock.kind)}</span>}
      <Tag data-color={COLOR[status]} data-size="sm">
        {text}
      </Tag>
      {clock.due && status !== 'met' && status !== 'met_late' && (
        <span className="nara-clock__due">{t('clock.due', { at: formatDateTime(clock.due, i18n.language) })}</span>
      )}
    </span>
  );
}
