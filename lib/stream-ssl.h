/* stream-ssl.h: placeholder, being written. */
