"""The campaign domain: roles, content areas, codes and time rules. Pure: no I/O."""
