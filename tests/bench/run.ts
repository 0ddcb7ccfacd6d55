/**
 * `npm run bench` runs every suite; `npm run bench -- <suite>` one. Each suite prints its
 * figures on their own lines as `bench <name> <value> <unit>`. Benchmarks are never tests:
 * these machines are shared and noisy, so targets are read by people, not asserted.
 */
import { SUITES } from './suites'

// Options (`--seconds 10`) are the suites' own: not suite names.
const wanted = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'))
const unknown = wanted.filter((name) => !(name in SUITES))
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Suites: ${Object.keys(SUITES).join(', ')}`)
  process.exit(2)
}

for (const [name, run] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue
  console.error(`# suite ${name}`)
  await run()
}
process.exit(0)
