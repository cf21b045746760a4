"""Built-in Python checks (logic beyond the declarative form), bound to rules by name."""
