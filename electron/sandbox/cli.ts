/**
 * `npm run sandbox -- --port N --seed N --devices N --envelope documented|wrapped`
 * Starts the sandbox cloud on 127.0.0.1 and prints where it is and how to sign in.
 */
import { parseArgs } from 'node:util'
import { CONTROL_USAGE, SIMULATION_FLAGS, SIMULATION_USAGE, simulationOptions } from './control/cli-flags'
import { HISTORY_OTA_FLAGS, HISTORY_OTA_USAGE, historyOtaOptions } from './control/history-ota-flags'
import { DEMO_ACCOUNT, resolveOptions, startSandbox, type RunningSandbox, type SandboxOptions } from './index'

const USAGE = `Usage: npm run sandbox -- [--port N] [--seed N] [--devices N] [--envelope documented|wrapped]
  --port      TCP port on 127.0.0.1 (0 = any free port; default 0)
  --seed      seed of the demo fleet (default 1)
  --devices   devices in the demo account's families, 0..50000 (default 30)
  --envelope  'documented' (the reference's {Response}) or 'wrapped' ({code,msg,data}); default documented
${SIMULATION_USAGE}
${HISTORY_OTA_USAGE}
${CONTROL_USAGE}
AppKey/AppSecret come from SANDBOX_APP_KEY / SANDBOX_APP_SECRET when set.`

function parseOptions(argv: string[]): Partial<SandboxOptions> | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      devices: { type: 'string' },
      envelope: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...SIMULATION_FLAGS,
      ...HISTORY_OTA_FLAGS,
    },
    strict: true,
  })
  if (values.help) return 'help'
  // A demo's gateways have sub-devices waiting to be added (the Add-device flow's gateway step).
  const options: Partial<SandboxOptions> = { unboundSubDevices: 2, ...simulationOptions(values), ...historyOtaOptions(values) }
  if (values.port !== undefined) options.port = integer('--port', values.port)
  if (values.seed !== undefined) options.seed = integer('--seed', values.seed)
  if (values.devices !== undefined) options.devices = integer('--devices', values.devices)
  if (values.envelope !== undefined) options.envelope = values.envelope as SandboxOptions['envelope']
  return options
}

function integer(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new RangeError(`${flag} must be an integer, not '${text}'`)
  return Number(text)
}

function banner(sandbox: RunningSandbox): string {
  const o = sandbox.options
  return [
    `Sandbox cloud listening on ${sandbox.url}`,
    `  base URL    ${sandbox.baseUrl}   (appapi, tokenapi)`,
    `  WebSocket   ${sandbox.wsUrl}   (also /ws/explorer)`,
    `  AppKey      ${sandbox.appKey}`,
    `  AppSecret   ${sandbox.appSecret}`,
    `  demo user   ${DEMO_ACCOUNT.email}  or  +${DEMO_ACCOUNT.countryCode} ${DEMO_ACCOUNT.phoneNumber}`,
    `  password    ${DEMO_ACCOUNT.password}`,
    `  fleet       seed ${o.seed}, ${o.devices} devices, envelope ${o.envelope}, token TTL ${o.tokenTtlSeconds} s`,
    `  simulation  ${o.simulate ? `on, speed ${o.simSpeed}x, churn ${o.churnRate}/h` : 'off'}; faults: latency ${o.latencyMs}+${o.jitterMs} ms, error rate ${o.errorRate}, drop WebSockets ${o.dropWsEverySeconds > 0 ? `every ${o.dropWsEverySeconds} s` : 'never'}`,
    `  history     ${o.historyDays} days backfilled; OTA ${o.otaDurationMs} ms per upgrade, failure rate ${o.otaFailureRate}`,
    `  devices     play one: npm run device -- --sandbox ${sandbox.url} use-token|sign-payload|sub-payload ... (--help)`,
    'Press Ctrl+C to stop.',
  ].join('\n')
}

async function main(): Promise<void> {
  let options: Partial<SandboxOptions> | 'help'
  try {
    options = parseOptions(process.argv.slice(2))
    if (options !== 'help') resolveOptions(options) // report bad values with the usage
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    process.exit(2)
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const sandbox = await startSandbox(options)
  process.stdout.write(`${banner(sandbox)}\n`)
  const stop = () => void sandbox.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
