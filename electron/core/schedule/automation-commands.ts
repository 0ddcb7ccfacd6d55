/** The scene and automation commands of the bridge (shared/contracts/automation.ts): a home's linkages. */
import { mapConcurrently } from '../../../shared/concurrency'
import type { automationContract } from '../../../shared/contracts/automation'
import type { Automation, AutomationSettings, Condition, LinkAction, Scene } from '../../../shared/schedule'
import { ApiError } from '../api/api-error'
import {
  automationListShape,
  automationShape,
  createdAutomationShape,
  createdSceneShape,
  sceneListShape,
  type AutomationItem,
  type SceneItem,
} from '../api/answers/schedule'
import { readAnswer } from '../api/answers/read'
import type { CloudCall } from '../api/cloud-call'
import type { Params } from '../api/cloud-client'
import { fetchAllPages } from '../api/paging'
import type { DomainHandlers } from '../dispatcher'
import { actionsToCloud, conditionsToCloud, readActions, readConditions } from './linkage-wire'
import { checkAgainstModels, type ThingModels, type ValueCheck } from './model-check'
import { daysToMask, maskToDays, normalizeClock } from './week-mask'

/** "Maximum number of return messages, with a maximum value of 50." */
const SCENE_PAGE = 50
const DESCRIBE_CONCURRENCY = 4

/** `call` is the desk's audited call: every change lands in the audit log with its RequestId. */
export function automationCommands(call: CloudCall, models: ThingModels): DomainHandlers<typeof automationContract> {
  const change = async (action: string, params: Params) => ({ requestId: (await call(action, params)).requestId })
  const describe = (automationId: string) => describeAutomation(call, automationId)
  return {
    'scenes.list': ({ familyId }) => listScenes(call, familyId),
    'scenes.create': async ({ familyId, name, icon, actions }) => {
      await checkAgainstModels(models, actionChecks(actions))
      const reply = await call('AppCreateScene', { FamilyId: familyId, SceneName: name, SceneIcon: icon, Actions: actionsToCloud(actions) })
      return { sceneId: readAnswer(createdSceneShape, reply, 'AppCreateScene').SceneId, requestId: reply.requestId }
    },
    'scenes.modify': async ({ sceneId, name, icon, actions }) => {
      await checkAgainstModels(models, actionChecks(actions))
      return change('AppModifyScene', { SceneId: sceneId, SceneName: name, SceneIcon: icon, Actions: actionsToCloud(actions) })
    },
    'scenes.run': ({ sceneId }) => change('AppRunScene', { SceneId: sceneId }),
    'scenes.delete': ({ sceneId }) => change('AppDeleteScene', { SceneId: sceneId }),

    'automations.list': async ({ familyId }) => {
      const list = readAnswer(automationListShape, await call('AppGetAutomationList', { FamilyId: familyId }), 'AppGetAutomationList').List
      return list.map((a) => ({ automationId: a.AutomationId, name: a.Name, icon: a.Icon, enabled: a.Status === 1 }))
    },
    'automations.describe': ({ automationId }) => describe(automationId),
    'automations.describeAll': async ({ familyId }) => {
      const list = readAnswer(automationListShape, await call('AppGetAutomationList', { FamilyId: familyId }), 'AppGetAutomationList').List
      return mapConcurrently(list, DESCRIBE_CONCURRENCY, (a) => describe(a.AutomationId))
    },
    'automations.create': async ({ familyId, ...settings }) => {
      await checkAgainstModels(models, [...conditionChecks(settings.conditions), ...actionChecks(settings.actions)])
      const reply = await call('AppCreateAutomation', { FamilyId: familyId, ...automationParams(settings) })
      return { automationId: readAnswer(createdAutomationShape, reply, 'AppCreateAutomation').AutomationId, requestId: reply.requestId }
    },
    'automations.modify': async ({ automationId, ...settings }) => {
      await checkAgainstModels(models, [...conditionChecks(settings.conditions), ...actionChecks(settings.actions)])
      return change('AppModifyAutomation', { AutomationId: automationId, ...automationParams(settings) })
    },
    'automations.setEnabled': ({ automationId, enabled }) => change('AppModifyAutomationStatus', { AutomationId: automationId, Status: enabled ? 1 : 0 }),
    'automations.delete': ({ automationId }) => change('AppDeleteAutomation', { AutomationId: automationId }),
  }
}

function actionChecks(actions: readonly LinkAction[]): ValueCheck[] {
  return actions.flatMap((a) => (a.kind === 'control' ? [{ deviceId: a.deviceId, values: a.values }] : []))
}

function conditionChecks(conditions: readonly Condition[]): ValueCheck[] {
  return conditions.flatMap((c) => (c.kind === 'property' ? [{ deviceId: c.deviceId, propertyId: c.propertyId, op: c.op, value: c.value }] : []))
}

/** What AppCreateAutomation and AppModifyAutomation both take. */
function automationParams(settings: AutomationSettings): Params {
  return {
    Name: settings.name,
    Icon: settings.icon,
    Status: settings.enabled ? 1 : 0,
    MatchType: settings.match === 'all' ? 0 : 1,
    Conditions: conditionsToCloud(settings.conditions),
    Actions: actionsToCloud(settings.actions),
    EffectiveBeginTime: settings.activeFrom,
    EffectiveEndTime: settings.activeTo,
    EffectiveDays: daysToMask(settings.activeDays),
  }
}

async function listScenes(call: CloudCall, familyId: string): Promise<Scene[]> {
  const action = 'AppGetSceneList'
  return fetchAllPages(async (Offset, Limit) => {
    const reply = await call(action, { FamilyId: familyId, Offset, Limit })
    const page = readAnswer(sceneListShape, reply, action)
    return { items: page.SceneList.map((item) => readScene(item, familyId, (problem) => ApiError.malformed(action, reply.requestId, problem))), total: page.Total }
  }, SCENE_PAGE)
}

function readScene(item: SceneItem, familyId: string, malformed: (problem: string) => Error): Scene {
  const actions = readActions(item.Actions)
  if ('problem' in actions) throw malformed(`scene ${item.SceneId}: ${actions.problem}`)
  return {
    sceneId: item.SceneId,
    familyId: item.FamilyId || familyId,
    name: item.SceneName,
    icon: item.SceneIcon,
    actions: actions.value,
    userId: item.UserId,
    running: item.Status === 1,
    deviceMissing: item.Flag === 1,
    createTime: item.CreateTime,
    updateTime: item.UpdateTime,
  }
}

async function describeAutomation(call: CloudCall, automationId: string): Promise<Automation> {
  const action = 'AppDescribeAutomation'
  const reply = await call(action, { AutomationId: automationId })
  const read = readAutomation(readAnswer(automationShape, reply, action))
  if ('problem' in read) throw ApiError.malformed(action, reply.requestId, read.problem)
  return read.value
}

function readAutomation(item: AutomationItem): { value: Automation } | { problem: string } {
  const conditions = readConditions(item.Conditions)
  if ('problem' in conditions) return conditions
  const actions = readActions(item.Actions)
  if ('problem' in actions) return actions
  const activeFrom = normalizeClock(item.EffectiveBeginTime)
  const activeTo = normalizeClock(item.EffectiveEndTime)
  const activeDays = maskToDays(item.EffectiveDays)
  if (!activeFrom || !activeTo || !activeDays) {
    return { problem: `EffectiveBeginTime "${item.EffectiveBeginTime}", EffectiveEndTime "${item.EffectiveEndTime}" or EffectiveDays "${item.EffectiveDays}" cannot be read` }
  }
  return {
    value: {
      automationId: item.AutomationId,
      name: item.Name,
      icon: item.Icon,
      enabled: item.Status === 1,
      match: item.MatchType === 1 ? 'any' : 'all',
      conditions: conditions.value,
      actions: actions.value,
      activeFrom,
      activeTo,
      activeDays,
    },
  }
}
