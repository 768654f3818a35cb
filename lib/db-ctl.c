/* db-ctl.c: command registry, command-line parsing, lookups of tables,
 * columns and rows, and output, for ovs-vsctl-style tools (see
 * db-ctl.h).  The database commands themselves are in db-ctl-cmds.c. */
#include <config.h>
#include "db-ctl.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db-ctl-private.h"
#include "db-data.h"
#include "db-idl.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "shash.h"
#include "svec.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(db_ctl);

/* Registered commands: name -> const struct db_ctl_command_syntax *. */
static struct shash all_commands = SHASH_INITIALIZER(&all_commands);

/* The schema description given to db_ctl_init(). */
static const struct db_idl_class *ctl_idl_class;
static const struct db_ctl_table_class *ctl_tables;
static void (*ctl_invalidate_cache)(struct db_ctl_context *);

void
db_ctl_fatal(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    char *message = xvasprintf(format, args);
    va_end(args);

    fflush(stdout);
    fprintf(stderr, "%s: %s\n", program_name, message);
    free(message);
    exit(EXIT_FAILURE);
}

/* Registry. */

void
db_ctl_register_commands(const struct db_ctl_command_syntax *commands)
{
    for (const struct db_ctl_command_syntax *p = commands; p->name; p++) {
        shash_replace(&all_commands, p->name, p);
    }
}

const struct db_ctl_command_syntax *
db_ctl_find_command(const char *name)
{
    return shash_find_data(&all_commands, name);
}

void
db_ctl_init(const struct db_idl_class *idl_class,
            const struct db_ctl_table_class *tables,
            void (*invalidate_cache)(struct db_ctl_context *))
{
    ctl_idl_class = idl_class;
    ctl_tables = tables;
    ctl_invalidate_cache = invalidate_cache;
    db_ctl_cmds_register();
}

const struct db_idl_class *
db_ctl_idl_class(void)
{
    return ctl_idl_class;
}

const struct db_ctl_table_class *
db_ctl_table_class_for(const struct db_idl_table_class *table)
{
    if (ctl_tables) {
        for (const struct db_ctl_table_class *t = ctl_tables; t->table; t++) {
            if (t->table == table) {
                return t;
            }
        }
    }
    return NULL;
}

/* Parsing. */

static void
parse_command(int argc, char *argv[], struct shash *local_options,
              struct db_ctl_command *command)
{
    int i;

    shash_init(&command->options);
    shash_swap(local_options, &command->options);
    for (i = 0; i < argc; i++) {
        const char *option = argv[i];
        if (option[0] != '-') {
            break;
        }

        const char *equals = strchr(option, '=');
        char *key = (equals
                     ? xmemdup0(option, equals - option)
                     : xstrdup(option));
        char *value = equals ? xstrdup(equals + 1) : NULL;
        if (shash_find(&command->options, key)) {
            db_ctl_fatal("'%s' option specified multiple times", argv[i]);
        }
        shash_add_nocopy(&command->options, key, value);
    }
    if (i == argc) {
        db_ctl_fatal("missing command name (use --help for help)");
    }

    const struct db_ctl_command_syntax *p = db_ctl_find_command(argv[i]);
    if (!p) {
        db_ctl_fatal("unknown command '%s'; use --help for help", argv[i]);
    }

    struct shash_node *node;
    SHASH_FOR_EACH (node, &command->options) {
        const char *name = node->name;
        size_t len = strlen(name);
        const char *s = p->options;
        int end = EOF;

        /* Find 'name' as a whole word of the options list. */
        while (s && (s = strstr(s, name)) != NULL) {
            int after = s[len];
            bool at_start = s == p->options || s[-1] == ',' || s[-1] == ' ';
            if (at_start && (after == '=' || after == ',' || after == ' '
                             || after == '\0')) {
                end = after;
                break;
            }
            s += len;
        }
        if (end == EOF) {
            db_ctl_fatal("'%s' command has no '%s' option",
                         argv[i], node->name);
        }
        if ((end == '=') != (node->data != NULL)) {
            if (end == '=') {
                db_ctl_fatal("missing argument to '%s' option on '%s' "
                             "command", node->name, argv[i]);
            } else {
                db_ctl_fatal("'%s' option on '%s' does not accept an "
                             "argument", node->name, argv[i]);
            }
        }
    }

    int n_arg = argc - i - 1;
    if (n_arg < p->min_args) {
        db_ctl_fatal("'%s' command requires at least %d arguments",
                     p->name, p->min_args);
    } else if (n_arg > p->max_args) {
        for (int j = i + 1; j < argc; j++) {
            if (argv[j][0] == '-') {
                db_ctl_fatal("'%s' command takes at most %d arguments "
                             "(note that options must precede command "
                             "names and follow a \"--\" argument)",
                             p->name, p->max_args);
            }
        }
        db_ctl_fatal("'%s' command takes at most %d arguments",
                     p->name, p->max_args);
    }

    command->syntax = p;
    command->argc = n_arg + 1;
    command->argv = xmalloc((n_arg + 2) * sizeof *command->argv);
    for (int j = 0; j <= n_arg; j++) {
        command->argv[j] = xstrdup(argv[i + j]);
    }
    command->argv[n_arg + 1] = NULL;
    ds_init(&command->output);
    command->table = NULL;
}

struct db_ctl_command *
db_ctl_parse_commands(int argc, char *argv[], struct shash *local_options,
                      size_t *n_commands)
{
    struct db_ctl_command *commands = NULL;
    size_t n = 0, allocated = 0;
    int start = 0;

    for (int i = 0; i <= argc; i++) {
        if (i == argc || !strcmp(argv[i], "--")) {
            if (i > start) {
                if (n >= allocated) {
                    commands = x2nrealloc(commands, &allocated,
                                          sizeof *commands);
                }
                parse_command(i - start, &argv[start], local_options,
                              &commands[n++]);
            } else if (!shash_is_empty(local_options)) {
                db_ctl_fatal("missing command name (use --help for help)");
            }
            start = i + 1;
        }
    }
    if (!n) {
        db_ctl_fatal("missing command name (use --help for help)");
    }
    *n_commands = n;
    return commands;
}

void
db_ctl_clear_outputs(struct db_ctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ds_clear(&commands[i].output);
        if (commands[i].table) {
            table_destroy(commands[i].table);
            free(commands[i].table);
            commands[i].table = NULL;
        }
    }
}

void
db_ctl_free_commands(struct db_ctl_command *commands, size_t n)
{
    db_ctl_clear_outputs(commands, n);
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < commands[i].argc; j++) {
            free(commands[i].argv[j]);
        }
        free(commands[i].argv);
        shash_destroy_free_data(&commands[i].options);
        ds_destroy(&commands[i].output);
    }
    free(commands);
}

bool
db_ctl_any_rw(const struct db_ctl_command *commands, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (commands[i].syntax->mode == DB_CTL_RW) {
            return true;
        }
    }
    return false;
}

/* Options. */

void
db_ctl_add_cmd_options(struct option **options, size_t *n_options,
                       size_t *allocated, int opt_val)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &all_commands) {
        const struct db_ctl_command_syntax *p = node->data;
        if (!p->options || !*p->options) {
            continue;
        }
        char *list = xstrdup(p->options);
        char *save_ptr = NULL;
        for (char *name = strtok_r(list, ", ", &save_ptr); name;
             name = strtok_r(NULL, ", ", &save_ptr)) {
            if (strncmp(name, "--", 2)) {
                continue;
            }
            name += 2;
            size_t len = strlen(name);
            int has_arg = no_argument;
            if (len && name[len - 1] == '=') {
                name[--len] = '\0';
                has_arg = required_argument;
            }

            bool found = false;
            for (size_t i = 0; i < *n_options; i++) {
                struct option *o = &(*options)[i];
                if (!strcmp(o->name, name)) {
                    if (o->val == opt_val && o->has_arg != has_arg) {
                        o->has_arg = optional_argument;
                    }
                    found = true;
                    break;
                }
            }
            if (!found) {
                if (*n_options >= *allocated) {
                    *options = x2nrealloc(*options, allocated,
                                          sizeof **options);
                }
                struct option *o = &(*options)[(*n_options)++];
                o->name = xstrdup(name);
                o->has_arg = has_arg;
                o->flag = NULL;
                o->val = opt_val;
            }
        }
        free(list);
    }
}

void
db_ctl_add_local_option(struct shash *local_options, const char *name,
                        const char *value)
{
    char *key = xasprintf("--%s", name);
    struct shash_node *node = shash_find(local_options, key);

    /* Like ovs-vsctl, a repeated option replaces the earlier one. */
    if (node) {
        free(node->data);
        node->data = value ? xstrdup(value) : NULL;
        free(key);
    } else {
        shash_add_nocopy(local_options, key, value ? xstrdup(value) : NULL);
    }
}

/* Help. */

void
db_ctl_print_commands(void)
{
    const struct shash_node **nodes = shash_sort(&all_commands);
    size_t n = shash_count(&all_commands);
    for (size_t i = 0; i < n; i++) {
        const struct db_ctl_command_syntax *p = nodes[i]->data;
        struct ds line = DS_EMPTY_INITIALIZER;
        if (p->options && *p->options) {
            char *list = xstrdup(p->options);
            char *save_ptr = NULL;
            for (char *o = strtok_r(list, ", ", &save_ptr); o;
                 o = strtok_r(NULL, ", ", &save_ptr)) {
                ds_put_format(&line, "[%s] ", o);
            }
            free(list);
        }
        ds_put_format(&line, ",%s", p->name);
        if (p->arguments && *p->arguments) {
            ds_put_format(&line, ",%s", p->arguments);
        }
        puts(ds_cstr(&line));
        ds_destroy(&line);
    }
    free(nodes);
    exit(EXIT_SUCCESS);
}

void
db_ctl_print_options(const struct option *options)
{
    for (; options->name; options++) {
        printf("--%s%s\n", options->name,
               options->has_arg == required_argument ? "=ARG"
               : options->has_arg == optional_argument ? "[=ARG]" : "");
        if (options->flag == NULL && options->val > 0
            && options->val < 128 && isalnum(options->val)) {
            printf("-%c%s\n", options->val,
                   options->has_arg != no_argument ? " ARG" : "");
        }
    }
    exit(EXIT_SUCCESS);
}

void
db_ctl_print_db_commands_help(void)
{
    printf("\
Database commands:\n\
  list TBL [REC]              list RECord (or all records) in TBL\n\
  find TBL CONDITION...       list records satisfying CONDITION in TBL\n\
  get TBL REC COL[:KEY]       print values of COLumns in RECord in TBL\n\
  set TBL REC COL[:KEY]=VALUE set COLumn values in RECord in TBL\n\
  add TBL REC COL [KEY=]VALUE add (KEY=)VALUE to COLumn in RECord in TBL\n\
  remove TBL REC COL [KEY=]VALUE  remove (KEY=)VALUE from COLumn\n\
  clear TBL REC COL           clear values from COLumn in RECord in TBL\n\
  create TBL COL[:KEY]=VALUE  create and initialize new record\n\
  destroy TBL REC             delete RECord from TBL\n\
  wait-until TBL REC [COL[:KEY]=VALUE]  wait until condition is true\n\
Potentially unsafe database commands require --force option.\n");
}

void
db_ctl_print_table_help(void)
{
    const struct db_idl_class *class_ = ctl_idl_class;
    if (!class_) {
        return;
    }
    for (size_t i = 0; i < class_->n_tables; i++) {
        const struct db_idl_table_class *tc = &class_->tables[i];
        const struct db_ctl_table_class *ctc = db_ctl_table_class_for(tc);
        printf("  %s", tc->name);
        if (ctc) {
            for (int j = 0; j < 2 && ctc->row_ids[j].table; j++) {
                const struct db_ctl_row_id *id = &ctc->row_ids[j];
                if (id->name_column) {
                    printf(" %s.%s", id->table->name, id->name_column->name);
                } else {
                    printf(" %s", id->table->name);
                }
                if (id->uuid_column) {
                    printf("->%s", id->uuid_column->name);
                }
            }
        }
        putchar('\n');
    }
}

/* Contexts. */

void
db_ctl_context_init(struct db_ctl_context *ctx, struct db_idl *idl,
                    struct db_idl_txn *txn, struct db_symbol_table *symtab)
{
    ctx->argc = 0;
    ctx->argv = NULL;
    shash_init(&ctx->options);
    ds_init(&ctx->output);
    ctx->table = NULL;
    ctx->idl = idl;
    ctx->txn = txn;
    ctx->symtab = symtab;
    ctx->try_again = false;
    ctx->invalidate_cache = ctl_invalidate_cache;
}

void
db_ctl_context_init_command(struct db_ctl_context *ctx,
                            struct db_ctl_command *command)
{
    ctx->argc = command->argc;
    ctx->argv = command->argv;
    shash_swap(&ctx->options, &command->options);
    ds_swap(&ctx->output, &command->output);
    ctx->table = command->table;
    command->table = NULL;
    ctx->try_again = false;
}

void
db_ctl_context_done_command(struct db_ctl_context *ctx,
                            struct db_ctl_command *command)
{
    ds_swap(&ctx->output, &command->output);
    shash_swap(&ctx->options, &command->options);
    command->table = ctx->table;
    ctx->table = NULL;
    ctx->argc = 0;
    ctx->argv = NULL;
}

void
db_ctl_context_done(struct db_ctl_context *ctx)
{
    shash_destroy_free_data(&ctx->options);
    ds_destroy(&ctx->output);
    if (ctx->table) {
        table_destroy(ctx->table);
        free(ctx->table);
    }
}

void
db_ctl_invalidate_cache(struct db_ctl_context *ctx)
{
    if (ctx->invalidate_cache) {
        ctx->invalidate_cache(ctx);
    }
}

bool
db_ctl_has_option(const struct db_ctl_context *ctx, const char *name)
{
    return shash_find(&ctx->options, name) != NULL;
}

const char *
db_ctl_get_option(const struct db_ctl_context *ctx, const char *name)
{
    return shash_find_data(&ctx->options, name);
}

void
db_ctl_run_prerequisites(struct db_ctl_command *commands, size_t n,
                         struct db_idl *idl)
{
    for (size_t i = 0; i < n; i++) {
        struct db_ctl_command *c = &commands[i];
        if (c->syntax->prerequisites) {
            struct db_ctl_context ctx;
            db_ctl_context_init(&ctx, idl, NULL, NULL);
            db_ctl_context_init_command(&ctx, c);
            c->syntax->prerequisites(&ctx);
            db_ctl_context_done_command(&ctx, c);
            db_ctl_context_done(&ctx);
        }
    }
}

/* Output. */

/* Appends 'in' to 'out' with new-lines as "\n" and backslashes doubled,
 * without the trailing new-line. */
static void
put_oneline(struct ds *out, const struct ds *in)
{
    size_t len = in->length;
    const char *s = in->string;
    if (len && s[len - 1] == '\n') {
        len--;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            ds_put_cstr(out, "\\n");
        } else if (s[i] == '\\') {
            ds_put_cstr(out, "\\\\");
        } else {
            ds_put_char(out, s[i]);
        }
    }
}

void
db_ctl_print_outputs(const struct db_ctl_command *commands, size_t n,
                     const struct table_style *style, bool oneline)
{
    for (size_t i = 0; i < n; i++) {
        const struct db_ctl_command *c = &commands[i];
        if (c->table) {
            table_print(c->table, style);
        } else if (oneline) {
            struct ds line = DS_EMPTY_INITIALIZER;
            put_oneline(&line, &c->output);
            ds_put_char(&line, '\n');
            fputs(ds_cstr(&line), stdout);
            ds_destroy(&line);
        } else {
            fwrite(c->output.string ? c->output.string : "", 1,
                   c->output.length, stdout);
        }
    }
    fflush(stdout);
}

void
db_ctl_check_symbols(struct db_symbol_table *symtab,
                     void (*unreferenced)(const char *name))
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &symtab->sh) {
        struct db_symbol *symbol = node->data;
        if (!symbol->created) {
            db_ctl_fatal("row id \"%s\" is referenced but never created "
                         "(e.g. with \"-- --id=%s create ...\")",
                         node->name, node->name);
        }
    }
    SHASH_FOR_EACH (node, &symtab->sh) {
        struct db_symbol *symbol = node->data;
        if (!symbol->strong_ref && unreferenced) {
            unreferenced(node->name);
        }
    }
}

/* Lookups. */

/* Compares 'a' and 'b' case-insensitively with '-' equal to '_', over
 * 'n' characters of 'a' (or all of it if 'n' is SIZE_MAX).  Returns
 * true if equal. */
static bool
name_matches(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; a[i] && i < n; i++) {
        int ca = a[i] == '-' ? '_' : tolower((unsigned char) a[i]);
        int cb = b[i] == '-' ? '_' : tolower((unsigned char) b[i]);
        if (ca != cb) {
            return false;
        }
    }
    return n != SIZE_MAX || b[i] == '\0';
}

const struct db_idl_table_class *
db_ctl_get_table(const char *name)
{
    const struct db_idl_class *class_ = ctl_idl_class;
    const struct db_idl_table_class *best = NULL;
    int n_prefix = 0;
    size_t len = strlen(name);

    for (size_t i = 0; i < class_->n_tables; i++) {
        const struct db_idl_table_class *tc = &class_->tables[i];
        if (!strcmp(tc->name, name)) {
            return tc;
        }
    }
    for (size_t i = 0; i < class_->n_tables; i++) {
        const struct db_idl_table_class *tc = &class_->tables[i];
        if (name_matches(name, tc->name, SIZE_MAX)) {
            return tc;
        }
    }
    for (size_t i = 0; i < class_->n_tables; i++) {
        const struct db_idl_table_class *tc = &class_->tables[i];
        if (len && name_matches(name, tc->name, len)) {
            best = tc;
            n_prefix++;
        }
    }
    if (n_prefix == 1) {
        return best;
    } else if (n_prefix > 1) {
        db_ctl_fatal("multiple table names match \"%s\"", name);
    }
    db_ctl_fatal("unknown table \"%s\"", name);
}

/* Like db_ctl_get_column() but returns a malloc'd error instead of
 * exiting.  '*columnp' is NULL for "_uuid". */
static char *
get_column__(const struct db_idl_table_class *table, const char *name,
             const struct db_idl_column **columnp)
{
    const struct db_idl_column *best = NULL;
    int n_prefix = 0;
    size_t len = strlen(name);

    *columnp = NULL;
    if (!strcmp(name, "_uuid")) {
        return NULL;
    }
    for (size_t i = 0; i < table->n_columns; i++) {
        if (!strcmp(table->columns[i].name, name)) {
            *columnp = &table->columns[i];
            return NULL;
        }
    }
    for (size_t i = 0; i < table->n_columns; i++) {
        if (name_matches(name, table->columns[i].name, SIZE_MAX)) {
            *columnp = &table->columns[i];
            return NULL;
        }
    }
    for (size_t i = 0; i < table->n_columns; i++) {
        if (len && name_matches(name, table->columns[i].name, len)) {
            best = &table->columns[i];
            n_prefix++;
        }
    }
    if (n_prefix == 1) {
        *columnp = best;
        return NULL;
    } else if (n_prefix > 1) {
        return xasprintf("%s contains more than one column whose name "
                         "matches \"%s\"", table->name, name);
    }
    return xasprintf("%s does not contain a column whose name matches "
                     "\"%s\"", table->name, name);
}

const struct db_idl_column *
db_ctl_get_column(const struct db_idl_table_class *table, const char *name)
{
    const struct db_idl_column *column;
    char *error = get_column__(table, name, &column);
    if (error) {
        db_ctl_fatal("%s", error);
    }
    return column;
}

void
db_ctl_pre_get_row(struct db_ctl_context *ctx,
                   const struct db_idl_table_class *table)
{
    const struct db_ctl_table_class *ctc = db_ctl_table_class_for(table);
    db_idl_add_table(ctx->idl, table);
    if (!ctc) {
        return;
    }
    for (int i = 0; i < 2; i++) {
        const struct db_ctl_row_id *id = &ctc->row_ids[i];
        if (!id->table) {
            break;
        }
        db_idl_add_table(ctx->idl, id->table);
        if (id->name_column) {
            db_idl_add_column(ctx->idl, id->name_column);
        }
        if (id->uuid_column) {
            db_idl_add_column(ctx->idl, id->uuid_column);
        }
    }
}

/* True if 'datum' of type 'type' (a scalar) equals 'record_id'. */
static bool
name_equals(const struct db_datum *datum, const struct db_type *type,
            const char *record_id)
{
    if (datum->n != 1) {
        return false;
    }
    switch (type->key.type) {
    case DB_TYPE_STRING:
        return !strcmp(db_atom_string(&datum->keys[0]), record_id);
    case DB_TYPE_INTEGER: {
        long long int value;
        return (str_to_llong(record_id, 10, &value)
                && value == datum->keys[0].integer);
    }
    default:
        return false;
    }
}

/* Looks up 'record_id' through 'id'.  Returns the row or NULL. */
static const struct db_idl_row *
get_row_by_id(struct db_ctl_context *ctx,
              const struct db_idl_table_class *table,
              const struct db_ctl_row_id *id, const char *record_id)
{
    const struct db_idl_row *referrer = NULL;

    if (!id->name_column) {
        if (strcmp(record_id, ".")) {
            return NULL;
        }
        referrer = db_idl_first_row(ctx->idl, id->table);
        if (!referrer || db_idl_next_row(referrer)) {
            return NULL;
        }
    } else {
        const struct db_idl_row *row;
        for (row = db_idl_first_row(ctx->idl, id->table); row;
             row = db_idl_next_row(row)) {
            const struct db_datum *name = db_idl_read(row, id->name_column);
            if (name_equals(name, &id->name_column->type, record_id)) {
                if (referrer) {
                    db_ctl_fatal("multiple rows in %s match \"%s\"",
                                 id->table->name, record_id);
                }
                referrer = row;
            }
        }
    }
    if (!referrer) {
        return NULL;
    }

    if (id->uuid_column) {
        const struct db_datum *uuid = db_idl_read(referrer, id->uuid_column);
        if (uuid->n == 1) {
            return db_idl_get_row_for_uuid(ctx->idl, table,
                                           &uuid->keys[0].uuid);
        }
        return NULL;
    }
    return referrer;
}

/* Returns the number of leading hex digits of 's' that form a prefix of
 * a UUID in canonical form, or 0 if 's' is not such a prefix. */
static size_t
uuid_prefix_len(const char *s)
{
    static const char form[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    size_t n_digits = 0;
    size_t i;
    for (i = 0; s[i]; i++) {
        if (i >= sizeof form - 1) {
            return 0;
        }
        if (form[i] == '-') {
            if (s[i] != '-') {
                return 0;
            }
        } else if (isxdigit((unsigned char) s[i])) {
            n_digits++;
        } else {
            return 0;
        }
    }
    return n_digits;
}

const struct db_idl_row *
db_ctl_get_row(struct db_ctl_context *ctx,
               const struct db_idl_table_class *table, const char *record_id,
               bool must_exist)
{
    const struct db_idl_row *row = NULL;
    struct uuid uuid;

    if (uuid_from_string(&uuid, record_id)) {
        row = db_idl_get_row_for_uuid(ctx->idl, table, &uuid);
    }
    if (!row) {
        const struct db_ctl_table_class *ctc = db_ctl_table_class_for(table);
        for (int i = 0; ctc && i < 2 && !row; i++) {
            if (ctc->row_ids[i].table) {
                row = get_row_by_id(ctx, table, &ctc->row_ids[i], record_id);
            }
        }
    }
    if (!row && uuid_prefix_len(record_id) >= 4) {
        size_t len = strlen(record_id);
        const struct db_idl_row *r;
        for (r = db_idl_first_row(ctx->idl, table); r;
             r = db_idl_next_row(r)) {
            char s[UUID_LEN + 1];
            snprintf(s, sizeof s, UUID_FMT, UUID_ARGS(&r->uuid));
            if (!strncasecmp(s, record_id, len)) {
                if (row) {
                    db_ctl_fatal("%s contains 2 or more rows whose UUIDs "
                                 "begin with %s: at least "UUID_FMT" and "
                                 UUID_FMT, table->name, record_id,
                                 UUID_ARGS(&row->uuid), UUID_ARGS(&r->uuid));
                }
                row = r;
            }
        }
    }
    if (must_exist && !row) {
        db_ctl_fatal("no row \"%s\" in table %s", record_id, table->name);
    }
    return row;
}

struct db_symbol *
db_ctl_create_symbol(struct db_symbol_table *symtab, const char *id,
                     bool *newp)
{
    if (id[0] != '@') {
        db_ctl_fatal("row id \"%s\" does not begin with \"@\"", id);
    }

    if (newp) {
        *newp = db_symbol_table_get(symtab, id) == NULL;
    }

    struct db_symbol *symbol = db_symbol_table_insert(symtab, id);
    if (symbol->created) {
        db_ctl_fatal("row id \"%s\" may only be specified on one --id "
                     "option", id);
    }
    symbol->created = true;
    return symbol;
}

/* Returns an error for 'arg' not ending in one of the 'n' operators. */
static char *
missing_operator_error(const char *arg, const char **allowed, size_t n)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "%s: argument does not end in ", arg);
    ds_put_format(&s, "\"%s\"", allowed[0]);
    if (n == 2) {
        ds_put_format(&s, " or \"%s\"", allowed[1]);
    } else if (n > 2) {
        for (size_t i = 1; i < n - 1; i++) {
            ds_put_format(&s, ", \"%s\"", allowed[i]);
        }
        ds_put_format(&s, ", or \"%s\"", allowed[n - 1]);
    }
    ds_put_format(&s, " followed by a value.");
    return ds_steal_cstr(&s);
}

void
db_ctl_parse_column_key_value(const char *arg,
                              const struct db_idl_table_class *table,
                              const struct db_idl_column **columnp,
                              char **keyp, const char **operatorp,
                              const char **valid_operators,
                              size_t n_valid_operators, char **valuep)
{
    const char *p = arg;
    char *column_name;
    char *error;

    *columnp = NULL;
    *keyp = NULL;
    if (valuep) {
        *valuep = NULL;
    }

    error = db_ctl_token_parse(&p, &column_name);
    if (error) {
        db_ctl_fatal("%s", error);
    }
    if (column_name[0] == '\0') {
        free(column_name);
        db_ctl_fatal("%s: missing column name", arg);
    }
    error = get_column__(table, column_name, columnp);
    free(column_name);
    if (error) {
        db_ctl_fatal("%s", error);
    }

    if (*p == ':') {
        p++;
        error = db_ctl_token_parse(&p, keyp);
        if (error) {
            db_ctl_fatal("%s", error);
        }
    }

    if (valuep) {
        size_t best_len = 0;
        for (size_t i = 0; i < n_valid_operators; i++) {
            const char *op = valid_operators[i];
            size_t op_len = strlen(op);
            if (op_len > best_len && !strncmp(op, p, op_len)
                && p[op_len]) {
                best_len = op_len;
                *operatorp = op;
            }
        }
        if (!best_len) {
            db_ctl_fatal("%s", missing_operator_error(arg, valid_operators,
                                                      n_valid_operators));
        }
        *valuep = xstrdup(p + best_len);
    } else if (*p != '\0') {
        db_ctl_fatal("%s: trailing garbage \"%s\" in argument", arg, p);
    }
}

/* True if 'column' of 'row' may be written. */
static bool
column_is_writable(const struct db_idl_row *row,
                   const struct db_idl_column *column)
{
    return column->is_mutable || !row->old_datum;
}

void
db_ctl_check_mutable(const struct db_idl_row *row,
                     const struct db_idl_column *column)
{
    if (!column_is_writable(row, column)) {
        db_ctl_fatal("cannot modify read-only column %s in table %s",
                     column->name, column->table->name);
    }
}

void
db_ctl_set_column(struct db_ctl_context *ctx,
                  const struct db_idl_table_class *table,
                  const struct db_idl_row *row, const char *arg)
{
    static const char *equals[] = { "=" };
    const struct db_idl_column *column;
    const char *operator;
    char *key_string, *value_string;
    char *error;

    db_ctl_parse_column_key_value(arg, table, &column, &key_string,
                                  &operator, equals, 1, &value_string);
    if (!column) {
        db_ctl_fatal("cannot modify read-only column _uuid in table %s",
                     table->name);
    }
    db_ctl_check_mutable(row, column);

    if (key_string) {
        union db_atom key, value;
        struct db_datum datum;

        if (!db_type_is_map(&column->type)) {
            db_ctl_fatal("cannot specify key to set for non-map column %s",
                         column->name);
        }
        error = db_ctl_atom_from_string(&key, NULL, &column->type.key,
                                        key_string, ctx->symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }
        error = db_ctl_atom_from_string(&value, NULL, &column->type.value,
                                        value_string, ctx->symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }

        db_datum_init_empty(&datum);
        db_datum_add_unsafe(&datum, &key, &value, &column->type);
        db_atom_destroy(&key, column->type.key.type);
        db_atom_destroy(&value, column->type.value.type);
        db_idl_txn_write_partial_map(row, column, &datum);
    } else {
        struct db_datum datum;
        error = db_ctl_datum_from_string(&datum, &column->type, value_string,
                                         ctx->symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }
        db_idl_txn_write(row, column, &datum);
    }

    free(key_string);
    free(value_string);
}
