/**
 * The store's schema, one migration per entry, applied in order and never edited once
 * released: a change is a new entry at the end.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     time_ms INTEGER NOT NULL,
     profile_id TEXT NOT NULL,
     profile_name TEXT NOT NULL,
     account TEXT NOT NULL,
     action TEXT NOT NULL,
     params_json TEXT NOT NULL,
     request_id TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
     error_code TEXT NOT NULL DEFAULT '',
     error_message TEXT NOT NULL DEFAULT ''
   );
   CREATE INDEX audit_log_time ON audit_log (time_ms);
   CREATE INDEX audit_log_action ON audit_log (action, time_ms);`,
  // Firmware rollouts: the plan, every device's state (written before each
  // publish), and the lease that lets one app instance at a time drive a rollout.
  `CREATE TABLE rollouts (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('fleet', 'single')),
     profile_id TEXT NOT NULL,
     profile_name TEXT NOT NULL,
     account TEXT NOT NULL,
     plan_json TEXT NOT NULL,
     selection_json TEXT NOT NULL,
     wave_sizes_json TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('draft', 'running', 'paused', 'completed', 'cancelled')),
     pause_reason TEXT NOT NULL DEFAULT '',
     current_wave INTEGER NOT NULL DEFAULT 0,
     created_ms INTEGER NOT NULL,
     started_ms INTEGER,
     finished_ms INTEGER,
     updated_ms INTEGER NOT NULL
   );
   CREATE TABLE rollout_devices (
     rollout_id TEXT NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
     device_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     wave INTEGER NOT NULL,
     product_id TEXT NOT NULL,
     product_name TEXT NOT NULL DEFAULT '',
     alias_name TEXT NOT NULL DEFAULT '',
     family_name TEXT NOT NULL DEFAULT '',
     room_name TEXT NOT NULL DEFAULT '',
     gateway_id TEXT NOT NULL DEFAULT '',
     is_gateway INTEGER NOT NULL DEFAULT 0,
     from_version TEXT NOT NULL,
     target_version TEXT NOT NULL,
     final_version TEXT NOT NULL DEFAULT '',
     state TEXT NOT NULL,
     reason TEXT NOT NULL DEFAULT '',
     detail TEXT NOT NULL DEFAULT '',
     attempt INTEGER NOT NULL DEFAULT 1,
     published_attempt INTEGER NOT NULL DEFAULT 0,
     publishes INTEGER NOT NULL DEFAULT 0,
     request_id TEXT NOT NULL DEFAULT '',
     ota_status INTEGER,
     percent INTEGER,
     acked INTEGER NOT NULL DEFAULT 0,
     wait_until_ms INTEGER,
     published_ms INTEGER,
     finished_ms INTEGER,
     PRIMARY KEY (rollout_id, device_id),
     CHECK (published_attempt <= attempt)
   );
   CREATE INDEX rollout_devices_order ON rollout_devices (rollout_id, seq);
   CREATE TABLE rollout_leases (
     rollout_id TEXT PRIMARY KEY REFERENCES rollouts (id) ON DELETE CASCADE,
     owner TEXT NOT NULL,
     pid INTEGER NOT NULL,
     host TEXT NOT NULL,
     heartbeat_ms INTEGER NOT NULL
   );`,
  /* History cache (electron/core/history/cache.ts): a series is one cloud's device property,
     or '@events' for the device's events; spans are the closed time ranges held completely. */
  `CREATE TABLE history_series (
     id INTEGER PRIMARY KEY,
     scope TEXT NOT NULL,
     device_id TEXT NOT NULL,
     property TEXT NOT NULL,
     UNIQUE (scope, device_id, property)
   );
   CREATE TABLE history_points (
     series_id INTEGER NOT NULL,
     time_ms INTEGER NOT NULL,
     value,
     PRIMARY KEY (series_id, time_ms)
   ) WITHOUT ROWID;
   CREATE TABLE history_events (
     series_id INTEGER NOT NULL,
     time_ms INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     event_id TEXT NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (series_id, time_ms, seq)
   ) WITHOUT ROWID;
   CREATE TABLE history_spans (
     series_id INTEGER NOT NULL,
     from_ms INTEGER NOT NULL,
     to_ms INTEGER NOT NULL,
     items INTEGER NOT NULL,
     last_used_ms INTEGER NOT NULL,
     PRIMARY KEY (series_id, from_ms),
     CHECK (from_ms <= to_ms)
   ) WITHOUT ROWID;
   CREATE INDEX history_spans_lru ON history_spans (last_used_ms);
   CREATE TABLE history_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // The device a change was about, by the name the user knows it by, searchable in the audit log.
  `ALTER TABLE audit_log ADD COLUMN device_name TEXT NOT NULL DEFAULT '';`,
  /* History points as chunks of columns (one per stored span piece) instead of a row per
     point: a million cached points read in milliseconds, not seconds. The old rows are a
     cache: their spans are dropped with them and fetched again when asked for. */
  `CREATE TABLE history_chunks (
     series_id INTEGER NOT NULL,
     from_ms INTEGER NOT NULL,
     to_ms INTEGER NOT NULL,
     count INTEGER NOT NULL,
     times BLOB NOT NULL,
     numbers BLOB,
     texts TEXT,
     PRIMARY KEY (series_id, from_ms),
     CHECK (from_ms <= to_ms),
     CHECK ((numbers IS NULL) <> (texts IS NULL))
   ) WITHOUT ROWID;
   DELETE FROM history_spans WHERE series_id IN (SELECT id FROM history_series WHERE property <> '@events');
   DROP TABLE history_points;`,
]
