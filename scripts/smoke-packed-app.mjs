// Launches the packed app once with Playwright's Electron support and waits for the sign-in
// window on the embedded sandbox, then takes a screenshot. Run by .github/workflows/release.yml
// after `electron-builder --dir` with DESK_SMOKE_BUILD=1 (see build/after-pack.mjs); Electron
// cannot run on the machines the rest of the tests run on.
//   node scripts/smoke-packed-app.mjs [dist-dir] [screenshot.png]
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'

const dist = process.argv[2] ?? 'dist'
const screenshot = process.argv[3] ?? join(dist, `smoke-${process.platform}.png`)

/** The unpacked app electron-builder --dir leaves for this system. */
function packedExecutable() {
  // A Windows build holds x64 and arm64 folders: take the one this machine runs.
  const foreign = process.arch === 'arm64' ? /x64/ : /arm64/
  const dirs = readdirSync(dist)
    .filter((name) => /-unpacked$|^mac/.test(name) && !foreign.test(name))
    .map((name) => join(dist, name))
  for (const dir of dirs) {
    const candidates = [join(dir, 'explorer-desk'), join(dir, 'Explorer Desk.exe'), join(dir, 'Explorer Desk.app', 'Contents', 'MacOS', 'Explorer Desk')]
    const found = candidates.find((file) => existsSync(file))
    if (found) return found
  }
  throw new Error(`no packed app under ${dist} (looked in ${dirs.join(', ') || 'nothing'})`)
}

const executablePath = packedExecutable()
console.log(`smoke: launching ${executablePath}`)
const app = await electron.launch({
  executablePath,
  // A CI runner's data folder is empty: this is the first start a user gets.
  timeout: 60_000,
})
try {
  const window = await app.firstWindow({ timeout: 60_000 })
  await window.getByTestId('signin-submit').waitFor({ timeout: 60_000 })
  // The embedded sandbox's profile is preselected: the app started its own cloud.
  await window.getByText('Sandbox').first().waitFor({ timeout: 30_000 })
  await window.screenshot({ path: screenshot })
  console.log(`smoke: sign-in window shown; screenshot ${screenshot}`)
} finally {
  await app.close()
}
