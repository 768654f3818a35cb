# utilities/: command-line tools.

# svs-appctl: unixctl client (core).
bin_PROGRAMS += utilities/svs-appctl
utilities_svs_appctl_SOURCES = utilities/svs-appctl.c
utilities_svs_appctl_LDADD = lib/libsvs.la $(JANSSON_LIBS)
dist_man_MANS += utilities/svs-appctl.8
