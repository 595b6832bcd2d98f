"""Ingest: policy text -> provisions -> facts -> graph."""
