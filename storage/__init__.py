"""Storage: tables, migrations, the database runner and the repositories. All SQL lives here."""
