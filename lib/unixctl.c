/* unixctl.c: placeholder, being written. */
