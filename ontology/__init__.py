"""The mediation-kg ontology, SKOS event types and SHACL shapes (Turtle files beside this one).

This folder is installed as the package ``kg.ontology`` so that a plain install carries it.
"""
