/* vlog.c: placeholder, being written. */
