import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNT, ErrorCode, NEIGHBOUR_ACCOUNT, type RunningSandbox } from '../../electron/sandbox'
import { appapi, errorCode, post, sign, signIn, testClock, tokenapi, withSandbox } from './helpers'

let sb: RunningSandbox
let clock: ReturnType<typeof testClock>

beforeEach(async () => {
  clock = testClock()
  sb = await withSandbox({ clock: clock.now, tokenTtlSeconds: 600 })
})
afterEach(() => sb.close())

describe('AppGetToken', () => {
  it('signs in by e-mail and by phone', async () => {
    const byEmail = await appapi(sb, 'AppGetToken', { Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password })
    expect(byEmail.Response.Data.Token).toMatch(/^[0-9a-f]{40}$/)
    expect(byEmail.Response.Data.ExpireAt).toBe(Math.floor(clock.now() / 1000) + 600)
    const byPhone = await appapi(sb, 'AppGetToken', {
      Type: 'phone', CountryCode: DEMO_ACCOUNT.countryCode, PhoneNumber: DEMO_ACCOUNT.phoneNumber, Password: DEMO_ACCOUNT.password,
    })
    expect(byPhone.Response.Data.Token).toBeTypeOf('string')
    expect(byPhone.Response.Data.Token).not.toBe(byEmail.Response.Data.Token)
  })

  it('refuses a wrong password, an unknown account and an unknown Type', async () => {
    const wrong = await appapi(sb, 'AppGetToken', { Type: 'email', Email: DEMO_ACCOUNT.email, Password: 'nope' })
    expect(errorCode(wrong)).toBe(ErrorCode.PasswordError)
    const unknown = await appapi(sb, 'AppGetToken', { Type: 'email', Email: 'who@x.y', Password: 'nope' })
    expect(errorCode(unknown)).toBe('InvalidParameterValue.ErrorUserNotExists')
    const badType = await appapi(sb, 'AppGetToken', { Type: 'fax', Password: 'x' })
    expect(errorCode(badType)).toBe('InvalidParameterValue')
    const noEmail = await appapi(sb, 'AppGetToken', { Type: 'email', Password: 'x' })
    expect(errorCode(noEmail)).toBe('ErrorRequiredParamNotFound')
  })
})

describe('signed calls', () => {
  const login = { Type: 'email', Email: DEMO_ACCOUNT.email, Password: DEMO_ACCOUNT.password }

  it('refuses a bad signature and an unknown AppKey', async () => {
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { secret: 'wrong' }))).toBe('InvalidParameterValue.InvalidSignature')
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { appKey: 'other' }))).toBe('InvalidParameterValue.InvalidAppKey')
  })

  it('refuses a body altered after signing', async () => {
    const body: Record<string, unknown> = { Action: 'AppGetToken', RequestId: 'r', AppKey: sb.appKey, Timestamp: Math.floor(clock.now() / 1000), Nonce: 5, ...login }
    body.Signature = sign(body, sb.appSecret)
    body.Email = NEIGHBOUR_ACCOUNT.email
    expect(errorCode((await post(`${sb.baseUrl}/appapi`, body)).json)).toBe('InvalidParameterValue.InvalidSignature')
  })

  it('requires the common parameters', async () => {
    const body = { Action: 'AppGetToken', RequestId: 'r', AppKey: sb.appKey, Timestamp: 1, Nonce: 1, ...login }
    expect(errorCode((await post(`${sb.baseUrl}/appapi`, body)).json)).toBe('ErrorRequiredParamNotFound')
  })

  it('refuses a Timestamp more than 300 s off the sandbox clock, either way', async () => {
    const now = Math.floor(clock.now() / 1000)
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: now - 301 }))).toBe('InvalidParameterValue.InvalidTimestamp')
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: now + 301 }))).toBe('InvalidParameterValue.InvalidTimestamp')
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: now - 299 }))).toBeUndefined()
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: now + 300 }))).toBeUndefined()
  })

  it('refuses a replayed (Timestamp, Nonce) pair', async () => {
    const ts = Math.floor(clock.now() / 1000)
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: ts, nonce: 4242 }))).toBeUndefined()
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: ts, nonce: 4242 }))).toBe('InvalidParameterValue.DuplicateNonce')
    // Same nonce, another second: a different pair.
    expect(errorCode(await appapi(sb, 'AppGetToken', login, { timestamp: ts - 1, nonce: 4242 }))).toBeUndefined()
  })

  it('refuses an exact replay of the same body', async () => {
    const body: Record<string, unknown> = { Action: 'AppGetToken', RequestId: 'r', AppKey: sb.appKey, Timestamp: Math.floor(clock.now() / 1000), Nonce: 77, ...login }
    body.Signature = sign(body, sb.appSecret)
    expect(errorCode((await post(`${sb.baseUrl}/appapi`, body)).json)).toBeUndefined()
    expect(errorCode((await post(`${sb.baseUrl}/appapi`, body)).json)).toBe('InvalidParameterValue.DuplicateNonce')
  })
})

describe('AccessToken', () => {
  it('works until ExpireAt on the sandbox clock, then is refused', async () => {
    const token = await signIn(sb)
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList'))).toBeUndefined()
    clock.advance(599_000)
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList'))).toBeUndefined()
    clock.advance(1_000)
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList'))).toBe('InvalidParameterValue.InvalidAccessToken')
  })

  it('is revoked by AppLogoutUser', async () => {
    const token = await signIn(sb)
    const other = await signIn(sb)
    const out = await tokenapi(sb, token, 'AppLogoutUser')
    expect(out.Response.Data).toBe('OK')
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList'))).toBe('InvalidParameterValue.InvalidAccessToken')
    expect(errorCode(await tokenapi(sb, token, 'AppLogoutUser'))).toBe('InvalidParameterValue.InvalidAccessToken')
    // Other sessions of the same user stay alive.
    expect(errorCode(await tokenapi(sb, other, 'AppGetFamilyList'))).toBeUndefined()
  })

  it('is revoked by the test helper', async () => {
    const token = await signIn(sb)
    expect(sb.revokeToken(token)).toBe(true)
    expect(sb.revokeToken(token)).toBe(false)
    expect(errorCode(await tokenapi(sb, token, 'AppGetFamilyList'))).toBe('InvalidParameterValue.InvalidAccessToken')
  })

  it('refuses unknown and missing tokens', async () => {
    expect(errorCode(await tokenapi(sb, 'not-a-token', 'AppGetFamilyList'))).toBe('InvalidParameterValue.InvalidAccessToken')
    const res = await post(`${sb.baseUrl}/tokenapi`, { Action: 'AppGetFamilyList', RequestId: 'r' })
    expect(errorCode(res.json)).toBe('ErrorRequiredParamNotFound')
  })
})

describe('AppGetTokenByWeiXin', () => {
  const wx = { WxOpenID: 'wx-open-1', NickName: 'Tester', Avatar: 'http://example.com/a.jpg' }

  it('registers on first call with a family of its own, and signs in the same user after', async () => {
    const first = await appapi(sb, 'AppGetTokenByWeiXin', wx)
    const token = first.Response.Data.Token as string
    const families = await tokenapi(sb, token, 'AppGetFamilyList')
    expect(families.Response.Total).toBe(1)
    expect(families.Response.FamilyList[0].Role).toBe(1)
    const familyId = families.Response.FamilyList[0].FamilyId
    const devices = await tokenapi(sb, token, 'AppGetFamilyDeviceList', { FamilyId: familyId, RoomId: '' })
    expect(devices.Response.Total).toBe(0)

    const second = await appapi(sb, 'AppGetTokenByWeiXin', { ...wx, Nickname: 'Renamed' })
    const again = await tokenapi(sb, second.Response.Data.Token, 'AppGetFamilyList')
    expect(again.Response.FamilyList[0].FamilyId).toBe(familyId)
    expect([...sb.world.users.values()].filter((u) => u.wxOpenId === 'wx-open-1')).toHaveLength(1)
  })

  it('cannot see the demo families', async () => {
    const token = (await appapi(sb, 'AppGetTokenByWeiXin', wx)).Response.Data.Token as string
    const demoHome = [...sb.world.families.values()].find((f) => f.name === 'Home')!
    const res = await tokenapi(sb, token, 'AppDescribeFamily', { FamilyId: demoHome.familyId })
    expect(errorCode(res)).toBe('UnauthorizedOperation.NoPermissionToFamily')
  })

  it('checks the nickname length and the required parameters', async () => {
    expect(errorCode(await appapi(sb, 'AppGetTokenByWeiXin', { ...wx, NickName: '' }))).toBe('InvalidParameterValue.NickNameLengthInvalid')
    expect(errorCode(await appapi(sb, 'AppGetTokenByWeiXin', { ...wx, NickName: 'x'.repeat(65) }))).toBe('InvalidParameterValue.NickNameLengthInvalid')
    expect(errorCode(await appapi(sb, 'AppGetTokenByWeiXin', { WxOpenID: 'a', NickName: 'b' }))).toBe('ErrorRequiredParamNotFound')
  })
})
