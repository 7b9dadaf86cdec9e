// Formats how old a value is ("12 秒前") through the i18n messages.
type Translate = (key: string, values: Record<string, unknown>) => string;

export function formatAge(milliseconds: number, t: Translate): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return t('widget.age.seconds', { n: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('widget.age.minutes', { n: minutes });
  return t('widget.age.hours', { n: Math.round(minutes / 60) });
}

/** `HH:MM:SS` of a timestamp, local time. */
export function formatTime(ts: number): string {
  const date = new Date(ts);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
