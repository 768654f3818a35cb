/* stream-provider.h: placeholder. */
