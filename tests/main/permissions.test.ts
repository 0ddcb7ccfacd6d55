import { describe, expect, it, vi } from 'vitest'
import { denyAllPermissions } from '../../electron/main/security/permissions'
import { FakeSession } from './fakes'

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    const session = new FakeSession()
    denyAllPermissions(session)

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn()
      session.requestHandler?.({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(session.checkHandler?.({}, permission)).toBe(false)
    }
  })
})
