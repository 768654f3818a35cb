/* socket-util.c: placeholder, being written. */
