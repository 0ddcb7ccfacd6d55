/**
 * The chart's colours, read from Element Plus's CSS variables so light and dark themes
 * (the `dark` class on <html>) give a chart that matches the page. Read again after every
 * theme change: the variables are the only source of truth.
 */
export interface ChartTheme {
  text: string
  textMuted: string
  border: string
  background: string
  tooltipBackground: string
  palette: string[]
  /** Event markers by type: info, alert, fault (and anything else). */
  events: { info: string; alert: string; fault: string; other: string }
  brush: string
}

const PALETTE_VARS = [
  '--el-color-primary',
  '--el-color-success',
  '--el-color-warning-dark-2',
  '--el-color-danger-light-3',
  '--el-color-primary-light-5',
  '--el-color-success-light-3',
  '--el-color-info',
  '--el-color-primary-dark-2',
]

export function readChartTheme(root: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(root)
  // A missing variable (tests without Element's CSS) falls back to a neutral colour keyword.
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    text: read('--el-text-color-regular', 'CanvasText'),
    textMuted: read('--el-text-color-secondary', 'GrayText'),
    border: read('--el-border-color-lighter', 'GrayText'),
    background: read('--el-bg-color', 'Canvas'),
    tooltipBackground: read('--el-bg-color-overlay', 'Canvas'),
    palette: PALETTE_VARS.map((name) => read(name, 'CanvasText')),
    events: {
      info: read('--el-color-primary', 'CanvasText'),
      alert: read('--el-color-warning', 'CanvasText'),
      fault: read('--el-color-danger', 'CanvasText'),
      other: read('--el-color-info', 'GrayText'),
    },
    brush: read('--el-color-primary-light-7', 'Highlight'),
  }
}
