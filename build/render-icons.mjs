// Renders every app icon from the one source, build/icon.svg:
//   build/icons/<n>x<n>.png  Linux (AppImage, deb hicolor theme) and the window icon
//   build/icon.png           1024 px, what electron-builder reads by default
//   build/icon.ico           Windows (16–256 px inside)
//   build/icon.icns          macOS (16–1024 px inside)
// Run `npm run icons` after changing icon.svg (or icon.mjs, which draws it); the outputs are committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

const here = import.meta.dirname
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

export function renderIcons(outDir = here, svg = readFileSync(join(here, 'icon.svg'))) {
  mkdirSync(join(outDir, 'icons'), { recursive: true })
  const written = []
  for (const size of LINUX_SIZES) {
    const file = join(outDir, 'icons', `${size}x${size}.png`)
    writeFileSync(file, renderPng(svg, size))
    written.push(file)
  }
  const master = renderPng(svg, 1024)
  writeFileSync(join(outDir, 'icon.png'), master)
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true)
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0)
  if (!ico || !icns) throw new Error('png2icons could not convert the icon')
  writeFileSync(join(outDir, 'icon.ico'), ico)
  writeFileSync(join(outDir, 'icon.icns'), icns)
  return [...written, join(outDir, 'icon.png'), join(outDir, 'icon.ico'), join(outDir, 'icon.icns')]
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const file of renderIcons()) console.log(file)
}
