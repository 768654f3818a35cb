# tests/: C unit-test programs and the pytest suites that drive them.
