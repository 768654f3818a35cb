/* latch.h: placeholder, being written. */
