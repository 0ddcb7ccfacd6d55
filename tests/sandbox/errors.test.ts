import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSandbox } from '../../electron/sandbox'
import { errorCode, post, signIn, withSandbox, type Json } from './helpers'

let sb: RunningSandbox
let token: string
let homeId: string

beforeAll(async () => {
  sb = await withSandbox()
  token = await signIn(sb)
  homeId = [...sb.world.families.values()].find((f) => f.name === 'Home')!.familyId
})
afterAll(() => sb.close())

const call = (body: unknown, endpoint = 'tokenapi') => post(`${sb.baseUrl}/${endpoint}`, body)
const withToken = (body: Record<string, unknown>) => ({ RequestId: 'req-err', AccessToken: token, ...body })

describe('errors', () => {
  it('answers an unknown Action with InvalidAction, echoing RequestId, HTTP 200', async () => {
    const res = await call(withToken({ Action: 'AppDoesNotExist' }))
    expect(res.status).toBe(200)
    expect(res.json.Response.Error.Code).toBe('InvalidAction')
    expect(res.json.Response.RequestId).toBe('req-err')
  })

  it('refuses an action on the wrong endpoint', async () => {
    expect(errorCode((await call(withToken({ Action: 'AppGetToken' }))).json)).toBe('InvalidAction')
    expect(errorCode((await call(withToken({ Action: 'AppGetFamilyList' }), 'appapi')).json)).toBe('InvalidAction')
  })

  it('answers a body that is not JSON, or not an object, with InvalidJSON', async () => {
    const bad = await call('{"Action": "AppGetFamilyList",')
    expect(bad.status).toBe(200)
    expect(bad.json.Response.Error.Code).toBe('InvalidParameterValue.InvalidJSON')
    expect(bad.json.Response.RequestId).toBe('')
    expect(errorCode((await call('[1,2]')).json)).toBe('InvalidParameterValue.InvalidJSON')
    expect(errorCode((await call('', 'appapi')).json)).toBe('InvalidParameterValue.InvalidJSON')
  })

  it('answers missing parameters with ErrorRequiredParamNotFound, naming them', async () => {
    const res = await call(withToken({ Action: 'AppDescribeFamily' }))
    expect(res.json.Response.Error.Code).toBe('ErrorRequiredParamNotFound')
    expect(res.json.Response.Error.Message).toMatch(/FamilyId/)
    expect(res.json.Response.RequestId).toBe('req-err')
    expect(errorCode((await call({ Action: 'AppGetFamilyList', AccessToken: token })).json)).toBe('ErrorRequiredParamNotFound')
    expect(errorCode((await call({ RequestId: 'x', AccessToken: token })).json)).toBe('ErrorRequiredParamNotFound')
    expect(errorCode((await call(withToken({ Action: 'AppGetDeviceStatuses' }))).json)).toBe('ErrorRequiredParamNotFound')
  })

  it('answers ill-typed parameters with InvalidParameterValue', async () => {
    const cases: Json[] = [
      { Action: 'AppGetFamilyList', Limit: 'ten' },
      { Action: 'AppGetFamilyList', Offset: 1.5 },
      { Action: 'AppDescribeFamily', FamilyId: { id: 1 } },
      { Action: 'AppGetDeviceStatuses', DeviceIds: 'LGT7Q2K9PA/light_0001' },
      { Action: 'AppGetDeviceStatuses', DeviceIds: [1, 2] },
      { Action: 'AppGetProducts', ProductIds: [true] },
      { Action: 'AppGetDeviceData', ProductId: ['x'], DeviceName: 'y' },
      { Action: 'AppGetFamilyList', RequestId: { id: 1 } },
    ]
    for (const body of cases) {
      const res = await call(withToken(body))
      expect(errorCode(res.json), JSON.stringify(body)).toBe('InvalidParameterValue')
    }
    expect(errorCode((await call(withToken({ Action: 5 }))).json)).toBe('InvalidAction')
  })

  it('accepts integers sent as numeric strings, and numeric ids', async () => {
    const res = await call(withToken({ Action: 'AppGetFamilyList', Offset: '0', Limit: '1' }))
    expect(res.json.Response.FamilyList).toHaveLength(1)
    const room = await call(withToken({ Action: 'AppGetFamilyDeviceList', FamilyId: homeId, RoomId: 0, Limit: 50 }))
    expect(errorCode(room.json)).toBeUndefined()
    expect(room.json.Response.DeviceList.every((d: Json) => d.RoomId === '0')).toBe(true)
  })

  it('echoes RequestId on success', async () => {
    const res = await call(withToken({ Action: 'AppGetFamilyList', RequestId: 'echo-me' }))
    expect(res.json.Response.RequestId).toBe('echo-me')
  })

  it('serves the misspelt exploreroopen path too, and 404s anything else', async () => {
    const res = await post(`${sb.url}/api/exploreroopen/tokenapi`, withToken({ Action: 'AppGetFamilyList' }))
    expect(res.json.Response.Total).toBeGreaterThan(0)
    const missing = await post(`${sb.url}/api/exploreropen/nothing`, {})
    expect(missing.status).toBe(404)
    expect(missing.json.Response.Error.Code).toBe('ResourceNotFound')
    const get = await fetch(`${sb.baseUrl}/tokenapi`)
    expect(get.status).toBe(404)
    expect(get.headers.get('content-type')).toMatch(/application\/json/)
  })
})
