/* reconnect.c: placeholder, being written. */
