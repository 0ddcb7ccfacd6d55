// Draws the app icon's one source, build/icon.svg, from its geometry. Every raster icon
// (PNG sizes, .ico, .icns) is rendered from that SVG by render-icons.mjs (`npm run icons`).
// Run `node build/icon.mjs` after changing the geometry; the outputs are committed.
// The mark: a device's signal waves rising over a desk, on Tencent-blue.
import { writeFileSync } from 'node:fs'

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

const here = new URL('.', import.meta.url)
writeFileSync(new URL('icon.svg', here), svg())
console.log('wrote build/icon.svg; now run `npm run icons` for the PNG, ICO and ICNS files')
