/* stream-fd.h: placeholder, being written. */
