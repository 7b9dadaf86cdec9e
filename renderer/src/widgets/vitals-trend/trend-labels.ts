// Header words of the trend widget: value ages and staleness, Chinese first.
import type { LocalizedText } from '@shared/model/common';

export const staleText: LocalizedText = { zh: '数据过期', en: 'Stale' };
export const sourceTimeText: LocalizedText = { zh: '数据时间', en: 'Source time' };
export const noDataText: LocalizedText = { zh: '暂无数据', en: 'No data' };

const ageTexts = {
  seconds: { zh: '{n} 秒前', en: '{n} s ago' },
  minutes: { zh: '{n} 分钟前', en: '{n} min ago' },
  hours: { zh: '{n} 小时前', en: '{n} h ago' },
} satisfies Record<string, LocalizedText>;

/** Warning level names for the threshold lines. */
export const levelTexts = {
  blue: { zh: '蓝色', en: 'Blue' },
  yellow: { zh: '黄色', en: 'Yellow' },
  orange: { zh: '橙色', en: 'Orange' },
  red: { zh: '红色', en: 'Red' },
} satisfies Record<string, LocalizedText>;

/** How old a value is in words ("3 秒前", "5 分钟前"); future timestamps (clock skew) count as now. */
export function ageText(ageMs: number, pick: (text: LocalizedText) => string): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1_000));
  const [text, n] =
    seconds < 60
      ? [ageTexts.seconds, seconds]
      : seconds < 3_600
        ? [ageTexts.minutes, Math.floor(seconds / 60)]
        : [ageTexts.hours, Math.floor(seconds / 3_600)];
  return pick(text).replace('{n}', String(n));
}
