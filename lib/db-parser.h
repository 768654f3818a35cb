/* db-parser.h: placeholder, being written. */
