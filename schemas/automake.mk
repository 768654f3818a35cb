# schemas/: database schemas installed under pkgdatadir.
#
# vswitch.ovsschema describes database "Open_vSwitch".  Its tables, columns,
# types and constraints equal those of Open vSwitch's schema of the same
# version (clients such as ovs-vsctl and the python IDL depend on them; the
# pytest tests/test_vswitch_schema.py checks it), but the file is laid out
# our own way: tables and columns in alphabetical order.
#
# The "cksum" member is the POSIX cksum(1) of the file without its cksum
# line.  After editing the schema, recompute it with
#     sed '/"cksum"/d' schemas/vswitch.ovsschema | cksum
# and write the two numbers printed as "CRC SIZE" into the "cksum" line.
# The same test checks that the stored value is current.

dist_pkgdata_DATA += schemas/vswitch.ovsschema
