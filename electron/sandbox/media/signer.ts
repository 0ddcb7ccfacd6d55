/**
 * Anti-hotlinking signatures of media URLs: HMAC-SHA1 (hex, as the reference's COS
 * q-signature) over the URL path and its validity. The key derives from the AppSecret and
 * the seed, so a sandbox signs the same URL the same way on every run and a URL signed by
 * one sandbox (other secret) is refused by another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { SandboxOptions } from '../options'

export class MediaSigner {
  private readonly key: Buffer

  constructor(appSecret: string, seed: number) {
    this.key = createHmac('sha256', appSecret).update(`sandbox-media|${seed}`).digest()
  }

  /** `validity` is the expiry (Unix seconds) or a COS "start;end" window. */
  sign(path: string, validity: string): string {
    return createHmac('sha1', this.key).update(`${path}\n${validity}`).digest('hex')
  }

  verify(path: string, validity: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(path, validity), 'utf8')
    const given = Buffer.from(signature, 'utf8')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}

const signers = new WeakMap<object, MediaSigner>()

export function mediaSigner(options: Readonly<SandboxOptions>): MediaSigner {
  let signer = signers.get(options)
  if (!signer) {
    signer = new MediaSigner(options.appSecret, options.seed)
    signers.set(options, signer)
  }
  return signer
}
