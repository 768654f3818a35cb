/* db-parser.c: placeholder, being written. */
