/* db-schema.c: placeholder, being written. */
