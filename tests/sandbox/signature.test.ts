import { describe, expect, it } from 'vitest'
import { canonicalString, computeSignature, verifySignature } from '../../electron/sandbox/auth/signature'
import { sign } from './helpers'

// The reference's worked example (lines 302-398), with the masked credentials taken
// literally (four asterisks), Password as in the sorted list, and the printed result's
// zero-for-O slip corrected.
const APP_SECRET = 'NcbHqk****TCGbKnQH'
const VECTOR = {
  Action: 'AppCreateCellphoneUser',
  RequestId: '8b8d499bbba1ac28b6da21b4',
  AppKey: 'ahPxdK****TGrejd',
  Timestamp: 1546315200,
  Nonce: 71087795,
  CountryCode: '86',
  PhoneNumber: '13900000000',
  VerificationCode: '123456',
  Password: 'My!P@ssword',
}
const EXPECTED = 'Szxai9Qs7O3lBoOXahbFbseZ+uE='

describe('appapi signature', () => {
  it('builds the reference string to sign', () => {
    expect(canonicalString(VECTOR)).toBe(
      'Action=AppCreateCellphoneUser&AppKey=ahPxdK****TGrejd&CountryCode=86&Nonce=71087795&Password=My!P@ssword' +
        '&PhoneNumber=13900000000&RequestId=8b8d499bbba1ac28b6da21b4&Timestamp=1546315200&VerificationCode=123456',
    )
  })

  it('reproduces the reference test vector', () => {
    expect(computeSignature(VECTOR, APP_SECRET)).toBe(EXPECTED)
    expect(sign(VECTOR, APP_SECRET)).toBe(EXPECTED)
    expect(verifySignature({ ...VECTOR, Signature: EXPECTED }, APP_SECRET)).toBe(true)
  })

  it('gives the same result for numbers sent as strings', () => {
    const asStrings = { ...VECTOR, Timestamp: '1546315200', Nonce: '71087795' }
    expect(computeSignature(asStrings, APP_SECRET)).toBe(EXPECTED)
  })

  it('rejects the printed zero-for-O signature and a wrong secret', () => {
    expect(verifySignature({ ...VECTOR, Signature: 'Szxai9Qs703lBoOXahbFbseZ+uE=' }, APP_SECRET)).toBe(false)
    expect(verifySignature({ ...VECTOR, Signature: EXPECTED }, 'NcbHqk***TCGbKnQH')).toBe(false)
    expect(verifySignature({ ...VECTOR }, APP_SECRET)).toBe(false)
  })

  it('leaves out Signature and empty strings, and turns _ into . in names', () => {
    expect(canonicalString({ b: '2', a_b: 'x', Signature: 'zzz', empty: '', gone: null })).toBe('a.b=x&b=2')
  })

  it('sorts by code unit (upper case before lower case), before replacing _', () => {
    // '_' (0x5F) sorts after 'Z' (0x5A) and before 'a' (0x61).
    expect(canonicalString({ a: 1, Z: 2, A_: 3, Aa: 4 })).toBe('A.=3&Aa=4&Z=2&a=1')
  })

  it('signs non-ASCII values as UTF-8', () => {
    const params = { Action: 'X', NickName: '小明' }
    expect(computeSignature(params, 's')).toBe(sign(params, 's'))
  })
})
