import { describe, expect, it, vi } from 'vitest'
import electronFuses from '@electron/fuses'

const { FuseV1Options, FuseVersion } = electronFuses

interface AfterPackContext {
  appOutDir: string
  electronPlatformName: string
  arch: number
  packager: { appInfo: { productFilename: string }; executableName?: string }
}
interface AfterPackModule {
  afterPack(context: AfterPackContext, fuses?: unknown): Promise<void>
  electronBinaryPath(context: AfterPackContext): string
  fuseConfig(context: AfterPackContext, fuses?: unknown, env?: Record<string, string>): Record<string, unknown>
}

// A plain .mjs (electron-builder loads it without a TypeScript step), imported untyped.
const hookUrl = new URL('../../build/after-pack.mjs', import.meta.url).href
const hook = (await import(hookUrl)) as AfterPackModule

function context(electronPlatformName: string, arch = 1): AfterPackContext {
  return {
    appOutDir: '/dist/unpacked',
    electronPlatformName,
    arch,
    packager: { appInfo: { productFilename: 'Explorer Desk' }, executableName: 'explorer-desk' },
  }
}

describe('build/after-pack.mjs', () => {
  it('finds the Electron binary on each platform', () => {
    expect(hook.electronBinaryPath(context('win32'))).toMatch(/Explorer Desk\.exe$/)
    expect(hook.electronBinaryPath(context('darwin'))).toMatch(/Explorer Desk\.app$/)
    expect(hook.electronBinaryPath(context('linux'))).toMatch(/[/\\]explorer-desk$/)
    expect(() => hook.electronBinaryPath(context('beos'))).toThrow()
  })

  it('turns the Node entry points off and the integrity checks on', () => {
    expect(hook.fuseConfig(context('win32'))).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    })
  })

  it('keeps --inspect only in the smoke build of the release workflow, which Playwright drives', () => {
    const release = hook.fuseConfig(context('linux'), undefined, {})
    const smoke = hook.fuseConfig(context('linux'), undefined, { DESK_SMOKE_BUILD: '1' })
    expect(release[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(smoke).toEqual({ ...release, [FuseV1Options.EnableNodeCliInspectArguments]: true })
  })

  it('re-signs ad hoc only for Apple silicon builds', () => {
    expect(hook.fuseConfig(context('darwin', 3)).resetAdHocDarwinSignature).toBe(true)
    expect(hook.fuseConfig(context('darwin', 1)).resetAdHocDarwinSignature).toBe(false)
    expect(hook.fuseConfig(context('linux', 3)).resetAdHocDarwinSignature).toBe(false)
  })

  it('flips the fuses of that binary', async () => {
    const flipFuses = vi.fn(async () => 1)
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await hook.afterPack(context('linux'), { ...electronFuses, flipFuses })
    expect(flipFuses).toHaveBeenCalledWith(expect.stringMatching(/explorer-desk$/), hook.fuseConfig(context('linux')))
  })
})
