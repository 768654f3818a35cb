/* uuid.c: random UUIDs and their text form. */
#include <config.h>
#include "uuid.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include "util.h"

/* Each UUID is 16 random bytes from the kernel's generator (getrandom(2)),
 * drawn from a per-thread buffer so that making many UUIDs costs few system
 * calls.  The buffer belongs to the process that filled it: a child of
 * fork() refills its own rather than repeat its parent's UUIDs.  (OpenSSL's
 * generator did the same job but loaded its configuration first, which
 * dominated short-lived clients such as svs-vsctl.) */
static __thread uint8_t pool[1024];
static __thread size_t pool_used = sizeof pool;
static __thread pid_t pool_pid;

static void
fill_pool(void)
{
    size_t got = 0;
    while (got < sizeof pool) {
        ssize_t n = getrandom(pool + got, sizeof pool - got, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            svs_abort(errno, "getrandom failed");
        }
        got += n;
    }
    pool_used = 0;
    pool_pid = getpid();
}

void
uuid_generate(struct uuid *uuid)
{
    if (pool_used + sizeof *uuid > sizeof pool || pool_pid != getpid()) {
        fill_pool();
    }
    memcpy(uuid, pool + pool_used, sizeof *uuid);
    pool_used += sizeof *uuid;

    /* Version 4 (random), variant 10x (RFC 4122). */
    uuid->parts[1] = (uuid->parts[1] & ~0xf000u) | 0x4000u;
    uuid->parts[2] = (uuid->parts[2] & ~0xc0000000u) | 0x80000000u;
}

void
uuid_zero(struct uuid *uuid)
{
    memset(uuid, 0, sizeof *uuid);
}

bool
uuid_is_zero(const struct uuid *uuid)
{
    return !(uuid->parts[0] | uuid->parts[1] | uuid->parts[2]
             | uuid->parts[3]);
}

int
uuid_compare_3way(const struct uuid *a, const struct uuid *b)
{
    for (int i = 0; i < 4; i++) {
        if (a->parts[i] != b->parts[i]) {
            return a->parts[i] > b->parts[i] ? 1 : -1;
        }
    }
    return 0;
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Parses a UUID at the start of 's'; characters after it are allowed. */
bool
uuid_from_string_prefix(struct uuid *uuid, const char *s)
{
    static const int dashes[] = { 8, 13, 18, 23 };
    uint32_t parts[4] = { 0, 0, 0, 0 };
    int nibble = 0;

    for (int i = 0; i < UUID_LEN; i++) {
        if (i == dashes[0] || i == dashes[1] || i == dashes[2]
            || i == dashes[3]) {
            if (s[i] != '-') {
                goto error;
            }
            continue;
        }
        int v = hexval((unsigned char) s[i]);
        if (v < 0) {
            goto error;
        }
        parts[nibble / 8] = (parts[nibble / 8] << 4) | v;
        nibble++;
    }
    memcpy(uuid->parts, parts, sizeof parts);
    return true;

error:
    uuid_zero(uuid);
    return false;
}

bool
uuid_from_string(struct uuid *uuid, const char *s)
{
    return uuid_from_string_prefix(uuid, s) && s[UUID_LEN] == '\0';
}

bool
uuid_is_valid_string(const char *s)
{
    struct uuid uuid;
    return uuid_from_string(&uuid, s);
}

void
uuid_to_string(const struct uuid *uuid, char buf[UUID_LEN + 1])
{
    /* The same text as UUID_FMT, without the cost of printf. */
    static const char hex[] = "0123456789abcdef";
    char *p = buf;
    for (int i = 0; i < 4; i++) {
        uint32_t x = uuid->parts[i];
        for (int shift = 28; shift >= 0; shift -= 4) {
            *p++ = hex[(x >> shift) & 0xf];
            if ((i == 1 || i == 2) && shift == 16) {
                *p++ = '-';
            }
        }
        if (i < 2) {
            *p++ = '-';
        }
    }
    *p = '\0';
}

int
uuid_is_partial_string(const char *s)
{
    static const char tmpl[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    size_t i;
    for (i = 0; i < UUID_LEN; i++) {
        if (s[i] == '\0') {
            break;
        } else if (tmpl[i] == 'x' ? !isxdigit((unsigned char) s[i])
                                  : s[i] != '-') {
            return 0;
        }
    }
    return s[i] == '\0' ? (int) i : 0;
}

bool
uuid_is_partial_match(const struct uuid *uuid, const char *match)
{
    char s[UUID_LEN + 1];
    uuid_to_string(uuid, s);
    size_t len = strlen(match);
    return len <= UUID_LEN && !strncasecmp(s, match, len);
}
