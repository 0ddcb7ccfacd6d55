import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCT_IDS, type RunningSandbox } from '../../electron/sandbox'
import { appapi, post, signIn, tokenapi, withSandbox } from './helpers'

describe('documented envelope', () => {
  let sb: RunningSandbox
  let token: string
  beforeAll(async () => {
    sb = await withSandbox({ envelope: 'documented' })
    token = await signIn(sb)
  })
  afterAll(() => sb.close())

  it('puts the sign-in result in Response.Data, RequestId beside it', async () => {
    const json = await appapi(sb, 'AppGetToken', { Type: 'email', Email: 'demo@sandbox.local', Password: 'sandbox-demo' }, { requestId: 'sign-1' })
    expect(Object.keys(json)).toEqual(['Response'])
    expect(json.Response.RequestId).toBe('sign-1')
    expect(Object.keys(json.Response.Data).sort()).toEqual(['ExpireAt', 'Token'])
  })

  it('answers list actions flat under Response', async () => {
    const json = await tokenapi(sb, token, 'AppGetFamilyList')
    expect(Object.keys(json.Response).sort()).toEqual(['FamilyList', 'RequestId', 'Total'])
  })

  it('answers AppDescribeFamily under Response.Data with FamilyName', async () => {
    const familyId = (await tokenapi(sb, token, 'AppGetFamilyList')).Response.FamilyList[0].FamilyId
    const json = await tokenapi(sb, token, 'AppDescribeFamily', { FamilyId: familyId })
    expect(Object.keys(json.Response.Data).sort()).toEqual(['Address', 'CreateTime', 'FamilyId', 'FamilyName', 'UpdateTime'])
  })

  it('sends DataTemplate as an object, as the reference prints it', async () => {
    const json = await tokenapi(sb, token, 'AppGetProducts', { ProductIds: [PRODUCT_IDS.light] })
    expect(json.Response.Products[0].DataTemplate.profile.ProductId).toBe(PRODUCT_IDS.light)
  })

  it('puts errors in Response.Error', async () => {
    const json = await tokenapi(sb, 'bad', 'AppGetFamilyList')
    expect(json).toEqual({
      Response: { Error: { Code: 'InvalidParameterValue.InvalidAccessToken', Message: 'Invalid Token' }, RequestId: expect.any(String) },
    })
  })
})

describe('wrapped envelope', () => {
  let sb: RunningSandbox
  let token: string
  beforeAll(async () => {
    sb = await withSandbox({ envelope: 'wrapped' })
    token = await signIn(sb)
  })
  afterAll(() => sb.close())

  it('answers {code: 0, msg: "", data: <Response>}', async () => {
    const json = await appapi(sb, 'AppGetToken', { Type: 'email', Email: 'demo@sandbox.local', Password: 'sandbox-demo' }, { requestId: 'w-1' })
    expect(json.code).toBe(0)
    expect(json.msg).toBe('')
    expect(json.data.RequestId).toBe('w-1')
    expect(json.data.Data.Token).toBeTypeOf('string')
    const list = await tokenapi(sb, token, 'AppGetFamilyList')
    expect(list.code).toBe(0)
    expect(list.data.FamilyList.length).toBeGreaterThan(0)
  })

  it('answers errors as {code: non-zero, msg, data: {Error, RequestId}}', async () => {
    const res = await post(`${sb.baseUrl}/tokenapi`, { Action: 'AppGetFamilyList', RequestId: 'w-2', AccessToken: 'bad' })
    expect(res.status).toBe(200)
    expect(res.json.code).not.toBe(0)
    expect(res.json.msg).toBe('Invalid Token')
    expect(res.json.data).toEqual({ Error: { Code: 'InvalidParameterValue.InvalidAccessToken', Message: 'Invalid Token' }, RequestId: 'w-2' })
  })

  it('sends DataTemplate as a JSON string, as Tencent apps parse it', async () => {
    const json = await tokenapi(sb, token, 'AppGetProducts', { ProductIds: [PRODUCT_IDS.camera] })
    const template = JSON.parse(json.data.Products[0].DataTemplate)
    expect(template.profile.ProductId).toBe(PRODUCT_IDS.camera)
  })
})
