/** The sandbox cloud's public demo account (not a secret: it only opens the emulator). */
export const SANDBOX_DEMO = { email: 'demo@sandbox.local', password: 'sandbox-demo' } as const
