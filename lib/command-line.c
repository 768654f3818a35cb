/* command-line.c: option tables and subcommand dispatch. */
#include <config.h>
#include "command-line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "util.h"

char *
long_options_to_short_options(const struct option *options)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    for (; options->name; options++) {
        const struct option *o = options;
        if (!o->flag && o->val > 0 && o->val <= 0x7f
            && o->val > ' ' && o->val != ':') {
            ds_put_char(&s, o->val);
            if (o->has_arg == required_argument) {
                ds_put_char(&s, ':');
            } else if (o->has_arg == optional_argument) {
                ds_put_cstr(&s, "::");
            }
        }
    }
    return ds_steal_cstr(&s);
}

void
svs_cmdl_print_options(const struct option *options)
{
    for (; options->name; options++) {
        printf("--%s%s\n", options->name,
               options->has_arg == required_argument ? "=ARG"
               : options->has_arg == optional_argument ? "[=ARG]" : "");
        if (!options->flag && options->val > ' ' && options->val <= 0x7f) {
            printf("-%c%s\n", options->val,
                   options->has_arg == required_argument ? " ARG" : "");
        }
    }
}

const struct svs_cmdl_command *
svs_cmdl_find_command(const struct svs_cmdl_command commands[],
                      const char *name)
{
    for (const struct svs_cmdl_command *c = commands; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

void
svs_cmdl_run_command(struct svs_cmdl_context *ctx,
                     const struct svs_cmdl_command commands[])
{
    if (ctx->argc < 1) {
        svs_fatal(0, "missing command name; use --help for help");
    }

    const struct svs_cmdl_command *c = svs_cmdl_find_command(commands,
                                                             ctx->argv[0]);
    if (!c) {
        svs_fatal(0, "unknown command '%s'; use --help for help",
                  ctx->argv[0]);
    }

    int n_args = ctx->argc - 1;
    if (n_args < c->min_args) {
        svs_fatal(0, "'%s' command requires at least %d arguments",
                  c->name, c->min_args);
    } else if (n_args > c->max_args) {
        svs_fatal(0, "'%s' command takes at most %d arguments",
                  c->name, c->max_args);
    }
    c->handler(ctx);
}

void
svs_cmdl_print_commands(const struct svs_cmdl_command commands[])
{
    for (const struct svs_cmdl_command *c = commands; c->name; c++) {
        printf("%s%s%s\n", c->name, c->usage ? " " : "",
               c->usage ? c->usage : "");
    }
}
