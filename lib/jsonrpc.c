/* jsonrpc.c: placeholder, being written. */
