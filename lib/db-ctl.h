/* db-ctl.h: the generic layer of ovs-vsctl-style database tools.
 *
 * What: a tool such as svs-vsctl takes a command line of the form
 *
 *     TOOL [GLOBAL-OPTIONS] [--] [OPTIONS] COMMAND [ARG...] [-- ...]...
 *
 * and runs all of its commands in one OVSDB transaction.  This module
 * provides what does not depend on the particular database:
 *
 *   - Command syntaxes ('struct db_ctl_command_syntax'): a name, argument
 *     counts, the per-command options it accepts ("--if-exists",
 *     "--id=" ...), and three callbacks: 'prerequisites' (registers the
 *     columns the command reads, before connecting), 'run' (reads the
 *     replica and writes changes into the open transaction) and
 *     'postprocess' (after a successful commit, e.g. to print the UUIDs
 *     the server gave to inserted rows).
 *   - Parsing of the command line into 'struct db_ctl_command's, with the
 *     error messages ovs-vsctl gives, including command options given in
 *     the global-option position (they apply to the first command).
 *   - The database commands every such tool has: list, find, get, set,
 *     add, remove, clear, create, destroy, wait-until and comment, with
 *     "@name" row references, "column:key" syntax and the find operators
 *     (= != < > <= >= {=} {!=} {<} {>} {<=} {>=} {in} {not-in}).
 *   - Lookup of tables and columns by case-insensitive unique
 *     abbreviation, and of rows by UUID (or a unique prefix of at least 4
 *     hex digits), by a name column, through a reference from a named row
 *     of another table, or as "." for a singleton.
 *   - Printing of the commands' results (text or tables in the --format
 *     styles of lib/table.h, one line per command with --oneline).
 *
 * Design: the tool describes its schema once with db_ctl_init(): its IDL
 * class, for each table how rows are named ('struct db_ctl_table_class')
 * and a callback that drops the tool's own caches when a generic command
 * changes the database.  It registers its own commands with
 * db_ctl_register_commands(), parses the command line with
 * db_ctl_parse_commands(), runs every command's 'prerequisites', then, once
 * the IDL is synchronized, runs every command's 'run' inside one
 * transaction ('struct db_ctl_context' carries the IDL, transaction,
 * symbol table and the command's arguments and output), commits, and
 * prints the results with db_ctl_print_outputs().  If a command sets
 * 'try_again' (wait-until with its condition still false), the tool
 * discards the transaction and runs all commands again after the replica
 * changes.
 *
 * Files: db-ctl.c (registry, parsing, lookups, output), db-ctl-cmds.c
 * (the database commands), db-ctl-value.c (the value syntax).  The
 * tool-specific "show" command lives with the tool.
 *
 * Errors: every user error is fatal: db_ctl_fatal() prints
 * "PROGRAM: message" on stderr and exits with status 1 before anything was
 * committed, so the database is unchanged.
 *
 * Thread-safety: none; the registry of commands and the schema
 * description are process-wide and meant for one thread (main()). */
#ifndef SVS_DB_CTL_H
#define SVS_DB_CTL_H 1

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "dynamic-string.h"
#include "shash.h"
#include "table.h"

struct db_datum;
struct db_idl;
struct db_idl_class;
struct db_idl_column;
struct db_idl_row;
struct db_idl_table_class;
struct db_idl_txn;
struct db_symbol_table;
struct db_type;

/* Prints "PROGRAM: message" on stderr and exits with status 1. */
void db_ctl_fatal(const char *format, ...)
    SVS_PRINTF_FORMAT(1, 2) SVS_NO_RETURN;

/* Command syntax. */

enum db_ctl_mode {
    DB_CTL_RO,                  /* Only reads the database. */
    DB_CTL_RW                   /* May change the database. */
};

struct db_ctl_context;

struct db_ctl_command_syntax {
    const char *name;           /* Command name, e.g. "add-br". */
    int min_args;               /* Not counting the command name. */
    int max_args;               /* INT_MAX for no limit. */

    /* Argument summary for --commands and shell completion, in the
     * ovs-vsctl notation: "!BRIDGE ?VLAN *COLUMN?:KEY=VALUE". */
    const char *arguments;

    /* Registers what the command will read (db_ctl_context's 'idl' is
     * set, 'txn' is NULL).  May be NULL.  May call db_ctl_fatal() for
     * errors that do not depend on the database contents. */
    void (*prerequisites)(struct db_ctl_context *);

    /* Executes the command in the open transaction.  Required. */
    void (*run)(struct db_ctl_context *);

    /* Called after a successful commit (not after UNCHANGED), with 'txn'
     * still available for db_idl_txn_get_insert_uuid().  May be NULL. */
    void (*postprocess)(struct db_ctl_context *);

    /* Comma-separated list of the options the command accepts, each
     * "--name" or "--name=" (takes a value), e.g. "--if-exists,--id=". */
    const char *options;

    enum db_ctl_mode mode;
};

/* Registers the null-terminated (by 'name') array 'commands', which must
 * outlive the process's use of this module. */
void db_ctl_register_commands(const struct db_ctl_command_syntax *commands);
/* Returns the registered command named 'name', or NULL. */
const struct db_ctl_command_syntax *db_ctl_find_command(const char *name);

/* How rows of a table are named on the command line. */
struct db_ctl_row_id {
    /* Table whose rows carry the name (the table itself, or another table
     * that refers to it through 'uuid_column'); NULL ends the list. */
    const struct db_idl_table_class *table;
    /* Column of 'table' holding the name (a string or integer column), or
     * NULL: then the record name "." selects 'table''s only row. */
    const struct db_idl_column *name_column;
    /* Reference column of 'table' pointing to the row wanted, or NULL if
     * the named row is the one wanted. */
    const struct db_idl_column *uuid_column;
};

struct db_ctl_table_class {
    const struct db_idl_table_class *table;
    struct db_ctl_row_id row_ids[2];
};

/* Describes the database: 'idl_class', the ways to name rows of each
 * table ('tables', one entry per table of 'idl_class', in any order,
 * terminated by an entry with a null 'table'; tables without an entry are
 * named only by UUID), and 'invalidate_cache', called (with the context
 * of the current command) whenever a generic command changes the
 * database, so that the tool drops what it derived from the replica
 * (may be NULL).  Also registers the database commands. */
void db_ctl_init(const struct db_idl_class *idl_class,
                 const struct db_ctl_table_class *tables,
                 void (*invalidate_cache)(struct db_ctl_context *));

/* A command from the command line. */
struct db_ctl_command {
    const struct db_ctl_command_syntax *syntax;
    int argc;                   /* argv[0] is the command name. */
    char **argv;                /* Owned, null-terminated. */
    struct shash options;       /* "--name" -> malloc'd value or NULL. */

    /* Results, filled by 'run' and 'postprocess'. */
    struct ds output;
    struct table *table;
};

/* Parses 'argc' words of 'argv' (the command line after the global
 * options) into commands, separated by "--" words.  'local_options' holds
 * command options found among the global options ("--name" -> malloc'd
 * value or NULL), which apply to the first command; it is emptied.
 * Exits with an error message for a syntax error.  Returns the array of
 * '*n_commands' commands. */
struct db_ctl_command *db_ctl_parse_commands(int argc, char *argv[],
                                             struct shash *local_options,
                                             size_t *n_commands);
/* Frees the results of 'commands' (keeping the commands), for a retry. */
void db_ctl_clear_outputs(struct db_ctl_command *commands, size_t n);
void db_ctl_free_commands(struct db_ctl_command *commands, size_t n);
/* True if any of the 'n' commands may change the database. */
bool db_ctl_any_rw(const struct db_ctl_command *commands, size_t n);

/* Options.  db_ctl_add_cmd_options() appends to the getopt_long() array
 * '*options' (with '*n_options' entries, room for '*allocated') one long
 * option per distinct command option name of the registered commands,
 * each with value 'opt_val'; the caller recognizes them by that value and
 * passes the option (the name of '(*options)[index]' and 'optarg') to
 * db_ctl_add_local_option().  The array stays unterminated. */
void db_ctl_add_cmd_options(struct option **options, size_t *n_options,
                            size_t *allocated, int opt_val);
void db_ctl_add_local_option(struct shash *local_options,
                             const char *name, const char *value);

/* Help: the registered commands with their options and arguments, one per
 * line, as ovs-vsctl --commands prints them; the long options of
 * 'options' (null-terminated), as --options prints them; and the "ways to
 * name rows" summary of --help. */
void db_ctl_print_commands(void) SVS_NO_RETURN;
void db_ctl_print_options(const struct option *options) SVS_NO_RETURN;
void db_ctl_print_table_help(void);
/* The --help text of the database commands. */
void db_ctl_print_db_commands_help(void);

/* Running commands. */
struct db_ctl_context {
    /* The command, moved here from 'struct db_ctl_command' by
     * db_ctl_context_init_command() and back by
     * db_ctl_context_done_command(). */
    int argc;
    char **argv;
    struct shash options;
    struct ds output;
    struct table *table;

    /* The database.  'txn' is NULL while running prerequisites. */
    struct db_idl *idl;
    struct db_idl_txn *txn;
    struct db_symbol_table *symtab;

    /* Set by 'run' to abandon this attempt and run all commands again
     * once the replica changes (wait-until). */
    bool try_again;

    /* Tool-specific: the hook given to db_ctl_init(). */
    void (*invalidate_cache)(struct db_ctl_context *);
};

void db_ctl_context_init(struct db_ctl_context *, struct db_idl *,
                         struct db_idl_txn *, struct db_symbol_table *);
void db_ctl_context_init_command(struct db_ctl_context *,
                                 struct db_ctl_command *);
void db_ctl_context_done_command(struct db_ctl_context *,
                                 struct db_ctl_command *);
void db_ctl_context_done(struct db_ctl_context *);
/* Calls the tool's cache invalidation hook. */
void db_ctl_invalidate_cache(struct db_ctl_context *);

/* True if the command has option 'name' ("--if-exists"). */
bool db_ctl_has_option(const struct db_ctl_context *, const char *name);
/* The value of option 'name', or NULL if absent or without a value. */
const char *db_ctl_get_option(const struct db_ctl_context *,
                              const char *name);

/* Runs the 'prerequisites' of 'n' commands against 'idl'. */
void db_ctl_run_prerequisites(struct db_ctl_command *, size_t n,
                              struct db_idl *);

/* Prints the results of the 'n' commands on stdout, in 'style'; with
 * 'oneline', every command's text output on one line (new-lines as "\n",
 * backslashes doubled, an empty line for no output). */
void db_ctl_print_outputs(const struct db_ctl_command *, size_t n,
                          const struct table_style *, bool oneline);

/* Checks the symbol table after all commands ran: a name referenced but
 * never created is fatal.  Calls 'unreferenced' (may be NULL) for each
 * name created by "create" in a non-root table but never referenced. */
void db_ctl_check_symbols(struct db_symbol_table *,
                          void (*unreferenced)(const char *name));

/* Lookups for commands.  All report errors with db_ctl_fatal(). */

/* The table named 'name' (case-insensitive, '-' and '_' equivalent,
 * unique abbreviations accepted). */
const struct db_idl_table_class *db_ctl_get_table(const char *name);
/* The column of 'table' named 'name' (same rules; "_uuid" exactly), or
 * NULL for "_uuid". */
const struct db_idl_column *db_ctl_get_column(
    const struct db_idl_table_class *, const char *name);
/* The row of 'table' named 'record_id', or NULL if there is none and not
 * 'must_exist'. */
const struct db_idl_row *db_ctl_get_row(struct db_ctl_context *,
                                        const struct db_idl_table_class *,
                                        const char *record_id,
                                        bool must_exist);
/* Prerequisites of db_ctl_get_row() for 'table'. */
void db_ctl_pre_get_row(struct db_ctl_context *,
                        const struct db_idl_table_class *);

/* Parses "@name" for --id and returns its symbol, creating it; fatal if
 * it does not begin with "@" or was already defined by another --id.
 * '*newp' (if nonnull) tells whether it had not been referenced yet. */
struct db_symbol *db_ctl_create_symbol(struct db_symbol_table *,
                                       const char *id, bool *newp);

/* Parses 'arg' ("[COLUMN[:KEY]=]VALUE"-style, see the set command) of
 * 'table' into its column, a malloc'd key string (NULL if none) and a
 * malloc'd value string (NULL if none, with 'valid_operators' NULL).
 * 'valid_operators' lists the accepted operators ("=" for set); the
 * matched one is stored in '*operatorp'.  Fatal on errors. */
void db_ctl_parse_column_key_value(const char *arg,
                                   const struct db_idl_table_class *,
                                   const struct db_idl_column **columnp,
                                   char **keyp, const char **operatorp,
                                   const char **valid_operators,
                                   size_t n_valid_operators, char **valuep);

/* Fails with ovs-vsctl's message unless 'column' of 'row' may be
 * written: it is mutable, or 'row' was inserted by the open
 * transaction. */
void db_ctl_check_mutable(const struct db_idl_row *,
                          const struct db_idl_column *);

/* Sets 'arg' ("COLUMN[:KEY]=VALUE") in 'row' of 'table', as the set
 * command does.  Fatal on errors. */
void db_ctl_set_column(struct db_ctl_context *,
                       const struct db_idl_table_class *,
                       const struct db_idl_row *, const char *arg);

/* Parses 's' in the ovs-vsctl syntax as a value of 'type' into 'datum'
 * (resolving "@name" through 'symtab', which may be NULL).  Returns NULL
 * or a malloc'd error message. */
char *db_ctl_datum_from_string(struct db_datum *, const struct db_type *,
                               const char *s, struct db_symbol_table *)
    SVS_WARN_UNUSED_RESULT;
/* Likewise for one atom of 'base' into a one-element datum of a scalar
 * type ('type' must be scalar with key 'base'). */
char *db_ctl_key_from_string(struct db_datum *, const struct db_type *type,
                             const char *s, struct db_symbol_table *)
    SVS_WARN_UNUSED_RESULT;

#endif /* db-ctl.h */
