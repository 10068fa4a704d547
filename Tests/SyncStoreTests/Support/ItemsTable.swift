import SyncStore

/// The table the probe reads: `items(id, label)`, STRICT.
func createItemsTable(_ db: Database) throws {
    try db.executeScript("CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT")
}

func insertItem(_ db: Database, _ label: String) throws {
    try db.execute("INSERT INTO items (label) VALUES (?)", [.text(label)])
}

func itemCount(_ db: Database) throws -> Int {
    try db.scalar("SELECT count(*) FROM items", as: Int.self) ?? -1
}
