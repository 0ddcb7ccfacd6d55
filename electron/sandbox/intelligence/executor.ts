/**
 * Runs the Actions of a scene or automation in order: device controls go through
 * checkControl/controlDevice (so pushes and automations see them), a delay resumes the
 * rest through the cloud's scheduler, a scene action runs that scene's actions in place,
 * a notification lands in the inbox of every member of the family.
 *
 * A step that cannot run is skipped, as a linkage does not stop for one absent device: a
 * device gone from the family or offline, a control its template no longer accepts, a
 * scene deleted, already running or already in this chain (a scene that runs itself).
 */
import type { CloudState } from '../actions/registry'
import { deliver } from '../messages/inbox'
import { controlDevice } from '../sim/device-behaviour'
import { controlValues } from './control-data'
import type { LinkAction } from './model'
import { intelligenceOf } from './store'
import { joinDeviceId } from '../../../shared/device-id'

/**
 * MsgType of a scene or automation notification (Category 3). Sandbox choice: the
 * reference prints only 300 (device sharing) in that category.
 */
export const LINKAGE_NOTICE_MSG_TYPE = 310

export interface LinkageRun {
  cloud: CloudState
  familyId: string
  /** Whose actions these are: titles notifications and prefixes clientTokens. */
  source: { kind: 'scene' | 'automation'; id: string; name: string }
  /** Automation triggers that led here (0: a user or a timer). */
  depth: number
  /** Scenes running in this chain. */
  scenes: ReadonlySet<string>
}

/** Runs `actions` from the first; calls `done` after the last (later, if there are delays). */
export function runActions(run: LinkageRun, actions: readonly LinkAction[], done: () => void): void {
  let next = 0
  const resume = (): void => {
    while (next < actions.length) {
      const action = actions[next++] as LinkAction
      if (action.type === 1) {
        run.cloud.scheduler.after(Number(action.data) * 1000, guarded(resume))
        return
      }
      if (action.type === 2 && startScene(run, action.data, resume)) return
      if (action.type !== 2) performSafely(run, action)
    }
    done()
  }
  resume()
}

/** Runs a scene inside the chain; false if it cannot run now (the chain goes on without it). */
function startScene(run: LinkageRun, sceneId: string, resume: () => void): boolean {
  const scene = intelligenceOf(run.cloud.world).scenes.get(sceneId)
  if (!scene || scene.familyId !== run.familyId || scene.running || run.scenes.has(sceneId)) return false
  scene.running = true
  const nested: LinkageRun = {
    ...run,
    source: { kind: 'scene', id: scene.sceneId, name: scene.name },
    scenes: new Set([...run.scenes, sceneId]),
  }
  runActions(nested, scene.actions, () => {
    scene.running = false
    resume()
  })
  return true
}

function performSafely(run: LinkageRun, action: Exclude<LinkAction, { type: 1 | 2 }>): void {
  const store = intelligenceOf(run.cloud.world)
  const outer = store.causeDepth
  store.causeDepth = run.depth
  try {
    if (action.type === 0) controlStep(run, action)
    else notify(run, action.data)
  } catch {
    // One failing step (e.g. a listener's error) must not stop the chain or the sandbox.
  } finally {
    store.causeDepth = outer
  }
}

function controlStep(run: LinkageRun, action: Extract<LinkAction, { type: 0 }>): void {
  const device = run.cloud.world.devices.get(joinDeviceId(action.productId, action.deviceName))
  if (!device || device.familyId !== run.familyId || !device.online) return
  const values = controlValues(run.cloud, device, action.data)
  if (values) controlDevice(run.cloud, device, values, `${run.source.kind}::${run.source.id}`)
}

function notify(run: LinkageRun, text: string): void {
  const family = run.cloud.world.families.get(run.familyId)
  if (!family) return
  deliver(run.cloud.world, family.members.keys(), {
    category: 3,
    msgType: LINKAGE_NOTICE_MSG_TYPE,
    title: run.source.name,
    content: text,
    familyId: family.familyId,
    familyName: family.name,
  }, run.cloud.options.clock())
}

/** Scheduler callbacks must never throw into the event loop (it would end the app). */
function guarded(task: () => void): () => void {
  return () => {
    try {
      task()
    } catch {
      // Nothing to report to: the call that started the chain has long been answered.
    }
  }
}
