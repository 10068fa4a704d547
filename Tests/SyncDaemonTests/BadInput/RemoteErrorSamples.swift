/// Error bodies in the shapes the vendors send them (and an OAuth token endpoint's), used
/// as the body of a damaged response whose status the mutation test turns into an error.
enum RemoteErrorSamples {
    static let bodies: [[UInt8]] = [
        #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
        #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#,
        #"{"status":"error","message":"You have reached your secondly limit.","correlationId":"c0ffee","category":"RATE_LIMITS"}"#,
        #"{"success":false,"message":"Unauthorized","data":null}"#,
        #"{"message":"Rate limit exceeded","status":429}"#,
        #"{"detail":"Invalid token."}"#,
        #"{"success":false,"error":"unauthorized access","errorCode":401}"#,
        #"{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}"#,
        #"{"error":{"code":"0x80040217","message":"Record not found"}}"#,
        #"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#,
        #"{"error":"invalid_client"}"#,
        "<html><body>502 Bad Gateway</body></html>",
        "",
    ].map { Array($0.utf8) }

    static let statuses = [400, 401, 403, 404, 409, 410, 422, 429, 500, 503]
}
