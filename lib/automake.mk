# lib/: libsvs, the one shared library every svs program links.

lib_LTLIBRARIES += lib/libsvs.la
lib_libsvs_la_LDFLAGS = -version-info 0:0:0 \
	-Wl,--version-script=$(top_srcdir)/lib/libsvs.sym
lib_libsvs_la_LIBADD = $(JANSSON_LIBS) $(SQLITE3_LIBS) $(OPENSSL_LIBS) \
	$(CAPNG_LIBS) -lpthread
EXTRA_DIST += lib/libsvs.sym

# Containers and basic utilities.
lib_libsvs_la_SOURCES = \
	lib/compiler.h \
	lib/dynamic-string.c lib/dynamic-string.h \
	lib/hash.c lib/hash.h \
	lib/hmap.c lib/hmap.h \
	lib/list.h \
	lib/random.c lib/random.h \
	lib/shash.c lib/shash.h \
	lib/sset.c lib/sset.h \
	lib/svec.c lib/svec.h \
	lib/util.c lib/util.h \
	lib/uuid.c lib/uuid.h \
	lib/json.c lib/json.h

# Process, event loop and logging.
lib_libsvs_la_SOURCES += \
	lib/command-line.c lib/command-line.h \
	lib/daemon.c lib/daemon.h \
	lib/dirs.c lib/dirs.h \
	lib/fatal-signal.c lib/fatal-signal.h \
	lib/latch.c lib/latch.h \
	lib/poll-loop.c lib/poll-loop.h \
	lib/timeval.c lib/timeval.h \
	lib/vlog.c lib/vlog.h

# Wire: streams, JSON-RPC, unixctl.
lib_libsvs_la_SOURCES += \
	lib/jsonrpc.c lib/jsonrpc.h \
	lib/reconnect.c lib/reconnect.h \
	lib/socket-util.c lib/socket-util.h \
	lib/stream.c lib/stream.h lib/stream-provider.h \
	lib/stream-fd.c lib/stream-fd.h \
	lib/stream-ssl.c lib/stream-ssl.h \
	lib/unixctl.c lib/unixctl.h

# Database client side: types, data, schemas, output formatting.
lib_libsvs_la_SOURCES += \
	lib/db-data.c lib/db-data.h \
	lib/db-error.c lib/db-error.h \
	lib/db-parser.c lib/db-parser.h \
	lib/db-schema.c lib/db-schema.h \
	lib/db-types.c lib/db-types.h \
	lib/table.c lib/table.h
