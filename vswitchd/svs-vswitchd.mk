# svs-vswitchd: the switch daemon (issue 5): the database side (bridge),
# the datapath side of each OpenFlow switch (ofproto-dpif, xlate), over
# the OpenFlow core of vswitchd/libofproto.la (vswitchd/automake.mk).
sbin_PROGRAMS += vswitchd/svs-vswitchd
vswitchd_svs_vswitchd_SOURCES = \
	vswitchd/bridge.c vswitchd/bridge.h \
	vswitchd/ofproto-dpif.c vswitchd/ofproto-dpif.h \
	vswitchd/ofproto-dpif-private.h \
	vswitchd/svs-vswitchd.c \
	vswitchd/xlate.c vswitchd/xlate.h
vswitchd_svs_vswitchd_CPPFLAGS = $(AM_CPPFLAGS) $(URCU_CFLAGS)
vswitchd_svs_vswitchd_LDADD = vswitchd/libofproto.la lib/libsvs.la \
	$(JANSSON_LIBS) $(URCU_LIBS)
dist_man_MANS += vswitchd/svs-vswitchd.8
