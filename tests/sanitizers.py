"""Pytest plugin: fails tests whose programs report sanitizer errors.

What: in a build configured with --enable-sanitizers, every svs program
(daemons, tools, test programs, fuzz targets) carries AddressSanitizer,
LeakSanitizer and UndefinedBehaviorSanitizer.  A report goes to the
program's stderr by default, where a test that discards stderr, or that
expects a failure anyway, would never notice it.  This plugin points the
sanitizers' log_path at a private directory for the whole session, so that
every report lands in a file "report.<pid>" there whatever happens to the
program's stderr, and then:

  - after each test's teardown (which includes the teardown of module- and
    session-scoped fixtures that end with that test, such as stopping a
    shared server), fails the test if a new report containing an error
    appeared, showing the reports;
  - at the end of the session, fails the run if a report appeared after
    the last test (say, from a daemon that exited late), and keeps the
    directory for inspection.

Also, in a sanitized build, tests marked "perf" (and, until they are
marked, tests whose name ends in "_perf") are skipped: they assert speed,
which sanitizers cut by a large factor.

Design: the options are appended to ASAN_OPTIONS, UBSAN_OPTIONS and
LSAN_OPTIONS in this process's environment before any test runs, so every
child inherits them (tests copy os.environ when they build a child's
environment); settings the caller already has there stay unless these
override them.  A report is attributed to the test during whose run or
teardown its file appeared.  Programs that are not sanitized, such as
Debian's Open vSwitch, ignore the variables.  In a build without
sanitizers no report ever appears and the plugin costs one directory
listing per test.

Choices:
  - handle_segv=0: a test kills a daemon with SIGSEGV on purpose (to test
    --monitor), which AddressSanitizer would turn into a report and a plain
    exit.  A real segmentation fault still kills the program, which its
    test notices.
  - With GCC, UndefinedBehaviorSanitizer lives in a library of its own
    that ignores log_path and always writes to stderr; its errors still
    end the program (configure uses -fno-sanitize-recover), but only clang
    (one runtime for all sanitizers) puts them in the report files.  CI
    therefore builds its sanitizer tree with clang.
  - Leaks are reported with the stack of the allocation.  The default
    unwinder stops at libraries built without frame pointers (jansson);
    for full stacks rerun with ASAN_OPTIONS=fast_unwind_on_malloc=0.

Thread-safety: none needed; pytest runs hooks in one thread.
"""

import os
import shutil
import tempfile

import pytest

# Text that marks a report as an error rather than a warning.
ERROR_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                 "runtime error:", "ERROR: UndefinedBehaviorSanitizer",
                 "==ERROR:")

_state = {"dir": None, "seen": set(), "late": []}


def _add_options(var, options):
    """Appends 'options' (a list of "name=value") to environment variable
    'var'.  Later settings override earlier ones, so these win."""
    old = os.environ.get(var, "")
    os.environ[var] = ":".join([o for o in [old] if o] + options)


def report_dir():
    """The directory that holds this session's sanitizer reports."""
    return _state["dir"]


def _take_new_reports():
    """Returns a list of (path, text) of the reports that appeared since
    the previous call."""
    d = _state["dir"]
    if d is None or not os.path.isdir(d):
        return []
    new = []
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if path in _state["seen"]:
            continue
        _state["seen"].add(path)
        try:
            with open(path, errors="replace") as f:
                text = f.read()
        except OSError as e:
            text = "(cannot read: %s)" % e
        new.append((path, text))
    return new


def _errors(reports):
    return [(p, t) for p, t in reports
            if any(m in t for m in ERROR_MARKERS)]


def _format(reports, limit=12000):
    out = []
    for path, text in reports:
        if len(text) > limit:
            text = text[:limit] + "\n... (truncated; see the file)\n"
        out.append("--- %s\n%s" % (path, text))
    return "\n".join(out)


def build_is_sanitized():
    """Returns true if the build directory under test ($SVS_BUILDDIR) was
    configured with --enable-sanitizers."""
    builddir = os.environ.get("SVS_BUILDDIR")
    if not builddir:
        return False
    try:
        with open(os.path.join(builddir, "Makefile")) as f:
            for line in f:
                if (line.startswith("CFLAGS =")
                        and "-fsanitize=address" in line):
                    return True
    except OSError:
        pass
    return False


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "perf: asserts speed; skipped in sanitized builds")
    d = tempfile.mkdtemp(prefix="svs-sanitizers-")
    _state["dir"] = d
    prefix = os.path.join(d, "report")
    _add_options("ASAN_OPTIONS", ["log_path=" + prefix,
                                  "detect_leaks=1",
                                  "abort_on_error=0",
                                  "handle_segv=0"])
    _add_options("UBSAN_OPTIONS", ["log_path=" + prefix,
                                   "print_stacktrace=1",
                                   "halt_on_error=1"])
    _add_options("LSAN_OPTIONS", ["log_path=" + prefix])


def pytest_collection_modifyitems(config, items):
    if not build_is_sanitized():
        return
    skip = pytest.mark.skip(reason="asserts speed; the build is sanitized")
    for item in items:
        name = getattr(item, "originalname", None) or item.name
        if item.get_closest_marker("perf") or name.endswith("_perf"):
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when != "teardown":
        return
    reports = _errors(_take_new_reports())
    if not reports:
        return
    report = outcome.get_result()
    text = ("sanitizer reported %d error(s) during this test (or the "
            "teardown of its fixtures):\n%s\n(for full allocation stacks, "
            "rerun with ASAN_OPTIONS=fast_unwind_on_malloc=0)"
            % (len(reports), _format(reports)))
    if report.passed:
        report.outcome = "failed"
        report.longrepr = text
    else:
        report.sections.append(("sanitizer reports", text))


def pytest_sessionfinish(session, exitstatus):
    late = _errors(_take_new_reports())
    _state["late"] = late
    if late and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    d = _state["dir"]
    if d and os.path.isdir(d) and not os.listdir(d):
        shutil.rmtree(d, ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    late = _state["late"]
    d = _state["dir"]
    if late:
        terminalreporter.section("sanitizer reports after the last test",
                                 red=True)
        terminalreporter.write_line(_format(late))
    if d and os.path.isdir(d) and os.listdir(d):
        terminalreporter.write_line("sanitizer reports are kept in %s" % d)
