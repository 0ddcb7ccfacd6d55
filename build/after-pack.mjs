// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before
// signing (a flipped binary must be signed afterwards, never the other way round).
// Fuses are switches baked into the binary and read by Electron itself, so they hold even
// when someone starts the installed app with their own flags or environment.
// https://www.electronjs.org/docs/latest/tutorial/fuses
import path from 'node:path'
import electronFuses from '@electron/fuses'

// electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const ARM64 = 3
const UNIVERSAL = 4

/** Where the Electron binary sits inside the unpacked app (the .app bundle on macOS). */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`)
    case 'win32':
      return path.join(appOutDir, `${name}.exe`)
    case 'linux':
      // Linux names the executable after linux.executableName, not the product name.
      return path.join(appOutDir, packager.executableName || name)
    default:
      throw new Error(`after-pack: no fuse target for platform ${electronPlatformName}`)
  }
}

/**
 * Takes the enums from the installed @electron/fuses, so fuse indices always match it.
 * `DESK_SMOKE_BUILD=1` is for the release workflow's unpublished launch check only: Playwright
 * drives Electron through the --inspect port, so that one build keeps it; installers never do.
 */
export function fuseConfig(context, fuses = electronFuses, env = process.env) {
  const { FuseVersion, FuseV1Options } = fuses
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  return {
    version: FuseVersion.V1,
    // Flipping breaks the ad-hoc signature Apple silicon needs to launch at all.
    resetAdHocDarwinSignature: darwin && (context.arch === ARM64 || context.arch === UNIVERSAL),
    // `ELECTRON_RUN_AS_NODE=1 app` would turn the signed app into a plain Node runtime.
    [FuseV1Options.RunAsNode]: false,
    // NODE_OPTIONS=--require evil.js would run code in the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // --inspect would let a local process debug (and read secrets from) the main process.
    [FuseV1Options.EnableNodeCliInspectArguments]: env.DESK_SMOKE_BUILD === '1',
    // The app code is only what was packed: app.asar, checked against its embedded hash.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
    // GrantFileProtocolExtraPrivileges stays on: the renderer is loaded from file://.
  }
}

/** electron-builder looks this export up by name. */
export async function afterPack(context, fuses = electronFuses) {
  const target = electronBinaryPath(context)
  console.log(`after-pack: flipping fuses in ${target}${process.env.DESK_SMOKE_BUILD === '1' ? ' (smoke build: --inspect kept for Playwright; not for release)' : ''}`)
  await fuses.flipFuses(target, fuseConfig(context, fuses))
}

export default afterPack
