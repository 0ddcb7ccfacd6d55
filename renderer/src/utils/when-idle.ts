/** Runs `work` once the page is idle (at the latest after 2 s): what the user did not ask for yet waits for what they did. */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2_000 })
  else setTimeout(work, 200)
}
