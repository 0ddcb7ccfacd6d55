// Draws the app icon from one geometry, twice: build/icon.svg (vector source) and
// build/icon.png (1024 px, what electron-builder turns into .ico/.icns/Linux sizes).
// Run `node build/icon.mjs` after changing the geometry; both files are committed.
// The mark: a device's signal waves rising over a desk, on Tencent-blue.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 1024
const tile = { inset: 100, radius: 185 } // macOS-style margin, so all platforms look alike
const gradient = { from: [0, 82, 217], to: [0, 163, 255] } // top-left → bottom-right
const dot = { cx: 512, cy: 560, r: 66 }
const halfAngle = (52 * Math.PI) / 180 // each wave spans ±52° around straight up
const waves = [
  { r: 170, width: 58 },
  { r: 290, width: 58 },
]
const desk = { x: 282, y: 712, w: 460, h: 60 }

function svg() {
  const arc = ({ r, width }) => {
    const dx = r * Math.sin(halfAngle)
    const y = (dot.cy - r * Math.cos(halfAngle)).toFixed(1)
    const [left, right] = [(dot.cx - dx).toFixed(1), (dot.cx + dx).toFixed(1)]
    return `<path d="M ${left} ${y} A ${r} ${r} 0 0 1 ${right} ${y}" stroke-width="${width}"/>`
  }
  const side = SIZE - 2 * tile.inset
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="rgb(${gradient.from})"/>
      <stop offset="1" stop-color="rgb(${gradient.to})"/>
    </linearGradient>
  </defs>
  <rect x="${tile.inset}" y="${tile.inset}" width="${side}" height="${side}" rx="${tile.radius}" fill="url(#bg)"/>
  <g fill="none" stroke="#fff" stroke-linecap="round">
    ${waves.map(arc).join('\n    ')}
  </g>
  <circle cx="${dot.cx}" cy="${dot.cy}" r="${dot.r}" fill="#fff"/>
  <rect x="${desk.x}" y="${desk.y}" width="${desk.w}" height="${desk.h}" rx="${desk.h / 2}" fill="#fff"/>
</svg>
`
}

// Signed distances in pixels (negative inside), the same shapes as the SVG.
function roundedBox(px, py, x, y, w, h, r) {
  const qx = Math.abs(px - (x + w / 2)) - (w / 2 - r)
  const qy = Math.abs(py - (y + h / 2)) - (h / 2 - r)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}

function roundCapArc(px, py, r, width) {
  const x = Math.abs(px - dot.cx)
  const y = dot.cy - py // up is positive
  const [s, c] = [Math.sin(halfAngle), Math.cos(halfAngle)]
  const d = c * x > s * y ? Math.hypot(x - s * r, y - c * r) : Math.abs(Math.hypot(x, y) - r)
  return d - width / 2
}

function markDistance(px, py) {
  const shapes = [
    Math.hypot(px - dot.cx, py - dot.cy) - dot.r,
    roundedBox(px, py, desk.x, desk.y, desk.w, desk.h, desk.h / 2),
    ...waves.map(({ r, width }) => roundCapArc(px, py, r, width)),
  ]
  return Math.min(...shapes)
}

const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance))

function pixels() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4)
  const side = SIZE - 2 * tile.inset
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const [x, y] = [px + 0.5, py + 0.5]
      const tileAlpha = coverage(roundedBox(x, y, tile.inset, tile.inset, side, side, tile.radius))
      if (tileAlpha === 0) continue
      const t = Math.min(1, Math.max(0, (x + y - 2 * tile.inset) / (2 * side)))
      const white = coverage(markDistance(x, y))
      const offset = (py * SIZE + px) * 4
      for (let channel = 0; channel < 3; channel++) {
        const base = gradient.from[channel] + (gradient.to[channel] - gradient.from[channel]) * t
        rgba[offset + channel] = Math.round(base + (255 - base) * white)
      }
      rgba[offset + 3] = Math.round(255 * tileAlpha)
    }
  }
  return rgba
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1)) // each row: filter byte 0, then pixels
  for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

const here = new URL('.', import.meta.url)
writeFileSync(new URL('icon.svg', here), svg())
writeFileSync(new URL('icon.png', here), png(pixels()))
console.log('wrote build/icon.svg and build/icon.png')
