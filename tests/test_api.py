"""The notebook API: the few functions a user needs, from `import kg`."""

import kg


def test_top_level_api_runs_the_seed():
    store = kg.build_memory()
    rows = kg.run_named(store, "mediators", party1="pakistan").records()
    assert {r["mediatorLabel"] for r in rows} == {"Qatar", "Türkiye", "Saudi Arabia"}
    graph = kg.actor_graph(store)
    assert graph.nodes["https://w3id.org/mediation-kg/id/qatar"]["kind"] == "State"
    assert ("https://w3id.org/mediation-kg/id/qatar", "https://w3id.org/mediation-kg/id/pakistan", "mediated") in graph.edges(keys=True)
    assert "<!DOCTYPE html>" in kg.render_html(graph)[:200]


def test_every_api_name_is_its_function_even_after_the_modules_load():
    import importlib
    import inspect
    for module in {m for m in kg._API.values()}:
        importlib.import_module(module)  # loading the modules must not shadow the API names
    for name in kg._API:
        value = getattr(kg, name)
        assert callable(value) and not inspect.ismodule(value) and value.__name__ == name
