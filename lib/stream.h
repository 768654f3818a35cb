/* stream.h: placeholder, being written. */
