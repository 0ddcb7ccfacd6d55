/**
 * Automatic Intelligence: automations of a family, run by intelligence/automation-engine.ts
 * when their conditions are met. Any member of the family manages them (the reference
 * names no administrator-only rule here).
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { linkageAutomation, linkageFamily } from '../intelligence/access'
import { armAutomation } from '../intelligence/automation-engine'
import { formatClock, isDayMask, parseClock } from '../intelligence/china-time'
import { parseConditions, renderConditions } from '../intelligence/conditions'
import { flag } from '../intelligence/fields'
import { parseActions, renderActions, type LinkageInput } from '../intelligence/link-actions'
import type { Automation } from '../intelligence/model'
import { scheduleNow } from '../intelligence/schedule-clock'
import { intelligenceOf } from '../intelligence/store'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'

/** Sandbox choice for "The quantity exceeds the limit" (LimitExceeded): the reference gives no number. */
export const MAX_AUTOMATIONS_PER_FAMILY = 100

/** What AppCreateAutomation and AppModifyAutomation both set. */
type Settings = Pick<Automation,
  'name' | 'icon' | 'status' | 'matchType' | 'conditions' | 'actions' | 'effectiveBegin' | 'effectiveEnd' | 'effectiveDays'>

const appCreateAutomation: TokenApiAction = {
  action: 'AppCreateAutomation',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppCreateAutomation'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = linkageFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const store = intelligenceOf(world)
    if (store.automationsOf(family.familyId).length >= MAX_AUTOMATIONS_PER_FAMILY) {
      throw new ApiError(ErrorCode.LimitExceeded, `Family ${family.familyId} already has ${MAX_AUTOMATIONS_PER_FAMILY} automations.`)
    }
    const now = Math.floor(ctx.nowMs / 1000)
    const automation: Automation = {
      automationId: store.newAutomationId(),
      familyId: family.familyId,
      userId: ctx.user.userId,
      ...readSettings(ctx, family.familyId),
      createTime: now,
      updateTime: now,
      armedMs: ctx.nowMs,
      condStates: new Map(),
      running: false,
    }
    armAutomation(world, automation, scheduleNow(ctx.cloud))
    store.automations.set(automation.automationId, automation)
    return { AutomationId: automation.automationId }
  },
}

const appGetAutomationList: TokenApiAction = {
  action: 'AppGetAutomationList',
  endpoint: 'tokenapi',
  shape: 'flat',
  // Not paged: the reference takes only FamilyId and answers List without Total.
  params: catalogParams('AppGetAutomationList'),
  handle(ctx) {
    const family = linkageFamily(ctx.cloud.world, ctx.user.userId, ctx.params.FamilyId as string)
    const list = intelligenceOf(ctx.cloud.world).automationsOf(family.familyId)
    return { List: list.map((a) => ({ AutomationId: a.automationId, Icon: a.icon, Name: a.name, Status: a.status })) }
  },
}

const appDescribeAutomation: TokenApiAction = {
  action: 'AppDescribeAutomation',
  endpoint: 'tokenapi',
  // The success example nests the automation in Response.Data.
  shape: 'data',
  params: catalogParams('AppDescribeAutomation'),
  handle(ctx) {
    const { world } = ctx.cloud
    const a = linkageAutomation(world, ctx.user.userId, ctx.params.AutomationId as string)
    return {
      AutomationId: a.automationId,
      Icon: a.icon,
      Name: a.name,
      Status: a.status,
      MatchType: a.matchType,
      EffectiveBeginTime: formatClock(a.effectiveBegin),
      EffectiveEndTime: formatClock(a.effectiveEnd),
      EffectiveDays: a.effectiveDays,
      Conditions: renderConditions(world, a.conditions),
      Actions: renderActions(world, a.actions),
    }
  },
}

const appDeleteAutomation: TokenApiAction = {
  action: 'AppDeleteAutomation',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppDeleteAutomation'),
  handle(ctx) {
    const a = linkageAutomation(ctx.cloud.world, ctx.user.userId, ctx.params.AutomationId as string)
    intelligenceOf(ctx.cloud.world).automations.delete(a.automationId)
    return {}
  },
}

const appModifyAutomation: TokenApiAction = {
  action: 'AppModifyAutomation',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The reference's example sends Action "AppCreateAutomation" (docs/api-decisions.md §4.1); the sandbox dispatches on Action.
  params: catalogParams('AppModifyAutomation'),
  handle(ctx) {
    const { world } = ctx.cloud
    const a = linkageAutomation(world, ctx.user.userId, ctx.params.AutomationId as string)
    // Everything but the family is required and replaced.
    Object.assign(a, readSettings(ctx, a.familyId), { updateTime: Math.floor(ctx.nowMs / 1000) })
    armAutomation(world, a, scheduleNow(ctx.cloud))
    return {}
  },
}

const appModifyAutomationStatus: TokenApiAction = {
  action: 'AppModifyAutomationStatus',
  endpoint: 'tokenapi',
  shape: 'flat',
  // The reference's example sends Action "AppGetAutomationList" (docs/api-decisions.md §4.1).
  params: catalogParams('AppModifyAutomationStatus'),
  handle(ctx) {
    const { world } = ctx.cloud
    const a = linkageAutomation(world, ctx.user.userId, ctx.params.AutomationId as string)
    const status = flag(ctx.params.Status, 'Status')
    // Re-enabled: conditions already true then wait for their next change.
    if (status === 1 && a.status === 0) armAutomation(world, a, scheduleNow(ctx.cloud))
    a.status = status
    a.updateTime = Math.floor(ctx.nowMs / 1000)
    return {}
  },
}

function readSettings(ctx: TokenCallContext, familyId: string): Settings {
  const p = ctx.params
  const name = p.Name as string
  if (name.trim() === '') throw invalidParam('Name must not be empty.')
  const effectiveDays = p.EffectiveDays as string
  if (!isDayMask(effectiveDays) || !effectiveDays.includes('1')) {
    throw invalidParam('EffectiveDays must be 7 characters 0/1 (Sunday first) with at least one day.')
  }
  const input: LinkageInput = { cloud: ctx.cloud, userId: ctx.user.userId, familyId, limitCode: ErrorCode.LimitExceeded }
  return {
    name,
    icon: p.Icon as string,
    status: flag(p.Status, 'Status'),
    matchType: flag(p.MatchType, 'MatchType'),
    effectiveBegin: clock(p.EffectiveBeginTime as string, 'EffectiveBeginTime'),
    effectiveEnd: clock(p.EffectiveEndTime as string, 'EffectiveEndTime'),
    effectiveDays,
    conditions: parseConditions(input, p.Conditions as unknown[]),
    actions: parseActions(input, p.Actions as unknown[]),
  }
}

function clock(text: string, name: string): number {
  const minutes = parseClock(text)
  if (minutes === undefined) throw invalidParam(`${name} must be HH:mm.`)
  return minutes
}

export const automationActions = [
  appCreateAutomation, appGetAutomationList, appDescribeAutomation,
  appDeleteAutomation, appModifyAutomation, appModifyAutomationStatus,
]
