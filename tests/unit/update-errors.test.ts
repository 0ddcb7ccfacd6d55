import { describe, expect, it } from 'vitest'
import { classifyUpdateError } from '../../electron/core/updates/update-errors'

describe('update failures', () => {
  const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

  it('names a server that cannot be reached, as Electron and Node report it', () => {
    expect(classifyUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe('unreachable')
    expect(classifyUpdateError(new Error('net::ERR_PROXY_CONNECTION_FAILED'))).toBe('unreachable')
    expect(classifyUpdateError(Object.assign(new TypeError('fetch failed'), { cause: coded('connect ECONNREFUSED', 'ECONNREFUSED') }))).toBe('unreachable')
    expect(classifyUpdateError(new Error('HttpError: 503 Service Unavailable'))).toBe('unreachable')
  })

  it('names an answer that cannot be used', () => {
    expect(classifyUpdateError(coded('Cannot parse update info from latest.yml', 'ERR_UPDATER_INVALID_UPDATE_INFO'))).toBe('invalid')
    expect(classifyUpdateError(new Error('sha512 checksum mismatch, expected abc, got def'))).toBe('invalid')
    expect(classifyUpdateError(coded('Cannot find latest.yml', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'))).toBe('invalid')
  })

  it('falls back to a plain failure', () => {
    expect(classifyUpdateError(new Error('EPERM: operation not permitted'))).toBe('failed')
    expect(classifyUpdateError('weird')).toBe('failed')
  })
})
