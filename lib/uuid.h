/* uuid.h: 128-bit UUIDs as used by OVSDB (RFC 4122 version 4).
 *
 * uuid_generate() produces random version-4 UUIDs from a generator seeded
 * once per process with OpenSSL's RAND_bytes(); it is thread-safe.
 * Text form: 8-4-4-4-12 lowercase hex digits (UUID_FMT/UUID_ARGS). */
#ifndef SVS_UUID_H
#define SVS_UUID_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uuid {
    uint32_t parts[4];
};

#define UUID_LEN 36
#define UUID_FMT "%08x-%04x-%04x-%04x-%04x%08x"
#define UUID_ARGS(UUID)                             \
    ((unsigned int) ((UUID)->parts[0])),            \
    ((unsigned int) ((UUID)->parts[1] >> 16)),      \
    ((unsigned int) ((UUID)->parts[1] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[2] >> 16)),      \
    ((unsigned int) ((UUID)->parts[2] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[3]))

static inline uint32_t
uuid_hash(const struct uuid *uuid)
{
    return uuid->parts[0];
}

static inline bool
uuid_equals(const struct uuid *a, const struct uuid *b)
{
    return (a->parts[0] == b->parts[0] && a->parts[1] == b->parts[1]
            && a->parts[2] == b->parts[2] && a->parts[3] == b->parts[3]);
}

void uuid_generate(struct uuid *);
void uuid_zero(struct uuid *);
bool uuid_is_zero(const struct uuid *);
int uuid_compare_3way(const struct uuid *, const struct uuid *);
/* Parses 's' (exactly 36 characters of UUID text, any case).  On failure
 * zeroes 'uuid' and returns false. */
bool uuid_from_string(struct uuid *, const char *s);
bool uuid_from_string_prefix(struct uuid *, const char *s);
/* Returns true if 's' is a valid UUID string. */
bool uuid_is_valid_string(const char *s);
/* Writes the text form, null-terminated, into 'buf' of UUID_LEN + 1
 * bytes. */
void uuid_to_string(const struct uuid *, char buf[UUID_LEN + 1]);
/* Counts how many leading hex digits of 's' match the UUID syntax; used to
 * accept abbreviated UUIDs in command lines. */
int uuid_is_partial_string(const char *s);
bool uuid_is_partial_match(const struct uuid *, const char *match);

#endif /* uuid.h */
