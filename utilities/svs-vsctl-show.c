/* svs-vsctl-show.c: the "show" command of svs-vsctl: a tree of the
 * Open_vSwitch row, its managers and bridges, their controllers and
 * ports, and the ports' interfaces, each with the columns that matter
 * most when they differ from their defaults.  References are followed
 * through the tables listed in 'show_tables'; each row is expanded once. */
#include <config.h>
#include "svs-vsctl.h"

#include <stdio.h>
#include "db-ctl.h"
#include "db-data.h"
#include "db-idl.h"
#include "dynamic-string.h"
#include "sset.h"
#include "util.h"
#include "uuid.h"
#include "vswitch-idl.h"

/* show. */

struct show_table {
    const struct db_idl_table_class *table;
    const struct db_idl_column *name_column;
    const struct db_idl_column *columns[4];
};

static struct show_table show_tables[6];

static void
init_show_tables(void)
{
    struct show_table *t = show_tables;
    *t++ = (struct show_table) {
        &svsrec_table_open_vswitch, NULL,
        { &svsrec_open_vswitch_col_manager_options,
          &svsrec_open_vswitch_col_bridges,
          &svsrec_open_vswitch_col_ovs_version, NULL } };
    *t++ = (struct show_table) {
        &svsrec_table_bridge, &svsrec_bridge_col_name,
        { &svsrec_bridge_col_controller, &svsrec_bridge_col_fail_mode,
          &svsrec_bridge_col_datapath_type, &svsrec_bridge_col_ports } };
    *t++ = (struct show_table) {
        &svsrec_table_port, &svsrec_port_col_name,
        { &svsrec_port_col_tag, &svsrec_port_col_trunks,
          &svsrec_port_col_interfaces, NULL } };
    *t++ = (struct show_table) {
        &svsrec_table_interface, &svsrec_interface_col_name,
        { &svsrec_interface_col_type, &svsrec_interface_col_options,
          &svsrec_interface_col_error, NULL } };
    *t++ = (struct show_table) {
        &svsrec_table_controller, &svsrec_controller_col_target,
        { &svsrec_controller_col_is_connected, NULL, NULL, NULL } };
    *t++ = (struct show_table) {
        &svsrec_table_manager, &svsrec_manager_col_target,
        { &svsrec_manager_col_is_connected, NULL, NULL, NULL } };
}

static const struct show_table *
show_table_for(const struct db_idl_table_class *table)
{
    for (size_t i = 0; i < ARRAY_SIZE(show_tables); i++) {
        if (show_tables[i].table == table) {
            return &show_tables[i];
        }
    }
    return NULL;
}

static void
pre_cmd_show(struct db_ctl_context *ctx)
{
    for (size_t i = 0; i < ARRAY_SIZE(show_tables); i++) {
        const struct show_table *st = &show_tables[i];
        db_idl_add_table(ctx->idl, st->table);
        if (st->name_column) {
            db_idl_add_column(ctx->idl, st->name_column);
        }
        for (size_t j = 0; j < ARRAY_SIZE(st->columns); j++) {
            if (st->columns[j]) {
                db_idl_add_column(ctx->idl, st->columns[j]);
            }
        }
    }
}

static void
show_row(struct db_ctl_context *ctx, const struct db_idl_row *row,
         int level, struct sset *shown)
{
    const struct db_idl_table_class *table = db_idl_row_get_class(row);
    const struct show_table *st = show_table_for(table);
    struct ds *out = &ctx->output;

    ds_put_char_multiple(out, ' ', level * 4);
    if (st && st->name_column) {
        const struct db_datum *datum = db_idl_read(row, st->name_column);
        ds_put_format(out, "%s ", table->name);
        db_datum_to_string(datum, &st->name_column->type, out);
    } else {
        ds_put_format(out, UUID_FMT, UUID_ARGS(&row->uuid));
    }
    ds_put_char(out, '\n');

    if (!st) {
        return;
    }
    char uuid_s[UUID_LEN + 1];
    snprintf(uuid_s, sizeof uuid_s, UUID_FMT, UUID_ARGS(&row->uuid));
    if (!sset_add(shown, uuid_s)) {
        return;
    }

    for (size_t i = 0; i < ARRAY_SIZE(st->columns); i++) {
        const struct db_idl_column *column = st->columns[i];
        if (!column) {
            break;
        }
        const struct db_datum *datum = db_idl_read(row, column);
        const struct db_type *type = &column->type;

        if (type->key.type == DB_TYPE_UUID && type->key.uuid.ref_table_name
            && type->value.type == DB_TYPE_VOID && column->key_ref
            && show_table_for(column->key_ref)) {
            for (unsigned int j = 0; j < datum->n; j++) {
                const struct db_idl_row *ref = db_idl_get_row_for_uuid(
                    ctx->idl, column->key_ref, &datum->keys[j].uuid);
                if (ref) {
                    show_row(ctx, ref, level + 1, shown);
                }
            }
            continue;
        }

        if (!db_datum_is_default(datum, type)) {
            ds_put_char_multiple(out, ' ', (level + 1) * 4);
            ds_put_format(out, "%s: ", column->name);
            db_datum_to_string(datum, type, out);
            ds_put_char(out, '\n');
        }
    }
}

static void
cmd_show(struct db_ctl_context *ctx)
{
    struct sset shown = SSET_INITIALIZER(&shown);
    const struct db_idl_row *row;

    for (row = db_idl_first_row(ctx->idl, show_tables[0].table); row;
         row = db_idl_next_row(row)) {
        show_row(ctx, row, 0, &shown);
    }
    sset_destroy(&shown);
}

static const struct db_ctl_command_syntax show_commands[] = {
    {"show", 0, 0, "", pre_cmd_show, cmd_show, NULL, "", DB_CTL_RO},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, DB_CTL_RO},
};

void
vsctl_show_register(void)
{
    init_show_tables();
    db_ctl_register_commands(show_commands);
}
