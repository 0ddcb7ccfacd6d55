import { chmodSync, existsSync, mkdirSync } from 'node:fs'

/** Files in the data folder are the user's alone: profiles, secrets, the store, logs. */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** Creates `dir` readable by the user only, and narrows it if it already existed wider. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(dir, PRIVATE_DIR_MODE)
}

/** Narrows an existing file to the user only (files written before this rule existed). */
export function narrowFile(file: string): void {
  if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
}
