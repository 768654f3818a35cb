# lib/: libsvs, the one shared library every svs program links.

lib_LTLIBRARIES += lib/libsvs.la
lib_libsvs_la_LDFLAGS = -version-info 0:0:0 \
	-Wl,--version-script=$(top_srcdir)/lib/libsvs.sym
lib_libsvs_la_LIBADD = $(JANSSON_LIBS) $(SQLITE3_LIBS) $(OPENSSL_LIBS) \
	$(CAPNG_LIBS) $(URCU_LIBS) -lpthread
lib_libsvs_la_CPPFLAGS = $(AM_CPPFLAGS) $(URCU_CFLAGS)
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
	lib/heap-thp.c lib/heap-thp.h \
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

# OpenFlow messages (issue 4).
lib_libsvs_la_SOURCES += \
	lib/ofpbuf.c lib/ofpbuf.h \
	lib/openflow.h lib/openflow-common.h lib/openflow-1.0.h \
	lib/openflow-1.1.h lib/openflow-1.3.h lib/openflow-1.4.h \
	lib/openflow-nicira.h \
	lib/ofp-bundle.c lib/ofp-bundle.h \
	lib/ofp-errors.c lib/ofp-errors.h lib/ofp-errors-table.h \
	lib/ofp-flow.c lib/ofp-flow.h \
	lib/ofp-parse.c lib/ofp-parse.h \
	lib/ofp-msgs.c lib/ofp-msgs.h \
	lib/ofp-codec.c lib/ofp-codec.h \
	lib/ofp-connection.c lib/ofp-connection.h \
	lib/ofp-group.c lib/ofp-group.h \
	lib/ofp-meter.c lib/ofp-meter.h \
	lib/ofp-monitor.c lib/ofp-monitor.h \
	lib/ofp-packet.c lib/ofp-packet.h \
	lib/ofp-port.c lib/ofp-port.h \
	lib/ofp-print.c lib/ofp-print.h \
	lib/ofp-prop.c lib/ofp-prop.h \
	lib/ofp-protocol.c lib/ofp-protocol.h \
	lib/ofp-queue.c lib/ofp-queue.h \
	lib/ofp-switch.c lib/ofp-switch.h \
	lib/ofp-table.c lib/ofp-table.h \
	lib/ofp-table-features.c lib/ofp-table-features.h

# Packets, flows and matches (issue 4).
lib_libsvs_la_SOURCES += \
	lib/bitwise.c lib/bitwise.h \
	lib/flow.c lib/flow.h \
	lib/match.c lib/match.h \
	lib/meta-flow.c lib/meta-flow.h \
	lib/nx-match.c lib/nx-match.h \
	lib/packets.c lib/packets.h

# OpenFlow actions (issue 4).
lib_libsvs_la_SOURCES += \
	lib/bundle.c lib/bundle.h \
	lib/learn.c lib/learn.h \
	lib/multipath.c lib/multipath.h \
	lib/ofp-actions.c lib/ofp-actions.h lib/ofp-actions-private.h \
	lib/ofp-actions-basic.c \
	lib/ofp-actions-ct.c \
	lib/ofp-actions-field.c \
	lib/ofp-actions-meta.c

# Classifier (issue 4).
lib_libsvs_la_SOURCES += \
	lib/classifier.c lib/classifier.h lib/classifier-private.h \
	lib/cls-cmap.c lib/cls-cmap.h \
	lib/cls-rcu.c lib/cls-rcu.h \
	lib/cls-trie.c lib/cls-trie.h \
	lib/flow-words.h

# ovs-vsctl-style database tools (svs-vsctl).
lib_libsvs_la_SOURCES += \
	lib/db-ctl.c lib/db-ctl.h lib/db-ctl-private.h \
	lib/db-ctl-cmds.c \
	lib/db-ctl-value.c

# Database client side: the IDL (replica + transactions).
lib_libsvs_la_SOURCES += \
	lib/db-idl.c lib/db-idl.h \
	lib/db-idl-class.c \
	lib/db-idl-private.h \
	lib/db-idl-provider.h \
	lib/db-idl-txn.c

# Typed IDL bindings of the vswitch schema (struct svsrec_bridge...),
# generated at build time by lib/db-idl-gen.py.  BUILT_SOURCES is first
# set here (lib/automake.mk is included first); other fragments add to it
# with +=.
BUILT_SOURCES = lib/vswitch-idl.h lib/vswitch-idl.c
nodist_lib_libsvs_la_SOURCES = lib/vswitch-idl.c lib/vswitch-idl.h
CLEANFILES += lib/vswitch-idl.c lib/vswitch-idl.h
EXTRA_DIST += lib/db-idl-gen.py
DB_IDL_GEN = $(PYTHON3) $(top_srcdir)/lib/db-idl-gen.py
lib/vswitch-idl.h: $(top_srcdir)/lib/db-idl-gen.py \
		$(top_srcdir)/schemas/vswitch.ovsschema
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(DB_IDL_GEN) header \
		$(top_srcdir)/schemas/vswitch.ovsschema --prefix=svsrec_ -o $@
lib/vswitch-idl.c: $(top_srcdir)/lib/db-idl-gen.py \
		$(top_srcdir)/schemas/vswitch.ovsschema
	$(AM_V_GEN)$(MKDIR_P) $(@D) && $(DB_IDL_GEN) source \
		$(top_srcdir)/schemas/vswitch.ovsschema --prefix=svsrec_ \
		--header=vswitch-idl.h -o $@

# Datapath building blocks (issue 5): packet buffers, Netlink-style
# attributes for datapath actions, string maps.
lib_libsvs_la_SOURCES += \
	lib/dp-packet.c lib/dp-packet.h \
	lib/netlink.c lib/netlink.h \
	lib/smap.c lib/smap.h

# Datapath keys and actions: text forms and execution (issue 5).
lib_libsvs_la_SOURCES += \
	lib/odp-execute.c lib/odp-execute.h \
	lib/odp-util.c lib/odp-util.h \
	lib/odp-util-actions.c lib/odp-util-private.h



# Network devices and their providers (issue 5).
lib_libsvs_la_SOURCES += \
	lib/netdev.c lib/netdev.h lib/netdev-provider.h \
	lib/netdev-dummy.c \
	lib/netdev-linux.c lib/netdev-linux-private.h \
	lib/netdev-afxdp.c \
	lib/dp-packet-tso.c
lib_libsvs_la_CPPFLAGS += $(LIBXDP_CFLAGS) $(LIBBPF_CFLAGS)
lib_libsvs_la_LIBADD += $(LIBXDP_LIBS) $(LIBBPF_LIBS)



# The datapath interface and the userspace datapath (issue 5).
lib_libsvs_la_SOURCES += \
	lib/dpif.c lib/dpif.h lib/dpif-provider.h \
	lib/dpif-netdev.c \
	lib/dpctl.c lib/dpctl.h \
	lib/mac-learning.c lib/mac-learning.h
