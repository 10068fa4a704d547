/// Sides are stored by their raw value (`"crm"`, `"prm"`) in plans and journal rows.
extension Side: Codable {}
