"""Authoring: what a person (or a file) says, turned into quads, one named graph per source.

Owns the YAML reader that keeps every value's line (``yamlreader``), dates at the precision a
source gives (``dates``), the authoring format's table of sections and fields (``schema``), the
translation of authoring files into quads with every problem at file:line (``ingest``), and RDF
input files read within bounds (``rdf``).

May import: the base modules (kg.errors, limits, namespaces, files, terms, memory, vocabulary).
Nothing here knows about stores, queries or pages.
"""
