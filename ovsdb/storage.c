/* storage.c: placeholder. */
