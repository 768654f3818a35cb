#! /usr/bin/python3
"""db-idl-gen.py: generates typed C bindings for lib/db-idl from an OVSDB
schema.

Usage:
    db-idl-gen.py header SCHEMA [--prefix=PREFIX] [-o OUTPUT]
    db-idl-gen.py source SCHEMA [--prefix=PREFIX] [--header=NAME]
                                [-o OUTPUT]

"header" writes the declarations (e.g. lib/vswitch-idl.h), "source" the
definitions (lib/vswitch-idl.c), which include the header as NAME (default:
the schema's base name + "-idl.h").  PREFIX (default "svsrec_") starts
every generated name: table "Bridge" gives struct svsrec_bridge,
svsrec_bridge_first(), SVSREC_BRIDGE_FOR_EACH, svsrec_bridge_col_name, the
class is svsrec_idl_class.  See lib/db-idl-provider.h for how columns map
to C fields.

Only the Python standard library is used, so that Debian's /usr/bin/python3
runs it at build time.
"""

import argparse
import json
import os
import sys

C_KEYWORDS = set("""auto break case char const continue default do double
else enum extern float for goto if inline int long register restrict return
short signed sizeof static struct switch typedef union unsigned void
volatile while bool _Bool""".split())


class GenError(Exception):
    pass


def c_string(s):
    """Returns 's' as a C string literal."""
    out = ['"']
    for byte in s.encode("utf-8"):
        c = chr(byte)
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif 32 <= byte < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % byte)
    out.append('"')
    return "".join(out)


# Names that generated functions use for their own parameters and locals.
RESERVED_PARAMS = set("""row datum cond function i idl k v txn change column
uuid""".split())


def c_id(name):
    """Returns schema identifier 'name' as a C identifier."""
    return name + "_" if name in C_KEYWORDS else name


def c_param(name):
    """Returns schema identifier 'name' as a C parameter name that does not
    clash with the generated functions' own names."""
    return name + "_" if name in C_KEYWORDS or name in RESERVED_PARAMS \
        else name


class BaseType(object):
    def __init__(self, json_, where):
        if isinstance(json_, str):
            json_ = {"type": json_}
        if not isinstance(json_, dict) or "type" not in json_:
            raise GenError("%s: bad base type" % where)
        self.type = json_["type"]
        if self.type not in ("integer", "real", "boolean", "string",
                             "uuid"):
            raise GenError("%s: unknown atomic type %r" % (where, self.type))
        self.enum = json_.get("enum")
        self.min_integer = json_.get("minInteger")
        self.max_integer = json_.get("maxInteger")
        self.min_real = json_.get("minReal")
        self.max_real = json_.get("maxReal")
        self.min_length = json_.get("minLength")
        self.max_length = json_.get("maxLength")
        self.ref_table = json_.get("refTable")
        self.ref_type = json_.get("refType", "strong")

    def is_ref(self):
        return self.type == "uuid" and self.ref_table is not None

    def initializer(self):
        """The C initializer of a 'struct db_base_type'."""
        t = "DB_TYPE_" + self.type.upper()
        if self.type == "integer":
            lo = ("INT64_MIN" if self.min_integer is None
                  else "INT64_C(%d)" % self.min_integer)
            hi = ("INT64_MAX" if self.max_integer is None
                  else "INT64_C(%d)" % self.max_integer)
            extra = ".integer = { .min = %s, .max = %s }" % (lo, hi)
        elif self.type == "real":
            lo = ("-DBL_MAX" if self.min_real is None
                  else repr(float(self.min_real)))
            hi = ("DBL_MAX" if self.max_real is None
                  else repr(float(self.max_real)))
            extra = ".real = { .min = %s, .max = %s }" % (lo, hi)
        elif self.type == "string":
            lo = "0" if self.min_length is None else "%du" % self.min_length
            hi = ("UINT_MAX" if self.max_length is None
                  else "%du" % self.max_length)
            extra = ".string = { .min_len = %s, .max_len = %s }" % (lo, hi)
        elif self.type == "uuid":
            if self.ref_table:
                extra = (".uuid = { .ref_table_name = (char *) %s, "
                         ".ref_table = NULL, .ref_type = DB_REF_%s }"
                         % (c_string(self.ref_table), self.ref_type.upper()))
            else:
                extra = (".uuid = { .ref_table_name = NULL, "
                         ".ref_table = NULL, .ref_type = DB_REF_STRONG }")
        else:
            extra = None
        if extra:
            return "{ .type = %s, .enum_ = NULL, %s }" % (t, extra)
        return "{ .type = %s, .enum_ = NULL }" % t


class Column(object):
    def __init__(self, table, name, json_, prefix):
        where = "%s.%s" % (table.name, name)
        self.table = table
        self.name = name
        self.cname = c_id(name)
        self.pname = c_param(name)
        t = json_.get("type")
        if t is None:
            raise GenError("%s: missing type" % where)
        if isinstance(t, str) or ("key" not in t if isinstance(t, dict)
                                  else True):
            t = {"key": t}
        self.key = BaseType(t["key"], where)
        self.value = BaseType(t["value"], where) if "value" in t else None
        self.n_min = t.get("min", 1)
        n_max = t.get("max", 1)
        self.n_max = None if n_max == "unlimited" else n_max
        self.mutable = json_.get("mutable", True)
        self.prefix = prefix

        if self.value:
            self.kind = "MAP"
        elif self.n_min == 1 and self.n_max == 1:
            self.kind = "SCALAR"
        elif (self.n_min == 0 and self.n_max == 1
              and (self.key.type == "string" or self.key.is_ref())):
            self.kind = "OPTIONAL"
        else:
            self.kind = "ARRAY"

    def type_initializer(self):
        value = (self.value.initializer() if self.value
                 else "{ .type = DB_TYPE_VOID, .enum_ = NULL }")
        return ("{ .key = %s,\n                  .value = %s,\n"
                "                  .n_min = %du, .n_max = %s }"
                % (self.key.initializer(), value, self.n_min,
                   "UINT_MAX" if self.n_max is None
                   else "%du" % self.n_max))

    def ctype(self, base, const=False):
        """The C type of one atom of 'base' in a row struct ('const' for
        a setter's argument)."""
        if base.type == "integer":
            return "int64_t"
        elif base.type == "real":
            return "double"
        elif base.type == "boolean":
            return "bool"
        elif base.type == "string":
            return "const char *" if const else "char *"
        elif base.is_ref():
            return "%sstruct %s%s *" % ("const " if const else "",
                                         self.prefix,
                                         table_cname(base.ref_table))
        else:
            return "struct uuid"

    def enum_name(self):
        return "%s%s_COL_%s" % (self.prefix.upper(),
                                self.table.cname.upper(),
                                self.name.upper())

    def var(self):
        return "%s%s_col_%s" % (self.prefix, self.table.cname, self.name)


def table_cname(name):
    return name.lower()


class Table(object):
    def __init__(self, name, json_, prefix, default_is_root):
        self.name = name
        self.cname = table_cname(name)
        self.prefix = prefix
        self.is_root = json_.get("isRoot", default_is_root)
        self.max_rows = json_.get("maxRows")
        cols = json_.get("columns", {})
        self.columns = [Column(self, n, cols[n], prefix)
                        for n in sorted(cols)]

    def struct(self):
        return "struct %s%s" % (self.prefix, self.cname)

    def p(self):
        """Prefix of this table's functions."""
        return "%s%s_" % (self.prefix, self.cname)

    def P(self):
        return self.p().upper()


class Schema(object):
    def __init__(self, json_, prefix):
        self.name = json_["name"]
        self.version = json_.get("version", "")
        self.cksum = json_.get("cksum", "")
        tables = json_.get("tables", {})
        default_is_root = not any("isRoot" in t for t in tables.values())
        self.tables = [Table(n, tables[n], prefix, default_is_root)
                       for n in sorted(tables)]
        self.prefix = prefix
        names = set(t.name for t in self.tables)
        for t in self.tables:
            for c in t.columns:
                for b in (c.key, c.value):
                    if b and b.ref_table and b.ref_table not in names:
                        raise GenError("%s.%s: refTable %s does not exist"
                                       % (t.name, c.name, b.ref_table))

    def table_index(self, name):
        return "%sTABLE_%s" % (self.prefix.upper(), table_cname(name).upper())


# Setter arguments.  Each returns (C parameter declarations, statements
# that fill 'datum' from them).

def atom_assign(col, base, dst, src):
    """A statement storing C value 'src' of 'base' into atom 'dst'."""
    if base.type == "integer":
        return "%s.integer = %s;" % (dst, src)
    elif base.type == "real":
        return "%s.real = %s;" % (dst, src)
    elif base.type == "boolean":
        return "%s.boolean = %s;" % (dst, src)
    elif base.type == "string":
        return "%s.s = db_string_create_cstr(%s);" % (dst, src)
    elif base.is_ref():
        return "%s.uuid = %s->header_.uuid;" % (dst, src)
    else:
        return "%s.uuid = *%s;" % (dst, src)


def scalar_param(col, base, name):
    if base.type == "uuid" and not base.is_ref():
        return "const struct uuid *%s" % name
    t = col.ctype(base, const=True)
    return "%s%s%s" % (t, "" if t.endswith("*") else " ", name)


def array_param(col, base, name):
    if base.type == "string":
        return "const char **%s" % name
    elif base.is_ref():
        return "struct %s%s **%s" % (col.prefix, table_cname(base.ref_table),
                                     name)
    elif base.type == "uuid":
        return "const struct uuid *%s" % name
    else:
        return "const %s *%s" % (col.ctype(base), name)


def array_elem_ref(base, name, i):
    """How to pass element 'i' of array argument 'name' to
    atom_assign()."""
    if base.type == "uuid" and not base.is_ref():
        return "&%s[%s]" % (name, i)
    return "%s[%s]" % (name, i)


def setter_params(col):
    """Returns the setter's parameter list (after the row) and the body
    that builds 'datum'."""
    n = col.pname
    body = []
    if col.kind == "SCALAR":
        params = [scalar_param(col, col.key, n)]
        body.append("%sdatum_alloc(datum, &%s, 1);"
                    % (col.prefix, col.var()))
        body.append(atom_assign(col, col.key, "datum->keys[0]", n))
    elif col.kind == "OPTIONAL":
        params = [scalar_param(col, col.key, n)]
        body.append("%sdatum_alloc(datum, &%s, %s ? 1 : 0);"
                    % (col.prefix, col.var(), n))
        body.append("if (%s) {" % n)
        body.append("    " + atom_assign(col, col.key, "datum->keys[0]", n))
        body.append("}")
    elif col.kind == "ARRAY":
        params = [array_param(col, col.key, n), "size_t n_%s" % n]
        body.append("%sdatum_alloc(datum, &%s, n_%s);"
                    % (col.prefix, col.var(), n))
        body.append("for (size_t i = 0; i < n_%s; i++) {" % n)
        body.append("    " + atom_assign(col, col.key, "datum->keys[i]",
                                         array_elem_ref(col.key, n, "i")))
        body.append("}")
        body.append("db_datum_sort_unique(datum, &%s.type);" % col.var())
    else:
        params = [array_param(col, col.key, "key_" + n),
                  array_param(col, col.value, "value_" + n),
                  "size_t n_%s" % n]
        body.append("%sdatum_alloc(datum, &%s, n_%s);"
                    % (col.prefix, col.var(), n))
        body.append("for (size_t i = 0; i < n_%s; i++) {" % n)
        body.append("    " + atom_assign(col, col.key, "datum->keys[i]",
                                         array_elem_ref(col.key, "key_" + n,
                                                        "i")))
        body.append("    " + atom_assign(col, col.value, "datum->values[i]",
                                         array_elem_ref(col.value,
                                                        "value_" + n, "i")))
        body.append("}")
        body.append("db_datum_sort_unique(datum, &%s.type);" % col.var())
    return params, body


def arg_names(params):
    return [p.split()[-1].lstrip("*") for p in params]


def struct_fields(col):
    """The row struct's fields for 'col', as lines."""
    n = col.cname
    if col.kind == "SCALAR":
        t = col.ctype(col.key)
        return ["%s%s%s;" % (t, "" if t.endswith("*") else " ", n)]
    elif col.kind == "OPTIONAL":
        t = col.ctype(col.key)
        return ["%s%s;   /* NULL if absent. */" % (t, n)]
    elif col.kind == "ARRAY":
        t = col.ctype(col.key)
        return ["%s%s*%s;" % (t, "" if t.endswith("*") else " ", n),
                "size_t n_%s;" % n]
    else:
        kt = col.ctype(col.key)
        vt = col.ctype(col.value)
        return ["%s%s*key_%s;" % (kt, "" if kt.endswith("*") else " ", n),
                "%s%s*value_%s;" % (vt, "" if vt.endswith("*") else " ", n),
                "size_t n_%s;" % n]


def describe_type(col):
    def base(b):
        s = b.type
        if b.is_ref():
            s = "%s %s" % ("weak reference to" if b.ref_type == "weak"
                           else "reference to", b.ref_table)
        if b.enum is not None:
            s += " (enum)"
        return s
    if col.value:
        return "map of %s to %s" % (base(col.key), base(col.value))
    if col.kind == "SCALAR":
        return base(col.key)
    if col.n_max == 1:
        return "optional %s" % base(col.key)
    return "set of %s" % base(col.key)


def generate_header(schema, out):
    P = schema.prefix.upper()
    p = schema.prefix
    guard = "%sIDL_HEADER" % P
    w = out.append
    w("/* Generated by lib/db-idl-gen.py from the schema of database %s."
      % schema.name)
    w(" * Do not edit.")
    w(" *")
    w(" * Typed bindings for lib/db-idl.h.  For each table T (lower case),")
    w(" * with PREFIX %s:" % p)
    w(" *")
    w(" *   struct PREFIXT      a row: 'header_' (struct db_idl_row, with")
    w(" *                       the UUID) then the columns' fields, see")
    w(" *                       lib/db-idl-provider.h")
    w(" *   PREFIXT_col_C       column C's struct db_idl_column, for")
    w(" *                       db_idl_add_column() and generic code")
    w(" *   PREFIXT_first/next/get_for_uuid/count, %sT_FOR_EACH(_SAFE)"
      % P)
    w(" *   PREFIXT_track_get_first/next, %sT_FOR_EACH_TRACKED," % P)
    w(" *   PREFIXT_is_new/is_deleted/is_updated, PREFIXT_get_seqno,")
    w(" *   PREFIXT_row_get_seqno          change tracking")
    w(" *   PREFIXT_insert/delete           in the open transaction")
    w(" *   PREFIXT_get_C                   the raw datum of column C")
    w(" *   PREFIXT_verify_C                prerequisite on column C")
    w(" *   PREFIXT_set_C                   write column C (whole)")
    w(" *   PREFIXT_update_C_setkey/delkey  partial update of map C")
    w(" *   PREFIXT_update_C_addvalue/delvalue  partial update of set C")
    w(" *   PREFIXT_add_clause_C, PREFIXT_set_condition  conditions")
    w(" *")
    w(" * A row pointer stays valid while the row is in the replica; a row")
    w(" * the server deleted is freed at the next db_idl_run(), or for a")
    w(" * tracked table at db_idl_track_clear(). */")
    w("#ifndef %s" % guard)
    w("#define %s 1" % guard)
    w("")
    w("#include <stdbool.h>")
    w("#include <stddef.h>")
    w("#include <stdint.h>")
    w('#include "db-data.h"')
    w('#include "db-idl.h"')
    w('#include "uuid.h"')
    w("")
    w("/* Tables. */")
    w("enum %stable_id {" % p)
    for t in schema.tables:
        w("    %s," % schema.table_index(t.name))
    w("    %sN_TABLES" % P)
    w("};")
    w("")
    w("extern struct db_idl_table_class %stable_classes[%sN_TABLES];"
      % (p, P))
    for t in schema.tables:
        w("#define %stable_%s (%stable_classes[%s])"
          % (p, t.cname, p, schema.table_index(t.name)))
    w("")
    w("extern struct db_idl_class %sidl_class;" % p)
    w("")
    w("/* Initializes the class (also done by db_idl_create()); call it")
    w(" * before using column types without an IDL. */")
    w("void %sinit(void);" % p)
    w("/* The schema version the bindings were generated from. */")
    w("const char *%sget_db_version(void);" % p)
    for t in schema.tables:
        generate_table_header(schema, t, w)
    w("")
    w("#endif /* %s */" % guard)


def generate_table_header(schema, t, w):
    s = t.struct()
    tp = t.p()
    TP = t.P()
    w("")
    w("/* Table %s. */" % t.name)
    w("%s {" % s)
    w("    struct db_idl_row header_;")
    for c in t.columns:
        w("")
        w("    /* %s: %s. */" % (c.name, describe_type(c)))
        for line in struct_fields(c):
            w("    " + line)
    w("};")
    w("")
    w("enum %scolumn_id {" % tp)
    for c in t.columns:
        w("    %s," % c.enum_name())
    w("    %sN_COLUMNS" % TP)
    w("};")
    w("")
    w("extern struct db_idl_column %scolumns[];" % tp)
    for c in t.columns:
        w("#define %s (%scolumns[%s])" % (c.var(), tp, c.enum_name()))
    w("")
    w("static inline const %s *" % s)
    w("%scast(const struct db_idl_row *row)" % tp)
    w("{")
    w("    return (const %s *) row;" % s)
    w("}")
    w("")
    w("const %s *%sget_for_uuid(const struct db_idl *," % (s, tp))
    w("    const struct uuid *);")
    w("const %s *%sfirst(const struct db_idl *);" % (s, tp))
    w("const %s *%snext(const %s *);" % (s, tp, s))
    w("#define %sFOR_EACH(ROW, IDL) \\" % TP)
    w("    for ((ROW) = %sfirst(IDL); (ROW); (ROW) = %snext(ROW))"
      % (tp, tp))
    w("#define %sFOR_EACH_SAFE(ROW, NEXT, IDL) \\" % TP)
    w("    for ((ROW) = %sfirst(IDL); \\" % tp)
    w("         (ROW) ? ((NEXT) = %snext(ROW), 1) : 0; \\" % tp)
    w("         (ROW) = (NEXT))")
    w("size_t %scount(const struct db_idl *);" % tp)
    w("")
    w("/* Change tracking. */")
    w("unsigned int %sget_seqno(const struct db_idl *);" % tp)
    w("unsigned int %srow_get_seqno(const %s *, enum db_idl_change);"
      % (tp, s))
    w("const %s *%strack_get_first(const struct db_idl *);" % (s, tp))
    w("const %s *%strack_get_next(const %s *);" % (s, tp, s))
    w("#define %sFOR_EACH_TRACKED(ROW, IDL) \\" % TP)
    w("    for ((ROW) = %strack_get_first(IDL); (ROW); \\" % tp)
    w("         (ROW) = %strack_get_next(ROW))" % tp)
    w("bool %sis_new(const %s *);" % (tp, s))
    w("bool %sis_deleted(const %s *);" % (tp, s))
    w("bool %sis_updated(const %s *, enum %scolumn_id);" % (tp, s, tp))
    w("")
    w("/* Transactions. */")
    w("%s *%sinsert(struct db_idl_txn *);" % (s, tp))
    w("void %sdelete(const %s *);" % (tp, s))
    for c in t.columns:
        params, _ = setter_params(c)
        w("")
        w("void %sverify_%s(const %s *);" % (tp, c.name, s))
        w("const struct db_datum *%sget_%s(const %s *);" % (tp, c.name, s))
        w("void %sset_%s(const %s *, %s);" % (tp, c.name, s,
                                              ", ".join(params)))
        for line in partial_protos(t, c):
            w(line)
        w("void %sadd_clause_%s(struct db_idl_condition *," % (tp, c.name))
        w("    enum db_idl_function, %s);" % ", ".join(params))
    w("")
    w("unsigned int %sset_condition(struct db_idl *," % tp)
    w("                             const struct db_idl_condition *);")


def partial_protos(t, c):
    s = t.struct()
    tp = t.p()
    if c.kind == "MAP":
        return ["void %supdate_%s_setkey(const %s *, %s, %s);"
                % (tp, c.name, s, scalar_param(c, c.key, "key"),
                   scalar_param(c, c.value, "value")),
                "void %supdate_%s_delkey(const %s *, %s);"
                % (tp, c.name, s, scalar_param(c, c.key, "key"))]
    elif c.kind != "SCALAR":
        return ["void %supdate_%s_addvalue(const %s *, %s);"
                % (tp, c.name, s, scalar_param(c, c.key, "value")),
                "void %supdate_%s_delvalue(const %s *, %s);"
                % (tp, c.name, s, scalar_param(c, c.key, "value"))]
    return []


def generate_source(schema, header_name, out):
    P = schema.prefix.upper()
    p = schema.prefix
    w = out.append
    w("/* Generated by lib/db-idl-gen.py from the schema of database %s."
      % schema.name)
    w(" * Do not edit. */")
    w("#include <config.h>")
    w('#include "%s"' % header_name)
    w("")
    w("#include <float.h>")
    w("#include <limits.h>")
    w("#include <stddef.h>")
    w("#include <stdint.h>")
    w("#include <stdlib.h>")
    w('#include "db-data.h"')
    w('#include "db-idl.h"')
    w("")
    for t in schema.tables:
        generate_table_columns(schema, t, w)
    w("")
    w("struct db_idl_table_class %stable_classes[%sN_TABLES] = {"
      % (p, P))
    for t in schema.tables:
        w("    [%s] = {" % schema.table_index(t.name))
        w("        .name = %s," % c_string(t.name))
        w("        .is_root = %s," % ("true" if t.is_root else "false"))
        w("        .is_singleton = %s,"
          % ("true" if t.max_rows == 1 else "false"))
        w("        .columns = %scolumns," % t.p())
        w("        .n_columns = %sN_COLUMNS," % t.P())
        w("        .allocation_size = sizeof(%s)," % t.struct())
        w("    },")
    w("};")
    w("")
    w("struct db_idl_class %sidl_class = {" % p)
    w("    .database = %s," % c_string(schema.name))
    w("    .version = %s," % c_string(schema.version))
    w("    .cksum = %s," % c_string(schema.cksum))
    w("    .tables = %stable_classes," % p)
    w("    .n_tables = %sN_TABLES," % P)
    w("};")
    w("")
    w("void")
    w("%sinit(void)" % p)
    w("{")
    w("    db_idl_class_init(&%sidl_class);" % p)
    w("}")
    w("")
    w("const char *")
    w("%sget_db_version(void)" % p)
    w("{")
    w("    return %s;" % c_string(schema.version))
    w("}")
    w("")
    w("/* Allocates 'n' elements of 'datum' for 'column'. */")
    w("static void")
    w("%sdatum_alloc(struct db_datum *datum," % p)
    w("    const struct db_idl_column *column, size_t n)")
    w("{")
    w("    datum->n = n;")
    w("    datum->keys = n ? xmalloc(n * sizeof *datum->keys) : NULL;")
    w("    datum->values = (n && column->type.value.type != DB_TYPE_VOID")
    w("                     ? xmalloc(n * sizeof *datum->values) : NULL);")
    w("}")
    for t in schema.tables:
        generate_table_functions(schema, t, w)


def generate_table_columns(schema, t, w):
    w("/* Table %s. */" % t.name)
    w("struct db_idl_column %scolumns[] = {" % t.p())
    for c in t.columns:
        s = t.struct()
        w("    [%s] = {" % c.enum_name())
        w("        .name = %s," % c_string(c.name))
        w("        .type = %s," % c.type_initializer())
        w("        .is_mutable = %s," % ("true" if c.mutable else "false"))
        w("        .field = DB_IDL_FIELD_%s," % c.kind)
        if c.kind == "MAP":
            w("        .offset = offsetof(%s, key_%s)," % (s, c.cname))
            w("        .value_offset = offsetof(%s, value_%s),"
              % (s, c.cname))
            w("        .n_offset = offsetof(%s, n_%s)," % (s, c.cname))
        else:
            w("        .offset = offsetof(%s, %s)," % (s, c.cname))
            if c.kind == "ARRAY":
                w("        .n_offset = offsetof(%s, n_%s)," % (s, c.cname))
        for which, b in (("key", c.key), ("value", c.value)):
            if b and b.is_ref():
                w("        .%s_ref = &%stable_classes[%s],"
                  % (which, schema.prefix, schema.table_index(b.ref_table)))
            if b and b.enum is not None:
                w("        .%s_enum = %s," % (which,
                                              c_string(json.dumps(b.enum))))
        w("    },")
    if not t.columns:
        w("    { .name = NULL }")
    w("};")
    w("")


def generate_table_functions(schema, t, w):
    s = t.struct()
    tp = t.p()
    tc = "&%stable_%s" % (schema.prefix, t.cname)

    def fn(ret, name_args, body):
        w("")
        w(ret)
        w(name_args)
        w("{")
        for line in body:
            w(("    " + line) if line else "")
        w("}")

    w("")
    w("/* Table %s. */" % t.name)
    fn("const %s *" % s,
       "%sget_for_uuid(const struct db_idl *idl, const struct uuid *uuid)"
       % tp,
       ["return %scast(db_idl_get_row_for_uuid(idl, %s, uuid));"
        % (tp, tc)])
    fn("const %s *" % s, "%sfirst(const struct db_idl *idl)" % tp,
       ["return %scast(db_idl_first_row(idl, %s));" % (tp, tc)])
    fn("const %s *" % s, "%snext(const %s *row)" % (tp, s),
       ["return %scast(db_idl_next_row(&row->header_));" % tp])
    fn("size_t", "%scount(const struct db_idl *idl)" % tp,
       ["return db_idl_table_count(idl, %s);" % tc])
    fn("unsigned int", "%sget_seqno(const struct db_idl *idl)" % tp,
       ["return db_idl_table_get_seqno(idl, %s);" % tc])
    fn("unsigned int",
       "%srow_get_seqno(const %s *row, enum db_idl_change change)"
       % (tp, s),
       ["return db_idl_row_get_seqno(&row->header_, change);"])
    fn("const %s *" % s, "%strack_get_first(const struct db_idl *idl)" % tp,
       ["return %scast(db_idl_track_get_first(idl, %s));" % (tp, tc)])
    fn("const %s *" % s, "%strack_get_next(const %s *row)" % (tp, s),
       ["return %scast(db_idl_track_get_next(&row->header_));" % tp])
    fn("bool", "%sis_new(const %s *row)" % (tp, s),
       ["return db_idl_track_is_new(&row->header_);"])
    fn("bool", "%sis_deleted(const %s *row)" % (tp, s),
       ["return db_idl_row_is_deleted(&row->header_);"])
    fn("bool",
       "%sis_updated(const %s *row, enum %scolumn_id column)" % (tp, s, tp),
       ["return db_idl_track_is_updated(&row->header_, "
        "&%scolumns[column]);" % tp])
    fn("%s *" % s, "%sinsert(struct db_idl_txn *txn)" % tp,
       ["return CONST_CAST(%s *, %scast(db_idl_txn_insert(txn, %s, NULL)));"
        % (s, tp, tc)])
    fn("void", "%sdelete(const %s *row)" % (tp, s),
       ["db_idl_txn_delete(&row->header_);"])
    fn("unsigned int",
       "%sset_condition(struct db_idl *idl,\n"
       "                 const struct db_idl_condition *cond)" % tp,
       ["return db_idl_set_condition(idl, %s, cond);" % tc])

    for c in t.columns:
        params, body = setter_params(c)
        names = arg_names(params)
        build = "%sbuild_%s" % (tp, c.name)
        fn("static void",
           "%s(struct db_datum *datum, %s)" % (build, ", ".join(params)),
           body)
        fn("void", "%sverify_%s(const %s *row)" % (tp, c.name, s),
           ["db_idl_txn_verify(&row->header_, &%s);" % c.var()])
        fn("const struct db_datum *",
           "%sget_%s(const %s *row)" % (tp, c.name, s),
           ["return db_idl_read(&row->header_, &%s);" % c.var()])
        fn("void",
           "%sset_%s(const %s *row, %s)" % (tp, c.name, s,
                                            ", ".join(params)),
           ["struct db_datum datum;",
            "",
            "%s(&datum, %s);" % (build, ", ".join(names)),
            "db_idl_txn_write(&row->header_, &%s, &datum);" % c.var()])
        fn("void",
           "%sadd_clause_%s(struct db_idl_condition *cond,\n"
           "    enum db_idl_function function, %s)"
           % (tp, c.name, ", ".join(params)),
           ["struct db_datum datum;",
            "",
            "%s(&datum, %s);" % (build, ", ".join(names)),
            "db_idl_condition_add_clause(cond, function, &%s, &datum);"
            % c.var(),
            "db_datum_destroy(&datum, &%s.type);" % c.var()])
        if c.kind == "MAP":
            fn("void",
               "%supdate_%s_setkey(const %s *row, %s, %s)"
               % (tp, c.name, s, scalar_param(c, c.key, "key"),
                  scalar_param(c, c.value, "value")),
               ["union db_atom k, v;",
                "",
                atom_assign(c, c.key, "k", "key"),
                atom_assign(c, c.value, "v", "value"),
                "db_idl_txn_map_setkey(&row->header_, &%s, &k, &v);"
                % c.var()])
            fn("void",
               "%supdate_%s_delkey(const %s *row, %s)"
               % (tp, c.name, s, scalar_param(c, c.key, "key")),
               ["union db_atom k;",
                "",
                atom_assign(c, c.key, "k", "key"),
                "db_idl_txn_map_delkey(&row->header_, &%s, &k);"
                % c.var()])
        elif c.kind != "SCALAR":
            for op in ("add", "del"):
                fn("void",
                   "%supdate_%s_%svalue(const %s *row, %s)"
                   % (tp, c.name, op, s, scalar_param(c, c.key, "value")),
                   ["union db_atom v;",
                    "",
                    atom_assign(c, c.key, "v", "value"),
                    "db_idl_txn_set_%svalue(&row->header_, &%s, &v);"
                    % (op, c.var())])


def main(argv):
    parser = argparse.ArgumentParser(
        description="Generates C bindings for lib/db-idl from an OVSDB "
        "schema.")
    parser.add_argument("what", choices=("header", "source"))
    parser.add_argument("schema")
    parser.add_argument("--prefix", default="svsrec_")
    parser.add_argument("--header", default=None,
                        help="name under which the source includes the "
                        "header")
    parser.add_argument("-o", "--output", default=None)
    args = parser.parse_args(argv[1:])

    try:
        with open(args.schema) as f:
            schema_json = json.load(f)
        schema = Schema(schema_json, args.prefix)
    except (OSError, ValueError, KeyError, GenError) as e:
        sys.stderr.write("%s: %s: %s\n" % (os.path.basename(argv[0]),
                                           args.schema, e))
        return 1

    out = []
    if args.what == "header":
        generate_header(schema, out)
    else:
        header = args.header
        if header is None:
            base = os.path.basename(args.schema)
            header = os.path.splitext(base)[0] + "-idl.h"
        generate_source(schema, header, out)
    text = "\n".join(out) + "\n"

    if args.output:
        tmp = args.output + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, args.output)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
