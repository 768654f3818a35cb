/* unixctl.h: placeholder, being written. */
