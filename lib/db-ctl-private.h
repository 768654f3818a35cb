/* db-ctl-private.h: internals shared by lib/db-ctl*.c.
 *
 * What: the token and atom parsers of the ovs-vsctl value syntax
 * (db-ctl-value.c), the schema description given to db_ctl_init() and the
 * registration of the database commands (db-ctl-cmds.c).
 *
 * Thread-safety: as lib/db-ctl.h. */
#ifndef SVS_DB_CTL_PRIVATE_H
#define SVS_DB_CTL_PRIVATE_H 1

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"

struct db_base_type;
struct db_ctl_table_class;
struct db_idl_class;
struct db_idl_table_class;
struct db_symbol_table;
union db_atom;

/* True if 'c' ends a bare token: one of ":=, []{}!<>". */
bool db_ctl_is_delim(int c);
/* Skips white space (isspace()). */
const char *db_ctl_skip_spaces(const char *);

/* Extracts the token at '*sp' into malloc'd '*tokenp' and advances '*sp'
 * to the delimiter that ended it (or the end).  Returns NULL or a
 * malloc'd error message. */
char *db_ctl_token_parse(const char **sp, char **tokenp)
    SVS_WARN_UNUSED_RESULT;

/* Parses token 's' as an atom of 'base' and checks 'base''s constraints.
 * If 'range_end' is nonnull and 'base' is an integer, accepts a range
 * "A-B" (A in 'atom', B in '*range_end'; for a single value
 * '*range_end' equals it).  Returns NULL or a malloc'd error message. */
char *db_ctl_atom_from_string(union db_atom *, int64_t *range_end,
                              const struct db_base_type *, const char *s,
                              struct db_symbol_table *)
    SVS_WARN_UNUSED_RESULT;

/* The schema description (db_ctl_init()). */
const struct db_idl_class *db_ctl_idl_class(void);
const struct db_ctl_table_class *db_ctl_table_class_for(
    const struct db_idl_table_class *);

/* The database commands (db-ctl-cmds.c). */
void db_ctl_cmds_register(void);

#endif /* db-ctl-private.h */
