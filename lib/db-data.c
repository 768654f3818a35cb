/* db-data.c: placeholder, being written. */
