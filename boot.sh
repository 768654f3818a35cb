#! /bin/sh
# Generates configure and the Makefile.in files from their sources.
set -e
cd "$(dirname "$0")"
autoreconf --install --force
