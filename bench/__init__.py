"""Benchmarks: synthetic corpora of the genre, the harness behind `make bench`, its figures."""
