# schemas/: database schemas installed under pkgdatadir.
