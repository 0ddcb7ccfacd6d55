import { describe, expect, it } from 'vitest'
import {
  buildContentSecurityPolicy,
  installContentSecurityPolicy,
} from '../../electron/main/security/content-security-policy'
import { FakeSession } from './fakes'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('buildContentSecurityPolicy', () => {
  it('is strict for the built app', () => {
    const policy = directives(buildContentSecurityPolicy(null))
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    })
  })

  it('lets the dev server and its HMR socket in, and nothing looser', () => {
    const policy = directives(buildContentSecurityPolicy('http://localhost:5173'))
    expect(policy.get('script-src')).toEqual(["'self'", 'http://localhost:5173'])
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173'])
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'")
    expect(policy.get('object-src')).toEqual(["'none'"])
  })
})

describe('installContentSecurityPolicy', () => {
  it('adds the header to every response and replaces any the server sent', () => {
    const session = new FakeSession()
    installContentSecurityPolicy(session, "default-src 'self'")

    expect(session.receive({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    })
    expect(session.receive({ 'content-security-policy': ['default-src *'] })).toEqual({
      'Content-Security-Policy': ["default-src 'self'"],
    })
    expect(session.receive(undefined)).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] })
  })
})
