# tests/: C unit-test programs and the pytest suites that drive them.
#
# `make check` builds the programs below, then runs the whole pytest suite
# with Debian's /usr/bin/python3 (which has pytest and python3-openvswitch).
# PYTEST_ARGS passes extra arguments, e.g. make check PYTEST_ARGS='-k ovsdb'.

EXTRA_DIST += tests/conftest.py tests/pytest.ini

PYTEST_ARGS ?=
check-local: check-programs
	cd $(top_srcdir) && \
	SVS_BUILDDIR=$(abs_top_builddir) SVS_SRCDIR=$(abs_top_srcdir) \
	$(PYTHON3) -m pytest -c tests/pytest.ini tests $(PYTEST_ARGS)

# Everything the suite runs, built without running it (.ci/run then runs
# the suite in several concurrent sessions, see --shard in conftest.py).
.PHONY: check-programs
check-programs: $(check_PROGRAMS) $(bin_PROGRAMS) $(sbin_PROGRAMS) \
		$(FUZZ_TARGETS)

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

# Packets, flows, matches and NXM/OXM (driven by tests/test_flow*.py).
check_PROGRAMS += tests/test-flow
tests_test_flow_SOURCES = tests/test-flow.c
tests_test_flow_LDADD = lib/libsvs.la $(JANSSON_LIBS)
EXTRA_DIST += tests/test_flow.py tests/flow_packets.py tests/flow

# Datapath keys and actions: text forms and execution (driven by
# tests/test_odp.py).
check_PROGRAMS += tests/test-odp
tests_test_odp_SOURCES = tests/test-odp.c
tests_test_odp_LDADD = lib/libsvs.la $(JANSSON_LIBS)
EXTRA_DIST += tests/test_odp.py tests/odp

# Classifier (issue 4): unit tests (tests/test_classifier.py) and the
# benchmark (tests/perf/classifier/README.md).
check_PROGRAMS += tests/test-classifier
tests_test_classifier_SOURCES = tests/test-classifier.c
tests_test_classifier_LDADD = lib/libsvs.la -lpthread
tests_test_classifier_CFLAGS = $(AM_CFLAGS) -fno-strict-aliasing
EXTRA_DIST += tests/test_classifier.py
noinst_PROGRAMS += tests/perf/classifier/classifier-bench
tests_perf_classifier_classifier_bench_SOURCES = \
	tests/perf/classifier/classifier-bench.c
tests_perf_classifier_classifier_bench_LDADD = lib/libsvs.la -lpthread
EXTRA_DIST += \
	tests/perf/classifier/README.md \
	tests/perf/classifier/run.py \
	tests/perf/classifier/test_classifier_perf_smoke.py
# Megaflow comparison with Open vSwitch (tests/perf/megaflow/README.md).
noinst_PROGRAMS += tests/perf/megaflow/megaflow-bench
tests_perf_megaflow_megaflow_bench_SOURCES = \
	tests/perf/megaflow/megaflow-bench.c
tests_perf_megaflow_megaflow_bench_LDADD = lib/libsvs.la -lpthread
tests_perf_megaflow_megaflow_bench_CFLAGS = $(AM_CFLAGS) -fno-strict-aliasing
EXTRA_DIST += \
	tests/perf/megaflow/README.md \
	tests/perf/megaflow/run.py \
	tests/perf/megaflow/test_megaflow_smoke.py

# libFuzzer targets.  They are built with clang from the library sources,
# compiled once into tests/fuzz/libsvs-fuzz.a with coverage instrumentation
# (so that libFuzzer sees the code under test), AddressSanitizer and
# UndefinedBehaviorSanitizer; tests/test_fuzz.py runs each for a bounded
# time (SVS_FUZZ_SECONDS) on its seed corpus.
FUZZ_ALL = tests/fuzz/fuzz-ovsdb-txn
FUZZ_ALL += tests/fuzz/fuzz-packet
FUZZ_ALL += tests/fuzz/fuzz-flow-text
FUZZ_ALL += tests/fuzz/fuzz-ofp-decode
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_HDRS = $(addprefix $(top_srcdir)/,$(filter %.h, \
	$(lib_libsvs_la_SOURCES) $(ovsdb_libsvsdb_la_SOURCES)))
FUZZ_LINK = $(JANSSON_LIBS) $(SQLITE3_LIBS) $(OPENSSL_LIBS) $(CAPNG_LIBS) \
	$(URCU_LIBS) -lpthread
EXTRA_DIST += tests/fuzz/fuzz-packet.c
EXTRA_DIST += tests/fuzz/fuzz-flow-text.c
EXTRA_DIST += tests/fuzz/fuzz-ofp-decode.c
EXTRA_DIST += tests/fuzz/fuzz-ovsdb-txn.c tests/fuzz/corpus \
	tests/test_fuzz.py
FUZZ_LIB_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_LIB_OBJS = $(patsubst %.c,tests/fuzz/obj/%.o,$(filter %.c, \
	$(lib_libsvs_la_SOURCES) $(ovsdb_libsvsdb_la_SOURCES)))
CLEANFILES += $(FUZZ_ALL) $(FUZZ_LIB_OBJS) tests/fuzz/libsvs-fuzz.a
if HAVE_FUZZ_CC
FUZZ_TARGETS = $(FUZZ_ALL)
tests/fuzz/obj/%.o: $(top_srcdir)/%.c $(FUZZ_LIB_HDRS) config.h
	@mkdir -p $(@D)
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) $(DEFS) $(AM_CPPFLAGS) \
		$(URCU_CFLAGS) -c -o $@ $<
tests/fuzz/libsvs-fuzz.a: $(FUZZ_LIB_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) cr $@ $(FUZZ_LIB_OBJS)
tests/fuzz/fuzz-%: $(top_srcdir)/tests/fuzz/fuzz-%.c tests/fuzz/libsvs-fuzz.a \
		$(FUZZ_LIB_HDRS) config.h
	@mkdir -p tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(AM_CPPFLAGS) \
		-o $@ $< tests/fuzz/libsvs-fuzz.a $(FUZZ_LINK)
else
FUZZ_TARGETS =
endif

# lib/db-idl (driven by tests/test_db_idl.py), with typed bindings of two
# test schemas generated like lib/vswitch-idl.[ch].
check_PROGRAMS += tests/test-db-idl
tests_test_db_idl_SOURCES = tests/test-db-idl.c
nodist_tests_test_db_idl_SOURCES = \
	tests/types-idl.c tests/types-idl.h \
	tests/refs-idl.c tests/refs-idl.h
tests_test_db_idl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/tests
tests_test_db_idl_LDADD = lib/libsvs.la $(JANSSON_LIBS)
BUILT_SOURCES += tests/types-idl.h tests/types-idl.c \
	tests/refs-idl.h tests/refs-idl.c
CLEANFILES += tests/types-idl.h tests/types-idl.c \
	tests/refs-idl.h tests/refs-idl.c
EXTRA_DIST += tests/test_db_idl.py
tests/%-idl.h: $(top_srcdir)/tests/schemas/%.ovsschema \
		$(top_srcdir)/lib/db-idl-gen.py
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(DB_IDL_GEN) header $< \
		--prefix=$*rec_ -o $@
tests/%-idl.c: $(top_srcdir)/tests/schemas/%.ovsschema \
		$(top_srcdir)/lib/db-idl-gen.py
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(DB_IDL_GEN) source $< \
		--prefix=$*rec_ --header=$*-idl.h -o $@

# OpenFlow messages (issue 4): driven by tests/test_ofp_msgs.py.
check_PROGRAMS += tests/test-ofp
tests_test_ofp_SOURCES = tests/test-ofp.c
tests_test_ofp_LDADD = lib/libsvs.la
EXTRA_DIST += tests/test_ofp_msgs.py tests/ofp-corpus

# OpenFlow actions codec (issue 4; driven by tests/test_ofp_actions.py).
check_PROGRAMS += tests/test-ofp-actions
tests_test_ofp_actions_SOURCES = tests/test-ofp-actions.c
tests_test_ofp_actions_LDADD = lib/libsvs.la $(JANSSON_LIBS)
EXTRA_DIST += tests/test_ofp_actions.py

# svs-vsctl (issue 3): differential, error, race and switch suites, and
# the benchmark (tests/perf/vsctl/README.md).
EXTRA_DIST += \
	tests/vsctl_util.py \
	tests/test_vsctl_diff.py \
	tests/test_vsctl_errors.py \
	tests/test_vsctl_race.py \
	tests/test_vsctl_vswitchd.py \
	tests/perf/vsctl/README.md \
	tests/perf/vsctl/run.py \
	tests/perf/vsctl/test_vsctl_perf_smoke.py

# Flow text parsing and svs-ofctl against ovs-ofctl (issue 4).
EXTRA_DIST += tests/test_ofctl_parse.py tests/flows-corpus \
	tests/test_ofctl_packet.py

# Network devices (issue 5; driven by tests/test_netdev.py).
check_PROGRAMS += tests/test-netdev
tests_test_netdev_SOURCES = tests/test-netdev.c
tests_test_netdev_LDADD = lib/libsvs.la $(JANSSON_LIBS)
EXTRA_DIST += tests/test_netdev.py

# The OpenFlow switch core (ofproto, connmgr) with an in-memory provider,
# driven differentially against Debian's ovs-vswitchd by
# tests/test_ofproto.py.
check_PROGRAMS += tests/test-ofproto
tests_test_ofproto_SOURCES = tests/test-ofproto.c
tests_test_ofproto_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/vswitchd
tests_test_ofproto_LDADD = vswitchd/libofproto.la lib/libsvs.la \
	$(JANSSON_LIBS) $(URCU_LIBS) -lpthread
EXTRA_DIST += tests/test_ofproto.py

# svs-ofctl's online commands against ovs-ofctl, over lib/vconn, and
# lib/vconn against a fake switch (tests/test-vconn).
check_PROGRAMS += tests/test-vconn
tests_test_vconn_SOURCES = tests/test-vconn.c
tests_test_vconn_LDADD = lib/libsvs.la -lpthread
EXTRA_DIST += tests/test_ofctl_online.py

# A real third-party controller (os-ken) against both switches.
EXTRA_DIST += tests/test_controller.py tests/controller_app.py

# Switch benchmarks against Open vSwitch (tests/perf/switch/README.md).
noinst_PROGRAMS += tests/perf/switch/pktgen
tests_perf_switch_pktgen_SOURCES = tests/perf/switch/pktgen.c
EXTRA_DIST += \
	tests/perf/switch/README.md \
	tests/perf/switch/run.py \
	tests/perf/switch/test_switch_perf_smoke.py

# svs-vswitchd as a whole, on dummy ports and with real traffic between
# network namespaces, beside Debian's ovs-vswitchd (issue 5).
EXTRA_DIST += \
	tests/switch_sandbox.py tests/netns_util.py \
	tests/test_vswitchd.py tests/test_vswitchd_traffic.py \
	tests/test_vswitchd_controller.py \
	tests/test_xlate_diff.py tests/xlate_pipelines.py \
	tests/test_svsdb_client.py
