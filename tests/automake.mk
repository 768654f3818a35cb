# tests/: C unit-test programs and the pytest suites that drive them.
#
# `make check` builds the programs below, then runs the whole pytest suite
# with Debian's /usr/bin/python3 (which has pytest and python3-openvswitch).
# PYTEST_ARGS passes extra arguments, e.g. make check PYTEST_ARGS='-k ovsdb'.

EXTRA_DIST += tests/conftest.py tests/pytest.ini

PYTEST_ARGS ?=
check-local: $(check_PROGRAMS) $(bin_PROGRAMS) $(sbin_PROGRAMS)
	cd $(top_srcdir) && \
	SVS_BUILDDIR=$(abs_top_builddir) SVS_SRCDIR=$(abs_top_srcdir) \
	$(PYTHON3) -m pytest -c tests/pytest.ini tests $(PYTEST_ARGS)
