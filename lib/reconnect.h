/* reconnect.h: placeholder, being written. */
