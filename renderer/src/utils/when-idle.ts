/**
 * Runs `work` once the page is idle after its next frame (at the latest after `timeoutMs`):
 * what the user did not ask for yet waits for what they did. Returns a function that cancels it.
 *
 * An idle callback asked for at once may run in the gap before the frame that shows the
 * user's change, and a long one pushes that frame back: the device list's URL write after a
 * filter choice (the router's navigation, 3–6 ms) ran before the choice's frame in 25 of 50
 * choices, drawn that much later (session 16). So the idle time asked for is the next frame's.
 */
export function whenIdle(work: () => void, timeoutMs = 2_000): () => void {
  if (typeof requestIdleCallback !== 'function' || typeof requestAnimationFrame !== 'function') {
    const id = setTimeout(work, Math.min(200, timeoutMs))
    return () => clearTimeout(id)
  }
  let frame = 0
  let afterFrame: ReturnType<typeof setTimeout> | undefined
  let idle = 0
  const latest = setTimeout(finish, timeoutMs)
  // A task after the frame's callbacks runs once it is drawn; idle time comes after that.
  frame = requestAnimationFrame(() => {
    afterFrame = setTimeout(() => (idle = requestIdleCallback(finish)), 0)
  })
  function cancel(): void {
    clearTimeout(latest)
    cancelAnimationFrame(frame)
    clearTimeout(afterFrame)
    cancelIdleCallback(idle)
  }
  function finish(): void {
    cancel()
    work()
  }
  return cancel
}
