/* command-line.h: placeholder, being written. */
