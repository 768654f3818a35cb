/* db-schema.h: placeholder, being written. */
