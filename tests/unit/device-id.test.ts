import { describe, expect, it } from 'vitest'
import { deviceIdOf, deviceParams, joinDeviceId, splitDeviceId } from '../../shared/device-id'

describe('device ids', () => {
  it('split "ProductId/DeviceName" at the first slash', () => {
    expect(splitDeviceId('LGT01/light_1')).toEqual(['LGT01', 'light_1'])
    expect(deviceParams('LGT01/light_1')).toEqual({ ProductId: 'LGT01', DeviceName: 'light_1' })
  })

  it('keep a slash inside the DeviceName with the name', () => {
    expect(splitDeviceId('CAM01/hall/door')).toEqual(['CAM01', 'hall/door'])
    expect(deviceParams('CAM01/hall/door')).toEqual({ ProductId: 'CAM01', DeviceName: 'hall/door' })
  })

  it('read an id without a slash as a bare ProductId, never cutting it short', () => {
    expect(deviceParams('LGT01')).toEqual({ ProductId: 'LGT01', DeviceName: '' })
    expect(splitDeviceId('')).toEqual(['', ''])
  })

  it('join back to the same id, and fill in a listing that leaves DeviceId out', () => {
    expect(joinDeviceId(...splitDeviceId('CAM01/hall/door'))).toBe('CAM01/hall/door')
    expect(deviceIdOf({ ProductId: 'P', DeviceName: 'd' })).toBe('P/d')
    expect(deviceIdOf({ DeviceId: 'P/x', ProductId: 'P', DeviceName: 'd' })).toBe('P/x')
  })
})
