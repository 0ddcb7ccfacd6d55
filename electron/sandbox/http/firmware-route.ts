/**
 * GET /firmware/{ProductId}/{version}.bin?sign=...: the firmware images AppGetDeviceOTAInfo
 * points devices at, standing in for Tencent's signed COS URLs. A missing or wrong sign is
 * refused with 403 and an unknown image with 404, as object storage answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { OtaEngine } from '../ota/ota-engine'
import { requestUrl } from './request-url'

const FIRMWARE_ROUTE = /^\/firmware\/([^/]+)\/([^/]+)\.bin$/

export function isFirmwareRequest(req: IncomingMessage, path: string): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && FIRMWARE_ROUTE.test(path)
}

export function serveFirmware(ota: OtaEngine, req: IncomingMessage, res: ServerResponse): void {
  req.resume()
  const url = requestUrl(req)
  if (!url) return sendText(res, 400, 'InvalidURI: the request target is not a URL.')
  const match = FIRMWARE_ROUTE.exec(url.pathname)
  const [productId, version] = match ? [decode(match[1]), decode(match[2])] : ['', '']
  const firmware = ota.catalogue.find(productId, version)
  if (!firmware) return sendText(res, 404, 'NoSuchKey: the specified firmware does not exist.')
  if (!ota.checkSign(productId, version, url.searchParams.get('sign') ?? '')) {
    return sendText(res, 403, 'AccessDenied: the request signature does not match.')
  }
  const image = ota.catalogue.imageOf(firmware)
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': image.length,
    'content-md5': Buffer.from(firmware.md5, 'hex').toString('base64'),
    etag: `"${firmware.md5}"`,
  })
  res.end(req.method === 'HEAD' ? undefined : image)
}

function decode(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '')
  } catch {
    return ''
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
