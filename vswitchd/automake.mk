# vswitchd/: the OpenFlow switch core (ofproto, connmgr) as a convenience
# library that svs-vswitchd and the tests link.
noinst_LTLIBRARIES += vswitchd/libofproto.la
vswitchd_libofproto_la_SOURCES = \
	vswitchd/connmgr.c vswitchd/connmgr.h \
	vswitchd/ofproto.c vswitchd/ofproto.h \
	vswitchd/ofproto-group.c \
	vswitchd/ofproto-handle.c \
	vswitchd/ofproto-private.h \
	vswitchd/ofproto-provider.h
vswitchd_libofproto_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/vswitchd \
	$(URCU_CFLAGS)
vswitchd_libofproto_la_LIBADD = lib/libsvs.la $(URCU_LIBS) -lpthread
