import { describe, expect, it } from 'vitest'
import { AUTO_DEVICE_CHECKS, type CheckItem, type CheckProgress } from '../../shared/contracts/commissioning'
import type { AuditEntry, Device, Product } from '../../shared/domain'
import type { PropertyValue } from '../../shared/live'
import { checklistOf, INVITATION_OPEN_MS } from '../../electron/core/commissioning/checklist'
import { readHomeFacts, type CommissioningSources, type DeviceFacts, type HomeFacts } from '../../electron/core/commissioning/facts'
import { reportOf } from '../../electron/core/commissioning/report'
import { CLOCK_SLACK_MS, controlsOf, testResultOf } from '../../electron/core/commissioning/test-control'
import { commissioningCommands } from '../../electron/core/commissioning/commands'
import { readThingModel } from '../../shared/thing-model'

const NOW = Date.UTC(2026, 2, 10, 4, 0, 0)
const SENT = NOW - 60_000
const room = { roomId: 'r-1', name: 'Living room', deviceCount: 1, createTime: 0, updateTime: 0 }

function device(partial: Partial<Device> = {}): Device {
  return {
    deviceId: 'LGT/light_1', productId: 'LGT', deviceName: 'light_1', aliasName: 'Ceiling light', familyId: 'f-1', roomId: 'r-1', roomName: 'Living room',
    productName: 'Smart light', iconUrl: '', online: true, deviceType: 0, createTime: 0, updateTime: 0, ...partial,
  }
}

const sentOn = { atMs: SENT, values: { power_switch: 1 }, outcome: 'ok' as const, errorCode: '', errorMessage: '' }
const reported = (value: unknown, lastUpdateMs = SENT + 1_000): Record<string, PropertyValue> => ({ power_switch: { value, lastUpdateMs } })

function lightFacts(partial: Partial<DeviceFacts> = {}): DeviceFacts {
  return { device: device(), controllable: true, camera: false, firmware: { current: '1.10.0', target: '1.10.0' }, controls: [sentOn], data: reported(1), lastRecordingS: null, ...partial }
}

function home(partial: Partial<HomeFacts> = {}): HomeFacts {
  return {
    family: { familyId: 'f-1', name: 'Zhang home', address: 'Main St 1', role: 1, createTime: 0, updateTime: 0 },
    rooms: [room],
    devices: [lightFacts()],
    unchecked: [],
    members: [{ userId: 'u-tech', nickName: 'Installer Li', role: 1 }, { userId: 'u-cust', nickName: 'Mrs Zhang', role: 0 }],
    lastInvitationMs: 0,
    account: 'tech@example.com',
    nowMs: NOW,
    ...partial,
  }
}

const item = (facts: HomeFacts, kind: CheckItem['kind']) => checklistOf(facts).items.find((i) => i.kind === kind)!
const itemOf = (facts: DeviceFacts, kind: CheckItem['kind']) => item(home({ devices: [facts] }), kind)
const fail = { failed: true as const, code: 'ResourceNotFound.DeviceNotExist', message: 'The device does not exist.' }

describe('the commissioning checklist', () => {
  it('is fully met for a home whose devices are placed, named, online, tested, current, with the customer in it', () => {
    const list = checklistOf(home())
    expect(list.items.map((i) => [i.kind, i.status])).toEqual([
      ['devices', 'met'], ['room', 'met'], ['named', 'met'], ['online', 'met'], ['control', 'met'], ['firmware', 'met'], ['invited', 'met'],
    ])
    expect([list.met, list.total]).toEqual([7, 7])
    expect(list.items.every((i) => i.fix === null)).toBe(true)
  })

  it('wants at least one device bound, fixed where devices are added', () => {
    expect(item(home({ devices: [] }), 'devices')).toMatchObject({ status: 'unmet', reason: 'no-devices', fix: 'bind' })
  })

  it('counts a device in the default room (none, "0", or a room no longer listed) as in no room', () => {
    for (const roomId of ['', '0', 'r-gone']) {
      expect(itemOf(lightFacts({ device: device({ roomId }) }), 'room')).toMatchObject({ status: 'unmet', reason: 'no-room', fix: 'rooms' })
    }
    expect(itemOf(lightFacts(), 'room')).toMatchObject({ status: 'met', params: { room: 'Living room' } })
  })

  it('wants an alias: none, blanks, or the factory DeviceName are unmet', () => {
    for (const aliasName of ['', '  ', 'light_1']) {
      expect(itemOf(lightFacts({ device: device({ aliasName }) }), 'named')).toMatchObject({ status: 'unmet', reason: 'factory-name', fix: 'device', params: { name: 'light_1' } })
    }
  })

  it('wants the device online', () => {
    expect(itemOf(lightFacts({ device: device({ online: false }) }), 'online')).toMatchObject({ status: 'unmet', reason: 'offline', fix: 'device' })
  })

  it('wants the newest version the cloud offers, compared as versions (1.10 is newer than 1.9)', () => {
    expect(itemOf(lightFacts({ firmware: { current: '1.9.0', target: '1.10.0' } }), 'firmware')).toMatchObject({
      status: 'unmet', reason: 'upgrade-available', fix: 'firmware', params: { current: '1.9.0', target: '1.10.0' },
    })
    expect(itemOf(lightFacts({ firmware: { current: '1.10.0', target: '1.9.0' } }), 'firmware').status).toBe('met')
    expect(itemOf(lightFacts({ firmware: fail }), 'firmware')).toMatchObject({ status: 'unknown', reason: 'read-failed', params: { code: fail.code } })
  })

  it('checks a camera for a recording in the last 24 hours, and only a camera', () => {
    expect(itemOf(lightFacts(), 'recording')).toBeUndefined()
    const camera = (lastRecordingS: DeviceFacts['lastRecordingS']) => lightFacts({ camera: true, lastRecordingS })
    expect(itemOf(camera(NOW / 1000 - 600), 'recording')).toMatchObject({ status: 'met', reason: 'recorded', params: { atMs: String(NOW - 600_000) } })
    expect(itemOf(camera(0), 'recording')).toMatchObject({ status: 'unmet', reason: 'no-recent-recording', fix: 'recordings' })
    expect(itemOf(camera(fail), 'recording').status).toBe('unknown')
  })

  it('wants someone besides the technician in the home, or an invitation sent in the last 7 days', () => {
    const alone = { members: [{ userId: 'u-tech', nickName: 'Installer Li', role: 1 }] }
    expect(item(home(alone), 'invited')).toMatchObject({ status: 'unmet', reason: 'nobody-invited', fix: 'members' })
    expect(item(home({ ...alone, lastInvitationMs: NOW - 3_600_000 }), 'invited')).toMatchObject({ status: 'met', reason: 'invitation-pending' })
    expect(item(home({ ...alone, lastInvitationMs: NOW - INVITATION_OPEN_MS }), 'invited').status).toBe('unmet')
    expect(item(home(), 'invited')).toMatchObject({ status: 'met', reason: 'member-joined', params: { names: 'Mrs Zhang' } })
    // A technician who is only a member: the administrator is the customer.
    const asMember = home({ family: { ...home().family, role: 0 }, members: [{ userId: 'u-own', nickName: 'Owner', role: 1 }, { userId: 'u-tech', nickName: 'Li', role: 0 }] })
    expect(item(asMember, 'invited')).toMatchObject({ status: 'met', params: { names: 'Owner' } })
    expect(item(home({ members: fail }), 'invited')).toMatchObject({ status: 'unknown', fix: 'members' })
  })

  it('counts unknown items as not met', () => {
    const list = checklistOf(home({ devices: [lightFacts({ firmware: fail })] }))
    expect([list.met, list.total]).toEqual([6, 7])
  })
})

describe('the test control rule', () => {
  it('is confirmed when the device reports every value sent, no earlier than the control', () => {
    expect(itemOf(lightFacts(), 'control')).toMatchObject({ status: 'met', reason: 'confirmed', params: { atMs: String(SENT), values: '{"power_switch":1}' } })
    expect(testResultOf([sentOn], reported('1')).outcome).toBe('confirmed')
    expect(testResultOf([sentOn], reported(1, SENT - CLOCK_SLACK_MS)).outcome).toBe('confirmed')
  })

  it('is not confirmed when the value differs, the report is older than the control, or the property is missing', () => {
    expect(itemOf(lightFacts({ data: reported(0) }), 'control')).toMatchObject({ status: 'unmet', reason: 'not-confirmed', fix: 'device' })
    expect(testResultOf([sentOn], reported(1, SENT - CLOCK_SLACK_MS - 1)).outcome).toBe('not-confirmed')
    expect(testResultOf([sentOn], {}).outcome).toBe('not-confirmed')
  })

  it('is unmet when no control went through this app, and says the refusal when the cloud refused it', () => {
    expect(itemOf(lightFacts({ controls: [], data: null }), 'control')).toMatchObject({ status: 'unmet', reason: 'never-controlled', fix: 'device' })
    const refused = { ...sentOn, outcome: 'error' as const, errorCode: 'FailedOperation.DeviceOffline', errorMessage: 'The device is offline.' }
    expect(itemOf(lightFacts({ controls: [refused], data: null }), 'control')).toMatchObject({
      status: 'unmet', reason: 'control-refused', params: { code: 'FailedOperation.DeviceOffline', message: 'The device is offline.' },
    })
    // An older control the cloud took still counts.
    expect(testResultOf([refused, sentOn], reported(1)).outcome).toBe('confirmed')
  })

  it("is unknown when the device's values cannot be read", () => {
    expect(itemOf(lightFacts({ data: fail }), 'control')).toMatchObject({ status: 'unknown', reason: 'read-failed', fix: 'device', params: { code: fail.code } })
  })

  it('does not apply to a product with nothing to set', () => {
    expect(itemOf(lightFacts({ controllable: false, controls: [], data: null }), 'control')).toBeUndefined()
  })

  it("reads a device's controls from the audit log by its id, skipping other devices and unreadable rows", () => {
    const entry = (params: unknown, partial: Partial<AuditEntry> = {}): AuditEntry => ({
      id: 1, timeMs: SENT, profileId: 'sandbox', profileName: 'Sandbox', account: 'a', action: 'AppControlDeviceData', deviceName: 'x',
      params: typeof params === 'string' ? params : JSON.stringify(params), requestId: 'r', outcome: 'ok', errorCode: '', errorMessage: '', ...partial,
    })
    const entries = [
      entry({ ProductId: 'LGT', DeviceName: 'light_10', Data: '{"power_switch":0}' }),
      entry({ ProductId: 'LGT', DeviceName: 'light_1', Data: '{"brightness":40}' }),
      entry('not json'),
      entry({ ProductId: 'LGT', DeviceName: 'light_1', Data: 'nope' }),
    ]
    expect(controlsOf(entries, 'LGT/light_1')).toEqual([{ atMs: SENT, values: { brightness: 40 }, outcome: 'ok', errorCode: '', errorMessage: '' }])
  })
})

describe('the hand-over report', () => {
  it('lists each device with its room, product, firmware, online state and test result, the rooms, members and technician', () => {
    const report = reportOf(home({ devices: [lightFacts(), lightFacts({ device: device({ deviceId: 'LGT/light_2', deviceName: 'light_2', aliasName: '', roomId: '0' }), controls: [], data: null, firmware: fail })] }))
    expect(report.technician).toBe('Installer Li')
    expect(report.devices).toEqual([
      { deviceId: 'LGT/light_1', name: 'Ceiling light', deviceName: 'light_1', productName: 'Smart light', roomName: 'Living room', firmwareVersion: '1.10.0', online: true, test: { outcome: 'confirmed', atMs: SENT, values: '{"power_switch":1}' } },
      { deviceId: 'LGT/light_2', name: 'light_2', deviceName: 'light_2', productName: 'Smart light', roomName: '', firmwareVersion: '', online: true, test: { outcome: 'never', atMs: 0, values: '' } },
    ])
    expect(report.rooms).toEqual([{ roomId: 'r-1', name: 'Living room', deviceCount: 1 }])
    expect(report.members.map((m) => m.nickName)).toEqual(['Installer Li', 'Mrs Zhang'])
    expect(reportOf(home({ family: { ...home().family, role: 0 } })).technician).toBe('tech@example.com')
  })
})

describe('reading a home', () => {
  const lightProduct: Product = { productId: 'LGT', name: 'Smart light', description: '', netType: 'wifi', categoryId: 1, thingModel: readThingModel({ properties: [{ id: 'power_switch', name: 'Switch', mode: 'rw', define: { type: 'bool' } }] }) }
  const cameraProduct: Product = { productId: 'CAM', name: 'Camera', description: '', netType: 'wifi', categoryId: 590, thingModel: readThingModel({ properties: [] }) }

  function sources(partial: Partial<CommissioningSources> = {}): CommissioningSources {
    return {
      family: async () => home().family,
      rooms: async () => [room],
      devices: async () => [device(), device({ deviceId: 'CAM/cam_1', productId: 'CAM', deviceName: 'cam_1', aliasName: 'Door camera' })],
      products: async () => [lightProduct, cameraProduct],
      members: async () => [{ userId: 'u-tech', nickName: 'Installer Li', role: 1 }],
      firmware: async () => ({ current: '1.0.0', target: '1.0.0' }),
      deviceData: async () => reported(1),
      recordedDates: async () => ['2026-03-09', '2026-03-10'],
      // 2026-03-10 04:00 UTC is 12:00 in China: yesterday's 22:00 falls in the last 24 hours.
      daySpans: async (_id, date) => (date === '2026-03-09' ? [{ start: NOW / 1000 - 15 * 3600, end: NOW / 1000 - 14 * 3600 }] : []),
      audit: (filter) =>
        filter.action === 'AppControlDeviceData'
          ? [{ id: 1, timeMs: SENT, profileId: 's', profileName: 'S', account: 'a', action: 'AppControlDeviceData', deviceName: 'Ceiling light', params: '{"ProductId":"LGT","DeviceName":"light_1","Data":"{\\"power_switch\\":1}"}', requestId: 'r', outcome: 'ok', errorCode: '', errorMessage: '' }]
          : [],
      account: () => 'tech@example.com',
      now: () => NOW,
      ...partial,
    }
  }

  it('asks recordings of the China-time days the last 24 hours touch, and controls only of products with something to set', async () => {
    const asked: string[] = []
    const facts = await readHomeFacts(sources({ daySpans: async (_id, date) => (asked.push(date), date === '2026-03-09' ? [{ start: NOW / 1000 - 15 * 3600, end: NOW / 1000 - 14 * 3600 }] : []) }), 'f-1')
    expect(asked.sort()).toEqual(['2026-03-09', '2026-03-10'])
    expect(facts.devices.map((d) => [d.device.deviceId, d.controllable, d.camera, d.lastRecordingS])).toEqual([
      ['LGT/light_1', true, false, null],
      ['CAM/cam_1', false, true, NOW / 1000 - 14 * 3600],
    ])
    expect(checklistOf(facts).items.find((i) => i.kind === 'control')?.status).toBe('met')
  })

  it('reads no device of a home over AUTO_DEVICE_CHECKS devices unless asked, judging each by the list alone', async () => {
    const many = Array.from({ length: AUTO_DEVICE_CHECKS + 1 }, (_, i) => device({ deviceId: `LGT/light_${i}`, deviceName: `light_${i}`, roomId: i === 0 ? '0' : 'r-1' }))
    const reads: string[] = []
    const counted = sources({
      devices: async () => many,
      firmware: async (id) => (reads.push(`firmware ${id}`), { current: '1.0.0', target: '1.0.0' }),
      deviceData: async (id) => (reads.push(`data ${id}`), reported(1)),
      audit: (filter) => (reads.push(`audit ${filter.action}`), []),
    })
    const list = checklistOf(await readHomeFacts(counted, 'f-1'))
    expect(reads.filter((r) => !r.startsWith('audit AppSendShareFamilyInvite') && !r.startsWith('audit AppInviteMember'))).toEqual([])
    expect(list.unchecked).toBe(many.length)
    expect(list.devices).toHaveLength(many.length)
    expect(list.items.filter((i) => i.deviceId === 'LGT/light_0').map((i) => [i.kind, i.status])).toEqual([['room', 'unmet'], ['named', 'met'], ['online', 'met']])
    expect(list.items.some((i) => i.kind === 'firmware' || i.kind === 'control')).toBe(false)
    expect(list.items[0]).toMatchObject({ kind: 'devices', params: { count: String(many.length) } })

    const all = checklistOf(await readHomeFacts(counted, 'f-1', { everyDevice: true }))
    expect(all.unchecked).toBe(0)
    expect(reads.filter((r) => r.startsWith('firmware'))).toHaveLength(many.length)
    expect(all.items.filter((i) => i.kind === 'firmware')).toHaveLength(many.length)
  })

  it('counts out each device checked through, and the report’s progress reaches the renderer as events of its home', async () => {
    const many = Array.from({ length: 50 }, (_, i) => device({ deviceId: `LGT/light_${i}`, deviceName: `light_${i}` }))
    const counts: [number, number][] = []
    await readHomeFacts(sources({ devices: async () => many }), 'f-1', { everyDevice: true, onChecked: (checked, total) => counts.push([checked, total]) })
    expect(counts).toEqual(many.map((_, i) => [i + 1, 50]))

    const events: CheckProgress[] = []
    const report = await commissioningCommands(sources({ devices: async () => many }), {}, (p) => events.push(p))['commissioning.report']({ familyId: 'f-1' })
    expect(report.devices).toHaveLength(50)
    // The first device checked is said at once; the rest at most every 250 ms (this read is quicker).
    expect(events[0]).toEqual({ familyId: 'f-1', checked: 1, total: 50 })
    expect(events.every((e, i) => e.total === 50 && (i === 0 || e.checked > events[i - 1]!.checked))).toBe(true)
  })

  it('keeps a failing device read as its error, and fails as a whole only when the home itself cannot be read', async () => {
    const facts = await readHomeFacts(sources({ firmware: async () => Promise.reject(new Error('boom')) }), 'f-1')
    expect(facts.devices[0]!.firmware).toEqual({ failed: true, code: 'Desk.Internal', message: 'boom' })
    await expect(readHomeFacts(sources({ devices: async () => Promise.reject(new Error('no list')) }), 'f-1')).rejects.toThrow('no list')
  })
})

describe('saving the report as PDF', () => {
  const pdf = Buffer.from('%PDF-1.7 report')
  const commands = (host: Parameters<typeof commissioningCommands>[1]) => commissioningCommands({} as CommissioningSources, host, () => {})

  it('prints the page through the host and saves it where the user chose', async () => {
    const saved: [string, Buffer][] = []
    const host = { pdf: { printPage: async () => pdf }, saveFile: async (name: string, data: Buffer) => (saved.push([name, data]), '/home/u/report.pdf') }
    expect(await commands(host)['commissioning.savePdf']({ fileName: 'handover.pdf' })).toEqual({ outcome: 'saved', path: '/home/u/report.pdf', bytes: pdf.length })
    expect(saved).toEqual([['handover.pdf', pdf]])
  })

  it('says cancelled when the dialog is, and print where the host cannot make a PDF (browser mode)', async () => {
    expect(await commands({ pdf: { printPage: async () => pdf }, saveFile: async () => null })['commissioning.savePdf']({ fileName: 'a.pdf' })).toEqual({ outcome: 'cancelled' })
    expect(await commands({})['commissioning.savePdf']({ fileName: 'a.pdf' })).toEqual({ outcome: 'print' })
  })
})
