/** The app's settings: language, theme, updates, network proxy, logging; the data folder and the local cache. */
import { z } from 'zod'
import { command, contract, noArgs } from './define'

/** A proxy is an http(s) URL with a host; credentials in it would sit in clear text in settings.json. */
export const proxyUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(512)
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), 'a proxy address must not carry a user name or password')

export const proxySettingSchema = z.discriminatedUnion('mode', [
  /** The proxy the environment names (HTTPS_PROXY / HTTP_PROXY, NO_PROXY). */
  z.object({ mode: z.literal('system') }).strict(),
  z.object({ mode: z.literal('none') }).strict(),
  z.object({ mode: z.literal('manual'), url: proxyUrlSchema }).strict(),
])
export type ProxySetting = z.infer<typeof proxySettingSchema>

export const settingsSchema = z.object({
  /** null follows the OS language. */
  language: z.enum(['zh-CN', 'en']).nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  updateChannel: z.enum(['stable', 'beta']),
  proxy: proxySettingSchema,
  logLevel: z.enum(['error', 'warn', 'info', 'debug']),
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = {
  language: null,
  theme: 'system',
  updateChannel: 'stable',
  proxy: { mode: 'system' },
  logLevel: 'info',
}

export const settingsViewSchema = z.object({
  settings: settingsSchema,
  /** Where profiles, the store and the logs live. */
  dataDir: z.string(),
  /** The host can open a folder in the OS file manager (Electron yes, browser mode no). */
  canOpenFolder: z.boolean(),
})
export type SettingsView = z.infer<typeof settingsViewSchema>

export const settingsContract = contract({
  'settings.get': command(noArgs, settingsViewSchema),
  /** Changes the fields given, keeps the rest; saved at once and applied (proxy, log level) at once. */
  'settings.update': command(settingsSchema.partial().strict(), settingsViewSchema),
  /** Opens the data folder in the OS file manager; a typed error where the host cannot. */
  'settings.openDataFolder': command(noArgs, z.object({ opened: z.literal(true) })),
  /** Empties the local history cache; the audit log is kept. */
  'settings.clearCache': command(noArgs, z.object({ removedPoints: z.number() })),
})
