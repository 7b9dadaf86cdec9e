// Number and time formatting shared by the chart tooltips and the widgets' headers.

const formatters = new Map<number, Intl.NumberFormat>();

/** A value with at most `maximumFractionDigits` decimals and digit grouping (`12.3`, `1,204`). */
export function formatValue(value: number, maximumFractionDigits = 2): string {
  let formatter = formatters.get(maximumFractionDigits);
  if (!formatter) {
    formatter = new Intl.NumberFormat('zh-CN', { maximumFractionDigits });
    formatters.set(maximumFractionDigits, formatter);
  }
  return formatter.format(value);
}

/** A clock time `HH:MM:SS` (24 h, local time) for a timestamp in ms. */
export function clockTime(timestamp: number): string {
  const date = new Date(timestamp);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}
