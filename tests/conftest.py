"""Shared pytest fixtures for the svs test suite.

Programs are found in the build directory named by SVS_BUILDDIR (set by
`make check`); the source tree is SVS_SRCDIR.  Daemons always run inside a
fresh temporary sandbox directory with every path (rundir, logdir, dbdir)
pointed into it, so tests never touch the system and can run in parallel.
"""

import os
import subprocess

import pytest

# Sanitizer reports of any program fail the test that caused them
# (tests/sanitizers.py).
pytest_plugins = ["sanitizers"]

SRCDIR = os.environ.get(
    "SVS_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDDIR = os.environ.get("SVS_BUILDDIR", SRCDIR)


def pytest_addoption(parser):
    parser.addoption(
        "--shard", default=None, metavar="I/N",
        help="run only tests I, I+N, I+2N, ... of the collected ones (0 <= "
        "I < N), so that N concurrent sessions share a suite (.ci/run)")


def pytest_collection_modifyitems(config, items):
    shard = config.getoption("--shard")
    if not shard:
        return
    try:
        i, n = (int(x) for x in shard.split("/"))
    except ValueError:
        raise pytest.UsageError("--shard wants I/N, not %r" % shard)
    if not 0 <= i < n:
        raise pytest.UsageError("--shard %s: need 0 <= I < N" % shard)
    keep = items[i::n]
    kept = set(id(item) for item in keep)
    config.hook.pytest_deselected(
        items=[item for item in items if id(item) not in kept])
    items[:] = keep


def program(relpath):
    """Returns the absolute path of built program 'relpath' (e.g.
    'ovsdb/svsdb-server'), failing the test if it was not built."""
    path = os.path.join(BUILDDIR, relpath)
    if not os.path.exists(path):
        pytest.fail("%s not built (SVS_BUILDDIR=%s)" % (relpath, BUILDDIR))
    return path


def run(args, check=True, timeout=120, **kwargs):
    """Runs 'args', returning the CompletedProcess with text output."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    proc = subprocess.run(args, timeout=timeout, **kwargs)
    if check and proc.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(args), proc.returncode, proc.stdout, proc.stderr))
    return proc


@pytest.fixture
def srcdir():
    return SRCDIR


@pytest.fixture
def builddir():
    return BUILDDIR


# Database servers (tests/sandbox.py).  Every database suite runs each test
# against both implementations: "ovs" is Debian's ovsdb-server, the
# reference, and "svs" is our svsdb-server.  A missing svs program fails the
# test rather than skipping it: the suites are the specification.  While the
# server is being written, select the reference half with `-k ovs`.

import sandbox  # noqa: E402  (tests/ is on sys.path under pytest)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "details: compares the free-text \"details\" of OVSDB "
        "errors between implementations (tracked, not yet required)")


@pytest.fixture(params=sandbox.IMPLS)
def impl(request):
    """The database implementation under test: "ovs" or "svs"."""
    return request.param


@pytest.fixture
def db_server(tmp_path, impl):
    """A factory of started sandbox.DbServer instances of the current
    'impl': db_server(schemas=["types"], tcp=False, extra_args=(),
    start=True, impl=None).  Every server is stopped at teardown, even when
    the test fails."""
    factory = sandbox.ServerFactory(tmp_path, default_impl=impl)

    def make(*args, **kwargs):
        try:
            return factory(*args, **kwargs)
        except sandbox.ProgramMissing as e:
            pytest.fail(str(e))

    yield make
    factory.close()
