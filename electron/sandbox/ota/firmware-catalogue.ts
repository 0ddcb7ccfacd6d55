/**
 * The firmware each product has on the cloud: two to four versions per product, with the
 * name, description, type, upload time and MD5 AppDescribeFirmware reports, and the image
 * itself (deterministic bytes from the seed, served by the sandbox's /firmware route, so
 * its MD5 can be checked against the record). Every product's list holds a version whose
 * text order differs from its version order (1.10.0 after 1.9.3), so clients that compare
 * versions as strings get caught.
 */
import { createHash } from 'node:crypto'
import { Rng } from '../prng'
import { hashKey, intAt } from '../sim/seed-hash'
import type { Product, ProductKind } from '../world/model'
import { compareVersions } from '../../../shared/firmware/version'

export interface Firmware {
  productId: string
  version: string
  name: string
  description: string
  /** Lower-case hex MD5 of the image. */
  md5: string
  /** Upload time, Unix seconds (the reference's Createtime). */
  createTime: number
  /** The reference's FwType: the module the image is for ("mcu" in its example). */
  fwType: string
  size: number
}

/** Versions per product kind, oldest first. The gateway's include its data template's `firmware` values. */
const VERSIONS: Readonly<Record<ProductKind, readonly string[]>> = {
  light: ['1.0.0', '1.2.0', '1.9.3', '1.10.0'],
  plug: ['2.0.9', '2.0.10'],
  gateway: ['1.4.2', '1.5.0', '1.5.1', '1.10.0'],
  sensor: ['0.9.8', '1.0.2', '1.0.10'],
  camera: ['3.8.2', '3.9.0', '3.10.1'],
  speaker: ['2.1.0', '2.2.4', '2.10.0'],
}
const FALLBACK_VERSIONS = ['1.0.0', '1.1.0']

const NOTES = [
  'Initial release.',
  'Stability fixes; faster reconnection after Wi-Fi loss.',
  'Lower standby power; security patches.',
  'Resumable OTA download; improved pairing.',
]

const DAY_S = 86_400

export class FirmwareCatalogue {
  private readonly byProduct = new Map<string, Firmware[]>()
  private readonly images = new Map<string, Buffer>()

  /** `nowMs`: the sandbox's start; the newest image was uploaded within the month before it. */
  constructor(
    private readonly seed: number,
    products: Iterable<Product>,
    nowMs: number,
  ) {
    for (const product of products) this.addProduct(product, Math.floor(nowMs / 1000))
  }

  /** A product's firmware, oldest version first (by version order, not text order). */
  versionsOf(productId: string): readonly Firmware[] {
    return this.byProduct.get(productId) ?? []
  }

  find(productId: string, version: string): Firmware | undefined {
    return this.versionsOf(productId).find((f) => f.version === version)
  }

  latest(productId: string): Firmware | undefined {
    const versions = this.versionsOf(productId)
    return versions[versions.length - 1]
  }

  /** The image of a firmware record (its MD5 is the record's). */
  imageOf(firmware: Firmware): Buffer {
    return this.images.get(imageKey(firmware.productId, firmware.version)) as Buffer
  }

  private addProduct(product: Product, nowSec: number): void {
    const versions = [...(VERSIONS[product.kind] ?? FALLBACK_VERSIONS)].sort(compareVersions)
    const records = versions.map((version, i) => {
      const key = hashKey(this.seed, 'firmware', product.productId, version)
      const image = buildImage(product.productId, version, key)
      this.images.set(imageKey(product.productId, version), image)
      const age = (versions.length - i) * 45 - intAt(key, 0, 0, 15)
      return {
        productId: product.productId,
        version,
        name: `${product.name} firmware`,
        description: NOTES[Math.min(i, NOTES.length - 1)] as string,
        md5: createHash('md5').update(image).digest('hex'),
        createTime: nowSec - age * DAY_S - intAt(key, 1, 0, DAY_S - 1),
        fwType: 'mcu',
        size: image.length,
      }
    })
    this.byProduct.set(product.productId, records)
  }
}

/** A readable header, then 8 to 24 KiB of bytes from the record's own generator. */
function buildImage(productId: string, version: string, key: number): Buffer {
  const header = Buffer.from(`SANDBOX-FIRMWARE ${productId} ${version}\n`)
  const rng = new Rng(key)
  const body = Buffer.alloc(rng.int(8, 24) * 1024)
  for (let i = 0; i < body.length; i++) body[i] = rng.int(0, 255)
  return Buffer.concat([header, body])
}

function imageKey(productId: string, version: string): string {
  return `${productId}/${version}`
}
