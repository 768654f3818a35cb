/* poll-loop.c: placeholder, being written. */
