/* stream-ssl.c: placeholder, being written. */
