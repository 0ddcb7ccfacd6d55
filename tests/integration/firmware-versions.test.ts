/**
 * Firmware versions for many devices at once through the core, against the sandbox: what
 * every page shows as a device's version is the cloud's firmware check, and one device whose
 * check fails does not hide the others'.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT } from '../../electron/sandbox'
import { deskOnSandbox, type DeskUnderTest } from '../support/desk'

let app: DeskUnderTest | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('ota.versions', () => {
  it("answers each device's version as AppCheckFirmwareUpdate gives it, and says which check failed", async () => {
    app = await deskOnSandbox({ sandbox: { devices: 20 } })
    await app.signInDemo()
    const { family } = app.sandbox.world.familiesOf(DEMO_ACCOUNT.userId)[0]!
    const ids = app.sandbox.world.devicesIn(family.familyId).map((d) => d.deviceId).slice(0, 6)
    const unknown = 'NOSUCHPROD/ghost'
    const answers = await app.run('ota.versions', { deviceIds: [...ids, unknown, ids[0]] })

    expect(answers.map((a) => a.deviceId)).toEqual([...ids, unknown])
    for (const a of answers.slice(0, ids.length)) expect(a).toEqual({ deviceId: a.deviceId, version: app.sandbox.ota.versionOf(a.deviceId), error: '' })
    expect(answers.at(-1)).toMatchObject({ deviceId: unknown, version: '' })
    expect(answers.at(-1)!.error).not.toBe('')
  })

  it('refuses an empty or oversized list with a typed error', async () => {
    app = await deskOnSandbox()
    await app.signInDemo()
    expect((await app.fail('ota.versions', { deviceIds: [] })).kind).toBe('validation')
    expect((await app.fail('ota.versions', { deviceIds: Array.from({ length: 201 }, (_, i) => `P/d${i}`) })).kind).toBe('validation')
  })
})
