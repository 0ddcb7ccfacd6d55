import { describe, expect, it } from 'vitest'
import { ApiError } from '../../electron/core/api/api-error'
import { readEnvelope } from '../../electron/core/api/envelope'

const read = (body: unknown) => readEnvelope(body, 'AppTest', 'sent-id')

function errorOf(body: unknown): ApiError {
  try {
    read(body)
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

describe('response envelopes', () => {
  it('reads flat Response fields', () => {
    expect(read({ Response: { Total: 1, FamilyList: [], RequestId: 'r1' } })).toEqual({
      data: { Total: 1, FamilyList: [] },
      requestId: 'r1',
    })
  })

  it('flattens Response.Data and lower-case data, with RequestId inside or outside', () => {
    expect(read({ Response: { Data: { Token: 't', ExpireAt: 5 }, RequestId: 'r2' } })).toEqual({
      data: { Token: 't', ExpireAt: 5 },
      requestId: 'r2',
    })
    expect(read({ Response: { Data: { Token: 't', RequestId: 'r3' } } }).requestId).toBe('r3')
    expect(read({ Response: { data: { AppDeviceInfo: {} }, RequestId: 'r4' } }).data).toEqual({ AppDeviceInfo: {} })
  })

  it('keeps a scalar Data as Data', () => {
    expect(read({ Response: { Data: '{"a":1}', RequestId: 'r5' } }).data).toEqual({ Data: '{"a":1}' })
    expect(read({ Response: { Data: 'OK', RequestId: 'r6' } }).data).toEqual({ Data: 'OK' })
  })

  it('reads an answer with no Response envelope at all', () => {
    expect(read({ MemberList: [], RequestId: 'r7' })).toEqual({ data: { MemberList: [] }, requestId: 'r7' })
  })

  it("reads production's {code, msg, data}", () => {
    expect(read({ code: 0, msg: '', data: { Total: 2, RequestId: 'r8' } })).toEqual({ data: { Total: 2 }, requestId: 'r8' })
  })

  it('turns Response.Error into an ApiError with code, message, RequestId and action', () => {
    const error = errorOf({ Response: { Error: { Code: 'InvalidAction', Message: 'bad' }, RequestId: 'r9' } })
    expect(error).toMatchObject({ kind: 'api', code: 'InvalidAction', message: 'bad', requestId: 'r9', action: 'AppTest' })
  })

  it('reads errors in the wrapped envelope, from data.Error or from code/msg', () => {
    expect(errorOf({ code: 1, msg: 'x', data: { Error: { Code: 'E.Inner', Message: 'inner' }, RequestId: 'r10' } })).toMatchObject({
      code: 'E.Inner',
      requestId: 'r10',
    })
    expect(errorOf({ code: 1003, msg: 'token expired', data: {} })).toMatchObject({
      code: '1003',
      message: 'token expired',
      requestId: 'sent-id',
    })
  })

  it('falls back to the RequestId that was sent when the answer has none', () => {
    expect(errorOf({ Response: { Error: { Code: 'X', Message: 'm' }, RequestId: '' } }).requestId).toBe('sent-id')
  })

  it('refuses an answer that is not an object', () => {
    for (const body of [null, 'text', 42, [1, 2]]) {
      expect(errorOf(body)).toMatchObject({ kind: 'validation', code: 'Desk.MalformedResponse', action: 'AppTest' })
    }
  })

  it('refuses an Error that is not an object with a string Code, instead of reading it as success', () => {
    for (const error of ['InvalidAccessToken', 42, [], { Code: 7, Message: 'm' }, true]) {
      expect(errorOf({ Response: { Error: error, RequestId: 'r11' } })).toMatchObject({
        kind: 'validation',
        code: 'Desk.MalformedResponse',
        requestId: 'r11',
        action: 'AppTest',
      })
    }
  })

  it('refuses a Response or wrapped data that is not an object', () => {
    for (const body of [{ Response: 'ok' }, { Response: null }, { Response: [] }, { code: 0, msg: '', data: 'x' }, { code: 0, data: [1] }]) {
      expect(errorOf(body)).toMatchObject({ kind: 'validation', code: 'Desk.MalformedResponse', requestId: 'sent-id' })
    }
  })
})
