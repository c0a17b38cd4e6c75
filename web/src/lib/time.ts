// Dates and durations as a Swedish care worker reads them: Stockholm time, "2 d 3 tim kvar".
export const TIME_ZONE = 'Europe/Stockholm';

export function formatDateTime(iso: string | null | undefined, lng: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(d);
}

export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** Splits a non-negative number of milliseconds into whole days, hours and minutes (rounded down). */
export function durationParts(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / 60_000));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

/** "2 d 3 tim" / "5 tim 10 min" / "12 min": the two most significant parts. */
export function formatDuration(ms: number, lng: string): string {
  const { days, hours, minutes } = durationParts(ms);
  const u = lng === 'en' ? { d: 'd', h: 'h', m: 'min' } : { d: 'd', h: 'tim', m: 'min' };
  if (days > 0) return hours > 0 ? `${days} ${u.d} ${hours} ${u.h}` : `${days} ${u.d}`;
  if (hours > 0) return minutes > 0 ? `${hours} ${u.h} ${minutes} ${u.m}` : `${hours} ${u.h}`;
  return `${minutes} ${u.m}`;
}

/** A value for <input type="datetime-local"> in Stockholm time. */
export function toLocalInput(date: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The offset of Stockholm from UTC at `date`, in minutes (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(date: Date): number {
  const local = toLocalInput(date);
  const asUtc = Date.parse(`${local}:00Z`);
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

/** Reads a datetime-local value as Stockholm time and returns ISO 8601 with its offset. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const naive = Date.parse(`${value}:00Z`);
  if (Number.isNaN(naive)) return null;
  // Two passes find the offset that holds at the instant itself (DST changes).
  let offset = stockholmOffsetMinutes(new Date(naive));
  offset = stockholmOffsetMinutes(new Date(naive - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${value}:00${sign}${hh}:${mm}`;
}
