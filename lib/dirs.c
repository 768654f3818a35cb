/* dirs.c: placeholder, being written. */
