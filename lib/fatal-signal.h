/* fatal-signal.h: placeholder, being written. */
