"""The mediation-kg ontology, SKOS event types and SHACL shapes (Turtle files beside this one).

``kg/ontology`` is a symbolic link to this folder, so that it is the package ``kg.ontology``
both in a source checkout and in an install.
"""
