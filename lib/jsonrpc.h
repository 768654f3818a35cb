/* jsonrpc.h: placeholder, being written. */
