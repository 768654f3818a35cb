"""Differential tests of the database server: every transaction script in
tests/txn/ is played against a fresh Debian ovsdb-server ("ovs") and a fresh
svsdb-server ("svs"), and the normalized transcripts must be equal.

  test_txn_script[ovs-NAME]   the reference still produces the stored
                              transcript tests/txn/expected/NAME.out.json
                              (this keeps the scripts deterministic and the
                              stored outputs, which the server implementer
                              reads, current).
  test_txn_script[svs-NAME]   svsdb-server's transcript equals the
                              reference's, except for the free-text
                              "details" and "syntax" members of errors:
                              differences there are reported as warnings.
  test_txn_details[...]       (marker "details") the same comparison
                              including "details"/"syntax", to track them.

Transcripts are computed once per session and implementation.  See
tests/dbdiff.py for the script format and the normalization;
`/usr/bin/python3 tests/dbdiff.py --write NAME` regenerates a stored
reference transcript after a script changes.
"""

import difflib
import json
import traceback
import warnings

import pytest

import dbdiff
import sandbox

SCRIPTS = dbdiff.list_scripts()

_transcripts = {}


class DetailsMismatch(UserWarning):
    """The free-text "details" or "syntax" of an error differ from the
    reference's."""


def _transcript(impl, name, tmp_path_factory):
    """Returns the normalized transcript of script 'name' run by 'impl',
    computing it at most once per session."""
    key = (impl, name)
    if key not in _transcripts:
        workdir = tmp_path_factory.mktemp("txn-%s-%s" % (impl, name))
        try:
            _transcripts[key] = ("ok", dbdiff.run_fresh(impl, name, workdir))
        except sandbox.ProgramMissing as e:
            _transcripts[key] = ("fail", str(e))
        except Exception:
            _transcripts[key] = ("fail", "running %s with %s failed:\n%s" % (
                name, impl, traceback.format_exc()))
    status, value = _transcripts[key]
    if status != "ok":
        pytest.fail(value, pytrace=False)
    return value


def _reference(impl, name, tmp_path_factory):
    """The transcript 'impl' must match: the stored one for the reference
    itself, the live reference's for svs."""
    if impl == "ovs":
        expected = dbdiff.read_expected(name)
        if expected is None:
            pytest.fail("no stored transcript %s; generate it with "
                        "`/usr/bin/python3 tests/dbdiff.py --write %s`"
                        % (dbdiff.expected_path(name), name), pytrace=False)
        return expected, "stored reference transcript"
    return (_transcript("ovs", name, tmp_path_factory),
            "Debian ovsdb-server's transcript")


def _pretty(x):
    return json.dumps(x, sort_keys=True, indent=1, ensure_ascii=False)


def _step_diffs(script, expected, actual, what):
    """Returns a list of human-readable differences, one per step."""
    out = []
    if len(expected) != len(actual):
        out.append("%d steps expected, %d recorded"
                   % (len(expected), len(actual)))
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e == a:
            continue
        step = script["steps"][i]
        diff = "\n".join(difflib.unified_diff(
            _pretty(e).splitlines(), _pretty(a).splitlines(),
            what, "actual", lineterm="", n=2))
        out.append("step %d: %s\n%s" % (
            i, json.dumps(step, sort_keys=True)[:400], diff))
    return out


@pytest.mark.parametrize("name", SCRIPTS)
def test_txn_script(impl, name, tmp_path_factory):
    script = dbdiff.load_script(name)
    expected, what = _reference(impl, name, tmp_path_factory)
    actual = _transcript(impl, name, tmp_path_factory)
    exp_strict, exp_soft = dbdiff.split(expected)
    act_strict, act_soft = dbdiff.split(actual)
    diffs = _step_diffs(script, exp_strict, act_strict, what)
    if diffs:
        pytest.fail("%s (%s): transcript differs from the %s\n\n%s" % (
            name, script["comment"], what, "\n\n".join(diffs)),
            pytrace=False)
    for d in _soft_diffs(exp_soft, act_soft):
        warnings.warn(DetailsMismatch("%s[%s]: %s" % (name, impl, d)))


def _soft_diffs(expected, actual):
    out = []
    exp = dict(expected)
    act = dict(actual)
    for path in sorted(set(exp) | set(act)):
        if exp.get(path) != act.get(path):
            out.append("%s: expected %s, got %s" % (
                path, json.dumps(exp.get(path)), json.dumps(act.get(path))))
    return out


@pytest.mark.details
@pytest.mark.parametrize("name", SCRIPTS)
def test_txn_details(impl, name, tmp_path_factory):
    expected, what = _reference(impl, name, tmp_path_factory)
    actual = _transcript(impl, name, tmp_path_factory)
    diffs = _soft_diffs(dbdiff.split(expected)[1], dbdiff.split(actual)[1])
    if diffs:
        pytest.fail("%s: error details differ from the %s:\n%s"
                    % (name, what, "\n".join(diffs)), pytrace=False)


# The harness itself (no server needed).

def test_scripts_well_formed():
    """Every script has a comment, known schemas and a stored reference
    transcript with one entry per step."""
    assert len(SCRIPTS) >= 24
    for name in SCRIPTS:
        script = dbdiff.load_script(name)
        assert script["comment"].strip(), name
        for schema in script.get("schemas", dbdiff.DEFAULT_SCHEMAS):
            sandbox.schema_db_name(sandbox.schema_path(schema))
        expected = dbdiff.read_expected(name)
        assert expected is not None, "no stored transcript for %s" % name
        assert len(expected) == len(script["steps"]), name
        assert "ovs" not in name, "script names must not match -k ovs"


def test_normalize_numbers_uuids_by_first_appearance():
    u1 = "0b3c7d43-8d2c-4c8b-a1f0-3f1e2d3c4b5a"
    u2 = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
    raw = [{"reply": {"result": [{"uuid": ["uuid", u2]},
                                 {"uuid": ["uuid", u1]}],
                      "error": None, "id": 0}},
           {"reply": {"result": [{"rows": [{"_uuid": ["uuid", u1], "x": 1},
                                           {"_uuid": ["uuid", u2], "x": 2}]}],
                      "error": None, "id": 1},
            "recv": {"m": [{"method": "update", "id": None,
                            "params": ["m", {"T": {u1: {"new": {
                                "s": ["set", [["uuid", u1], ["uuid", u2]]],
                                "t": "row %s gone" % u2}}}}]}]}}]
    norm = dbdiff.normalize(raw)
    assert norm[0]["reply"]["result"] == [{"uuid": ["uuid", "<u1>"]},
                                          {"uuid": ["uuid", "<u2>"]}]
    assert norm[1]["reply"]["result"][0]["rows"] == [
        {"_uuid": ["uuid", "<u1>"], "x": 2}, {"_uuid": ["uuid", "<u2>"],
                                              "x": 1}]
    row = norm[1]["recv"]["m"][0]["params"][1]["T"]["<u2>"]["new"]
    assert row["s"] == ["set", [["uuid", "<u1>"], ["uuid", "<u2>"]]]
    assert row["t"] == "row <u1> gone"


def test_normalize_ignores_unordered_parts():
    a = [{"reply": {"result": [{"rows": [{"n": 2}, {"n": 1}]}],
                    "error": None, "id": 0}},
         {"reply": {"result": {"s": ["set", [3, 1, 2]],
                               "m": ["map", [["b", 1], ["a", 2.0]]]}}}]
    b = [{"reply": {"result": [{"rows": [{"n": 1}, {"n": 2}]}],
                    "error": None, "id": 0}},
         {"reply": {"result": {"s": ["set", [1, 2, 3]],
                               "m": ["map", [["a", 2], ["b", 1]]]}}}]
    assert dbdiff.normalize(a) == dbdiff.normalize(b)
    # Sequences whose order the protocol defines stay ordered.
    c = [{"reply": {"result": [{"count": 1}, {"count": 2}]}}]
    d = [{"reply": {"result": [{"count": 2}, {"count": 1}]}}]
    assert dbdiff.normalize(c) != dbdiff.normalize(d)


def test_split_separates_details():
    x = [{"reply": {"result": [{"error": "constraint violation",
                                "details": "x is bad",
                                "syntax": "{\"a\":1}"}]}}]
    strict, soft = dbdiff.split(x)
    assert strict == [{"reply": {"result": [{
        "error": "constraint violation", "details": "<details>",
        "syntax": "<syntax>"}]}}]
    assert sorted(v for _, v in soft if isinstance(v, str)) == ["x is bad"]
    assert {"a": 1} in [v for _, v in soft]
