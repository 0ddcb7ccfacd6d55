import { describe, expect, it } from 'vitest'
import { findAction } from '@shared/api'
import { buildRequest, callTarget, CONSOLE_ACTIONS, groupActions, initialFields, type NameBook } from '@/utils/console-form'

describe('API console forms from the catalog', () => {
  it('offers every tokenapi action once per entry, and finds them by name or title', () => {
    const keys = CONSOLE_ACTIONS.map((a) => a.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toContain('AppControlDeviceData')
    expect(keys).toContain('AppKugouUserCommand#playlist_song')
    expect(keys).not.toContain('AppGetTokenByWeiXin') // appapi: signed in by the session, not here
    const found = groupActions(CONSOLE_ACTIONS, 'room').flatMap((g) => g.actions.map((a) => a.key))
    expect(found).toContain('AppCreateRoom')
    expect(found).not.toContain('AppControlDeviceData')
  })

  it('pre-fills ids from the context and the sub-command of a music entry', () => {
    const spec = findAction('AppModifyFamilyDeviceRoom')!
    const fields = initialFields(spec, { FamilyId: 'f-1', ProductId: 'P1', DeviceName: 'd1', RoomId: 'r-1' })
    expect(fields).toMatchObject({ FamilyId: 'f-1', ProductId: 'P1', DeviceName: 'd1', RoomId: 'r-1' })
    const kugou = CONSOLE_ACTIONS.find((a) => a.key === 'AppKugouUserCommand#playlist_song')!.spec
    expect(initialFields(kugou, { DeviceId: 'P1/d1' })).toMatchObject({ KGCommand: 'playlist_song', DeviceId: 'P1/d1', KugouParams: '{}' })
  })

  it('types values as documented and names every field that cannot be sent', () => {
    const spec = findAction('AppGetFamilyDeviceList')!
    expect(buildRequest(spec, { FamilyId: 'f-1', RoomId: '', Offset: '0', Limit: '20' })).toEqual({
      params: { FamilyId: 'f-1', Offset: 0, Limit: 20 },
      errors: spec.params.find((p) => p.name === 'RoomId')!.required ? { RoomId: 'required' } : {},
    })
    expect(buildRequest(spec, { FamilyId: '', Offset: '1.5' }).errors).toMatchObject({ FamilyId: 'required', Offset: 'integer' })
    const statuses = findAction('AppGetDeviceStatuses')!
    expect(buildRequest(statuses, { DeviceIds: '["P1/d1"]' }).params).toEqual({ DeviceIds: ['P1/d1'] })
    expect(buildRequest(statuses, { DeviceIds: '{"a":1}' }).errors).toEqual({ DeviceIds: 'array' })
    expect(buildRequest(statuses, { DeviceIds: '[oops' }).errors).toEqual({ DeviceIds: 'json' })
  })

  it("names what a changing call acts on: the home from FamilyId or from the device's home, and the device", () => {
    const lamp = { deviceId: 'LAMP/a1', productId: 'LAMP', deviceName: 'a1', label: 'Hall lamp', productName: 'Smart Light', familyId: 'f-zhang' }
    const book: NameBook = {
      homeName: (id) => ({ 'f-zhang': 'Zhang family home', 'f-li': 'Li flat' })[id],
      roomName: () => undefined,
      device: (id) => (id === lamp.deviceId ? lamp : undefined),
    }
    expect(callTarget({ FamilyId: 'f-zhang', Name: 'Study' }, book)).toEqual({ home: { id: 'f-zhang', name: 'Zhang family home' } })
    expect(callTarget({ ProductId: 'LAMP', DeviceName: 'a1', Data: '{}' }, book)).toEqual({
      device: { id: 'LAMP/a1', name: 'Hall lamp' },
      home: { id: 'f-zhang', name: 'Zhang family home' },
    })
    expect(callTarget({ DeviceId: 'PLUG/x' }, book)).toEqual({ device: { id: 'PLUG/x', name: undefined } })
    expect(callTarget({ FamilyId: 'f-elsewhere' }, book)).toEqual({ home: { id: 'f-elsewhere', name: undefined } })
    expect(callTarget({ MsgID: 3 }, book)).toEqual({})
  })
})
