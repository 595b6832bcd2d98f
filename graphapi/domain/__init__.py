"""Domain logic: plain Python over plain data, no I/O."""
