"""Validation: the ontology's SHACL shapes (ontology/shapes.ttl) checked on a build.

Owns the compiler that turns the shapes into SPARQL run on Oxigraph (``shacl``; it refuses any
SHACL construct it does not implement, so no shape is silently ignored) and the validation report
with file:line for each problem (``report``; pySHACL is kept as the tests' oracle).

May import: the base modules.
"""
