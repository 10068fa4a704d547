import SyncHTTP

/// How the generic connector talks to one object (collection) of one REST API: every
/// endpoint, where records and ids sit in responses, and how pages follow each other.
/// Built from the remote's `options` (see `GenericRESTOptions`), never from code.
struct GenericRESTSettings: Sendable, Hashable {
    struct List: Sendable, Hashable {
        var path: PathTemplate
        /// Constant query parameters, sorted by name.
        var query: [Parameter]
        /// Where the records are; several paths are read in order and concatenated.
        var records: [ResponsePath]
        /// Sends the mapping's field names, comma-separated (APIs with field selection).
        var fieldsParam: String?
    }

    struct Parameter: Sendable, Hashable {
        var name: String
        var value: String
    }

    struct RecordShape: Sendable, Hashable {
        var id: ResponsePath
        var modified: ResponsePath?
        var modifiedFormat: TimeFormat?
    }

    enum TimeFormat: String, Sendable, Hashable, CaseIterable {
        case iso8601, epochMillis, epochSeconds
    }

    struct Detail: Sendable, Hashable {
        var path: PathTemplate
        /// Where the record sits in a detail (and update) response.
        var envelope: ResponsePath
    }

    struct Create: Sendable, Hashable {
        var method: HTTPMethod
        var path: PathTemplate
        /// Where the record goes in the request body (`data` → `{"data": {…}}`).
        var envelope: ResponsePath
        /// Where the new id is in the response; nil: the record id at the body's root,
        /// then inside the detail envelope, then the `Location` header's last segment.
        var idPath: ResponsePath?
    }

    struct Update: Sendable, Hashable {
        var method: HTTPMethod
        var path: PathTemplate
        var envelope: ResponsePath
        /// PUT replaces the record: read it first and send it whole with the changes.
        var merge: Bool
        /// Top-level fields the API refuses in a write body (dropped from merged PUTs).
        var readOnly: [String]
    }

    var list: List
    var paging: GenericRESTPaging
    var record: RecordShape
    var detail: Detail
    var create: Create
    var update: Update
    /// Nil: the API cannot delete (deletes fail per record, not retryable).
    var delete: PathTemplate?
    /// The list parameter that filters by the external-id field; nil: the API has no
    /// such filter and links live only in ChannelSync's store (lookups find nothing).
    var lookupParam: String?
    /// The record field `lookupParam` filters (`lookup.field`, by default the field named
    /// like the parameter): a match key is looked up only by the field the API filters.
    var lookupField: String?
    /// Where an error body carries the API's error code.
    var errorCode: ResponsePath?
}
