# tests/: C unit-test programs and the pytest suites that drive them.
#
# `make check` builds the programs below, then runs the whole pytest suite
# with Debian's /usr/bin/python3 (which has pytest and python3-openvswitch).
# PYTEST_ARGS passes extra arguments, e.g. make check PYTEST_ARGS='-k ovsdb'.

EXTRA_DIST += tests/conftest.py tests/pytest.ini

PYTEST_ARGS ?=
check-local: $(check_PROGRAMS) $(bin_PROGRAMS) $(sbin_PROGRAMS) \
		$(FUZZ_TARGETS)
	cd $(top_srcdir) && \
	SVS_BUILDDIR=$(abs_top_builddir) SVS_SRCDIR=$(abs_top_srcdir) \
	$(PYTHON3) -m pytest -c tests/pytest.ini tests $(PYTEST_ARGS)

# lib/table output formatting (driven by tests/test_table.py).
check_PROGRAMS += tests/test-table
tests_test_table_SOURCES = tests/test-table.c
tests_test_table_LDADD = lib/libsvs.la $(JANSSON_LIBS)

# ovsdb/storage (driven by tests/test_storage.py).
check_PROGRAMS += tests/test-storage
tests_test_storage_SOURCES = tests/test-storage.c
tests_test_storage_LDADD = ovsdb/libsvsdb.la lib/libsvs.la \
	$(SQLITE3_LIBS) $(JANSSON_LIBS)
EXTRA_DIST += tests/test_storage.py tests/test_svsdb_tool.py

# Database server suites (both Debian's ovsdb-server and svsdb-server):
# sandbox, differential transaction scripts, real-client tests.
EXTRA_DIST += \
	tests/sandbox.py tests/dbdiff.py tests/test_db_diff.py \
	tests/test_db_compat.py tests/test_db_clients.py \
	tests/test_schema_vswitch.py tests/schemas tests/txn

# The OVSDB server benchmark client (tests/perf/ovsdb/README.md).
noinst_PROGRAMS += tests/perf/ovsdb/ovsdb-bench
tests_perf_ovsdb_ovsdb_bench_SOURCES = tests/perf/ovsdb/ovsdb-bench.c
tests_perf_ovsdb_ovsdb_bench_LDADD = $(JANSSON_LIBS)
EXTRA_DIST += \
	tests/perf/ovsdb/README.md \
	tests/perf/ovsdb/bench.ovsschema \
	tests/perf/ovsdb/run.py \
	tests/perf/ovsdb/test_ovsdb_perf_smoke.py

# Crash-safety and bad-input suites of the database server.
EXTRA_DIST += tests/test_ovsdb_crash.py tests/test_ovsdb_badinput.py

# Server features (remotes from the database, unixctl commands, online
# conversion, daemon options, compaction under load) and SSL remotes.
EXTRA_DIST += tests/test_db_server_features.py tests/test_db_ssl.py

# Core and wire modules (driven by tests/test_core_*.py).
check_PROGRAMS += tests/test-unixctl-daemon
tests_test_unixctl_daemon_SOURCES = tests/test-unixctl-daemon.c
tests_test_unixctl_daemon_LDADD = lib/libsvs.la $(JANSSON_LIBS)
check_PROGRAMS += tests/test-core
tests_test_core_SOURCES = tests/test-core.c
tests_test_core_LDADD = lib/libsvs.la $(JANSSON_LIBS) -lpthread
EXTRA_DIST += tests/test_core_units.py tests/test_core_appctl.py

# libFuzzer targets.  They are built with clang straight from the library
# sources (so that libFuzzer sees coverage of the code under test) with
# AddressSanitizer and UndefinedBehaviorSanitizer; tests/test_fuzz.py runs
# each for a bounded time (SVS_FUZZ_SECONDS) on its seed corpus.
FUZZ_ALL = tests/fuzz/fuzz-ovsdb-txn
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_SRCS = $(addprefix $(top_srcdir)/,$(filter %.c, \
	$(lib_libsvs_la_SOURCES) $(ovsdb_libsvsdb_la_SOURCES)))
FUZZ_LIB_HDRS = $(addprefix $(top_srcdir)/,$(filter %.h, \
	$(lib_libsvs_la_SOURCES) $(ovsdb_libsvsdb_la_SOURCES)))
FUZZ_LINK = $(JANSSON_LIBS) $(SQLITE3_LIBS) $(OPENSSL_LIBS) $(CAPNG_LIBS) \
	-lpthread
EXTRA_DIST += tests/fuzz/fuzz-ovsdb-txn.c tests/fuzz/corpus \
	tests/test_fuzz.py
CLEANFILES += $(FUZZ_ALL)
if HAVE_FUZZ_CC
FUZZ_TARGETS = $(FUZZ_ALL)
tests/fuzz/fuzz-%: $(top_srcdir)/tests/fuzz/fuzz-%.c $(FUZZ_LIB_SRCS) \
		$(FUZZ_LIB_HDRS) config.h
	@mkdir -p tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(AM_CPPFLAGS) \
		-o $@ $< $(FUZZ_LIB_SRCS) $(FUZZ_LINK)
else
FUZZ_TARGETS =
endif
