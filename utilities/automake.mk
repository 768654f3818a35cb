# utilities/: command-line tools.

# svs-appctl: unixctl client (core).
bin_PROGRAMS += utilities/svs-appctl
utilities_svs_appctl_SOURCES = utilities/svs-appctl.c
utilities_svs_appctl_LDADD = lib/libsvs.la $(JANSSON_LIBS)
dist_man_MANS += utilities/svs-appctl.8

# svs-sandbox: runs the daemons in a temporary directory (README.md).
dist_bin_SCRIPTS = utilities/svs-sandbox
dist_man_MANS += utilities/svs-sandbox.1
EXTRA_DIST += tests/sanitizers.py tests/test_svs_sandbox.py .ci/run

