/* table.h: placeholder, being written. */
