import { computed, ref } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCnElement from 'element-plus/es/locale/lang/zh-cn'
import enElement from 'element-plus/es/locale/lang/en'
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type Language = 'zh-CN' | 'en'
export const LANGUAGES: Language[] = ['zh-CN', 'en']
export const DEFAULT_LANGUAGE: Language = 'zh-CN'
const STORAGE_KEY = 'opsguard.language'

type MessageSchema = typeof zhCN

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'en' || value === 'zh-CN' ? value : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLanguage(),
  fallbackLocale: DEFAULT_LANGUAGE,
  messages: { 'zh-CN': zhCN, en: en as MessageSchema },
  missingWarn: false,
  fallbackWarn: false,
})

const current = ref<Language>(i18n.global.locale.value as Language)

/** The current UI language (also what the API client sends as `Accept-Language`). */
export const language = computed(() => current.value)

/** Element Plus's own texts (date pickers, pagination, …) in the current language. */
export const elementLocale = computed(() => (current.value === 'en' ? enElement : zhCnElement))

export function setLanguage(value: Language): void {
  current.value = value
  i18n.global.locale.value = value
  try {
    localStorage.setItem(STORAGE_KEY, value)
  } catch {
    /* private mode: the choice just lasts for this page */
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = value
    document.title = i18n.global.t('app.documentTitle')
  }
}

/** Translates outside components (stores, API hooks, helpers). */
export function t(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key)
}

setLanguage(current.value)
