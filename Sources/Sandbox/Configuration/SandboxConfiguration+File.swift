import Foundation
import SyncCore

/// Reading `channelsync sandbox --config FILE`: JSON5 (SyncCore's parser, so errors carry
/// `file:line:column`), every key optional (defaults are
/// the real limits), unknown keys refused with their path. Example:
///
/// ```json5
/// {
///   salesforce: { dailyApiLimit: 5000, sessionLifetimeMs: 600000,
///                 objects: [{ name: "Opportunity", keyPrefix: "006", fields: null,
///                             externalIdFields: ["ChannelSync_Id__c"], requiredFields: ["Name"] }] },
///   hubspot: { burstLimit: 190, searchPerSecond: 5 },
///   impartner: { apiKeys: ["my-key"] },
///   partnerstack: { pageLimit: 250 },
///   generic: { splitField: "state", closedValues: ["done"] },
///   pipedrive: { apiTokens: ["my-token"], burstLimit: 80 },
/// }
/// ```
extension SandboxConfiguration {
    public static func load(contentsOf url: URL) throws(SandboxError) -> SandboxConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .invalidConfiguration(path: url.path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, name: url.path)
    }

    /// Parses a configuration document; `name` is the file name errors start with.
    public static func parse(_ data: Data, name: String = "configuration") throws(SandboxError) -> SandboxConfiguration {
        let document: JSON5Document
        do {
            document = try JSON5Parser.parse([UInt8](data))
        } catch {
            throw .invalidConfigurationFile(file: name, line: error.position.line, column: error.position.column, path: "",
                                            message: "\(error.message) (\(error.hint))")
        }
        if let duplicate = document.duplicateKeys.first {
            throw .invalidConfigurationFile(file: name, line: duplicate.position.line, column: duplicate.position.column,
                                            path: duplicate.path.description,
                                            message: "'\(duplicate.key)' is given twice (first at \(duplicate.first))")
        }
        let reader = try ConfigurationReader(document.root, file: name, path: "")
        try reader.only(["salesforce", "hubspot", "impartner", "partnerstack", "generic", "pipedrive", "zoho", "dataverse"])
        var configuration = SandboxConfiguration()
        if let section = try reader.object("salesforce") { try configuration.salesforce.read(section) }
        if let section = try reader.object("hubspot") { try configuration.hubspot.read(section) }
        if let section = try reader.object("impartner") { try configuration.impartner.read(section) }
        if let section = try reader.object("partnerstack") { try configuration.partnerStack.read(section) }
        if let section = try reader.object("generic") { try configuration.generic.read(section) }
        if let section = try reader.object("pipedrive") { try configuration.pipedrive.read(section) }
        if let section = try reader.object("zoho") { try configuration.zoho.read(section) }
        if let section = try reader.object("dataverse") { try configuration.dataverse.read(section) }
        return configuration
    }
}

extension SalesforceConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["clientId", "clientSecret", "refreshTokens", "sessionLifetimeMs", "dailyApiLimit", "queryPageSize",
                         "collectionLimit", "openCursorLimit", "objects"])
        clientID = try reader.string("clientId") ?? clientID
        clientSecret = try reader.string("clientSecret") ?? clientSecret
        refreshTokens = try reader.strings("refreshTokens") ?? refreshTokens
        sessionLifetimeMilliseconds = try reader.int("sessionLifetimeMs", in: 1...Int(Int32.max)).map(Int64.init)
            ?? sessionLifetimeMilliseconds
        dailyAPILimit = try reader.int("dailyApiLimit", in: 1...Int(Int32.max)) ?? dailyAPILimit
        queryPageSize = try reader.int("queryPageSize", in: 1...2000) ?? queryPageSize
        collectionLimit = try reader.int("collectionLimit", in: 1...200) ?? collectionLimit
        openCursorLimit = try reader.int("openCursorLimit", in: 1...1000) ?? openCursorLimit
        if let objects = try reader.objects("objects") {
            self.objects = []
            for object in objects {
                try object.only(["name", "keyPrefix", "fields", "externalIdFields", "requiredFields"])
                let prefix = try object.required("keyPrefix")
                guard prefix.count == 3, prefix.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                    throw ConfigurationReader.error(object.file, object.position(of: "keyPrefix"), object.at("keyPrefix"),
                                                    "a key prefix is 3 letters or digits, like 006")
                }
                self.objects.append(Object(name: try object.required("name"), keyPrefix: prefix,
                                           fields: try object.optionalStrings("fields") ?? nil,
                                           externalIDFields: try object.strings("externalIdFields") ?? [],
                                           requiredFields: try object.strings("requiredFields") ?? []))
            }
        }
    }
}

extension HubSpotConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["privateAppTokens", "clientId", "clientSecret", "refreshTokens", "accessTokenLifetimeMs", "dailyLimit",
                         "burstLimit", "searchPerSecond", "searchResultCap", "searchLagMs", "objects"])
        privateAppTokens = try reader.strings("privateAppTokens") ?? privateAppTokens
        clientID = try reader.string("clientId") ?? clientID
        clientSecret = try reader.string("clientSecret") ?? clientSecret
        refreshTokens = try reader.strings("refreshTokens") ?? refreshTokens
        accessTokenLifetimeMilliseconds = try reader.int("accessTokenLifetimeMs", in: 1000...Int(Int32.max)).map(Int64.init)
            ?? accessTokenLifetimeMilliseconds
        dailyLimit = try reader.int("dailyLimit", in: 1...Int(Int32.max)) ?? dailyLimit
        if let burst = try reader.optionalInt("burstLimit", in: 1...1_000_000) { burstLimit = burst }
        if let search = try reader.optionalInt("searchPerSecond", in: 1...1_000_000) { searchPerSecond = search }
        searchResultCap = try reader.int("searchResultCap", in: 1...Int(Int32.max)) ?? searchResultCap
        searchLagMilliseconds = try reader.int("searchLagMs", in: 0...86_400_000).map(Int64.init) ?? searchLagMilliseconds
        if let objects = try reader.objects("objects") {
            self.objects = []
            for object in objects {
                try object.only(["name", "properties", "uniqueProperties", "defaultProperties"])
                self.objects.append(Object(name: try object.required("name"),
                                           properties: try object.optionalStrings("properties") ?? nil,
                                           uniqueProperties: try object.strings("uniqueProperties") ?? [],
                                           defaultProperties: try object.strings("defaultProperties") ?? []))
            }
        }
    }
}

extension ImpartnerConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["apiKeys", "takeLimit", "objects"])
        apiKeys = try reader.strings("apiKeys") ?? apiKeys
        takeLimit = try reader.int("takeLimit", in: 1...10_000) ?? takeLimit
        defaultTake = min(defaultTake, takeLimit)
        if let objects = try reader.objects("objects") {
            self.objects = []
            for object in objects {
                try object.only(["name", "fields", "uniqueFields", "requiredFields"])
                self.objects.append(Object(name: try object.required("name"), fields: try object.optionalStrings("fields") ?? nil,
                                           uniqueFields: try object.strings("uniqueFields") ?? [],
                                           requiredFields: try object.strings("requiredFields") ?? []))
            }
        }
    }
}

extension PartnerStackConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["apiKeys", "pageLimit", "objects"])
        apiKeys = try reader.strings("apiKeys") ?? apiKeys
        pageLimit = try reader.int("pageLimit", in: 1...10_000) ?? pageLimit
        defaultLimit = min(defaultLimit, pageLimit)
        if let objects = try reader.objects("objects") {
            self.objects = []
            for object in objects {
                try object.only(["name", "keyPrefix", "uniqueFields", "requiredFields"])
                self.objects.append(Object(name: try object.required("name"), keyPrefix: try object.required("keyPrefix"),
                                           uniqueFields: try object.strings("uniqueFields") ?? [],
                                           requiredFields: try object.strings("requiredFields") ?? []))
            }
        }
    }
}

extension GenericConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["apiKeys", "pageLimit", "defaultLimit", "splitField", "closedValues", "collections"])
        apiKeys = try reader.strings("apiKeys") ?? apiKeys
        pageLimit = try reader.int("pageLimit", in: 1...10_000) ?? pageLimit
        defaultLimit = try reader.int("defaultLimit", in: 1...10_000) ?? min(defaultLimit, pageLimit)
        splitField = try reader.string("splitField") ?? splitField
        closedValues = try reader.strings("closedValues") ?? closedValues
        if let collections = try reader.objects("collections") {
            self.collections = []
            for collection in collections {
                try collection.only(["name", "uniqueFields", "requiredFields"])
                self.collections.append(Collection(name: try collection.required("name"),
                                                   uniqueFields: try collection.strings("uniqueFields") ?? [],
                                                   requiredFields: try collection.strings("requiredFields") ?? []))
            }
        }
    }
}

extension PipedriveConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["apiTokens", "clientId", "clientSecret", "refreshTokens", "accessTokenLifetimeMs", "pageLimit",
                         "burstLimit"])
        apiTokens = try reader.strings("apiTokens") ?? apiTokens
        clientID = try reader.string("clientId") ?? clientID
        clientSecret = try reader.string("clientSecret") ?? clientSecret
        refreshTokens = try reader.strings("refreshTokens") ?? refreshTokens
        if let lifetime = try reader.int("accessTokenLifetimeMs", in: 1000...86_400_000) {
            accessTokenLifetimeMilliseconds = Int64(lifetime)
        }
        pageLimit = try reader.int("pageLimit", in: 1...10_000) ?? pageLimit
        defaultLimit = min(defaultLimit, pageLimit)
        burstLimit = try reader.int("burstLimit", in: 1...100_000) ?? burstLimit
    }
}

extension ZohoConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["clientId", "clientSecret", "refreshTokens", "accessTokenLifetimeMs", "perPageLimit",
                         "pageNumberLimit", "batchLimit"])
        clientID = try reader.string("clientId") ?? clientID
        clientSecret = try reader.string("clientSecret") ?? clientSecret
        refreshTokens = try reader.strings("refreshTokens") ?? refreshTokens
        if let lifetime = try reader.int("accessTokenLifetimeMs", in: 1000...86_400_000) {
            accessTokenLifetimeMilliseconds = Int64(lifetime)
        }
        perPageLimit = try reader.int("perPageLimit", in: 1...10_000) ?? perPageLimit
        pageNumberLimit = try reader.int("pageNumberLimit", in: 1...1_000_000) ?? pageNumberLimit
        batchLimit = try reader.int("batchLimit", in: 1...10_000) ?? batchLimit
    }
}

extension DataverseConfiguration {
    mutating func read(_ reader: ConfigurationReader) throws(SandboxError) {
        try reader.only(["tenantId", "clientId", "clientSecret", "accessTokenLifetimeMs", "maxPageSize", "batchLimit",
                         "deltaTokenLifetimeMs"])
        tenantID = try reader.string("tenantId") ?? tenantID
        clientID = try reader.string("clientId") ?? clientID
        clientSecret = try reader.string("clientSecret") ?? clientSecret
        if let lifetime = try reader.int("accessTokenLifetimeMs", in: 1000...86_400_000) {
            accessTokenLifetimeMilliseconds = Int64(lifetime)
        }
        maxPageSize = try reader.int("maxPageSize", in: 1...5000) ?? maxPageSize
        batchLimit = try reader.int("batchLimit", in: 1...1000) ?? batchLimit
        if let lifetime = try reader.int("deltaTokenLifetimeMs", in: 1000...(90 * 86_400_000)) {
            deltaTokenLifetimeMilliseconds = Int64(lifetime)
        }
    }
}
