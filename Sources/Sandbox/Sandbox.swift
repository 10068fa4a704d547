// Sandbox: loopback stand-ins for the vendor APIs. Filled by the HTTP server work.
