# ovsdb/: the database engine (a convenience library shared by the
# server, the tool and the fuzz targets) and the three database programs.

noinst_LTLIBRARIES += ovsdb/libsvsdb.la
ovsdb_libsvsdb_la_SOURCES = \
	ovsdb/storage.c ovsdb/storage.h
ovsdb_libsvsdb_la_LIBADD = lib/libsvs.la
