"""Shared pytest fixtures for the svs test suite.

Programs are found in the build directory named by SVS_BUILDDIR (set by
`make check`); the source tree is SVS_SRCDIR.  Daemons always run inside a
fresh temporary sandbox directory with every path (rundir, logdir, dbdir)
pointed into it, so tests never touch the system and can run in parallel.
"""

import os
import subprocess

import pytest

SRCDIR = os.environ.get(
    "SVS_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDDIR = os.environ.get("SVS_BUILDDIR", SRCDIR)


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
