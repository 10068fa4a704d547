// SyncStore: SQLite state (connection, migrations, journal). Filled by the store work.
