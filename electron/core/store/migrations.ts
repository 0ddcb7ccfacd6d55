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
]
