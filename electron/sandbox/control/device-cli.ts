/**
 * `npm run device -- <command> ...`: play a simulated device of a running sandbox, the way a
 * technician demoing the app would handle a real one. It talks to the sandbox's loopback
 * control endpoint (POST /_sandbox/control), found by --sandbox URL or SANDBOX_URL.
 */
import { parseArgs } from 'node:util'
import { readTokenHandoff } from '../../../shared/binding/token-handoff'
import { CONTROL_PATH } from './control-endpoint'

const USAGE = `Usage: npm run device -- [--sandbox URL] <command> ...
  use-token <token or QR text> <ProductId/DeviceName>
      the device was handed this bind token (the app's text or the QR code's content),
      connects and reports it; the app's token state turns "used"
  sign-payload <ProductId/DeviceName> [--age S] [--bind-type wifi_sign|bluetooth_sign|other_sign] [--sign-method hmacsha1|hmacsha256]
      prints the device's signed binding payload (paste it, or scan it, into Add device);
      --age S signs it S seconds ago (over 300: expired)
  sub-payload <ProductId/DeviceName> [--age S]
      prints a gateway sub-device's signed payload (AppSigGatewayBindDevice)
  --sandbox   the sandbox's URL as \`npm run sandbox\` prints it (default: SANDBOX_URL)`

type Body = Record<string, unknown>

function request(command: string, args: string[], flags: { age?: string; 'bind-type'?: string; 'sign-method'?: string }): Body {
  const age = flags.age === undefined ? undefined : Number(flags.age)
  if (command === 'use-token') {
    const [text = '', deviceId] = args
    const token = readTokenHandoff(text)
    if (!token) throw new Error('The first argument is neither a bind token nor the QR code\'s text.')
    return { command: 'device.useBindToken', token, deviceId }
  }
  if (command === 'sign-payload') {
    return { command: 'device.signPayload', deviceId: args[0], ageSeconds: age, bindType: flags['bind-type'], signMethod: flags['sign-method'] }
  }
  if (command === 'sub-payload') return { command: 'subDevice.signPayload', deviceId: args[0], ageSeconds: age }
  throw new Error(`Unknown command ${command}.`)
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      sandbox: { type: 'string' },
      age: { type: 'string' },
      'bind-type': { type: 'string' },
      'sign-method': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  })
  const [command, ...args] = positionals
  if (values.help || !command) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const base = values.sandbox ?? process.env.SANDBOX_URL
  if (!base) throw new Error('Say where the sandbox runs: --sandbox http://127.0.0.1:PORT (or SANDBOX_URL).')
  const response = await fetch(new URL(CONTROL_PATH, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request(command, args, values)),
  })
  const body = (await response.json()) as Body
  if (!body.ok) throw new Error(String(body.error))
  if (typeof body.payload === 'string') {
    console.log(body.payload)
    console.error(`(good for ${String(body.validSeconds)} s more)`)
  } else console.log(`${String(body.deviceId)} reported the token.`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  },
)
