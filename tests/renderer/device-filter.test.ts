// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { countOnline, deviceLabel, filterDevices, roomOptions } from '@/utils/device-filter'
import { guessAccount } from '@/utils/account'
import { devices, rooms } from './fixtures'

const names = (list: readonly { deviceName: string }[]) => list.map((d) => d.deviceName)

describe('device filtering', () => {
  it('shows everything with no filter', () => {
    expect(filterDevices(devices, { roomId: '', query: '' })).toHaveLength(4)
    expect(filterDevices(devices, { roomId: '', query: '   ' })).toHaveLength(4)
  })

  it('filters by room', () => {
    expect(names(filterDevices(devices, { roomId: 'r-living', query: '' }))).toEqual(['lamp_a1', 'plug_b7'])
  })

  it('searches alias, device name, product, room and id, case-insensitively', () => {
    expect(names(filterDevices(devices, { roomId: '', query: 'ceiling' }))).toEqual(['lamp_a1'])
    expect(names(filterDevices(devices, { roomId: '', query: 'PLUG_B7' }))).toEqual(['plug_b7'])
    expect(names(filterDevices(devices, { roomId: '', query: 'sensor' }))).toEqual(['th_sensor'])
    expect(names(filterDevices(devices, { roomId: '', query: 'bedroom' }))).toEqual(['th_sensor'])
    expect(names(filterDevices(devices, { roomId: '', query: 'GW0004/' }))).toEqual(['gateway_1'])
  })

  it('requires every term to match', () => {
    expect(names(filterDevices(devices, { roomId: '', query: 'smart living' }))).toEqual(['lamp_a1', 'plug_b7'])
    expect(names(filterDevices(devices, { roomId: '', query: 'smart bedroom' }))).toEqual([])
  })

  it('combines room and search', () => {
    expect(names(filterDevices(devices, { roomId: 'r-living', query: 'plug' }))).toEqual(['plug_b7'])
    expect(filterDevices(devices, { roomId: 'r-bed', query: 'plug' })).toEqual([])
  })

  it('counts online devices', () => {
    expect(countOnline(devices)).toBe(3)
    expect(countOnline(filterDevices(devices, { roomId: 'r-living', query: '' }))).toBe(1)
  })

  it('labels a device by its alias, else its name', () => {
    expect(deviceLabel({ aliasName: 'Ceiling light', deviceName: 'lamp_a1' })).toBe('Ceiling light')
    expect(deviceLabel({ aliasName: '  ', deviceName: 'plug_b7' })).toBe('plug_b7')
  })

  it('offers rooms that only devices mention', () => {
    const extra = [...devices, { ...devices[0]!, deviceId: 'X/y', roomId: 'r-attic', roomName: 'Attic' }]
    expect(roomOptions(rooms, extra).map((r) => r.roomId)).toEqual(['r-living', 'r-bed', 'r-attic'])
  })
})

describe('account prefill', () => {
  it('recognises email, phone and nickname accounts', () => {
    expect(guessAccount('a@b.c')).toEqual({ method: 'email', email: 'a@b.c' })
    expect(guessAccount('+86 13800000000')).toEqual({ method: 'phone', countryCode: '86', phoneNumber: '13800000000' })
    expect(guessAccount('13800000000')).toEqual({ method: 'phone', phoneNumber: '13800000000' })
    expect(guessAccount('小王')).toEqual({ method: 'wechat', nickname: '小王' })
    expect(guessAccount(null)).toBeNull()
  })
})
