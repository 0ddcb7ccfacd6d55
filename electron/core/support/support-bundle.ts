/**
 * A support bundle: what support needs to diagnose, and nothing that would let anyone sign
 * in. Every text goes through redaction (secret-named fields, secrets in free text, every
 * secret the app holds) on its way in, the logs included though they were redacted when written.
 */
import { readdir, readFile } from 'node:fs/promises'
import { arch, release, type as osType } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { BundleEntry, BundlePart } from '../../../shared/contracts/support'
import type { Settings } from '../../../shared/contracts/settings'
import type { AuditEntry, ConnectionState, ProfileSummary } from '../../../shared/domain'
import { redact } from '../log/redaction'
import type { PushStats } from '../push/push-client'
import type { ZipEntry } from './zip'

/** Only the newest part of each log file goes in (support reads the end). */
const LOG_TAIL_BYTES = 4 * 1024 * 1024
export const AUDIT_ENTRIES = 500

export interface BundleSources {
  dataDir: string
  app: { version: string; mode: string; platform: string }
  profiles(): ProfileSummary[]
  settings(): Settings
  audit(limit: number): AuditEntry[]
  push(): { stats: Readonly<PushStats> | null; recent: readonly (ConnectionState & { atMs: number })[] }
  /** Every secret the app holds now (tokens, AppSecrets, remembered passwords). */
  secrets(): string[]
  now(): number
}

export interface BundleFile extends ZipEntry {
  part: BundlePart
  items?: number
}

export async function collectBundle(sources: BundleSources): Promise<BundleFile[]> {
  const secrets = sources.secrets()
  const json = (name: string, part: BundlePart, value: unknown, items?: number): BundleFile => ({
    name,
    part,
    items,
    data: Buffer.from(JSON.stringify(redact(value, secrets), null, 2)),
  })
  const profiles = sources.profiles().map(({ name, kind, baseUrl, credentialMode, brokerUrl }) => ({ name, kind, baseUrl, credentialMode, brokerUrl }))
  const audit = sources.audit(AUDIT_ENTRIES)
  return [
    json('versions.json', 'versions', versions(sources)),
    json('profiles.json', 'profiles', profiles, profiles.length),
    json('settings.json', 'settings', sources.settings()),
    json('audit.json', 'audit', audit, audit.length),
    json('push.json', 'push', sources.push()),
    ...(await logFiles(join(sources.dataDir, 'logs'), secrets)),
  ]
}

export function describeEntries(files: BundleFile[]): BundleEntry[] {
  return files.map(({ name, part, items, data }) => ({ name, part, bytes: data.length, ...(items === undefined ? {} : { items }) }))
}

function versions(sources: BundleSources): Record<string, unknown> {
  const { node, electron, chrome, v8 } = process.versions as Record<string, string | undefined>
  return {
    app: sources.app,
    runtime: { node, electron: electron ?? null, chrome: chrome ?? null, v8 },
    system: { type: osType(), release: release(), arch: arch() },
    createdAt: new Date(sources.now()).toISOString(),
  }
}

/** Each log file (rotated ones unzipped), its tail, every line redacted again. */
async function logFiles(dir: string, secrets: string[]): Promise<BundleFile[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const files: BundleFile[] = []
  for (const name of names.sort()) {
    const raw = await readFile(join(dir, name)).catch(() => null)
    if (!raw) continue
    const text = tail(name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')
    const lines = text.split('\n').filter(Boolean).map((line) => redactLine(line, secrets))
    files.push({ name: `logs/${name.replace(/\.gz$/, '')}`, part: 'log', items: lines.length, data: Buffer.from(lines.join('\n') + '\n') })
  }
  return files
}

function tail(data: Buffer): Buffer {
  if (data.length <= LOG_TAIL_BYTES) return data
  const cut = data.subarray(data.length - LOG_TAIL_BYTES)
  return cut.subarray(cut.indexOf(0x0a) + 1) // start on a whole line
}

function redactLine(line: string, secrets: string[]): string {
  try {
    return JSON.stringify(redact(JSON.parse(line), secrets))
  } catch {
    return String(redact(line, secrets))
  }
}
