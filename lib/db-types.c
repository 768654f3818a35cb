/* db-types.c: placeholder, being written. */
