// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { Device } from '@shared/domain'
import { filterDevices, NO_ROOM, versionOptions } from '@/utils/device-filter'
import { readDeviceQuery, writeDeviceQuery } from '@/utils/device-query'
import { incrementalSorter, sortDevices } from '@/utils/device-sort'
import { formatPropertyValue, keyProperties } from '@/utils/key-properties'
import { countFleet, Ring, versionDistribution } from '@/utils/overview-stats'
import { readThingModel } from '@shared/thing-model'
import { devices } from './fixtures'

const ids = (list: readonly Device[]) => list.map((d) => d.deviceId)
const listed = (d: Device) => d.online

describe('device list query', () => {
  it('reads filters and sort from the URL, ignoring what it does not know', () => {
    expect(readDeviceQuery({ q: 'lamp', room: 'r-1', product: 'P1', online: 'false', version: '1.2.0', sort: 'version', order: 'desc' })).toEqual({
      query: 'lamp',
      roomId: 'r-1',
      productId: 'P1',
      online: 'false',
      version: '1.2.0',
      sort: 'version',
      order: 'desc',
    })
    expect(readDeviceQuery({ online: 'maybe', sort: 'colour', order: 'up' })).toMatchObject({ online: '', sort: 'name', order: 'asc' })
  })

  it('writes only what differs from the defaults, and round-trips', () => {
    const plain = readDeviceQuery({})
    expect(writeDeviceQuery(plain)).toEqual({})
    const query = { q: 'x', product: 'P1', online: 'true', sort: 'room', order: 'desc' }
    expect(writeDeviceQuery(readDeviceQuery(query))).toEqual(query)
  })
})

describe('device filters and sort', () => {
  const none = { roomId: '', query: '' }

  it('filters by product, live online state and firmware version', () => {
    expect(ids(filterDevices(devices, { ...none, productId: 'PLUG02' }))).toEqual(['PLUG02/plug_b7'])
    expect(ids(filterDevices(devices, { ...none, online: 'false' }))).toEqual(['PLUG02/plug_b7'])
    // Live state wins over the listed one.
    const liveOnline = (d: Device) => d.deviceId !== 'LAMP01/lamp_a1'
    expect(ids(filterDevices(devices, { ...none, online: 'false' }, { isOnline: liveOnline }))).toEqual(['LAMP01/lamp_a1'])
    const versionOf = (d: Device) => (d.productId === 'LAMP01' ? '2.0.0' : '1.0.0')
    expect(ids(filterDevices(devices, { ...none, version: '2.0.0' }, { versionOf }))).toEqual(['LAMP01/lamp_a1'])
  })

  it('finds the devices outside any room', () => {
    expect(ids(filterDevices(devices, { ...none, roomId: NO_ROOM }))).toEqual(['GW0004/gateway_1'])
  })

  it('sorts by name, product, room or online state, either way', () => {
    const context = { isOnline: listed, versionOf: () => undefined }
    expect(ids(sortDevices(devices, 'name', 'asc', context))).toEqual(['SENS03/th_sensor', 'LAMP01/lamp_a1', 'GW0004/gateway_1', 'PLUG02/plug_b7'])
    expect(ids(sortDevices(devices, 'online', 'desc', context))[0]).toBe('PLUG02/plug_b7')
    expect(ids(sortDevices(devices, 'product', 'asc', context))).toEqual(['LAMP01/lamp_a1', 'PLUG02/plug_b7', 'SENS03/th_sensor', 'GW0004/gateway_1'])
  })

  // Text order (even numeric-aware) says 1.0.10 < 1.0.2 or 3 < v1.5; versions say otherwise.
  const firmware: Record<string, string> = {
    'SENS03/th_sensor': '1.0.10',
    'LAMP01/lamp_a1': '1.0.2',
    'GW0004/gateway_1': '3',
    'PLUG02/plug_b7': 'v1.5',
  }
  const versionOf = (d: Device) => firmware[d.deviceId]

  it('keeps a streamed list sorted as pages arrive, merging only the new rows, exactly as a full sort would', () => {
    const context = { isOnline: listed, versionOf: () => undefined }
    const many = Array.from({ length: 300 }, (_, i) => ({ ...devices[i % devices.length]!, deviceId: `P/d${(i * 7919) % 1000}`, aliasName: `Lamp ${(i * 31) % 97}` }))
    const sorter = incrementalSorter()
    let shown: Device[] = []
    for (let end = 50; end <= many.length; end += 50) {
      shown = many.slice(0, end)
      expect(ids(sorter(shown, 'name', 'desc', context))).toEqual(ids(sortDevices(shown, 'name', 'desc', context)))
    }
    // Another list (a refresh) or another order is sorted afresh.
    const other = [...many].reverse()
    expect(ids(sorter(other, 'name', 'desc', context))).toEqual(ids(sortDevices(other, 'name', 'desc', context)))
    expect(ids(sorter(other, 'product', 'asc', context))).toEqual(ids(sortDevices(other, 'product', 'asc', context)))
  })

  it('sorts by firmware version as versions, not text: 1.0.2 < 1.0.10 < v1.5 < 3', () => {
    const context = { isOnline: listed, versionOf }
    expect(ids(sortDevices(devices, 'version', 'asc', context))).toEqual(['LAMP01/lamp_a1', 'SENS03/th_sensor', 'PLUG02/plug_b7', 'GW0004/gateway_1'])
    expect(ids(sortDevices(devices, 'version', 'desc', context))).toEqual(['GW0004/gateway_1', 'PLUG02/plug_b7', 'SENS03/th_sensor', 'LAMP01/lamp_a1'])
  })

  it('offers each firmware version once, oldest first, and a link to 1.0.2 finds 1.0.2.0 too', () => {
    expect(versionOptions(['1.0.10', '1.0.2', '', '1.0.10', '1.0.9'])).toEqual(['1.0.2', '1.0.9', '1.0.10'])
    const padded = (d: Device) => (d.deviceId === 'LAMP01/lamp_a1' ? '1.0.2.0' : versionOf(d))
    expect(ids(filterDevices(devices, { ...none, version: '1.0.2' }, { versionOf: padded }))).toEqual(['LAMP01/lamp_a1'])
  })
})

describe('key properties', () => {
  const model = readThingModel({
    properties: [
      { id: 'label', name: 'Label', mode: 'rw', define: { type: 'string', min: '0', max: '64' } },
      { id: 'power_switch', name: 'Switch', mode: 'rw', define: { type: 'bool', mapping: { '0': 'Off', '1': 'On' } } },
      { id: 'brightness', name: 'Brightness', mode: 'rw', define: { type: 'int', min: '0', max: '100', step: '1', unit: '%' } },
      { id: 'temp', name: 'Temperature', mode: 'r', define: { type: 'float', min: '0', max: '50', step: '0.1', unit: '°C' } },
    ],
  })

  it('picks the first two glanceable properties and shows labels and units', () => {
    const [power, brightness] = keyProperties(model)
    expect(keyProperties(model).map((p) => p.id)).toEqual(['power_switch', 'brightness'])
    expect(formatPropertyValue(power!, 1)).toBe('On')
    expect(formatPropertyValue(brightness!, 40)).toBe('40 %')
    expect(formatPropertyValue(brightness!, undefined)).toBe('—')
  })
})

describe('overview figures', () => {
  it('counts online, per product and per room, with live state', () => {
    const isOnline = (d: Device) => d.deviceId !== 'LAMP01/lamp_a1' && d.online
    const counts = countFleet(devices, isOnline, { noRoom: 'No room', familyName: () => 'Home' })
    expect([counts.total, counts.online, counts.offline]).toEqual([4, 2, 2])
    expect(counts.byRoom.find((r) => r.label === 'Living room')).toMatchObject({ total: 2, online: 0 })
    expect(counts.byRoom.find((r) => r.label === 'No room')).toMatchObject({ total: 1, online: 1 })
    expect(counts.byProduct.map((r) => r.total).reduce((a, b) => a + b)).toBe(4)
    expect(counts.byFamily).toEqual([{ key: devices[0]!.familyId, label: 'Home', total: 4, online: 2 }])
  })

  it('groups firmware versions per product', () => {
    const rows = versionDistribution([
      { productId: 'P', productName: 'Lamp', currentVersion: '1.0' },
      { productId: 'P', productName: 'Lamp', currentVersion: '1.1' },
      { productId: 'P', productName: 'Lamp', currentVersion: '1.1' },
    ])
    expect(rows).toEqual([
      { productId: 'P', productName: 'Lamp', version: '1.1', count: 2 },
      { productId: 'P', productName: 'Lamp', version: '1.0', count: 1 },
    ])
  })

  it('keeps only the newest entries of the activity ring, counting all', () => {
    const ring = new Ring<number>(3)
    for (let i = 1; i <= 5; i++) ring.push(i)
    expect(ring.newest()).toEqual([5, 4, 3])
    expect(ring.newest(2)).toEqual([5, 4])
    expect(ring.seen).toBe(5)
  })
})
