/* command-line.c: placeholder, being written. */
