/**
 * The installers' configuration, as electron-builder will read it: targets per system, the
 * macOS hardened runtime and notarization, the deb's font dependency, update metadata, and
 * icons in every size each system wants, rendered from the one SVG.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Ajv } from 'ajv'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '../..')
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const targets = (platform: string) => (config[platform].target as (string | { target: string; arch: string[] })[]).map((t) => (typeof t === 'string' ? { target: t, arch: [] } : t))

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): [number, number] {
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG')
  return [data.readUInt32BE(16), data.readUInt32BE(20)]
}

describe('installers', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
  })

  it('builds NSIS for Windows x64 and arm64', () => {
    expect(targets('win')).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.win.icon).toBe('build/icon.ico')
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false })
  })

  it('builds a universal DMG and zip for macOS, hardened, notarized from the environment', () => {
    expect(targets('mac')).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ])
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, icon: 'build/icon.icns' })
    // No credential is ever written in the file: electron-builder reads them from APPLE_* / CSC_* variables.
    expect(JSON.stringify(config)).not.toMatch(/appleId|appleIdPassword|teamId|cscLink|password/i)
    const entitlements = readFileSync(join(root, config.mac.entitlements), 'utf8')
    expect(entitlements).toContain('com.apple.security.cs.allow-jit')
  })

  it('builds AppImage and deb for Linux, the deb depending on a CJK font', () => {
    expect(targets('linux').map((t) => t.target)).toEqual(['AppImage', 'deb'])
    expect(config.deb.depends).toEqual(expect.arrayContaining(['fonts-noto-cjk', 'libnss3', 'libsecret-1-0']))
    expect(config.linux.icon).toBe('build/icons')
  })

  it('flips the fuses after packing and publishes update metadata on both channels', () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs')
    expect(existsSync(join(root, 'build/after-pack.mjs'))).toBe(true)
    expect(config.publish).toMatchObject({ provider: 'github' })
    expect(config).toMatchObject({ detectUpdateChannel: true, generateUpdatesFilesForAllChannels: true })
  })

  it('has every committed icon each system wants', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(root, `build/icons/${size}x${size}.png`)))).toEqual([size, size])
    }
    expect(pngSize(readFileSync(join(root, 'build/icon.png')))).toEqual([1024, 1024])
    expect(readFileSync(join(root, 'build/icon.ico')).readUInt16LE(2)).toBe(1) // ICO header: type 1 (icon)
    expect(readFileSync(join(root, 'build/icon.icns')).subarray(0, 4).toString('latin1')).toBe('icns')
  })

  const out = mkdtempSync(join(tmpdir(), 'desk-icons-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('renders them all from build/icon.svg', { timeout: 30_000 }, async () => {
    const { renderIcons } = (await import(new URL('../../build/render-icons.mjs', import.meta.url).href)) as { renderIcons(dir: string): string[] }
    const files = renderIcons(out)
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(expect.arrayContaining(['icons/16x16.png', 'icons/256x256.png', 'icon.png', 'icon.ico', 'icon.icns']))
    expect(pngSize(readFileSync(join(out, 'icons/48x48.png')))).toEqual([48, 48])
    const ico = readFileSync(join(out, 'icon.ico'))
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]))
  })
})
