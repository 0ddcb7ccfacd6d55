/**
 * A home's scenes (actions run on demand: AppGetSceneList, AppCreateScene, AppModifyScene,
 * AppRunScene, AppDeleteScene) and automations (actions run when conditions hold:
 * AppGetAutomationList, AppDescribeAutomation, AppCreateAutomation, AppModifyAutomation,
 * AppModifyAutomationStatus, AppDeleteAutomation). Conditions and actions are typed
 * (shared/schedule.ts) and checked against the devices' thing models before anything is sent.
 */
import { z } from 'zod'
import { automationSchema, automationSettingsSchema, automationSummarySchema, sceneSchema, sceneSettingsSchema } from '../schedule'
import { changed, command, contract, id } from './define'

export const automationContract = contract({
  /** Every scene of the home (all pages). */
  'scenes.list': command(z.object({ familyId: id }).strict(), z.array(sceneSchema)),
  'scenes.create': command(sceneSettingsSchema.extend({ familyId: id }).strict(), z.object({ sceneId: z.string(), requestId: z.string() })),
  /** Replaces the scene's name, icon and actions (AppModifyScene). */
  'scenes.modify': command(sceneSettingsSchema.extend({ sceneId: id }).strict(), changed),
  /** Runs the scene now; its devices confirm through pushes (clientToken "scene::<sceneId>" on the sandbox). */
  'scenes.run': command(z.object({ sceneId: id }).strict(), changed),
  /** Deletes the scene (AppDeleteScene): it cannot be undone. */
  'scenes.delete': command(z.object({ sceneId: id }).strict(), changed),

  /** The home's automations, as listed (name, icon, enabled). */
  'automations.list': command(z.object({ familyId: id }).strict(), z.array(automationSummarySchema)),
  /** One automation in full: conditions, actions, when it may run (AppDescribeAutomation). */
  'automations.describe': command(z.object({ automationId: id }).strict(), automationSchema),
  /** Every automation of the home in full (the list, then each described). */
  'automations.describeAll': command(z.object({ familyId: id }).strict(), z.array(automationSchema)),
  'automations.create': command(automationSettingsSchema.extend({ familyId: id }).strict(), z.object({ automationId: z.string(), requestId: z.string() })),
  /** Replaces everything but the home (AppModifyAutomation). */
  'automations.modify': command(automationSettingsSchema.extend({ automationId: id }).strict(), changed),
  'automations.setEnabled': command(z.object({ automationId: id, enabled: z.boolean() }).strict(), changed),
  /** Deletes the automation (AppDeleteAutomation): it cannot be undone. */
  'automations.delete': command(z.object({ automationId: id }).strict(), changed),
})
