# utilities/: command-line tools.

# svs-appctl: unixctl client (core).
bin_PROGRAMS += utilities/svs-appctl
utilities_svs_appctl_SOURCES = utilities/svs-appctl.c
utilities_svs_appctl_LDADD = lib/libsvs.la $(JANSSON_LIBS)
# The tools that the test suite runs thousands of times link the
# uninstalled library directly (no libtool wrapper script, which costs
# about half a second a run on the CI machines).
SVS_TOOL_LDFLAGS = -no-install
utilities_svs_appctl_LDFLAGS = $(SVS_TOOL_LDFLAGS)
dist_man_MANS += utilities/svs-appctl.8

# svs-vsctl: ovs-vsctl-compatible configuration tool (issue 3).
#
# svs-vsctl is linked statically, from its own archive of the library
# modules it uses: a process that maps libsvs.so, libssl and libcrypto
# spends several times longer in the dynamic loader than svs-vsctl needs
# for a whole command (issue 3's performance goal).  If the program fails
# to link with undefined references after a library change, add the
# module that now provides them to the list below.
bin_PROGRAMS += utilities/svs-vsctl
utilities_svs_vsctl_SOURCES = utilities/svs-vsctl.c utilities/svs-vsctl.h \
	utilities/svs-vsctl-show.c
utilities_svs_vsctl_LDADD = utilities/libsvs-vsctl.a \
	$(JANSSON_LIBS) $(OPENSSL_LIBS) $(LIBS)
# AddressSanitizer cannot run in a fully static program: the sanitizer
# build links svs-vsctl's system libraries dynamically.
if SANITIZERS
utilities_svs_vsctl_LDFLAGS =
else
utilities_svs_vsctl_LDFLAGS = -all-static
endif
noinst_LIBRARIES = utilities/libsvs-vsctl.a
utilities_libsvs_vsctl_a_CPPFLAGS = $(AM_CPPFLAGS)
utilities_libsvs_vsctl_a_SOURCES = \
	lib/command-line.c lib/db-ctl.c lib/db-ctl-cmds.c lib/db-ctl-value.c \
	lib/db-data.c lib/db-error.c lib/db-idl.c lib/db-idl-class.c \
	lib/db-idl-txn.c lib/db-parser.c lib/db-schema.c lib/db-types.c \
	lib/dirs.c lib/dynamic-string.c lib/fatal-signal.c lib/hash.c \
	lib/hmap.c lib/json.c lib/jsonrpc.c lib/poll-loop.c lib/random.c \
	lib/reconnect.c lib/shash.c lib/socket-util.c lib/sset.c \
	lib/stream.c lib/stream-fd.c lib/stream-ssl.c lib/svec.c lib/table.c \
	lib/timeval.c lib/unixctl.c lib/util.c lib/uuid.c lib/vlog.c
nodist_utilities_libsvs_vsctl_a_SOURCES = lib/vswitch-idl.c
EXTRA_DIST += tests/test_vsctl_basic.py
dist_man_MANS += utilities/svs-vsctl.8

# svs-sandbox: runs the daemons in a temporary directory (README.md).
dist_bin_SCRIPTS = utilities/svs-sandbox
dist_man_MANS += utilities/svs-sandbox.1
EXTRA_DIST += tests/sanitizers.py tests/test_svs_sandbox.py .ci/run

# svs-ofctl: OpenFlow utility (offline commands: issue 4; online commands
# over lib/vconn).
bin_PROGRAMS += utilities/svs-ofctl
utilities_svs_ofctl_SOURCES = utilities/svs-ofctl.c utilities/svs-ofctl.h \
	utilities/svs-ofctl-online.c
utilities_svs_ofctl_LDADD = lib/libsvs.la $(JANSSON_LIBS)
utilities_svs_ofctl_LDFLAGS = $(SVS_TOOL_LDFLAGS)
dist_man_MANS += utilities/svs-ofctl.8

# svs-dpctl: datapath management, ovs-dpctl-compatible (issue 5).  The
# userspace datapath lives in svs-vswitchd; svs-dpctl sends it dpctl/
# commands.
bin_PROGRAMS += utilities/svs-dpctl
utilities_svs_dpctl_SOURCES = utilities/svs-dpctl.c
utilities_svs_dpctl_LDADD = lib/libsvs.la $(JANSSON_LIBS)
utilities_svs_dpctl_LDFLAGS = $(SVS_TOOL_LDFLAGS)
dist_man_MANS += utilities/svs-dpctl.8
