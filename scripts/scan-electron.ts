/**
 * `npm run scan:electron`: Electronegativity over the sources (electron/) and the build
 * (out/, after `electron-vite build`). A finding passes only when it is explained where it
 * is flagged: a comment `electronegativity: CHECK_ID …why it is a false positive…` on the
 * flagged line or the few lines above it. The build has no comments, so a finding in out/
 * passes when the same check is explained in the sources it was built from.
 * Exits 1 on any unexplained finding.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const ABOVE = 4
const SOURCES = ['electron', 'electron.vite.config.ts']

interface Finding {
  check: string
  file: string
  line: number
  sample: string
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  return pkg.devDependencies.electron!.replace(/^[^\d]*/, '')
}

/** Runs the scanner on `dir` and reads its CSV (the only machine-readable output it has). */
async function scan(dir: string): Promise<Finding[]> {
  const csv = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'findings.csv')
  // The one check left out only compares the Electron version with GitHub's release list, and
  // spends most of the run waiting for a network this machine may not have.
  const args = ['-i', dir, '-e', electronVersion(), '-v', 'false', '-o', csv, '-x', 'AvailableSecurityFixesGlobalCheck']
  await promisify(execFile)(join(root, 'node_modules', '.bin', 'electronegativity'), args)
  return csvRows(readFileSync(csv, 'utf8'))
    .slice(1)
    .filter((cells) => cells.some((cell) => cell.trim()))
    .map((cells) => {
      const [check = '', , , file = '', location = '', sample = ''] = cells
      return { check, file: isAbsolute(file) ? file : join(dir, file), line: Number(location.split(':')[0]), sample }
    })
}

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks (a CSP sample does). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [[]]
  let cell = ''
  let quoted = false
  const endCell = () => {
    rows.at(-1)!.push(cell.replace(/\r$/, ''))
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (c === '"') quoted = !quoted
    else if (!quoted && c === ',') endCell()
    else if (!quoted && c === '\n') {
      endCell()
      rows.push([])
    } else cell += c
  }
  endCell()
  return rows
}

function explainedAt(finding: Finding): boolean {
  const lines = readFileSync(finding.file, 'utf8').split('\n')
  const nearby = lines.slice(Math.max(0, finding.line - 1 - ABOVE), finding.line)
  return nearby.some((text) => text.includes('electronegativity:') && text.includes(finding.check))
}

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path).flatMap((name) => sourceFiles(join(path, name)))
}

const explainedInSources = new Set(
  SOURCES.flatMap((p) => sourceFiles(join(root, p)))
    .flatMap((file) => readFileSync(file, 'utf8').match(/electronegativity:[^\n]*/g) ?? [])
    .flatMap((comment) => comment.match(/[A-Z_]+_CHECK/g) ?? []),
)

const started = Date.now()
const dirs = ['electron', 'out'].map((d) => join(root, d)).filter((d) => existsSync(d))
const findings = (await Promise.all(dirs.map(scan))).flat()
const unexplained = findings.filter((f) => (f.file.startsWith(join(root, 'out')) ? !explainedInSources.has(f.check) : !explainedAt(f)))
for (const f of unexplained) console.log(`${f.check}  ${relative(root, f.file)}:${f.line}  ${f.sample.slice(0, 120)}`)
console.log(`electronegativity: ${findings.length} findings, ${unexplained.length} unexplained (${((Date.now() - started) / 1000).toFixed(1)} s)`)
if (!existsSync(join(root, 'out'))) console.log('out/ is missing: run `npx electron-vite build` first to scan the build too.')
process.exit(unexplained.length > 0 ? 1 : 0)
