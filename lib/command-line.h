/* command-line.h: helpers for parsing command lines.
 *
 * What:
 *   - long_options_to_short_options() turns a getopt_long() option table
 *     into the matching short-option string, so that each program lists
 *     its options once.
 *   - SVS_CMDL_STD_LONG_OPTIONS / SVS_CMDL_STD_OPTION_HANDLERS give every
 *     program the same -h/--help and -V/--version options; --version
 *     prints "<program> (svs) <version>".
 *   - svs_cmdl_run_command() dispatches "PROGRAM [OPTIONS] COMMAND
 *     [ARG...]" style subcommands (svsdb-tool, svsdb-client, svs-appctl,
 *     test programs) through a table of 'struct svs_cmdl_command', checking
 *     argument counts with uniform error messages:
 *         unknown command 'X'; use --help for help
 *         'X' command requires at least N arguments
 *         'X' command takes at most N arguments
 *
 * Thread-safety: these functions are meant for main() and are reentrant;
 * svs_cmdl_run_command() exits the process on errors. */
#ifndef SVS_COMMAND_LINE_H
#define SVS_COMMAND_LINE_H 1

#include <getopt.h>
#include <limits.h>
#include <stdbool.h>

/* Returns a malloc'd getopt() short option string for the entries of the
 * null-terminated 'options' whose 'flag' is NULL and whose 'val' is a
 * printable ASCII character, each followed by ':' if it requires an
 * argument or '::' if its argument is optional. */
char *long_options_to_short_options(const struct option *options);

/* Prints the long options of 'options' one per line (with "=ARG" after
 * options that take an argument), for shell completion scripts. */
void svs_cmdl_print_options(const struct option *options);

/* -h/--help and -V/--version.  The enclosing program must define
 * 'static void usage(void)', which prints help and exits. */
#define SVS_CMDL_STD_LONG_OPTIONS                                       \
    {"help",    no_argument, NULL, 'h'},                                \
    {"version", no_argument, NULL, 'V'}
#define SVS_CMDL_STD_OPTION_HANDLERS                                    \
    case 'h':                                                           \
        usage();                                                        \
        /* usage() does not return. */                                  \
        exit(EXIT_SUCCESS);                                             \
    case 'V':                                                           \
        svs_print_version();                                            \
        exit(EXIT_SUCCESS);                                             \
    case '?':                                                           \
        /* getopt_long() already printed a message. */                  \
        exit(EXIT_FAILURE);

/* Context handed to a command handler. */
struct svs_cmdl_context {
    int argc;                   /* argv[0] is the command name. */
    char **argv;
    void *pvt;                  /* Caller's private data. */
};

/* One subcommand. */
struct svs_cmdl_command {
    const char *name;           /* NULL terminates a table. */
    const char *usage;          /* Arguments, e.g. "DB [SCHEMA]", or NULL.*/
    int min_args;               /* Not counting the command name. */
    int max_args;               /* INT_MAX for no limit. */
    void (*handler)(struct svs_cmdl_context *);
};

/* Finds the command named ctx->argv[0] in 'commands', checks its argument
 * count, and calls its handler.  On error prints a message and exits with
 * status 1. */
void svs_cmdl_run_command(struct svs_cmdl_context *,
                          const struct svs_cmdl_command commands[]);
/* Returns the command named 'name' in 'commands', or NULL. */
const struct svs_cmdl_command *svs_cmdl_find_command(
    const struct svs_cmdl_command commands[], const char *name);
/* Prints the commands of 'commands' one per line, "NAME USAGE", for
 * shell completion and --help. */
void svs_cmdl_print_commands(const struct svs_cmdl_command commands[]);

#endif /* command-line.h */
