/* socket-util.h: placeholder, being written. */
