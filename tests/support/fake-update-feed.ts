/**
 * An update server on loopback in electron-builder's "generic" layout (latest.yml, beta.yml
 * and the file they name), and a small updater reading it the way electron-updater does:
 * metadata, version comparison, a streamed download with progress, a sha512 check. The
 * update service's decisions are exercised against this instead of Electron's autoUpdater.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { parse } from 'yaml'
import { compareVersions } from '../../shared/firmware/version'
import type { DownloadProgress, OfferedUpdate, UpdateChannel, UpdaterPort } from '../../electron/core/updates/updater-port'

export interface FakeFeed {
  url: string
  /** What each channel offers; `corrupt` serves damaged metadata. */
  offer: { stable: string; beta: string; corrupt: boolean }
  requests: string[]
  close(): Promise<void>
}

const PAYLOAD = Buffer.alloc(256 * 1024, 7)
const SHA512 = createHash('sha512').update(PAYLOAD).digest('base64')

export async function startFakeFeed(port = 0): Promise<FakeFeed> {
  const offer = { stable: '1.2.0', beta: '1.3.0-beta.1', corrupt: false }
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    requests.push(String(req.url))
    const channel = req.url === '/latest.yml' ? offer.stable : req.url === '/beta.yml' ? offer.beta : null
    if (channel) {
      res.setHeader('content-type', 'text/yaml')
      return res.end(offer.corrupt ? 'version: [unclosed\n  files: {{{' : metadata(channel))
    }
    if (req.url?.endsWith('.zip')) return void sendSlowly(res)
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    offer,
    requests,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}

function metadata(version: string): string {
  const file = `Explorer-Desk-${version}.zip`
  return `version: ${version}\nfiles:\n  - url: ${file}\n    sha512: ${SHA512}\n    size: ${PAYLOAD.length}\npath: ${file}\nsha512: ${SHA512}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`
}

/** Eight chunks, so a download reports progress more than once. */
async function sendSlowly(res: import('node:http').ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-length': PAYLOAD.length, 'content-type': 'application/zip' })
  const step = PAYLOAD.length / 8
  for (let i = 0; i < 8; i++) {
    res.write(PAYLOAD.subarray(i * step, (i + 1) * step))
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  res.end()
}

function updaterError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

/** The feed's client, with electron-updater's error codes for unusable answers. */
export class FeedUpdater implements UpdaterPort {
  installRequested = 0
  private offered: { version: string; path: string; sha512: string } | null = null

  constructor(
    private readonly baseUrl: string,
    private readonly currentVersion: string,
  ) {}

  async check(channel: UpdateChannel): Promise<OfferedUpdate | null> {
    const file = channel === 'beta' ? 'beta.yml' : 'latest.yml'
    const response = await fetch(`${this.baseUrl}/${file}`)
    if (!response.ok) throw updaterError(`HttpError: ${response.status} for ${file}`, 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')
    let info: { version?: unknown; path?: unknown; sha512?: unknown }
    try {
      info = parse(await response.text()) as typeof info
    } catch (error) {
      throw updaterError(`Cannot parse update info from ${file}: ${(error as Error).message}`, 'ERR_UPDATER_INVALID_UPDATE_INFO')
    }
    if (typeof info?.version !== 'string' || typeof info.path !== 'string' || typeof info.sha512 !== 'string') {
      throw updaterError(`Cannot parse update info from ${file}`, 'ERR_UPDATER_INVALID_UPDATE_INFO')
    }
    this.offered = { version: info.version, path: info.path, sha512: info.sha512 }
    return compareVersions(info.version, this.currentVersion) > 0 ? { version: info.version } : null
  }

  async download(onProgress: (progress: DownloadProgress) => void): Promise<void> {
    if (!this.offered) throw new Error('nothing offered')
    const response = await fetch(`${this.baseUrl}/${this.offered.path}`)
    const total = Number(response.headers.get('content-length'))
    const hash = createHash('sha512')
    let transferred = 0
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk)
      transferred += chunk.byteLength
      onProgress({ percent: (transferred / total) * 100, transferred, total })
    }
    if (hash.digest('base64') !== this.offered.sha512) throw updaterError('sha512 checksum mismatch', 'ERR_CHECKSUM_MISMATCH')
  }

  install(): void {
    this.installRequested++
  }
}
