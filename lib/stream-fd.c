/* stream-fd.c: placeholder, being written. */
