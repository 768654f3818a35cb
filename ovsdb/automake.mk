# ovsdb/: the database engine (a convenience library shared by the
# server, the tool and the fuzz targets) and the three database programs.

noinst_LTLIBRARIES += ovsdb/libsvsdb.la
ovsdb_libsvsdb_la_SOURCES = \
	ovsdb/storage.c ovsdb/storage.h
ovsdb_libsvsdb_la_LIBADD = lib/libsvs.la

# Storage backends (ovsdb/storage.h) and import of Open vSwitch files.
ovsdb_libsvsdb_la_SOURCES += \
	ovsdb/ovs-import.c ovsdb/ovs-import.h \
	ovsdb/storage-provider.h \
	ovsdb/storage-sqlite.c \
	ovsdb/sqlite-vfs.c ovsdb/sqlite-vfs.h

# svsdb-tool: ovsdb-tool's command line over svs storage.
bin_PROGRAMS += ovsdb/svsdb-tool
ovsdb_svsdb_tool_SOURCES = ovsdb/svsdb-tool.c
ovsdb_svsdb_tool_LDADD = ovsdb/libsvsdb.la lib/libsvs.la \
	$(SQLITE3_LIBS) $(JANSSON_LIBS) $(OPENSSL_LIBS)
dist_man_MANS += ovsdb/svsdb-tool.1

# The engine: databases, transactions, operations, monitors, sessions.
ovsdb_libsvsdb_la_SOURCES += \
	ovsdb/condition.c ovsdb/condition.h \
	ovsdb/execution.c ovsdb/execution.h \
	ovsdb/jsonrpc-server.c ovsdb/jsonrpc-server.h \
	ovsdb/monitor.c ovsdb/monitor.h \
	ovsdb/mutation.c ovsdb/mutation.h \
	ovsdb/ovsdb.c ovsdb/ovsdb.h \
	ovsdb/transaction.c ovsdb/transaction.h

sbin_PROGRAMS += ovsdb/svsdb-server
ovsdb_svsdb_server_SOURCES = ovsdb/svsdb-server.c
ovsdb_svsdb_server_LDADD = ovsdb/libsvsdb.la lib/libsvs.la

# svsdb-client: ovsdb-client's command line and output formats.
bin_PROGRAMS += ovsdb/svsdb-client
ovsdb_svsdb_client_SOURCES = \
	ovsdb/svsdb-client.c ovsdb/svsdb-client.h \
	ovsdb/svsdb-client-backup.c \
	ovsdb/svsdb-client-monitor.c
ovsdb_svsdb_client_LDADD = lib/libsvs.la $(JANSSON_LIBS) $(OPENSSL_LIBS)
dist_man_MANS += ovsdb/svsdb-client.1
