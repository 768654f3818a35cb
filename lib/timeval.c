/* timeval.c: placeholder, being written. */
