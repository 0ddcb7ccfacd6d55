// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import en from '@/i18n/locales/en'
import zhCN from '@/i18n/locales/zh-CN'
import { createAppI18n, detectLocale } from '@/i18n'

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v)
    }
  } else {
    out.set(prefix, value)
  }
  return out
}

describe('locales', () => {
  const enKeys = flatten(en)
  const zhKeys = flatten(zhCN)

  it('have exactly the same keys', () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort())
  })

  it('have no empty strings', () => {
    for (const [key, value] of [...enKeys, ...zhKeys]) {
      expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true)
    }
  })

  it('use the same placeholders in both languages', () => {
    const names = (s: unknown) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, value] of enKeys) expect(names(zhKeys.get(key)), key).toEqual(names(value))
  })

  it('compile in vue-i18n (no stray special characters)', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { global } = createAppI18n(locale)
      for (const key of enKeys.keys()) {
        const text = global.t(key, { seconds: 3, email: 'e', password: 'p', masked: 'm', name: 'n', profile: 'x', total: 9 })
        expect(text, `${locale} ${key}`).not.toBe(key)
      }
    }
  })

  it('covers every error kind', () => {
    const kinds = ['api', 'validation', 'network', 'timeout', 'cancelled', 'session', 'config', 'internal']
    for (const kind of kinds) {
      expect(enKeys.has(`errors.title.${kind}`)).toBe(true)
      expect(enKeys.has(`errors.hint.${kind}`)).toBe(true)
    }
  })

  it('defaults from the saved choice, then the system language', () => {
    const storage = (value: string | null) => ({ getItem: () => value })
    expect(detectLocale(storage('en'), ['zh-CN'])).toBe('en')
    expect(detectLocale(storage(null), ['zh-TW', 'en'])).toBe('zh-CN')
    expect(detectLocale(storage(null), ['fr-FR', 'en-GB'])).toBe('en')
    expect(detectLocale(storage('xx'), ['de'])).toBe('en')
  })
})
