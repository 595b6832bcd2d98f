"""Graph store adapters behind one async interface (see base.py)."""
