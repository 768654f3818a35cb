/* db-error.c: OVSDB error values. */
#include <config.h>
#include "db-error.h"

#include <stdlib.h>
#include "dynamic-string.h"
#include "json.h"
#include "util.h"

struct db_error *
db_error_valist(const char *tag, const char *details, va_list args)
{
    struct db_error *error = xzalloc(sizeof *error);
    error->tag = xstrdup(tag);
    error->details = details ? xvasprintf(details, args) : NULL;
    return error;
}

struct db_error *
db_error(const char *tag, const char *details, ...)
{
    va_list args;
    va_start(args, details);
    struct db_error *error = db_error_valist(tag, details, args);
    va_end(args);
    return error;
}

struct db_error *
db_io_error(int errno_, const char *details, ...)
{
    va_list args;
    va_start(args, details);
    struct db_error *error = db_error_valist("I/O error", details, args);
    va_end(args);

    error->errno_ = errno_;
    if (errno_) {
        char *full = xasprintf("%s (%s)", error->details ? error->details : "",
                               svs_retval_to_string(errno_));
        free(error->details);
        error->details = full;
    }
    return error;
}

struct db_error *
db_syntax_error(const json_t *json, const char *tag, const char *details, ...)
{
    va_list args;
    va_start(args, details);
    struct db_error *error = db_error_valist(tag ? tag : "syntax error",
                                            details, args);
    va_end(args);
    if (json) {
        error->syntax = json_to_string(json, JSSF_SORT);
    }
    return error;
}

struct db_error *
db_wrap_error(struct db_error *error, const char *prefix, ...)
{
    va_list args;
    va_start(args, prefix);
    char *p = xvasprintf(prefix, args);
    va_end(args);

    char *details = (error->details
                     ? xasprintf("%s: %s", p, error->details)
                     : xstrdup(p));
    free(p);
    free(error->details);
    error->details = details;
    return error;
}

struct db_error *
db_internal_error(const char *file, int line, const char *details, ...)
{
    va_list args;
    va_start(args, details);
    char *msg = xvasprintf(details, args);
    va_end(args);

    struct db_error *error = db_error("internal error", "%s:%d: %s (svs %s)",
                                      file, line, msg, PACKAGE_VERSION);
    free(msg);
    return error;
}

struct db_error *
db_error_clone(const struct db_error *old)
{
    struct db_error *new = xzalloc(sizeof *new);
    new->tag = xstrdup(old->tag);
    new->details = old->details ? xstrdup(old->details) : NULL;
    new->syntax = old->syntax ? xstrdup(old->syntax) : NULL;
    new->errno_ = old->errno_;
    return new;
}

void
db_error_destroy(struct db_error *error)
{
    if (error) {
        free(error->tag);
        free(error->details);
        free(error->syntax);
        free(error);
    }
}

const char *
db_error_get_tag(const struct db_error *error)
{
    return error->tag;
}

const char *
db_error_get_details(const struct db_error *error)
{
    return error->details;
}

json_t *
db_error_to_json(const struct db_error *error)
{
    json_t *json = json_object();
    json_object_set_new(json, "error", json_string(error->tag));
    if (error->details) {
        json_t *details = json_string(error->details);
        json_object_set_new(json, "details",
                            details ? details : json_string("(invalid UTF-8)"));
    }
    if (error->syntax) {
        json_t *syntax = json_string(error->syntax);
        if (syntax) {
            json_object_set_new(json, "syntax", syntax);
        }
    }
    return json;
}

json_t *
db_error_to_json_free(struct db_error *error)
{
    json_t *json = db_error_to_json(error);
    db_error_destroy(error);
    return json;
}

char *
db_error_to_string(const struct db_error *error)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    if (error->syntax) {
        ds_put_format(&ds, "syntax \"%s\": ", error->syntax);
    }
    ds_put_cstr(&ds, error->tag);
    if (error->details) {
        ds_put_format(&ds, ": %s", error->details);
    }
    return ds_steal_cstr(&ds);
}

char *
db_error_to_string_free(struct db_error *error)
{
    char *s = db_error_to_string(error);
    db_error_destroy(error);
    return s;
}
