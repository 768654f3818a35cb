/* latch.c: placeholder, being written. */
