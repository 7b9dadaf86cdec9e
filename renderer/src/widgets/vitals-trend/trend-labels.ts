// How old a trend value is in words, through the window's messages (widget.age.*), whole units counted down.
type Translate = (key: string, values: Record<string, unknown>) => string;

/** How old a value is in words ("3 秒前", "5 分钟前"); future timestamps (clock skew) count as now. */
export function ageText(ageMs: number, t: Translate): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1_000));
  if (seconds < 60) return t('widget.age.seconds', { n: seconds });
  if (seconds < 3_600) return t('widget.age.minutes', { n: Math.floor(seconds / 60) });
  return t('widget.age.hours', { n: Math.floor(seconds / 3_600) });
}
