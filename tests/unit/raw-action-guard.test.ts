/**
 * The renderer speaks to the core through typed domain commands only; raw cloud actions
 * belong to the API console alone. This fails the build when any other renderer file names
 * a cloud action in a string, or sends the console's raw 'api.call'.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTION_SPECS } from '../../shared/api'

const RENDERER = resolve(import.meta.dirname, '../../renderer/src')
/**
 * The API console's own files, the one place raw actions belong; and the translations, which
 * name an action for support staff to quote but send nothing.
 */
const ALLOWED = [/^i18n\//, /^views\/ApiConsoleView\.vue$/, /^components\/console\//, /^composables\/useApiConsole\.ts$/, /^utils\/console-form\.ts$/, /^stores\/console-history\.ts$/]

const ACTIONS = new Set(ACTION_SPECS.flatMap((spec) => (spec.wireAlias ? [spec.action, spec.wireAlias] : [spec.action])))
/** Quoted text: '…', "…" or `…` (template text up to its first ${ is enough here). */
const QUOTED = /(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(entry.name) ? [path] : []
  })
}

/** Each quoted string of a file that names a cloud action or the raw 'api.call' command. */
export function rawActionsIn(source: string): string[] {
  const found: string[] = []
  for (const [, , text = ''] of source.matchAll(QUOTED)) {
    if (text === 'api.call') found.push(text)
    for (const word of text.match(/\b[A-Za-z]+\b/g) ?? []) if (ACTIONS.has(word)) found.push(word)
  }
  return found
}

describe('the renderer sends raw cloud actions only from the API console', () => {
  it('finds a raw action where one is written, so the guard can fail', () => {
    expect(rawActionsIn(`desk.call('api.call', { action: "AppControlDeviceData" })`)).toEqual(['api.call', 'AppControlDeviceData'])
    expect(rawActionsIn('const a = `lotVideoDescribeCloudStorageDate`')).toEqual(['lotVideoDescribeCloudStorageDate'])
    expect(rawActionsIn(`// AppControlDeviceData in a comment is not a call\nconst label = 'AppKey'`)).toEqual([])
  })

  it('no renderer file outside the console names a cloud action or sends api.call', () => {
    const offenders = sourceFiles(RENDERER)
      .map((path) => relative(RENDERER, path))
      .filter((path) => !ALLOWED.some((pattern) => pattern.test(path)))
      .flatMap((path) => rawActionsIn(readFileSync(join(RENDERER, path), 'utf8')).map((action) => `${path}: ${action}`))
    expect(offenders).toEqual([])
  })
})
