/* dirs.h: placeholder, being written. */
