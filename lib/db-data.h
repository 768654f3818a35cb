/* db-data.h: placeholder, being written. */
