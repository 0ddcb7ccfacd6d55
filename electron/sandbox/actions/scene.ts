/**
 * Manual Intelligence: scenes of a family, run on demand (AppRunScene) by
 * intelligence/executor.ts. Any member of the family manages and runs its scenes (the
 * reference names no administrator-only rule here). While a scene runs (its delays
 * pending) it answers UnsupportedOperation.SceneRunInProgress to run, modify and delete.
 */
import { ApiError, ErrorCode, invalidParam } from '../api/errors'
import { readPage, slicePage } from '../api/paging'
import { linkageFamily, linkageScene } from '../intelligence/access'
import { runActions } from '../intelligence/executor'
import { parseActions, renderActions, type LinkageInput } from '../intelligence/link-actions'
import type { Scene } from '../intelligence/model'
import { intelligenceOf } from '../intelligence/store'
import type { World } from '../world/world'
import { catalogParams, type TokenApiAction, type TokenCallContext } from './registry'
import { joinDeviceId } from '../../../shared/device-id'

/** "Maximum number of return messages, with a maximum value of 50." */
const MAX_SCENE_PAGE = 50
/** Sandbox choice: the reference states no limit; its table has no LimitExceeded, so InvalidParameterValue. */
export const MAX_SCENES_PER_FAMILY = 100

const appCreateScene: TokenApiAction = {
  action: 'AppCreateScene',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppCreateScene'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = linkageFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const store = intelligenceOf(world)
    if (store.scenesOf(family.familyId).length >= MAX_SCENES_PER_FAMILY) {
      throw invalidParam(`Family ${family.familyId} already has ${MAX_SCENES_PER_FAMILY} scenes.`)
    }
    const actions = parseActions(linkageInput(ctx, family.familyId), ctx.params.Actions as unknown[])
    const now = Math.floor(ctx.nowMs / 1000)
    const scene: Scene = {
      sceneId: store.newSceneId(),
      familyId: family.familyId,
      userId: ctx.user.userId,
      ...names(ctx),
      actions,
      running: false,
      createTime: now,
      updateTime: now,
    }
    store.scenes.set(scene.sceneId, scene)
    return { SceneId: scene.sceneId }
  },
}

const appGetSceneList: TokenApiAction = {
  action: 'AppGetSceneList',
  endpoint: 'tokenapi',
  shape: 'flat',
  // Offset and Limit are required by the table, as the example sends them.
  params: catalogParams('AppGetSceneList'),
  handle(ctx) {
    const { world } = ctx.cloud
    const family = linkageFamily(world, ctx.user.userId, ctx.params.FamilyId as string)
    const page = readPage(ctx.params, MAX_SCENE_PAGE)
    const scenes = intelligenceOf(world).scenesOf(family.familyId)
    return { SceneList: slicePage(scenes, page).map((s) => sceneItem(world, s)), Total: scenes.length }
  },
}

const appDeleteScene: TokenApiAction = {
  action: 'AppDeleteScene',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppDeleteScene'),
  handle(ctx) {
    const scene = idleScene(ctx)
    intelligenceOf(ctx.cloud.world).scenes.delete(scene.sceneId)
    return {}
  },
}

const appModifyScene: TokenApiAction = {
  action: 'AppModifyScene',
  endpoint: 'tokenapi',
  shape: 'flat',
  params: catalogParams('AppModifyScene'),
  handle(ctx) {
    const scene = idleScene(ctx)
    // Name, icon and actions are all required and replaced; the family stays.
    const input = { ...linkageInput(ctx, scene.familyId), selfSceneId: scene.sceneId }
    const actions = parseActions(input, ctx.params.Actions as unknown[])
    Object.assign(scene, names(ctx), { actions, updateTime: Math.floor(ctx.nowMs / 1000) })
    return {}
  },
}

const appRunScene: TokenApiAction = {
  action: 'AppRunScene',
  endpoint: 'tokenapi',
  shape: 'flat',
  /**
   * The reference does not say whether the run is synchronous. The sandbox applies every
   * step before the first delay before it answers, and the rest as the delays pass.
   */
  params: catalogParams('AppRunScene'),
  handle(ctx) {
    const scene = idleScene(ctx)
    scene.running = true
    const run = {
      cloud: ctx.cloud,
      familyId: scene.familyId,
      source: { kind: 'scene' as const, id: scene.sceneId, name: scene.name },
      depth: 0,
      scenes: new Set([scene.sceneId]),
    }
    runActions(run, scene.actions, () => {
      scene.running = false
    })
    return {}
  },
}

/**
 * The fields of the reference's SceneList example. Flag 1 ("device anomalies in the
 * scene, not in the home") when a device of its actions is gone from the family.
 */
function sceneItem(world: World, scene: Scene): Record<string, unknown> {
  return {
    SceneId: scene.sceneId,
    FamilyId: scene.familyId,
    SceneName: scene.name,
    SceneIcon: scene.icon,
    Actions: renderActions(world, scene.actions),
    UserId: scene.userId,
    CreateTime: scene.createTime,
    UpdateTime: scene.updateTime,
    Flag: hasMissingDevice(world, scene) ? 1 : 0,
    Status: scene.running ? 1 : 0,
  }
}

function hasMissingDevice(world: World, scene: Scene): boolean {
  return scene.actions.some((a) => a.type === 0 && world.devices.get(joinDeviceId(a.productId, a.deviceName))?.familyId !== scene.familyId)
}

function idleScene(ctx: TokenCallContext): Scene {
  const scene = linkageScene(ctx.cloud.world, ctx.user.userId, ctx.params.SceneId as string)
  if (scene.running) throw new ApiError(ErrorCode.SceneRunInProgress, `Scene ${scene.sceneId} is running.`)
  return scene
}

function names(ctx: TokenCallContext): Pick<Scene, 'name' | 'icon'> {
  const name = ctx.params.SceneName as string
  if (name.trim() === '') throw invalidParam('SceneName must not be empty.')
  return { name, icon: ctx.params.SceneIcon as string }
}

function linkageInput(ctx: TokenCallContext, familyId: string): LinkageInput {
  return { cloud: ctx.cloud, userId: ctx.user.userId, familyId, limitCode: ErrorCode.InvalidParameterValue }
}

export const sceneActions = [appCreateScene, appGetSceneList, appDeleteScene, appModifyScene, appRunScene]
