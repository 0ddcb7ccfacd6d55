/**
 * Faults a test or benchmark injects into the sandbox: latency with jitter, a random error
 * rate, and per-device overrides. The HTTP/WebSocket faces and the OTA engine consult it;
 * the loopback control endpoint and the CLI flags set it.
 */
export class Faults {
  /** Added to every HTTP answer, in ms, plus up to `jitterMs` at random. */
  latencyMs = 0
  jitterMs = 0
  /** Share (0..1) of tokenapi calls answered with InternalServerError. */
  errorRate = 0
  private readonly failingUpgrades = new Set<string>()

  constructor(private readonly random: () => number = Math.random) {}

  /** The delay to apply to the next answer. */
  nextDelayMs(): number {
    return this.latencyMs + (this.jitterMs > 0 ? this.random() * this.jitterMs : 0)
  }

  /** Whether the next call should fail with an injected server error. */
  shouldFailCall(): boolean {
    return this.errorRate > 0 && this.random() < this.errorRate
  }

  /** Makes the device's current or next firmware upgrade fail. */
  failUpgradeOf(deviceId: string): void {
    this.failingUpgrades.add(deviceId)
  }

  /** True once for a device marked by failUpgradeOf (the mark is consumed). */
  takeUpgradeFailure(deviceId: string): boolean {
    return this.failingUpgrades.delete(deviceId)
  }
}
