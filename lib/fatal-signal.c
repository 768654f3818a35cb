/* fatal-signal.c: placeholder, being written. */
