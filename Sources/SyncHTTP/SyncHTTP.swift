// SyncHTTP: the libcurl client. Filled by the HTTP work.
