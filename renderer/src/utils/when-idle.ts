/**
 * Runs `work` once the page is idle (at the latest after `timeoutMs`): what the user did not
 * ask for yet waits for what they did. Returns a function that cancels it.
 */
export function whenIdle(work: () => void, timeoutMs = 2_000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: timeoutMs })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(work, Math.min(200, timeoutMs))
  return () => clearTimeout(id)
}
