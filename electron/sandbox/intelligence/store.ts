/**
 * Where timers, scenes and automations live: one store per world, attached to it here so
 * the shared World stays small. Ids come from the world's seeded generator, so the same
 * seed and the same calls give the same ids.
 */
import type { World } from '../world/world'
import type { Automation, DeviceTimer, Scene } from './model'

export class IntelligenceStore {
  readonly timers = new Map<string, DeviceTimer>()
  readonly scenes = new Map<string, Scene>()
  readonly automations = new Map<string, Automation>()
  /** The last minute (epoch minutes) the timer engine has handled. */
  lastCheckedMinute: number | undefined
  /**
   * How many automation triggers led to the change being applied now (0: a user, a
   * timer or the device itself). Automations caused by automations stop at a depth.
   */
  causeDepth = 0
  /** When the sped-up schedule clock started (see ./schedule-clock.ts). */
  scheduleEpochMs: number | undefined

  constructor(private readonly world: World) {}

  /** The reference's example lists the newest timer first. */
  timersOf(deviceId: string): DeviceTimer[] {
    return [...this.timers.values()].filter((t) => t.deviceId === deviceId).reverse()
  }

  scenesOf(familyId: string): Scene[] {
    return [...this.scenes.values()].filter((s) => s.familyId === familyId)
  }

  automationsOf(familyId: string): Automation[] {
    return [...this.automations.values()].filter((a) => a.familyId === familyId)
  }

  /** 32 hex like the reference's TimerId "e0e23a2b33a24652b6*****a1cf". */
  newTimerId(): string {
    return this.world.rng.hex(32)
  }

  /** `s_` + 32 hex: the reference's scene ids (its AppCreateScene example's "a_…" is a slip, docs/api-decisions.md §4.9). */
  newSceneId(): string {
    return `s_${this.world.rng.hex(32)}`
  }

  /** `a_` + 32 hex, like "a_cd61ddbe****47d21d6aeffea". */
  newAutomationId(): string {
    return `a_${this.world.rng.hex(32)}`
  }
}

const stores = new WeakMap<World, IntelligenceStore>()

export function intelligenceOf(world: World): IntelligenceStore {
  let store = stores.get(world)
  if (!store) {
    store = new IntelligenceStore(world)
    stores.set(world, store)
  }
  return store
}
