/**
 * The sandbox's HTTP face: POST {base}/appapi and {base}/tokenapi with a JSON body, where
 * base is /api/exploreropen (the misspelt /api/exploreroopen the reference also prints is
 * accepted). API errors are HTTP 200 like Tencent's; anything else is a 404 JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { HttpEndpoint } from '../actions/registry'
import { ErrorCode } from '../api/errors'
import { errorBody } from '../api/envelope'
import type { SandboxCloud } from '../cloud'
import { CONTROL_PATH, handleControl } from '../control/control-endpoint'
import type { SandboxControl } from '../control/sandbox-control'
import { injectedDelay, injectedFailure } from './fault-injection'
import { BROKER_PATH, answerBroker, refuseBrokerRequest } from './broker-route'
import { isFirmwareRequest, serveFirmware } from './firmware-route'
import { isMediaPath, serveMedia } from '../media/routes'

export const API_BASE_PATH = '/api/exploreropen'
const ROUTE = /^\/api\/exploreroo?pen\/(appapi|tokenapi)\/?$/
const MAX_BODY_BYTES = 1024 * 1024

/** `control` adds the loopback-only POST /_sandbox/control (control/control-endpoint.ts). */
export function createSandboxServer(cloud: SandboxCloud, control?: SandboxControl): Server {
  const server = createServer((req, res) => {
    const routed = control && pathOf(req) === CONTROL_PATH ? handleControl(control, req, res) : route(cloud, req, res)
    routed.catch((error: unknown) => {
      // A client that hung up mid-body lands here too: nothing is left to answer.
      if (res.headersSent || req.destroyed) return void res.destroy()
      const message = error instanceof Error ? error.message : String(error)
      send(res, 500, errorBody(cloud.options.envelope, '', ErrorCode.InternalServerError, message))
    })
  })
  // A request Node cannot parse (no HTTP, headers over 16 KiB) is answered in the cloud's shape too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
    const body = JSON.stringify(errorBody(cloud.options.envelope, '', ErrorCode.InvalidParameterValue, 'The request is not valid HTTP.'))
    refuseRaw(socket, status, 'application/json; charset=utf-8', body)
  })
  return server
}

/** Answers on a socket whose request could not be parsed, then closes it (a reset peer: just closes). */
function refuseRaw(socket: Duplex, status: number, type: string, body: string): void {
  if (!socket.writable) return void socket.destroy()
  const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

async function route(cloud: SandboxCloud, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req)
  // GET /firmware/{ProductId}/{version}.bin: the images AppGetDeviceOTAInfo points at.
  if (isFirmwareRequest(req, path)) return serveFirmware(cloud.ota, req, res)
  // GET /timeshift/…, /cos/…, /kugou/…: recordings, thumbnails and songs (media/routes.ts).
  if (isMediaPath(path)) return serveMedia(cloud, req, res)
  if (path === BROKER_PATH && req.method === 'POST') {
    if (refuseBrokerRequest(req, res)) return
    return answerBroker(cloud, await readBody(req), res)
  }
  const endpoint = ROUTE.exec(path)?.[1] as HttpEndpoint | undefined
  if (!endpoint || req.method !== 'POST') {
    req.resume()
    send(res, 404, errorBody(cloud.options.envelope, '', 'ResourceNotFound', `No such endpoint: ${req.method} ${path}`))
    return
  }
  const body = await readBody(req)
  if (body === undefined) {
    send(res, 413, errorBody(cloud.options.envelope, '', ErrorCode.InvalidParameterValue, `The request body exceeds ${MAX_BODY_BYTES} bytes.`))
    return
  }
  await injectedDelay(cloud)
  send(res, 200, injectedFailure(cloud, endpoint, body) ?? cloud.call(endpoint, body, cmdOf(req)))
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/'
}

/** Tencent's SDK names the Action in the query (`tokenapi?cmd=AppGetFamilyList`) too. */
function cmdOf(req: IncomingMessage): string | undefined {
  const query = (req.url ?? '').split('?')[1]
  return query ? (new URLSearchParams(query).get('cmd') ?? undefined) : undefined
}

/** The body as UTF-8, or undefined when it is larger than MAX_BODY_BYTES (drained, not kept). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer)
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
