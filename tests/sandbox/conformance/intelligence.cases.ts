/**
 * Conformance cases of Device Scheduling, Manual Intelligence and Automatic Intelligence.
 * Requests follow the reference's examples with live ids. Nothing here changes a device:
 * timers are created in the (frozen) current minute, so they never fire; automations are
 * created disabled, or enabled with only a timer condition the frozen clock never meets;
 * the scene that runs holds only a delay.
 */
import { NEIGHBOUR_ACCOUNT, type RunningSandbox } from '../../../electron/sandbox'
import { errorCode, signIn, tokenapi, type Json } from '../helpers'
import { payloadOf } from './context'
import type { ConformanceCase, ConformanceContext } from './types'

const INVALID = 'InvalidParameterValue'
const NO_PERMISSION = 'InvalidParameterValue.NoPermission'
const RUNNING = 'UnsupportedOperation.SceneRunInProgress'

const neighbourTokens = new WeakMap<RunningSandbox, Promise<string>>()

async function asNeighbour(ctx: ConformanceContext, action: string, params: Record<string, unknown>): Promise<Json> {
  if (!neighbourTokens.has(ctx.sandbox)) neighbourTokens.set(ctx.sandbox, signIn(ctx.sandbox, NEIGHBOUR_ACCOUNT.email, NEIGHBOUR_ACCOUNT.password))
  const body = await tokenapi(ctx.sandbox, await (neighbourTokens.get(ctx.sandbox) as Promise<string>), action, params)
  if (errorCode(body)) throw new Error(`${action} as the neighbour failed: ${JSON.stringify(body)}`)
  return payloadOf(body)
}

/** The neighbour's own family, which the demo account is not a member of. */
function flat(ctx: ConformanceContext): { familyId: string; light: { ProductId: string; DeviceName: string } } {
  const world = ctx.sandbox.world
  const family = [...world.families.values()].find((f) => f.name === "Neighbour's flat")
  const light = family && world.devicesIn(family.familyId).find((d) => world.products.get(d.productId)?.kind === 'light')
  if (!family || !light) throw new Error("no light in the neighbour's flat")
  return { familyId: family.familyId, light: { ProductId: light.productId, DeviceName: light.deviceName } }
}

function light(ctx: ConformanceContext): { ProductId: string; DeviceName: string } {
  const d = ctx.device('light')
  return { ProductId: d.productId, DeviceName: d.deviceName }
}

// --- Device Scheduling -----------------------------------------------------------------

const timerExample = (ctx: ConformanceContext) => ({
  ...light(ctx), TimerName: 'timer_test', Days: '1000000', TimePoint: '06:30', Repeat: 1, Data: '{"brightness": 25}',
})

async function newTimer(ctx: ConformanceContext): Promise<Json> {
  const { TimerId } = await ctx.ok('AppCreateTimer', timerExample(ctx))
  return { ...light(ctx), TimerId }
}

const SCHEDULING: ConformanceCase[] = [
  {
    action: 'AppCreateTimer',
    request: timerExample,
    negative: { what: 'a Days mask of five days', request: (ctx) => ({ ...timerExample(ctx), Days: '10000' }), code: INVALID },
  },
  {
    action: 'AppModifyTimer',
    // The example's "9:30" without a leading zero.
    request: async (ctx) => ({ ...(await newTimer(ctx)), TimerName: 'timer_test_modify', Days: '1100000', TimePoint: '9:30', Repeat: 0, Data: '{"brightness": 28}' }),
    negative: {
      what: 'an unknown TimerId',
      request: (ctx) => ({ ...timerExample(ctx), TimerId: 'a1c6939b39d345b897a1c6939b39a12c' }),
      code: INVALID,
    },
  },
  {
    action: 'AppDeleteTimer',
    request: newTimer,
    negative: { what: 'an unknown TimerId', request: (ctx) => ({ ...light(ctx), TimerId: 'e0e23a2b33a24652b6e0e23a2b33a1cf' }), code: INVALID },
  },
  {
    action: 'AppModifyTimerStatus',
    request: async (ctx) => ({ ...(await newTimer(ctx)), Status: 0 }),
    negative: { what: 'Status 2', request: async (ctx) => ({ ...(await newTimer(ctx)), Status: 2 }), code: INVALID },
  },
  {
    action: 'AppGetTimerList',
    request: async (ctx) => {
      await newTimer(ctx)
      return { ...light(ctx), Offset: 0, Limit: 2 }
    },
    negative: { what: 'Limit 51 (the maximum is 50)', request: (ctx) => ({ ...light(ctx), Offset: 0, Limit: 51 }), code: INVALID },
  },
]

// --- Manual Intelligence ---------------------------------------------------------------

const deviceAction = (ctx: ConformanceContext) => ({ ActionType: 0, ...light(ctx), Data: '{"brightness": 25}' })

const sceneExample = (ctx: ConformanceContext) => ({ FamilyId: ctx.homeId, SceneName: 'name', SceneIcon: 'icon', Actions: [deviceAction(ctx)] })

async function newScene(ctx: ConformanceContext, actions: Json[] = [deviceAction(ctx)]): Promise<string> {
  return (await ctx.ok('AppCreateScene', { ...sceneExample(ctx), Actions: actions })).SceneId as string
}

const modifyScene = (ctx: ConformanceContext, sceneId: string) => ({ SceneId: sceneId, SceneName: 'name', SceneIcon: 'icon', Actions: [deviceAction(ctx)] })

const MANUAL: ConformanceCase[] = [
  {
    action: 'AppCreateScene',
    request: sceneExample,
    negative: { what: "another user's family", request: (ctx) => ({ ...sceneExample(ctx), FamilyId: flat(ctx).familyId }), code: NO_PERMISSION },
  },
  {
    action: 'AppGetSceneList',
    request: async (ctx) => {
      await newScene(ctx)
      return { FamilyId: ctx.homeId, Offset: 0, Limit: 10 }
    },
    negative: { what: "another user's family", request: (ctx) => ({ FamilyId: flat(ctx).familyId, Offset: 0, Limit: 10 }), code: NO_PERMISSION },
  },
  {
    action: 'AppDeleteScene',
    request: async (ctx) => ({ SceneId: await newScene(ctx) }),
    negative: { what: 'an unknown SceneId', request: () => ({ SceneId: 's_527cb52b453cb6a46f653527cb52b453' }), code: INVALID },
  },
  {
    action: 'AppModifyScene',
    request: async (ctx) => modifyScene(ctx, await newScene(ctx)),
    negative: {
      what: "another user's scene",
      request: async (ctx) => {
        const theirs = await asNeighbour(ctx, 'AppCreateScene', { FamilyId: flat(ctx).familyId, SceneName: 'n', SceneIcon: '', Actions: [{ ActionType: 0, ...flat(ctx).light, Data: '{"brightness": 25}' }] })
        return modifyScene(ctx, theirs.SceneId as string)
      },
      code: NO_PERMISSION,
    },
  },
  {
    action: 'AppRunScene',
    request: async (ctx) => ({ SceneId: await newScene(ctx, [{ ActionType: 1, Data: '1' }]) }),
    negative: {
      what: 'a scene still running',
      request: async (ctx) => {
        const sceneId = await newScene(ctx, [{ ActionType: 1, Data: '100' }])
        await ctx.ok('AppRunScene', { SceneId: sceneId })
        return { SceneId: sceneId }
      },
      code: RUNNING,
    },
  },
]

// --- Automatic Intelligence ------------------------------------------------------------

/** The reference's AppCreateAutomation example (Status 0, Op "equal") with live ids. */
const automationExample = (ctx: ConformanceContext, familyId = ctx.homeId, device = light(ctx)) => ({
  FamilyId: familyId,
  Icon: 'https://www.icon.com/',
  Name: 'autoName',
  Status: 0,
  MatchType: 1,
  EffectiveBeginTime: '00:00',
  EffectiveEndTime: '23:59',
  EffectiveDays: '1111111',
  Conditions: [
    { CondId: 'abc', CondType: 0, Property: { ...device, AliasName: 'devName', IconUrl: 'productIcon', PropertyId: 'power_switch', Op: 'equal', Value: 1 } },
    { CondId: 'efg', CondType: 1, Timer: { Days: '1000000', TimePoint: '09:30' } },
  ],
  Actions: [
    { ActionType: 0, ...device, Data: '{"brightness": 25}', AliasName: '12345', IconUrl: 'url' },
    { ActionType: 1, Data: '100' },
  ],
})

async function newAutomation(ctx: ConformanceContext): Promise<string> {
  return (await ctx.ok('AppCreateAutomation', automationExample(ctx))).AutomationId as string
}

function modifyAutomation(ctx: ConformanceContext, automationId: string): Json {
  const { FamilyId: _familyId, ...rest } = automationExample(ctx)
  return { ...rest, AutomationId: automationId, Conditions: rest.Conditions.map((c) => (c.CondType === 0 ? { ...c, Property: { ...c.Property, Op: 'eq' } } : c)) }
}

const AUTOMATIC: ConformanceCase[] = [
  {
    action: 'AppCreateAutomation',
    request: (ctx) => automationExample(ctx),
    negative: { what: "another user's family", request: (ctx) => automationExample(ctx, flat(ctx).familyId), code: NO_PERMISSION },
  },
  {
    action: 'AppGetAutomationList',
    request: async (ctx) => {
      await newAutomation(ctx)
      return { FamilyId: ctx.homeId }
    },
    negative: { what: "another user's family", request: (ctx) => ({ FamilyId: flat(ctx).familyId }), code: NO_PERMISSION },
  },
  {
    action: 'AppDescribeAutomation',
    request: async (ctx) => ({ AutomationId: await newAutomation(ctx) }),
    negative: {
      what: "another user's automation",
      request: async (ctx) => {
        const theirs = await asNeighbour(ctx, 'AppCreateAutomation', automationExample(ctx, flat(ctx).familyId, flat(ctx).light))
        return { AutomationId: theirs.AutomationId }
      },
      code: NO_PERMISSION,
    },
  },
  {
    action: 'AppDeleteAutomation',
    request: async (ctx) => ({ AutomationId: await newAutomation(ctx) }),
    negative: { what: 'an unknown AutomationId', request: () => ({ AutomationId: 'a_cd61ddbe47d21d6aeffeacd61ddbe47d' }), code: INVALID },
  },
  {
    action: 'AppModifyAutomation',
    request: async (ctx) => modifyAutomation(ctx, await newAutomation(ctx)),
    negative: {
      what: 'more conditions than the limit',
      request: async (ctx) => {
        const base = modifyAutomation(ctx, await newAutomation(ctx))
        const timers = Array.from({ length: 21 }, (_, i) => ({ CondId: `t${i}`, CondType: 1, Timer: { Days: '1000000', TimePoint: '09:30' } }))
        return { ...base, Conditions: timers }
      },
      code: 'LimitExceeded',
    },
  },
  {
    action: 'AppModifyAutomationStatus',
    // Enabled with only its Sunday 09:30 timer condition: the suite's frozen clock (a Thursday morning) never meets it.
    request: async (ctx) => {
      const onlyTimer = { ...automationExample(ctx), Conditions: [{ CondId: 'efg', CondType: 1, Timer: { Days: '1000000', TimePoint: '09:30' } }] }
      const { AutomationId } = await ctx.ok('AppCreateAutomation', onlyTimer)
      return { AutomationId, Status: 1 }
    },
    negative: { what: 'Status 2', request: async (ctx) => ({ AutomationId: await newAutomation(ctx), Status: 2 }), code: INVALID },
  },
]

export const INTELLIGENCE_CASES: ConformanceCase[] = [...SCHEDULING, ...MANUAL, ...AUTOMATIC]
