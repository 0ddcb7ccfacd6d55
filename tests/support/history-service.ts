/** A HistoryService on a fresh store and a fake cloud, for unit tests. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HistoryProgress } from '../../shared/history'
import { HistoryService, type HistoryTuning } from '../../electron/core/history/history-service'
import { openDatabase, type Db } from '../../electron/core/store/database'
import { FakeHistoryCloud, type FakeCloudOptions } from './fake-history-cloud'

export interface HistoryUnderTest {
  cloud: FakeHistoryCloud
  history: HistoryService
  db: Db
  dataDir: string
  progress: HistoryProgress[]
  /** performance.now() at each progress event. */
  progressAt: number[]
  clock: { now: number }
  close(): Promise<void>
}

/** Retries wait 1 ms so tests stay fast; nothing is held back as unsettled unless asked. */
export const FAST: Partial<HistoryTuning> = { retry: { delaysMs: [1, 2, 4], jitterMs: 0 }, settleMs: 0, minSegmentMs: 1, progressIntervalMs: 100 }

export function historyOnFake(options: FakeCloudOptions, tuning: Partial<HistoryTuning> = {}, dataDir = mkdtempSync(join(tmpdir(), 'desk-history-'))): HistoryUnderTest {
  const cloud = new FakeHistoryCloud(options)
  const db = openDatabase(dataDir)
  const progress: HistoryProgress[] = []
  const progressAt: number[] = []
  const clock = { now: 10_000_000 }
  const history = new HistoryService({
    call: cloud.call,
    db,
    now: () => clock.now,
    scope: () => 'https://cloud.test/api/exploreropen',
    emitProgress: (p) => {
      progress.push(p)
      progressAt.push(performance.now())
    },
    tuning: { ...FAST, ...tuning },
  })
  return {
    cloud,
    history,
    db,
    dataDir,
    progress,
    progressAt,
    clock,
    close: async () => {
      await history.close()
      db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
