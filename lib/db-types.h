/* db-types.h: placeholder, being written. */
