/**
 * The user's settings, in `settings.json` in the data folder (written atomically). A field
 * that is missing or damaged falls back to its default on its own, so one bad value never
 * loses the others.
 */
import { join } from 'node:path'
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/contracts/settings'
import { readJsonFile, writeJsonFile } from '../store/json-file'

type Listener = (settings: Settings, changed: (keyof Settings)[]) => void

export class SettingsStore {
  private readonly listeners: Listener[] = []

  private constructor(
    private readonly file: string,
    private value: Settings,
  ) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    const file = join(dataDir, 'settings.json')
    return new SettingsStore(file, readSettings(await readJsonFile<unknown>(file, {})))
  }

  get current(): Settings {
    return this.value
  }

  /** `patch` is already checked against the contract. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...this.value, ...patch }
    const changed = (Object.keys(patch) as (keyof Settings)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(this.value[key]))
    if (changed.length === 0) return this.value
    await writeJsonFile(this.file, next)
    this.value = next
    for (const listener of this.listeners) listener(next, changed)
    return next
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener)
  }
}

/** Each field read on its own: a bad one takes its default, the rest survive. */
export function readSettings(raw: unknown): Settings {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const out: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const parsed = schema.safeParse(source[key])
    out[key] = parsed.success ? parsed.data : DEFAULT_SETTINGS[key as keyof Settings]
  }
  return out as Settings
}
