/**
 * Refuses values that do not fit a device's thing model before anything reaches the cloud,
 * so a malformed timer, scene or automation is never half-made. Products whose thing model
 * cannot be read (or is empty) are left to the cloud's own checks.
 */
import { splitDeviceId } from '../../../shared/device-id'
import type { Product } from '../../../shared/domain'
import { LocalCode } from '../../../shared/errors'
import type { Comparison } from '../../../shared/schedule'
import { conditionProblem, controlProblem, describeValueProblem, type ValueProblem } from '../../../shared/thing-values'
import type { ThingModel } from '../../../shared/thing-model'
import { ApiError } from '../api/api-error'

/** What the checks need from the fleet: products (cached) and the names devices are known by. */
export interface ThingModels {
  productList(productIds: string[]): Promise<Product[]>
  deviceName(deviceId: string): string | undefined
}

export type ValueCheck =
  | { deviceId: string; values: Readonly<Record<string, unknown>> }
  | { deviceId: string; propertyId: string; op: Comparison; value: unknown }

/** Throws a validation error naming the device and property of the first misfit. */
export async function checkAgainstModels(models: ThingModels, checks: readonly ValueCheck[]): Promise<void> {
  if (checks.length === 0) return
  const productIds = [...new Set(checks.map((c) => splitDeviceId(c.deviceId)[0]))]
  const byId = new Map((await models.productList(productIds)).map((p) => [p.productId, p.thingModel]))
  for (const check of checks) {
    const model = byId.get(splitDeviceId(check.deviceId)[0])
    if (!model || model.properties.length === 0) continue
    const problem = problemOf(model, check)
    if (problem) throw refusal(problem, models.deviceName(check.deviceId), check.deviceId)
  }
}

function problemOf(model: ThingModel, check: ValueCheck): ValueProblem | null {
  return 'values' in check ? controlProblem(model, check.values) : conditionProblem(model, check.propertyId, check.op, check.value)
}

function refusal(problem: ValueProblem, name: string | undefined, deviceId: string): ApiError {
  const label = name ? `"${name}" (${deviceId})` : deviceId
  return new ApiError({ kind: 'validation', code: LocalCode.InvalidArguments, message: `${describeValueProblem(problem, label)} Nothing was saved.` })
}
