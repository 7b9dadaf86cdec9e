// vue-i18n set-up: Chinese by default, English available; the choice is remembered per browser.
import { createI18n } from 'vue-i18n';
import { zhCN, type Messages } from './zh-CN';
import { en } from './en';

export type Locale = 'zh-CN' | 'en';
const storageKey = 'tianmu.locale';

export function initialLocale(): Locale {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  const stored = fromQuery ?? window.localStorage?.getItem(storageKey);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  window.localStorage?.setItem(storageKey, locale);
}

/**
 * Adds a part's own texts (a widget kind's `messages.ts`) to every locale's messages: a deep merge, so parts may
 * share a top-level key without overwriting each other.
 */
export function mergeMessages(messages: { readonly [locale in Locale]: Record<string, unknown> }): void {
  for (const locale of Object.keys(messages) as Locale[])
    i18n.global.mergeLocaleMessage(locale, messages[locale] as Messages);
}

/** Picks the right half of a `{ zh, en }` text for the current locale. */
export function localized(text: { zh: string; en: string }): string {
  return i18n.global.locale.value === 'en' ? text.en : text.zh;
}
