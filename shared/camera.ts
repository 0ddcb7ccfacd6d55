/**
 * Which products are cameras (have cloud recordings). The reference has no "is a camera"
 * flag: cloud storage belongs to IoT Video products, whose thing models carry the
 * recording switches, and whose category is a camera category. A product is taken for a
 * camera when either says so; the cloud has the last word (a non-camera's cloud-storage
 * call fails with InvalidParameterValue, which the view shows as such).
 */
import type { Product } from './domain'

/** Camera categories: 590 is the sandbox's "IP camera" (Tencent's IPC category). */
const CAMERA_CATEGORY_IDS: ReadonlySet<number> = new Set([590])
/** Thing-model properties only a recording camera has. */
const RECORDING_PROPERTY_IDS: ReadonlySet<string> = new Set(['record_enable', 'cloud_storage', 'cloud_record'])

export function isCamera(product: Pick<Product, 'categoryId' | 'thingModel'>): boolean {
  return CAMERA_CATEGORY_IDS.has(product.categoryId) || product.thingModel.properties.some((p) => RECORDING_PROPERTY_IDS.has(p.id))
}
